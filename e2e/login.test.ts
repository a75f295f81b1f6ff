import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';

let t: TestServer;
let browser: Browser;
let user: SignedInClient;

beforeAll(async () => {
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR, geography: true });
  user = await t.as('dispatcher');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('sign-in page', () => {
  it('signs a dispatcher in by keyboard, opens the console, and updates it from the stream', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchConsole(page);
    await page.goto(t.url);
    await page.getByLabel('Username').waitFor();
    await screenshot(page, 'login');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: /wrong username or password/i }).waitFor();
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const created = await user.post('/api/v1/incidents', { type: 'FSTRU', location: { text: '15 S Eutaw St' } });
    await page.getByRole('option', { name: new RegExp(created.body.number) }).waitFor();
    await page.getByText(`${created.body.number} created`).waitFor();
    await screenshot(page, 'console-after-sign-in');
    // The one expected problem: the browser logs the 401 answer to the wrong password on purpose above.
    expect(problems.filter((p) => !/GL Driver Message|GPU stall|WebGL/.test(p) && !/status of 401/.test(p))).toEqual([]);
    await page.close();
  });

  it('shows the lock screen after the idle limit and unlocks with the password', async () => {
    const page = await browser.newPage();
    await page.goto(t.url);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await t.pool.query("UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = $1", [user.userId]);
    await page.reload();
    await page.getByRole('heading', { name: 'Session locked' }).waitFor();
    await screenshot(page, 'lock-screen');
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.close();
  });
});
