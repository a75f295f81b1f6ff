import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';

// The strict content security policy must not break the app: the console's map (MapLibre's
// workers, our vector tiles), the RTCC screen and the public pages load with no violation reported
// by the browser, neither as a securitypolicyviolation event nor as a console message.
let t: TestServer;
let browser: Browser;
let dispatcher: SignedInClient;
let analyst: SignedInClient;
let supervisor: SignedInClient;

beforeAll(async () => {
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR, geography: true });
  dispatcher = await t.as('dispatcher');
  analyst = await t.as('rtcc-analyst');
  supervisor = await t.as('supervisor');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function watchedPage(): Promise<{ page: Page; problems: string[]; violations: () => Promise<string[]> }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const problems = watchConsole(page);
  return { page, problems, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
}

const csp = (problems: string[]) => problems.filter((p) => /Content Security Policy|Refused to/i.test(p));

describe('content security policy in the browser', () => {
  it('serves the page with the policy and the console, its map and the stream work under it', async () => {
    const { page, problems, violations } = await watchedPage();
    const res = await page.goto(t.url);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signInPage(page, t.url, dispatcher);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.waitForSelector('.map-canvas[data-ready="true"]', { timeout: 60_000 });
    const created = await dispatcher.post('/api/v1/incidents', { type: 'FSTRU', location: { text: '15 S Eutaw St' } });
    await page.getByRole('option', { name: new RegExp(created.body.number) }).waitFor();
    await screenshot(page, 'csp-console');
    expect(await violations()).toEqual([]);
    expect(csp(problems)).toEqual([]);
    await page.close();
  });

  it('loads the RTCC screen and its camera map with no violation', async () => {
    const { page, problems, violations } = await watchedPage();
    await signInPage(page, t.url, analyst);
    await page.waitForSelector('.rtcc-map .map-canvas[data-ready="true"]', { timeout: 60_000 });
    await screenshot(page, 'csp-rtcc');
    expect(await violations()).toEqual([]);
    expect(csp(problems)).toEqual([]);
    await page.close();
  });

  it('shows a supervisor the system status page (servers, database, floor) with no violation', async () => {
    const { page, problems, violations } = await watchedPage();
    await signInPage(page, t.url, supervisor);
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await page.getByRole('tab', { name: 'System status' }).click();
    await page.getByRole('heading', { name: /Server processes \(\d+\)/ }).waitFor();
    await page.getByRole('heading', { name: 'Database' }).waitFor();
    await page.getByText(/primary/).first().waitFor();
    await screenshot(page, 'system-status');
    expect(await violations()).toEqual([]);
    expect(csp(problems)).toEqual([]);
    await page.close();
  });

  it('loads the public pages with no violation', async () => {
    for (const path of ['/special-needs', '/transparency/cameras', '/public/tours', '/alerts', '/care']) {
      const { page, problems, violations } = await watchedPage();
      await page.goto(t.url + path);
      await page.locator('main.public-page').waitFor();
      await page.waitForLoadState('networkidle');
      if (path === '/special-needs') await screenshot(page, 'csp-public-special-needs');
      expect(await violations(), path).toEqual([]);
      expect(csp(problems), path).toEqual([]);
      await page.close();
    }
  });
});
