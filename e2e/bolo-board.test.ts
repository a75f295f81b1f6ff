import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

// The BOLO board: a dispatcher writes a vehicle BOLO with a photo on the floor, it reaches a
// responder's field view live with the plate, the caution and the time left, and when the
// dispatcher cancels it, it leaves the unit's screen.

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
const PORTRAIT = join(import.meta.dirname, '../apps/server/test/fixtures/portrait.jpg');
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

async function open(user: SignedInClient, viewport: { width: number; height: number }, hash = '', mobile = false): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport, ...(mobile ? { isMobile: true, hasTouch: true } : {}) });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  if (hash) {
    await page.goto(`${t.url}/${hash}`);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  } else await signInPage(page, t.url, user);
  return { page, problems };
}

describe('BOLO board', () => {
  it('a dispatcher writes a vehicle BOLO with a photo; a responder sees it live; cancelled, it is gone', async () => {
    const { rows: agencies } = await t.pool.query("SELECT id FROM agencies WHERE code = 'BPD'");
    const unit = (await t.pool.query('SELECT id FROM units WHERE agency_id = $1 ORDER BY id LIMIT 1', [agencies[0].id])).rows[0];
    const responder = await t.as('responder', { agencyId: agencies[0].id, unitId: unit.id });
    const r = await open(responder, { width: 412, height: 915 }, '', true);
    await r.page.getByText('No assignment').waitFor();

    const dispatcher = await t.as('dispatcher');
    const d = await open(dispatcher, { width: 1500, height: 1000 }, '#/programs/bolos');
    await d.page.getByRole('tab', { name: 'BOLO board' }).waitFor();
    await d.page.getByLabel('Purpose of access').selectOption('Active call or incident');
    await d.page.getByRole('heading', { name: 'BOLO board' }).waitFor();
    await d.page.getByText('No active BOLOs').waitFor();
    await screenshot(d.page, 'bolo-board-empty');

    await d.page.getByRole('button', { name: 'New BOLO…' }).click();
    await d.page.getByRole('radio', { name: 'Vehicle' }).check();
    // Sending a vehicle with neither plate nor description is refused at the plate box.
    await d.page.getByLabel('Make').fill('Honda');
    await d.page.getByRole('button', { name: 'Send BOLO to all units' }).click();
    await d.page.getByText('a vehicle BOLO needs a plate or a description').first().waitFor();

    await d.page.getByLabel('Plate', { exact: true }).fill('7GHX-204');
    await d.page.getByLabel('Plate state').fill('MD');
    await d.page.getByLabel('Colour').fill('Silver');
    await d.page.getByLabel('Year').fill('2014');
    await d.page.getByLabel('Model').fill('Civic');
    await d.page.getByLabel('Direction of travel').fill('north on I-83');
    await d.page.getByLabel('Caution (e.g. armed — do not approach)').fill('Armed — do not approach');
    await d.page.getByLabel('Details for units').fill('Carjacked at gunpoint at the Shell on North Ave.');
    await d.page.getByLabel('Photo (JPEG or PNG)').setInputFiles(PORTRAIT);
    await d.page.getByAltText('Photo to be sent with the BOLO').waitFor();
    await d.page.getByRole('radio', { name: '12 h' }).check();
    expect(await axeViolations(d.page)).toEqual([]);
    await screenshot(d.page, 'bolo-board-form');
    await d.page.getByRole('button', { name: 'Send BOLO to all units' }).click();
    await d.page.getByRole('status').filter({ hasText: /BOLO #\d+ sent to every unit/ }).waitFor();
    const card = d.page.getByRole('list', { name: 'BOLOs' }).getByRole('listitem').filter({ hasText: '7GHX-204' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/11 h 5\d min left|12 h 00 min left/);
    await card.locator('img').waitFor();
    expect(await axeViolations(d.page)).toEqual([]);
    await screenshot(d.page, 'bolo-board-list');

    // The unit's screen: live, with the photo, the plate, the caution and the time left.
    const bolo = r.page.getByRole('region', { name: /BOLO/ });
    await bolo.getByText('7GHX-204', { exact: true }).waitFor();
    await bolo.locator('img').waitFor();
    const text = await bolo.textContent();
    expect(text).toContain('Armed — do not approach');
    expect(text).toContain('Silver 2014 Honda Civic');
    expect(text).toContain('north on I-83');
    expect(text).toMatch(/min left/);
    await screenshot(r.page, 'bolo-on-unit');

    // Changed on the board: the unit's copy follows.
    await card.getByRole('button', { name: /Change BOLO/ }).click();
    await d.page.getByLabel('Direction of travel').fill('west on North Ave');
    await d.page.getByRole('button', { name: 'Save and send to units' }).click();
    await d.page.getByRole('status').filter({ hasText: /changed; units have the new copy/ }).waitFor();
    await bolo.getByText('west on North Ave').waitFor();

    // Cancelled with a reason: gone from the unit and from the active board.
    await card.getByRole('button', { name: /Cancel BOLO #\d+…/ }).click();
    await d.page.getByLabel('Reason units will see').fill('Vehicle recovered, occupants in custody');
    await d.page.getByRole('button', { name: /^Cancel BOLO #\d+$/ }).click();
    await d.page.getByRole('status').filter({ hasText: /cancelled; it is off every unit's screen/ }).waitFor();
    await d.page.getByText('No active BOLOs').waitFor();
    await bolo.waitFor({ state: 'detached' });
    await screenshot(r.page, 'bolo-gone-from-unit');
    await d.page.getByLabel('Show').selectOption('cancelled');
    await d.page.getByText(/Cancelled: Vehicle recovered/).waitFor();
    await screenshot(d.page, 'bolo-board-cancelled');

    // The one refusal asked for above (a vehicle without plate or description) is the only failed request.
    expect(appProblems(d.problems)).toEqual(['error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
    expect(appProblems(r.problems)).toEqual([]);
  });
});
