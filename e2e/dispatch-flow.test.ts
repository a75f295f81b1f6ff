import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { ARTIFACTS, launchBrowser, screenshot, watchConsole } from './helpers/browser';

// Chromium's software GL in headless mode reports its own stalls; they are not the app's.
const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;

let t: TestServer;
let browser: Browser;
let calltaker: SignedInClient;
let dispatcher: SignedInClient;
let responder: SignedInClient;

/** Counts every key the user presses, the way the keystroke goal is measured. */
class Keyboard {
  count = 0;
  constructor(private readonly page: Page) {}
  async press(key: string) {
    this.count++;
    await this.page.keyboard.press(key);
  }
  async type(text: string) {
    this.count += text.length;
    await this.page.keyboard.type(text, { delay: 15 });
  }
}

async function signIn(ctx: BrowserContext, user: SignedInClient, viewport = { width: 1600, height: 950 }): Promise<{ page: Page; problems: string[] }> {
  const page = await ctx.newPage();
  await page.setViewportSize(viewport);
  const problems = watchConsole(page);
  await page.goto(t.url);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, problems };
}

beforeAll(async () => {
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  calltaker = await t.as('call-taker');
  dispatcher = await t.as('dispatcher');
  const e23 = (await dispatcher.get('/api/v1/units/E-23')).body;
  responder = await t.as('responder', { agencyId: e23.agencyId, unitId: e23.id });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a structure fire from call to close', () => {
  it('is taken by keyboard, dispatched with one key, worked from the field and closed, with every screen in step', async () => {
    const ctTx = await browser.newContext();
    const dsTx = await browser.newContext();
    const rsTx = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true, permissions: ['geolocation'], geolocation: { latitude: 39.2893, longitude: -76.6213 } });

    const opened = Date.now();
    const ds = await signIn(dsTx, dispatcher);
    await ds.page.waitForSelector('.map-canvas[data-ready="true"]');
    await ds.page.waitForFunction(() => Number(document.querySelector('.map-canvas')?.getAttribute('data-units')) >= 150);
    const mapReadyMs = Date.now() - opened;

    const rs = await signIn(rsTx, responder, { width: 412, height: 915 });
    await rs.page.getByText('No assignment').waitFor();
    await screenshot(rs.page, 'field-idle');

    const ct = await signIn(ctTx, calltaker);
    await ct.page.getByRole('combobox', { name: 'Address or place' }).waitFor();
    const keys = new Keyboard(ct.page);
    // New call, address with a typo, first suggestion, type by code prefix, create.
    await keys.press('F2');
    await keys.type('20 s eutw');
    await ct.page.getByRole('option', { name: /20 S EUTAW ST/ }).first().waitFor();
    await keys.press('Enter');
    await ct.page.getByText('20 S EUTAW ST').first().waitFor();
    await keys.type('fst');
    await ct.page.getByRole('option', { name: /FSTRU/ }).waitFor();
    await keys.press('Enter');
    await screenshot(ct.page, 'intake-filled');
    await keys.press('Enter');
    await ct.page.getByRole('status').filter({ hasText: /created: Fire Structure, P1/ }).waitFor();
    const number = /(\d{4}-\d{6})/.exec((await ct.page.getByRole('status').filter({ hasText: /created/ }).textContent())!)![1]!;
    await screenshot(ct.page, 'intake-created');

    // The dispatcher's console shows it live; F4, Enter, F6 sends the recommended units.
    const dk = new Keyboard(ds.page);
    await ds.page.getByRole('option', { name: new RegExp(number) }).waitFor();
    await screenshot(ds.page, 'console-pending');
    await dk.press('F4');
    await dk.press('Enter');
    const send = ds.page.getByRole('button', { name: /^Dispatch E-23 .* \(F6\)$/ });
    await send.waitFor();
    await screenshot(ds.page, 'console-recommendation');
    await dk.press('F6');
    await ds.page.getByRole('status').filter({ hasText: new RegExp(`${number}: dispatched`) }).waitFor();
    const totalKeys = keys.count + dk.count;

    // The responder's phone receives it, goes en route and on scene with one tap each.
    await rs.page.getByRole('alert').filter({ hasText: `New dispatch: ${number}` }).waitFor();
    await rs.page.getByText('20 S EUTAW ST').first().waitFor();
    await screenshot(rs.page, 'field-dispatched');
    await rs.page.getByRole('button', { name: 'En route' }).click();
    await rs.page.locator('.mdt-top .chip', { hasText: 'EnRoute' }).waitFor();
    await rs.page.getByRole('button', { name: 'On scene' }).click();
    await rs.page.locator('.mdt-top .chip', { hasText: 'OnScene' }).waitFor();
    await screenshot(rs.page, 'field-on-scene');

    // The dispatcher sees both changes live, without a reload.
    await ds.page.locator('.times tr', { hasText: 'E-23' }).locator('.chip', { hasText: 'OnScene' }).waitFor();
    await ds.page.locator('.panel.detail h2 .st', { hasText: 'OnScene' }).waitFor();
    await screenshot(ds.page, 'console-on-scene');

    // Close with a disposition from the command line.
    await ds.page.keyboard.press('F3');
    await ds.page.keyboard.type('close 23');
    await ds.page.keyboard.press('Enter');
    await ds.page.getByRole('status').filter({ hasText: `${number} closed (23)` }).waitFor();
    await rs.page.getByText('No assignment').waitFor();
    const detail = (await dispatcher.get(`/api/v1/incidents?status=closed&number=${number}`)).body[0];
    expect(detail).toMatchObject({ status: 'Closed', disposition: '23' });
    const full = (await dispatcher.get(`/api/v1/incidents/${detail.id}`)).body;
    const e23 = full.assignmentHistory.find((a: { callSign: string }) => a.callSign === 'E-23');
    expect(e23.enrouteAt).not.toBeNull();
    expect(e23.onsceneAt).not.toBeNull();
    await screenshot(ds.page, 'console-closed');

    for (const p of [ct, ds, rs]) expect(p.problems.filter((x) => !ENVIRONMENT_NOISE.test(x))).toEqual([]);
    expect(totalKeys).toBeLessThanOrEqual(25);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'measurements.json'), JSON.stringify({ keystrokesNewCallToDispatched: totalKeys, callTakerKeys: keys.count, dispatcherKeys: dk.count, consoleOpenToMapWithRosterMs: mapReadyMs }, null, 2));
    await Promise.all([ctTx.close(), dsTx.close(), rsTx.close()]);
  });
});
