import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { freshAddress, publicRequest, tourRequestBody } from '../apps/server/src/modules/tours/tour-test-fixtures';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
// A request without the identity check is refused (400, shown at the field); Chromium logs it as a failed resource.
const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x) && !/status of 400/.test(x));
const PURPOSE = 'Records request from the person or their guardian';
const today = new Date().toISOString().slice(0, 10);
const POINT = { lat: 39.3185, lon: -76.6443 };

let t: TestServer;
let browser: Browser;
let supA: SignedInClient;
let supB: SignedInClient;
const ids = { notice: 0, care: 0, tour: 0 };

function weekdayIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setTime(d.getTime() + 86_400_000);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  // With the map data: a supervisor's console (kept mounted behind the Programs screen) needs it.
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR, geography: true });
  browser = await launchBrowser();
  [supA, supB] = await Promise.all([t.as('supervisor'), t.as('supervisor')]);
  const officer = await t.as('community-officer');
  // Her records in three programs, through their own public and staff routes.
  const portrait = readFileSync(join(import.meta.dirname, '../apps/server/test/fixtures/portrait.jpg')).toString('base64');
  const sn = await t.anonymous().post('/api/v1/public/special-needs', {
    language: 'en',
    person: { firstName: 'Marguerite', lastName: 'Okonkwo' },
    address: { street: '2200 Druid Park Dr', city: 'Baltimore' },
    conditions: ['mobility'],
    contacts: [{ name: 'Chidi Okonkwo', phone: '410-555-0178' }],
    submitter: { name: 'Marguerite Okonkwo', phone: '410-555-0177', email: 'marguerite.o@example.org' },
    photo: { contentType: 'image/jpeg', data: portrait },
    consent: { agreed: true, signedName: 'Marguerite Okonkwo', signedDate: today },
  });
  ids.notice = sn.body.id;
  expect((await officer.post(`/api/v1/special-needs/${ids.notice}/approve`, POINT)).status).toBe(200);
  ids.care = (await officer.post('/api/v1/care/enrolments', { personName: 'Marguerite Okonkwo', phone: '410 555 0177', address: '2200 Druid Park Dr', windowStart: '08:00', windowEnd: '10:00', contacts: [{ name: 'Chidi Okonkwo', relation: 'son', phone: '410-555-0178' }] })).body.id;
  const tour = await publicRequest(t.url, 'POST', '/api/v1/public/tours', tourRequestBody({ organisation: 'Druid Hill Seniors Club', contactName: 'Marguerite Okonkwo', email: 'marguerite.o@example.org', preferences: [{ date: weekdayIn(14), period: 'morning' }] }), freshAddress());
  ids.tour = tour.body.id;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function openPrivacy(page: Page, user: SignedInClient) {
  await page.goto(`${t.url}/#/programs/privacy`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: 'Privacy' }).waitFor();
  await page.getByLabel('Purpose of access').selectOption(PURPOSE);
  await page.getByRole('heading', { name: 'Find what the centre holds about a person' }).waitFor();
}

describe('the Privacy tab', () => {
  it('finds her records, exports them as a download, and records a deletion request', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await openPrivacy(page, supA);
    await page.getByRole('table').filter({ hasText: 'Due now' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('okonkwo marguerite');
    await page.getByLabel('Phone', { exact: true }).fill('(410) 555-0177');
    await page.getByRole('button', { name: 'Search all programs' }).click();
    await page.getByRole('status').filter({ hasText: 'records found' }).waitFor();
    for (const legend of ['Special Needs Notifications (1)', 'CARE daily check-ins (1)', 'Education tours (1)', 'Messages sent (0)']) await page.getByRole('group', { name: legend }).waitFor();
    const boxes = page.locator('.privacy-results').getByRole('checkbox');
    expect(await boxes.count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-search');

    // By e-mail too: the e-mails sent to her.
    await page.getByLabel('E-mail', { exact: true }).fill('marguerite.o@example.org');
    await page.getByRole('button', { name: 'Search all programs' }).click();
    await page.getByRole('group', { name: 'Messages sent (1)' }).waitFor();
    for (const box of await boxes.all()) await box.check();
    expect(await boxes.count()).toBe(4);

    // Nothing happens without saying how her identity was checked.
    await page.getByRole('button', { name: 'Export 4 selected' }).click();
    await page.locator('#privacy-identity-error').waitFor();
    expect(await page.getByLabel("How was the person's identity verified?").getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel("How was the person's identity verified?").fill('Photo ID seen at the front desk');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export 4 selected' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^privacy-request-\d+\.json$/);
    const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(doc.records['special-needs'][0].form.person.lastName).toBe('Okonkwo');
    expect(doc.records.care[0].enrolment.personName).toBe('Marguerite Okonkwo');
    expect(doc.records.tours[0].organisation).toBe('Druid Hill Seniors Club');
    expect(doc.cover.sources.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['Special Needs Notifications', 'CARE daily check-ins', 'Education tours', 'Messages sent']));
    await page.getByRole('status').filter({ hasText: /Export request #\d+: privacy-request-\d+\.json downloaded \(4 records\)/ }).waitFor();

    for (const box of await boxes.all()) await box.check();
    await page.getByLabel("How was the person's identity verified?").fill('Photo ID seen at the front desk');
    await page.getByRole('button', { name: 'Request deletion of 4 selected' }).click();
    await page.getByRole('status').filter({ hasText: /Deletion request #\d+ recorded for 4 records/ }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Deletion' });
    await row.getByText('Waiting for another supervisor').waitFor();
    expect(await row.getByRole('button', { name: /Complete deletion/ }).count()).toBe(0);
    await page.getByRole('row').filter({ hasText: 'Export' }).locator('.badge', { hasText: 'completed' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-requested');
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });

  it('lets a second supervisor complete the deletion, and sets retention', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await openPrivacy(page, supB);
    const row = page.getByRole('row').filter({ hasText: 'Deletion' });
    await row.getByRole('button', { name: /Complete deletion/ }).click();
    await row.getByText('Erase 4 records for good?').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-confirm');
    await row.getByRole('button', { name: 'Erase now' }).click();
    await page.getByRole('status').filter({ hasText: /Deletion request #\d+ completed: .*special-needs: .*notices 1/ }).waitFor();
    await row.locator('td', { hasText: `completed by ${supB.username}` }).waitFor();
    expect((await t.pool.query('SELECT count(*)::int AS n FROM special_needs_notices WHERE id = $1', [ids.notice])).rows[0].n).toBe(0);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM care_enrolments WHERE id = $1', [ids.care])).rows[0].n).toBe(0);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM tour_requests WHERE id = $1', [ids.tour])).rows[0].n).toBe(0);
    const cautions = await (await t.as('call-taker')).get(`/api/v1/cautions?lat=${POINT.lat}&lon=${POINT.lon}`);
    expect(cautions.body.some((c: { source: string }) => c.source === 'special-needs')).toBe(false);

    const days = page.getByLabel(/^Days for Education tours/);
    await days.fill('800');
    await page.getByRole('button', { name: 'Save 1 change' }).click();
    await page.getByRole('status').filter({ hasText: 'Retention saved: Education tours 800 days.' }).waitFor();
    expect((await t.pool.query("SELECT days FROM retention_rules WHERE rule_id = 'tours.requests'")).rows).toEqual([{ days: 800 }]);
    await page.getByRole('heading', { name: 'Retention rules' }).scrollIntoViewIfNeeded();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-done');
    const audits = (await t.pool.query("SELECT purpose FROM audit_log WHERE action IN ('privacy-search.view', 'privacy-request.view', 'privacy.export')")).rows;
    expect(audits.length).toBeGreaterThan(3);
    expect(new Set(audits.map((a) => a.purpose))).toEqual(new Set([PURPOSE]));
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });

  it('is the administrator\'s way in too, and not shown to community officers', async () => {
    const admin = await t.as('admin');
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(t.url);
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Privacy' }).waitFor();
    await page.getByLabel('Purpose of access').selectOption(PURPOSE);
    await page.getByRole('heading', { name: 'Retention rules' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-admin');
    await ctx.close();

    const officer = await t.as('community-officer');
    const octx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const opage = await octx.newPage();
    await opage.goto(`${t.url}/#/programs/privacy`);
    await opage.getByLabel('Username').fill(officer.username);
    await opage.getByLabel('Password').fill(officer.password);
    await opage.getByRole('button', { name: 'Sign in' }).click();
    await opage.getByRole('tab', { name: 'Tours' }).waitFor();
    expect(await opage.getByRole('tab', { name: 'Privacy' }).count()).toBe(0);
    await octx.close();
  });
});
