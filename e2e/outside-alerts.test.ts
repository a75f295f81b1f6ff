import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestServer, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { ManualClock } from '../apps/server/src/scheduler/clock';
import { CAP_FEED_JOB } from '../apps/server/src/modules/outside-alerts/outside-alerts.poll';
import { parseCap } from '../apps/server/src/cap/cap-reader';
import { storeExternalAlert } from '../apps/server/src/cap/external-alerts.store';
import { systemActor } from '../apps/server/src/events/actor';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

// A severe thunderstorm warning from a (local stand-in for a) National Weather Service feed: drawn
// on the dispatcher's map, and the registered residents inside it listed for welfare checks.

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x));
const SAMPLE = readFileSync(join(import.meta.dirname, '../../shared/standards/cap/oasis-cap-1.2-appendix-a/v1dot2_appendix_adot2.xml'), 'utf8');

let t: TestServer;
let browser: Browser;
let feed: Server;
const clock = new ManualClock(new Date());

function warning(): string {
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const now = clock.now();
  return SAMPLE.replace('2003-06-17T14:57:00-07:00', iso(now))
    .replace('2003-06-17T16:00:00-07:00', iso(new Date(now.getTime() + 3 * 3600_000)))
    .replace('38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14', '39.275,-76.64 39.275,-76.585 39.31,-76.585 39.31,-76.64 39.275,-76.64');
}

beforeAll(async () => {
  feed = createServer((req, res) => {
    const base = `http://127.0.0.1:${(feed.address() as { port: number }).port}`;
    if (req.url === '/index.xml') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${base}/index.xml</id><title>Warnings</title><updated>${clock.now().toISOString()}</updated>
<entry><id>${base}/svr.xml</id><title>Severe Thunderstorm Warning</title><updated>${clock.now().toISOString()}</updated><link href="${base}/svr.xml"/></entry></feed>`);
    } else if (req.url === '/svr.xml') res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(warning());
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => feed.listen(0, '127.0.0.1', ok));
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR, clock });
  browser = await launchBrowser();
  t.server.ctx.config.capFeeds.urls = [`http://127.0.0.1:${(feed.address() as { port: number }).port}/index.xml`];

  const c = await t.pool.query<{ id: number }>("INSERT INTO premise_cautions (lat, lon, address, kind, summary, source) VALUES (39.2925, -76.6200, '300 W Saratoga St', 'special-needs', 'Special needs: Oxygen, Wheelchair user', 'special-needs') RETURNING id");
  const form = { person: { firstName: 'Ada', lastName: 'Lovelace' }, address: { street: '300 W Saratoga St' }, conditions: ['oxygen', 'wheelchair'], contacts: [{ name: 'Byron Lovelace', phone: '+14105550123' }], submitter: { name: 'Byron Lovelace' } };
  await t.pool.query("INSERT INTO special_needs_notices (state, form, person_name, address_text, lat, lon, caution_id, confirmed_at) VALUES ('approved', $1, 'Ada Lovelace', '300 W Saratoga St', 39.2925, -76.62, $2, now())", [form, c.rows[0]!.id]);
  await t.pool.query(
    `INSERT INTO care_enrolments (person_name, phone, address_text, lat, lon, window_start, window_end, days, contacts, active_since, start_date, checkin_code, link_token)
     VALUES ('Cal Senior', '+14105550199', '200 N Charles St', 39.2915, -76.615, '08:00', '10:00', ARRAY['mon','tue','wed','thu','fri','sat','sun'],
             '[{"name":"Sam","relation":"son","phone":"+14105550100"}]', now(), current_date, '424242', 'outside-alerts-e2e-token-0123456789')`,
  );
  await t.server.ctx.scheduler!.runOnce(CAP_FEED_JOB);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await new Promise((ok) => feed?.close(ok));
});

describe('outside alerts on the floor', () => {
  it('draws the warning on the live map, lists the residents inside it, and creates one welfare check', async () => {
    const dispatcher = await t.as('dispatcher');
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 950 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await signInPage(page, t.url, dispatcher);
    await page.waitForSelector('.map-canvas[data-ready="true"]');
    await page.waitForSelector('.map-canvas[data-outside-alerts="1"]');
    // Two frames: the layer painted before the picture is taken.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await screenshot(page, 'outside-alerts-map');

    await page.getByRole('button', { name: 'Programs' }).click();
    await page.getByRole('tab', { name: 'Weather and outside alerts' }).click();
    await page.getByLabel('Purpose of access').selectOption('Active call or incident');
    const alert = page.getByRole('list', { name: 'Active outside alerts' }).getByRole('button', { name: /SEVERE THUNDERSTORM/ });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Severe');
    await page.getByText(/1 CAP feed, polled every 2 min; last poll/).waitFor();
    await alert.focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: /Registered residents inside the area/ });
    await table.waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toContain('Cal Senior'); // Charles St before Saratoga St
    expect(await rows.nth(2).textContent()).toContain('Special needs: Oxygen, Wheelchair user');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'outside-alerts-people');

    await page.getByRole('button', { name: 'Create welfare check for Ada Lovelace' }).click();
    await page.getByRole('status').filter({ hasText: /Welfare check created for Ada Lovelace: incident \d{4}-\d{6}/ }).waitFor();
    await table.getByText(/Sent: \d{4}-\d{6}/).waitFor();
    expect(await page.getByRole('button', { name: 'Create welfare check for Ada Lovelace' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'outside-alerts-welfare-created');

    const { rows: incidents } = await t.pool.query("SELECT i.type_code, i.location_text FROM incidents i JOIN incident_narrative n ON n.incident_id = i.id WHERE n.text LIKE 'Outside alert #%'");
    expect(incidents).toEqual([{ type_code: 'WELFARE', location_text: '300 W Saratoga St' }]);
    const { rows: audits } = await t.pool.query("SELECT purpose FROM audit_log WHERE action IN ('special-needs.view', 'care-enrolment.view')");
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(audits.every((a) => a.purpose === 'Active call or incident')).toBe(true);
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });

  it('draws a warning that arrives while the console is open at once, not at the next periodic read', async () => {
    const dispatcher = await t.as('dispatcher');
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 950 } });
    const page = await ctx.newPage();
    await signInPage(page, t.url, dispatcher);
    await page.waitForSelector('.map-canvas[data-outside-alerts="1"]');
    // A second warning, as `psap cap import` or the feed job would store it.
    const second = warning().replace('<identifier>', '<identifier>SECOND-').replace('SEVERE THUNDERSTORM', 'SECOND THUNDERSTORM');
    const { alert } = parseCap(second);
    await storeExternalAlert(t.pool, systemActor('test'), { alert: alert!, xml: second, sourceUrl: null });
    // The periodic read is every 30 s; the stream's event makes it a matter of a second or two.
    await page.waitForSelector('.map-canvas[data-outside-alerts="2"]', { timeout: 8_000 });
    // The activity feed says so too.
    await page.locator('.feed li', { hasText: 'Outside alert: ' }).first().waitFor();
    await ctx.close();
  });
});
