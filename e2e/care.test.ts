import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;

let t: TestServer;
let browser: Browser;
let officer: SignedInClient;

const enrolment = (personName: string, language: 'en' | 'es') => ({
  personName,
  language,
  phone: '410-555-0101',
  address: '1850 Orleans St',
  windowStart: '08:00',
  windowEnd: '10:00',
  contacts: [{ name: 'Ana Lopez', relation: 'daughter', phone: '410-555-0102' }],
  notes: 'Key under the blue flowerpot.',
});

/**
 * A check-in window that opens later today in the centre's time zone, so an enrolment made now is
 * due today ("upcoming") whatever the hour the tests run at: an enrolment made after its window
 * opened starts the next day. Close to midnight there is no later window; wait for the new day.
 */
async function windowLaterToday(timeZone = 'America/New_York'): Promise<{ windowStart: string; windowEnd: string }> {
  const minutesNow = () => {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return get('hour') * 60 + get('minute');
  };
  while (minutesNow() > 23 * 60 + 56) await new Promise((r) => setTimeout(r, 10_000));
  const start = minutesNow() + 2;
  const end = Math.min(start + 120, 23 * 60 + 59);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { windowStart: hhmm(start), windowEnd: hhmm(end) };
}

beforeAll(async () => {
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR });
  browser = await launchBrowser();
  officer = await t.as('community-officer');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function phonePage(): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  return { ctx, page, problems: watchConsole(page) };
}

const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x));

describe('public check-in page on a phone', () => {
  it('checks in by link in English: first name, one big button, a thank-you', async () => {
    const e = (await officer.post('/api/v1/care/enrolments', enrolment('Maria Lopez', 'en'))).body;
    const { ctx, page, problems } = await phonePage();
    await page.goto(e.checkInLink);
    await page.getByRole('heading', { name: 'Hello, Maria' }).waitFor();
    expect(await page.getByText('Lopez').count()).toBe(0);
    const ok = page.getByRole('button', { name: "I'm OK" });
    const box = (await ok.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(88);
    expect(box.width).toBeGreaterThan(300);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-link-en');
    await ok.click();
    await page.getByRole('status').filter({ hasText: /Thank you, Maria\. You checked in at/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-link-en-done');
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'You already checked in today' }).waitFor();
    expect(await page.getByRole('button', { name: "I'm OK" }).count()).toBe(0);
    const board = (await officer.get('/api/v1/care/today')).body;
    expect(board.entries.find((x: any) => x.enrolmentId === e.id)).toMatchObject({ state: 'checked-in', checkedInVia: 'link' });
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });

  it('opens in Spanish for a senior enrolled in Spanish, and switches language', async () => {
    const e = (await officer.post('/api/v1/care/enrolments', enrolment('Carmen Ruiz', 'es'))).body;
    const { ctx, page, problems } = await phonePage();
    await page.goto(e.checkInLink);
    await page.getByRole('heading', { name: 'Hola, Carmen' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-link-es');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Hello, Carmen' }).waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Estoy bien' }).click();
    await page.getByRole('status').filter({ hasText: /Gracias, Carmen\. Se reportó a las/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-link-es-done');
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });

  it('checks in with the 6-digit code at /care, naming a wrong code in the page language', async () => {
    const e = (await officer.post('/api/v1/care/enrolments', enrolment('Code Person', 'en'))).body;
    const { ctx, page, problems } = await phonePage();
    await page.goto(`${t.url}/care?lang=es`);
    await page.getByLabel('Su código').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    const wrong = e.checkInCode === '000000' ? '000001' : '000000';
    await page.getByLabel('Your check-in code').fill(wrong);
    await page.getByRole('button', { name: "I'm OK" }).click();
    await page.getByRole('alert').filter({ hasText: 'We could not find that code' }).waitFor();
    expect(await page.getByLabel('Your check-in code').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-code-wrong');
    await page.getByLabel('Your check-in code').fill(e.checkInCode);
    await page.getByRole('button', { name: "I'm OK" }).click();
    await page.getByRole('status').filter({ hasText: /Thank you\. You checked in at/ }).waitFor();
    await screenshot(page, 'care-code-done');
    // The wrong code was refused with 422, which the browser logs as a failed request; nothing else.
    expect(appProblems(problems).filter((p) => !/status of 422/.test(p))).toEqual([]);
    await ctx.close();
  });
});

describe('staff dashboard', () => {
  it("shows today's check-ins, records a phone check-in and enrols from the form", async () => {
    const waiting = (await officer.post('/api/v1/care/enrolments', { ...enrolment('Walter Waits', 'en'), ...(await windowLaterToday()) })).body;
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(t.url);
    await page.getByLabel('Username').fill(officer.username);
    await page.getByLabel('Password').fill(officer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'CARE check-ins' }).click();
    await page.getByLabel('Purpose of access').selectOption({ index: 1 });
    const board = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Status' }) });
    const maria = board.getByRole('row').filter({ hasText: 'Maria Lopez' });
    await maria.getByText('Checked in', { exact: true }).waitFor();
    expect(await maria.textContent()).toMatch(/checked in \d\d:\d\d by link/);
    expect(await board.getByRole('row').filter({ hasText: 'Code Person' }).textContent()).toMatch(/with the code/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-dashboard');

    const walter = board.getByRole('row').filter({ hasText: 'Walter Waits' });
    await walter.getByRole('button', { name: /Checked in by phone\W+Walter Waits/ }).click();
    await page.getByRole('status').filter({ hasText: 'Walter Waits: checked in by phone call.' }).waitFor();
    await walter.getByText(`by phone call (${officer.username})`).waitFor();
    expect((await officer.get('/api/v1/care/today')).body.entries.find((x: any) => x.enrolmentId === waiting.id).checkedInVia).toBe('staff');

    // The enrolment form: the server's message lands next to the field it names.
    await page.getByLabel('Name', { exact: true }).fill('Form Filled');
    await page.getByLabel('Address').fill('2 E Lombard St');
    await page.getByLabel('Contact 1 name').fill('Nina Filled');
    await page.getByLabel('Relation').fill('niece');
    await page.getByLabel('Phone', { exact: true }).fill('not a phone');
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not enrolled' }).waitFor();
    expect(await page.getByLabel('Phone', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Phone', { exact: true }).fill('410-555-0199');
    await page.getByRole('button', { name: 'Enrol' }).click();
    const created = page.getByRole('status').filter({ hasText: 'Form Filled is enrolled.' });
    await created.waitFor();
    expect(await created.textContent()).toMatch(/check-in code \d{6}/);
    await board.getByRole('row').filter({ hasText: 'Form Filled' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-dashboard-enrolled');

    // The whole record opens with the purpose chosen above, and the read is audited with it.
    await page.getByRole('button', { name: /Open record\W+of Maria Lopez/ }).click();
    const record = page.getByRole('region', { name: 'Maria Lopez' });
    await record.getByText('Key under the blue flowerpot.').waitFor();
    const purpose = await page.getByLabel('Purpose of access').inputValue();
    const { rows } = await t.pool.query("SELECT purpose FROM audit_log WHERE action = 'care.view' AND actor_label = $1", [officer.username]);
    expect(rows.map((r) => r.purpose)).toContain(purpose);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'care-dashboard-light');
    expect(appProblems(problems).filter((p) => !/status of 400/.test(p))).toEqual([]);
    await ctx.close();
  }, 300_000); // may wait out the last minutes of a day for a window that opens later today
});
