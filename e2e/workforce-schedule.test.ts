import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestServer, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { addMember, clearDemoRoster } from '../apps/server/src/modules/rosters/roster-test-fixtures';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

let t: TestServer;
let browser: Browser;
const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|Download the React DevTools/;

const local = new Date();
const MONTH = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
const FIRST = `${MONTH}-01`;

// An imported history: the 56 days before this month, 60 calls between 10:00 and 11:00 each day
// (handled for 240 s) and 4 an hour otherwise. 10:00 needs 8 call-takers; the roster has 3.
async function importHistory(): Promise<void> {
  await t.pool.query("INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone) VALUES ('county', 'County CAD history', 'test', '{}', 'America/New_York')");
  await t.pool.query(
    `INSERT INTO stat_calls (dataset, source_id, presented_at, answered_at, released_at)
     SELECT 'county', 'c' || row_number() OVER (), p, p + interval '5 s', p + interval '245 s'
       FROM generate_series($1::date - 56, $1::date - 1, interval '1 day') AS d,
            LATERAL (SELECT ((d::date + time '10:00') AT TIME ZONE 'America/New_York') + m * interval '1 minute' AS p FROM generate_series(0, 59) m
                     UNION ALL SELECT ((d::date + make_time(h, 30, 0)) AT TIME ZONE 'America/New_York') + q * interval '1 minute' FROM generate_series(0, 23) h, generate_series(0, 3) q WHERE h <> 10) s`,
    [FIRST],
  );
}

beforeAll(async () => {
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR, geography: true });
  await clearDemoRoster(t.pool);
  await importHistory();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('workforce schedule', () => {
  it('a supervisor builds a Pitman schedule for four teams, sees the month, a gap from leave, cover, and the gaps against the forecast', async () => {
    const sup = await t.as('supervisor');
    // Teams of six, as the floor needs them; the last call-taker of team D is added on screen.
    const shape = ['supervisor', 'call-taker', 'call-taker', 'call-taker', 'police-dispatch', 'fire-ems-dispatch'] as const;
    let leaveTaker = 0;
    for (const team of ['A', 'B', 'C', 'D'] as const) {
      for (const [i, position] of shape.entries()) {
        if (team === 'D' && i === 3) continue;
        const id = await addMember(sup, { name: `${team}${i} ${position === 'supervisor' ? 'Sup' : position === 'call-taker' ? 'Taker' : 'Disp'}`, team, position, hiredOn: `20${10 + i}-0${1 + (i % 9)}-01` });
        if (team === 'A' && i === 1) leaveTaker = id;
      }
    }
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`); });
    await signInPage(page, t.url, sup);
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await page.getByRole('tab', { name: 'Schedule' }).click();
    await page.getByRole('heading', { name: 'Rotation and teams' }).waitFor();

    const add = page.getByRole('form', { name: 'Add a team member' });
    await add.getByLabel('New member').fill('D3 Taker');
    await add.getByLabel('Team').selectOption('D');
    await add.getByLabel('Position').selectOption('call-taker');
    await add.getByRole('button', { name: 'Add' }).click();
    await page.locator('.schedule-team', { hasText: 'Team D' }).getByText('D3 Taker').waitFor();

    await page.getByLabel('Pattern').selectOption('pitman');
    await page.getByLabel('Starting').fill(FIRST);
    await page.getByRole('button', { name: 'Apply to teams A-D' }).click();
    await page.getByText(`Teams A-D are on Pitman 2-2-3 (14 days) from ${FIRST}.`).waitFor();
    await page.getByText(/\d+ shifts · 0 on leave · minimum staffing met every hour/).waitFor();
    // The first of the month: team A's days, team C's nights.
    const firstCell = page.locator('.schedule-grid td', { has: page.locator('.day-no', { hasText: /^1$/ }) });
    await expect.poll(() => firstCell.innerText()).toMatch(/D\s+A[\s\S]*N\s+C/);

    // A's call-taker asks for leave on the 1st; the supervisor approves it on screen and the day shows its gap.
    expect((await sup.post('/api/v1/rosters/leave', { staffId: leaveTaker, from: FIRST, to: FIRST, kind: 'annual' })).status).toBe(201);
    await page.getByRole('tab', { name: 'Staffing now' }).click();
    await page.getByRole('tab', { name: 'Schedule' }).click();
    await page.getByText(/annual leave/).waitFor();
    await page.getByRole('button', { name: 'Approve' }).first().click();
    const short = page.getByRole('button', { name: `Short Call-taker 12 h on ${FIRST}: find cover` });
    await short.waitFor();
    await short.click();
    await page.getByRole('cell', { name: 'B1 Taker', exact: true }).waitFor();
    await screenshot(page, 'workforce-schedule-month');
    expect(await axeViolations(page)).toEqual([]);
    const firstOffer = page.locator('table', { hasText: 'Overtime, 90 days' }).getByRole('button').first();
    const offered = (await firstOffer.innerText()).replace(/^Book /, '');
    await firstOffer.click();
    await page.getByText(`${offered} booked for ${FIRST} day.`).waitFor();
    await expect.poll(() => page.getByRole('button', { name: new RegExp(`on ${FIRST}: find cover`) }).count()).toBe(0);

    // The forecast from the imported history against this month's roster.
    await page.getByLabel('Call history').selectOption('county');
    await page.getByRole('button', { name: 'Compare with the roster' }).click();
    const summary = page.getByText(/calls over 8 weeks · handling time 240 s \(from the calls\)/);
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(new RegExp(`\\d+ of \\d+ hours in ${MONTH} short of call-takers`));
    const gaps = page.locator('table.forecast-gaps tbody tr');
    await expect.poll(() => gaps.count()).toBeGreaterThan(0);
    expect((await gaps.first().innerText()).split(/\s+/)).toEqual([FIRST, '10:00', '8', '3', '5']);
    await page.getByRole('img', { name: /Call-takers needed \(bars\) and scheduled \(line\)/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'workforce-schedule-forecast');
    expect(await axeViolations(page)).toEqual([]);

    // Live staffing: the supervisor takes the supervisor position and is counted there.
    await page.getByRole('tab', { name: 'Staffing now' }).click();
    await page.getByRole('heading', { name: 'Staffing now' }).waitFor();
    await page.getByRole('combobox', { name: 'Position' }).selectOption('supervisor');
    await expect.poll(async () => page.locator('.schedule-live tr', { hasText: 'Supervisor' }).innerText(), { timeout: 30_000 }).toMatch(/met/);
    await screenshot(page, 'workforce-staffing-now');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p))).toEqual([]);
    await ctx.close();
  });
});
