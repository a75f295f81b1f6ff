import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
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

async function open(ctx: BrowserContext, user: SignedInClient, viewport = { width: 1600, height: 950 }): Promise<{ page: Page; problems: string[] }> {
  const page = await ctx.newPage();
  await page.setViewportSize(viewport);
  const problems = watchConsole(page);
  await page.goto(t.url);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, problems };
}

const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x));

/** Cuts every open stream socket from the server side (Chromium's offline mode keeps open sockets). */
function dropSockets(): void {
  const wss = (t.server.app as unknown as { websocketServer: { clients: Set<{ terminate(): void }> } }).websocketServer;
  for (const ws of wss.clients) ws.terminate();
}

describe('dispatcher console', () => {
  it('meets WCAG 2.1 AA (axe-core) on the sign-in page and the console, dark and light', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(t.url);
    await page.getByLabel('Username').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const d = await t.as('dispatcher');
    const c = await open(ctx, d);
    await c.page.waitForSelector('.map-canvas[data-ready="true"]');
    await c.page.getByRole('combobox', { name: 'Address or place' }).waitFor();
    expect(await axeViolations(c.page)).toEqual([]);
    await c.page.getByRole('button', { name: 'Light' }).click();
    await c.page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await screenshot(c.page, 'console-light');
    expect(await axeViolations(c.page)).toEqual([]);
    await c.page.getByRole('button', { name: 'Dark' }).click();
    expect(appProblems(c.problems)).toEqual([]);
    await ctx.close();
  });

  it('shows a reconnect state and, back online, applies what it missed exactly once without a reload', async () => {
    const d = await t.as('dispatcher');
    const ctx = await browser.newContext();
    const c = await open(ctx, d);
    await c.page.locator('.conn', { hasText: 'Live' }).waitFor();
    const marker = await c.page.evaluate(() => (window as unknown as { __marker?: number }).__marker = 42);
    // A lost network: the browser cannot connect, and the server sees the socket drop.
    await ctx.setOffline(true);
    dropSockets();
    await c.page.locator('.conn', { hasText: 'Reconnecting' }).waitFor();
    await c.page.getByRole('alert').filter({ hasText: 'Connection lost' }).waitFor();
    await screenshot(c.page, 'console-reconnecting');
    const made: string[] = [];
    for (const type of ['LARCENY', 'NOISE', 'FALL']) {
      const i = (await d.post('/api/v1/incidents', { type, location: { text: '1 E Pratt St', lat: 39.2864, lon: -76.6148, verified: true } })).body;
      made.push(`${i.agencyCode} ${i.number}`);
    }
    await ctx.setOffline(false);
    await c.page.locator('.conn', { hasText: 'Live' }).waitFor({ timeout: 30_000 });
    for (const n of made) await c.page.getByRole('option', { name: new RegExp(n) }).waitFor();
    for (const n of made) expect(await c.page.getByRole('option', { name: new RegExp(n) }).count()).toBe(1);
    expect(await c.page.locator('.feed li', { hasText: `${made[0]} created` }).count()).toBe(1);
    expect(await c.page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(marker); // same page: no reload
    expect(appProblems(c.problems).filter((p) => !/ERR_INTERNET_DISCONNECTED|WebSocket|net::/.test(p))).toEqual([]);
    await ctx.close();
  });

  it('raises a timer for an incident left waiting, sounds and flashes it, and F12 acknowledges it', async () => {
    const d = await t.as('dispatcher');
    const inc = (await d.post('/api/v1/incidents', { type: 'SHOOT', location: { text: '500 W Baltimore St', lat: 39.2894, lon: -76.6235, verified: true } })).body;
    await t.pool.query("UPDATE incidents SET created_at = now() - interval '3 minutes' WHERE id = $1", [inc.id]);
    const ctx = await browser.newContext();
    const c = await open(ctx, d);
    const alert = c.page.locator('.alert', { hasText: `${inc.number} P1` });
    await alert.waitFor();
    expect(await alert.getAttribute('class')).toContain('flash');
    await screenshot(c.page, 'console-timer');
    await c.page.keyboard.press('F12');
    await c.page.locator('.alert.acked', { hasText: inc.number }).waitFor();
    await d.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '10' });
    await ctx.close();
  });

  it('runs every action from the command line and from its button', async () => {
    const d = await t.as('dispatcher');
    const inc = (await d.post('/api/v1/incidents', { type: 'FIGHT', location: { text: '1800 Orleans St', lat: 39.2965, lon: -76.5927, verified: true } })).body;
    const ctx = await browser.newContext();
    const c = await open(ctx, d);
    const run = async (line: string) => {
      await c.page.keyboard.press('F3');
      await c.page.keyboard.type(line);
      await c.page.keyboard.press('Enter');
    };
    await c.page.getByRole('option', { name: new RegExp(inc.number) }).waitFor();
    await run(`sel ${inc.number.slice(-3)}`);
    await c.page.locator('.panel.detail h2', { hasText: inc.number }).waitFor();
    await run('d ED-11 ED-12');
    await c.page.locator('.times tr', { hasText: 'ED-11' }).waitFor();
    await run('er ED-11');
    await run('os ED-11');
    await c.page.locator('.times tr', { hasText: 'ED-11' }).locator('.chip', { hasText: 'OnScene' }).waitFor();
    await c.page.locator('.times tr', { hasText: 'ED-12' }).getByRole('button', { name: 'OS' }).click();
    await c.page.locator('.times tr', { hasText: 'ED-12' }).locator('.chip', { hasText: 'OnScene' }).waitFor();
    await run('n two parties separated, one refusing treatment');
    await c.page.locator('.narrative li', { hasText: 'two parties separated' }).waitFor();
    await run('pri 3');
    await c.page.locator('.panel.detail h2 .pri-badge', { hasText: 'P3' }).waitFor();
    await run('bogus');
    await c.page.getByRole('status').filter({ hasText: 'unknown command "bogus"' }).waitFor();
    await c.page.keyboard.press('F11');
    await c.page.getByLabel('Disposition').selectOption('05');
    await c.page.getByRole('button', { name: 'Close incident' }).click();
    await c.page.getByRole('status').filter({ hasText: `${inc.number} closed (05)` }).waitFor();
    const units = (await d.get('/api/v1/units?agencyId=1')).body as { callSign: string; status: string }[];
    expect(units.find((u) => u.callSign === 'ED-11')!.status).toBe('Cleared');
    expect(appProblems(c.problems)).toEqual([]);
    await ctx.close();
  });
});

describe('field unit view', () => {
  it('queues status presses made offline and sends them in order when the connection returns', async () => {
    const d = await t.as('dispatcher');
    const m5 = (await d.get('/api/v1/units/M-5')).body;
    const r = await t.as('responder', { agencyId: m5.agencyId, unitId: m5.id });
    const inc = (await d.post('/api/v1/incidents', { type: 'FALL', location: { text: '399 Fort Ave', lat: 39.2736, lon: -76.6021, verified: true } })).body;
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const f = await open(ctx, r, { width: 390, height: 844 });
    await f.page.getByText('No assignment').waitFor();
    await d.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['M-5'] });
    await f.page.getByRole('alert').filter({ hasText: `New dispatch: ${inc.number}` }).waitFor();
    expect(JSON.stringify(await axeViolations(f.page))).toBe('[]');
    // The buttons follow the assignment the view loads after the alert; go offline once it is in.
    await f.page.locator('button.sb-EnRoute:not([disabled])').waitFor();
    await ctx.setOffline(true);
    dropSockets();
    await f.page.locator('.conn', { hasText: 'Offline' }).waitFor();
    await f.page.getByRole('button', { name: 'En route' }).click();
    await f.page.getByRole('button', { name: 'On scene' }).click();
    await f.page.getByText('2 to send').waitFor();
    await screenshot(f.page, 'field-offline-queue');
    expect((await d.get('/api/v1/units/M-5')).body.status).toBe('Dispatched');
    await ctx.setOffline(false);
    await f.page.locator('.conn', { hasText: 'Live' }).waitFor({ timeout: 30_000 });
    await f.page.locator('.mdt-top .chip', { hasText: 'OnScene' }).waitFor();
    expect(await f.page.getByText('to send').count()).toBe(0);
    const a = (await d.get(`/api/v1/incidents/${inc.id}`)).body.assignmentHistory[0];
    expect(Date.parse(a.enrouteAt)).toBeLessThanOrEqual(Date.parse(a.onsceneAt));
    expect(JSON.stringify(appProblems(f.problems).filter((p) => !/ERR_INTERNET_DISCONNECTED|WebSocket|net::|Failed to load resource/.test(p)))).toBe('[]');
    await ctx.close();
  });
});

describe('supervisor view', () => {
  it('shows positions, pending counts, longest waits and units out of service', async () => {
    const s = await t.as('supervisor');
    await s.post('/api/v1/units/E-58/status', { status: 'OutofService' });
    const ctx = await browser.newContext();
    const c = await open(ctx, s);
    await c.page.getByRole('button', { name: 'Supervisor' }).click();
    await c.page.getByRole('heading', { name: /Positions/ }).waitFor();
    await c.page.getByRole('cell', { name: new RegExp(s.username) }).first().waitFor();
    await c.page.locator('.oos li', { hasText: 'E-58' }).waitFor();
    await screenshot(c.page, 'supervisor');
    expect(JSON.stringify(await axeViolations(c.page))).toBe('[]');
    expect(appProblems(c.problems)).toEqual([]);
    await s.post('/api/v1/units/E-58/status', { status: 'InService' });
    await ctx.close();
  });
});
