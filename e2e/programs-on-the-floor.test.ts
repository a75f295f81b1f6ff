import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { ManualClock } from '../apps/server/src/scheduler/clock';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

// The community programs where they meet the 9-1-1 floor: a Help Me Home person reported missing
// from the call-taker's screen reaching units as a BOLO with the profile, and a CARE missed
// check-in in the call-taker's queue ending in a welfare check.

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
const PORTRAIT = join(import.meta.dirname, '../apps/server/test/fixtures/portrait.jpg');
let t: TestServer;
let clock: ManualClock;
let browser: Browser;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR, clock });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x));

async function signIn(user: SignedInClient, viewport = { width: 1600, height: 950 }, mobile = false): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport, ...(mobile ? { isMobile: true, hasTouch: true } : {}) });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await signInPage(page, t.url, user);
  return { page, problems };
}

describe('Help Me Home, from registration to a BOLO on a unit\'s screen', () => {
  it('an officer registers; a call-taker finds the person by description and place, reports missing; units see the BOLO and the profile', async () => {
    const officer = await t.as('community-officer');
    const o = await signIn(officer, { width: 1440, height: 900 });
    await o.page.getByRole('tab', { name: 'Help Me Home' }).click();
    await o.page.getByLabel('Purpose of access').selectOption('Program administration (review, enrolment, scheduling)');
    await o.page.getByRole('button', { name: 'Register a person…' }).click();
    await o.page.getByLabel('First name *').fill('Walter');
    await o.page.getByLabel('Last name *').fill('Greene');
    await o.page.getByLabel('Date of birth').fill('1941-05-02');
    await o.page.locator('form.hmh-form').getByLabel('Sex').selectOption('male');
    await o.page.getByLabel('Height (ft)').fill('5');
    await o.page.getByLabel('Height (in)').fill('9');
    await o.page.getByLabel('Hair').fill('grey');
    await o.page.getByLabel('Usually wears').fill('grey tweed jacket, brown flat cap');
    await o.page.getByLabel('Behaviours (where they head, what they say)').fill('Heads for his old workplace; says he is going to work');
    await o.page.getByLabel('What calms them').fill('Talk about the Orioles; call him Walt');
    await o.page.getByLabel('Photo').setInputFiles(PORTRAIT);
    await o.page.getByLabel('Home address *').fill('100 N Holliday St');
    await o.page.getByRole('button', { name: 'Add a likely destination' }).click();
    await o.page.getByRole('group', { name: 'Likely destination 1' }).getByLabel('Place').fill('Old workplace');
    await o.page.getByRole('group', { name: 'Likely destination 1' }).getByLabel('Address').fill('Lexington Market');
    await o.page.getByRole('group', { name: 'Caregiver 1' }).getByLabel('Name *').fill('Ruth Greene');
    await o.page.getByRole('group', { name: 'Caregiver 1' }).getByLabel('Phone *').fill('410-555-0142');
    await o.page.getByRole('button', { name: 'Register', exact: true }).click();
    await o.page.getByRole('status').filter({ hasText: 'Registered Walter Greene' }).waitFor();
    await o.page.getByRole('heading', { name: /Walter Greene/ }).waitFor();
    expect(await axeViolations(o.page)).toEqual([]);
    await screenshot(o.page, 'hmh-profile');
    expect(appProblems(o.problems)).toEqual([]);

    const { rows: bpd } = await t.pool.query("SELECT id FROM agencies WHERE code = 'BPD'");
    const unit = (await t.pool.query("SELECT id, call_sign FROM units WHERE agency_id = $1 ORDER BY id LIMIT 1", [bpd[0].id])).rows[0];
    const responder = await t.as('responder', { agencyId: bpd[0].id, unitId: unit.id });
    const r = await signIn(responder, { width: 412, height: 915 }, true);
    await r.page.getByText('No assignment').waitFor();

    // The call-taker: Programs, Help Me Home, describe and place, open, report missing.
    const calltaker = await t.as('call-taker');
    const c = await signIn(calltaker);
    await c.page.getByRole('combobox', { name: 'Address or place' }).waitFor();
    await c.page.getByRole('button', { name: 'Programs' }).click();
    await c.page.getByRole('tab', { name: 'Help Me Home' }).click();
    await c.page.getByLabel('Purpose of access').selectOption('Missing person search');
    await c.page.getByLabel('Description').fill('tweed cap');
    await c.page.getByLabel('Found near').fill('Lexington Market');
    await c.page.getByRole('button', { name: 'Search' }).click();
    const hit = c.page.getByRole('list', { name: 'Matches' }).getByRole('button', { name: /Walter Greene/ });
    await hit.waitFor();
    expect(await hit.textContent()).toContain('Old workplace');
    await hit.click();
    await c.page.getByRole('button', { name: 'Report missing…' }).click();
    await c.page.getByLabel('Last seen where (empty: at home)').fill('Lexington Market');
    await c.page.getByLabel('Last seen how many minutes ago').fill('40');
    await c.page.getByLabel('Wearing').fill('navy raincoat, brown flat cap');
    await screenshot(c.page, 'hmh-report-missing');
    await c.page.getByRole('button', { name: 'Report missing now' }).click();
    const done = c.page.getByRole('status').filter({ hasText: /Reported missing: incident BPD \d{4}-\d{6} created/ });
    await done.waitFor();
    expect(await axeViolations(c.page)).toEqual([]);
    await screenshot(c.page, 'hmh-reported');
    expect(appProblems(c.problems)).toEqual([]);

    // Every unit gets the BOLO, with the photo, live.
    const bolo = r.page.getByRole('region', { name: /BOLO/ });
    await bolo.getByText(/Missing: Walter Greene/).waitFor();
    await bolo.locator('img').waitFor();
    expect(await bolo.textContent()).toContain('navy raincoat');
    await screenshot(r.page, 'hmh-bolo-on-unit');
    expect(appProblems(r.problems)).toEqual([]);

    // The flyer prints.
    const inc = (await calltaker.get('/api/v1/incidents?status=open')).body.find((i: { type: string }) => i.type === 'PERMISS');
    const detail = await responder.get(`/api/v1/incidents/${inc.id}`);
    expect(detail.body.missingPersons[0].name).toContain('Walter Greene');
  });
});

describe('CARE on the call-taker\'s floor', () => {
  it('a missed check-in enters the queue and a call-taker sends the welfare check', async () => {
    // The instant of a New York wall-clock time, `days` after today (offset taken at noon that day).
    const at = (days: number, hhmm: string) => {
      const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(Date.now() + days * 86_400_000));
      const noon = new Date(`${ymd}T12:00:00Z`);
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
          .formatToParts(noon)
          .map((x) => [x.type, x.value]),
      );
      const wallMinusUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!) - noon.getTime();
      return new Date(Date.parse(`${ymd}T${hhmm}:00Z`) - wallMinusUtc);
    };
    // Enrolled at noon, after today's window: tomorrow is the first day that counts.
    clock.set(at(0, '12:00'));
    const officer = await t.as('community-officer');
    const enrol = await officer.post('/api/v1/care/enrolments', {
      personName: 'Rose Alvarez',
      phone: '410-555-0101',
      language: 'en',
      address: '1850 Orleans St',
      windowStart: '08:00',
      windowEnd: '10:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      contacts: [{ name: 'Ana Alvarez', relation: 'daughter', phone: '410-555-0102' }],
      notes: 'Key under the blue flowerpot; small dog.',
      active: true,
    });
    expect(enrol.status, JSON.stringify(enrol.body)).toBe(201);

    const calltaker = await t.as('call-taker');
    const c = await signIn(calltaker);
    await c.page.getByRole('combobox', { name: 'Address or place' }).waitFor();

    // Tomorrow's window passes without a check-in.
    for (const hhmm of ['07:00', '08:01', '10:01']) {
      clock.set(at(1, hhmm));
      await t.server.ctx.scheduler!.runOnce('care');
    }
    const row = c.page.getByRole('option', { name: /CARE.*Missed check-in · Rose Alvarez/ });
    await row.waitFor();
    await row.click();
    const panel = c.page.getByRole('region', { name: 'CARE missed check-in' });
    await panel.getByText('Key under the blue flowerpot; small dog.').waitFor();
    expect(await axeViolations(c.page)).toEqual([]);
    await screenshot(c.page, 'care-in-console-queue');
    await panel.getByRole('button', { name: 'Create welfare check now' }).click();
    await c.page.getByRole('status').filter({ hasText: 'CARE Rose Alvarez: welfare check created' }).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    const welfare = (await calltaker.get('/api/v1/incidents?status=open')).body.filter((i: { type: string }) => i.type === 'WELFARE');
    expect(welfare).toHaveLength(1);
    await c.page.getByRole('option', { name: new RegExp(welfare[0].number) }).waitFor();

    // The scheduler's own escalation later finds nothing left to do: still exactly one.
    clock.set(at(1, '11:30'));
    await t.server.ctx.scheduler!.runOnce('care');
    expect((await calltaker.get('/api/v1/incidents?status=open')).body.filter((i: { type: string }) => i.type === 'WELFARE')).toHaveLength(1);
    expect(appProblems(c.problems)).toEqual([]);
  });
});
