import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

// A public alert from draft to cancel: one supervisor drafts an AMBER alert against the DOJ
// criteria, a second approves it, the public sees it on the alerts page and in the Atom feed, and
// the cancel takes it down.

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
const PORTRAIT = join(import.meta.dirname, '../apps/server/test/fixtures/portrait.jpg');
const HEADLINE = 'AMBER ALERT: 7-year-old Maya Lee taken near Patterson Park';
let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x));

async function openAlerts(user: SignedInClient): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await page.goto(`${t.url}/#/programs/alerts`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: 'Public alerts' }).waitFor();
  await page.getByLabel('Purpose of access').selectOption('Active call or incident');
  await page.getByRole('heading', { name: 'Public alerts' }).waitFor();
  return { page, problems };
}

describe('public alerts', () => {
  it('drafted by one supervisor, approved by another, shown to the public and in the feed, then cancelled', async () => {
    const [drafter, approver] = await Promise.all([t.as('supervisor'), t.as('supervisor')]);
    const incident = (await drafter.post('/api/v1/incidents', { type: 'ABDUCTNF', location: { text: 'Patterson Park', lat: 39.2895, lon: -76.5795 } })).body;
    expect(incident.id).toBeGreaterThan(0);
    const d = await openAlerts(drafter);
    await d.page.getByLabel('New alert').selectOption('amber');
    await d.page.getByRole('button', { name: 'Start draft' }).click();
    await d.page.getByRole('heading', { name: /AMBER \(child abduction\) — draft #\d+/ }).waitFor();

    // Sending with criteria open is refused, naming what is open.
    await d.page.getByRole('button', { name: 'Send for approval' }).click();
    await d.page.getByText(/answer every criterion first/).first().waitFor();

    for (const q of ['Law enforcement believes an abduction has occurred', 'The child is 17 years old or younger', 'The child is believed to be in imminent danger of serious bodily injury or death', 'There is enough descriptive information about the child and the abduction for the public to help', 'The child has been entered into NCIC (flagged as a child abduction)']) {
      await d.page.getByRole('radiogroup', { name: q }).getByLabel('yes').check();
    }
    // Linked to the incident being worked: the area starts where it is.
    await d.page.getByLabel('Linked incident').selectOption({ label: `${incident.agencyCode} ${incident.number} — ${incident.typeName}, Patterson Park` });
    expect(await d.page.getByLabel('Circle centre latitude').inputValue()).toBe('39.2895');
    await d.page.getByLabel('Headline').fill(HEADLINE);
    await d.page.getByLabel('Description').fill('Maya Lee, 7, 4 ft, black hair in braids, pink jacket. Taken by a man in a grey 2012 Honda Civic.');
    await d.page.getByLabel('What the public should do').fill('If you see the child or the car, call 9-1-1. Do not approach.');
    await d.page.getByLabel('Vehicle').fill('grey 2012 Honda Civic, MD 1AB2345');
    await d.page.getByLabel('Photo to publish (optional)').setInputFiles(PORTRAIT);
    await d.page.getByRole('img', { name: 'Photo that will be published with the alert' }).waitFor();
    const wea = d.page.getByLabel('WEA text (every phone)');
    await wea.fill('x'.repeat(95));
    await d.page.getByText('95 / 90 characters — 5 too many').waitFor();
    await wea.fill('AMBER Alert: Baltimore child taken, grey Honda Civic MD 1AB2345. Call 911');
    await d.page.getByLabel('WEA long text (newer phones)').fill('AMBER Alert: Maya Lee, 7, taken near Patterson Park, Baltimore, by a man in a grey 2012 Honda Civic, Maryland plate 1AB2345. If seen call 9-1-1.');
    await d.page.getByLabel('Area in words').fill('Baltimore City');
    await d.page.getByLabel('radius (km)').fill('8');
    await d.page.getByLabel('SAME county codes (six digits, e.g. 024510)').fill('024510');
    await d.page.getByRole('heading', { name: /draft #\d+/ }).scrollIntoViewIfNeeded();
    expect(await d.page.getByText(/answer every criterion first/).count()).toBe(0);
    await screenshot(d.page, 'alerts-composer-top');
    await d.page.getByText('Preview CAP message').click();
    await d.page.getByLabel('CAP XML').filter({ hasText: 'IPAWSv1.0' }).waitFor();
    await screenshot(d.page, 'alerts-composer');
    expect(await axeViolations(d.page)).toEqual([]);
    await d.page.getByRole('button', { name: 'Send for approval' }).click();
    await d.page.getByRole('heading', { name: /— Awaiting approval/ }).waitFor();
    await d.page.getByText('You drafted it, so you cannot approve it').waitFor();
    expect(await d.page.getByRole('button', { name: 'Approve and issue' }).count()).toBe(0);
    // The one refusal above (criteria still open) is expected; nothing else may go wrong.
    expect(appProblems(d.problems).filter((x) => !/status of 422/.test(x))).toEqual([]);

    // The second supervisor approves.
    const a = await openAlerts(approver);
    await a.page.getByRole('button', { name: new RegExp(HEADLINE) }).click();
    await a.page.getByRole('button', { name: 'Approve and issue' }).waitFor();
    await screenshot(a.page, 'alerts-approval');
    expect(await axeViolations(a.page)).toEqual([]);
    await a.page.getByRole('button', { name: 'Approve and issue' }).click();
    await a.page.getByRole('heading', { name: /— Issued$/ }).waitFor();
    await a.page.getByRole('link', { name: 'Public CAP message' }).waitFor();
    expect(appProblems(a.problems)).toEqual([]);

    // The public, on a phone, in Spanish too.
    const pctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const pub = await pctx.newPage();
    const pubProblems = watchConsole(pub);
    await pub.goto(`${t.url}/alerts`);
    await pub.getByRole('heading', { name: HEADLINE }).waitFor();
    expect(await pub.getByRole('link', { name: 'Call 9-1-1' }).getAttribute('href')).toBe('tel:911');
    await pub.getByRole('img', { name: `Photo: ${HEADLINE}` }).waitFor();
    expect(await pub.getByRole('img', { name: `Photo: ${HEADLINE}` }).evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    await screenshot(pub, 'alerts-public-en');
    expect(await axeViolations(pub)).toEqual([]);
    await pub.getByRole('button', { name: 'Español' }).click();
    await pub.getByRole('heading', { name: 'Alertas activas' }).waitFor();
    await screenshot(pub, 'alerts-public-es');
    const capHref = await pub.getByRole('link', { name: 'Mensaje de alerta (CAP)' }).getAttribute('href');
    const cap = await fetch(capHref!).then((r) => r.text());
    expect(cap).toContain('<msgType>Alert</msgType>');
    const atom = await fetch(`${t.url}/api/v1/public/alerts.atom`).then((r) => r.text());
    expect(atom).toContain(HEADLINE);
    expect(atom).toContain(capHref!);
    expect(appProblems(pubProblems)).toEqual([]);

    // Cancel: a CAP Cancel, and the public page empties.
    await a.page.getByLabel('Reason (to send back, withdraw or cancel)').fill('Child found safe');
    await a.page.getByRole('button', { name: 'Cancel alert (CAP Cancel)' }).click();
    await a.page.getByRole('heading', { name: /— Cancelled$/ }).waitFor();
    await screenshot(a.page, 'alerts-cancelled');
    expect(await fetch(capHref!).then((r) => r.text())).toContain('<msgType>Cancel</msgType>');
    await pub.reload();
    await pub.getByText('No hay alertas activas en este momento.').waitFor();
    expect(await fetch(`${t.url}/api/v1/public/alerts.atom`).then((r) => r.text())).not.toContain(HEADLINE);
  });
});
