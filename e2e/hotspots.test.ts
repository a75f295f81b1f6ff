import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { loadDemoAnalysisDataIfEmpty } from '../apps/server/src/modules/hotspots/demo-analysis-data';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader|Failed to load resource/i;

let t: TestServer;
let browser: Browser;
let analyst: SignedInClient;
let supervisor: SignedInClient;
/** The camera site with the most traffic calls around it: a placebo evaluation there has counts to show. */
let busiest: { id: number; name: string };
let evaluationId: number;

beforeAll(async () => {
  // With the demo's street map (Baltimore): the Montgomery County calls lie outside it. A test server
  // does not load the demo's analysis data by itself; `psap serve` starts the same loader once it is
  // listening. The first test calls it, after looking at the screen without it.
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  analyst = await t.as('rtcc-analyst');
  supervisor = await t.as('supervisor');
  browser = await launchBrowser();
});
/** The page of the running test, so a failure leaves a picture of what the analyst saw. */
let current: Page | null = null;
afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && current && !current.isClosed()) await screenshot(current, `hotspots-failed-${c.task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
  current = null;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(user: SignedInClient): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  current = page;
  await page.goto(t.url);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, problems };
}

const tools = (page: Page) => page.getByRole('navigation', { name: 'RTCC tools' });

async function openTab(page: Page, name: 'Hot spots' | 'Camera evaluation'): Promise<void> {
  await tools(page).getByRole('button', { name, exact: true }).click();
}

async function noAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

const summary = (page: Page) => page.getByRole('region', { name: 'Summary' }).getByRole('status');

/** Waits until the map has drawn the hexagons of the latest result, then reads the summary line. */
async function shown(page: Page, expected: { total: number; cells: number; drawn: number }): Promise<string> {
  await page.waitForFunction(
    (n) => document.querySelector('.hs-main .map-canvas')?.getAttribute('data-cells') === String(n),
    expected.drawn,
  );
  const text = (await summary(page).textContent())!;
  expect(text).toContain(`${expected.total.toLocaleString('en-US')} calls in ${expected.cells.toLocaleString('en-US')} hexagons`);
  return text;
}

describe('hot spots and camera evaluation on the RTCC screen', () => {
  it('says plainly that there is nothing to count before the demo data has loaded', async () => {
    const { page, problems } = await signIn(analyst);
    await tools(page).waitFor();
    await openTab(page, 'Hot spots');
    await page.getByText(/No calls to analyse yet/).waitFor();
    await screenshot(page, 'hotspots-empty');
    await noAxeViolations(page);

    // What `psap serve` does after it starts listening; the analyst's "Check again" then finds it.
    const loaded = await loadDemoAnalysisDataIfEmpty(t.pool, () => undefined);
    expect(loaded).toBe(true);
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByLabel('Calls counted').waitFor();
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p))).toEqual([]);
    await page.context().close();
  });

  it('draws the calls per hexagon for the type and time window chosen, with the same numbers the API gives', async () => {
    const { page, problems } = await signIn(analyst);
    await tools(page).waitFor();
    await openTab(page, 'Hot spots');
    await page.getByLabel('Calls counted').selectOption('montco');
    await page.waitForSelector('.hs-main .map-canvas[data-ready="true"]');
    await page.getByRole('button', { name: 'Show hot spots' }).click();

    const all = await analyst.get('/api/v1/hotspots?source=montco&resolution=8&from=2015-12-10&to=2016-08-24');
    expect(all.status).toBe(200);
    expect(all.body.meta.total).toBe(99_461);
    const allText = await shown(page, all.body.meta);
    expect(allText).toContain('99,461 calls');
    const legend = page.getByRole('complementary', { name: 'Legend' });
    await expect(legend.getByRole('heading').textContent()).resolves.toMatch(/Calls per hexagon/);
    expect(await legend.getByRole('listitem').count()).toBe(all.body.meta.breaks.length + 1);
    await legend.getByText('no hexagon: no calls').waitFor();
    await screenshot(page, 'hotspots-all-calls');
    await noAxeViolations(page);

    // Traffic calls, weekday evenings, the first quarter of 2016.
    await page.getByRole('checkbox', { name: /Traffic/ }).check();
    await page.getByLabel('From', { exact: true }).fill('2016-01-01');
    await page.getByLabel('To', { exact: true }).fill('2016-03-31');
    await page.getByRole('checkbox', { name: 'Sat' }).uncheck();
    await page.getByRole('checkbox', { name: 'Sun' }).uncheck();
    await page.getByLabel('Hours from').selectOption('16');
    await page.getByLabel('to (inclusive)').selectOption('19');
    await page.getByRole('button', { name: 'Show hot spots' }).click();
    const traffic = await analyst.get('/api/v1/hotspots?source=montco&resolution=8&categories=Traffic&from=2016-01-01&to=2016-03-31&days=1,2,3,4,5&hourFrom=16&hourTo=19');
    expect(traffic.status).toBe(200);
    expect(traffic.body.meta.total).toBeGreaterThan(100);
    expect(traffic.body.meta.total).toBeLessThan(all.body.meta.total / 10);
    await shown(page, traffic.body.meta);

    // The table of the busiest hexagons is the API's first rows.
    const rows = page.getByRole('table', { name: /Top hexagons/ }).locator('tbody tr');
    const firstRow = await rows.first().locator('td').allTextContents();
    const top = traffic.body.features[0].properties;
    expect(firstRow[0]).toBe('1');
    expect(firstRow[1]).toBe(top.count.toLocaleString('en-US'));

    // Hour of the week: only weekday hours 16-19 have calls, and the busiest one is named.
    const grid = page.getByRole('table', { name: /Calls per hour of the week/ });
    const how: number[] = traffic.body.meta.hourOfWeek;
    const busiestHour = how.indexOf(Math.max(...how));
    expect(busiestHour % 24).toBeGreaterThanOrEqual(16);
    expect(busiestHour % 24).toBeLessThanOrEqual(19);
    expect(Math.floor(busiestHour / 24)).toBeLessThan(5);
    const hh = String(busiestHour % 24).padStart(2, '0');
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
    await expect(grid.locator('caption').textContent()).resolves.toContain(`${days[Math.floor(busiestHour / 24)]} ${hh}:00–${hh}:59, ${how[busiestHour]!.toLocaleString('en-US')} calls`);
    expect(await grid.locator('tbody tr').nth(5).locator('td').evaluateAll((tds) => tds.map((td) => td.textContent))).toEqual(Array(24).fill('0'));

    // Zoom to the busiest hexagon from the table.
    await rows.first().getByRole('button', { name: 'Show hexagon ranked 1 on the map' }).click();
    await page.getByText(/Selected hexagon:/).waitFor();
    await screenshot(page, 'hotspots-traffic-weekday-evenings');
    await noAxeViolations(page);

    // Each run is recorded with who ran it and the filters.
    const { rows: audits } = await t.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'hotspot%' AND actor_label = $1`, [analyst.username]);
    expect(audits[0].n).toBeGreaterThanOrEqual(2);
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p))).toEqual([]);
    await page.context().close();
  });

  it('runs a before/after evaluation at a demo camera site and reads the interval honestly; the result is kept and audited', async () => {
    const { rows } = await t.pool.query(
      `SELECT s.id, s.name, count(*)::int AS n FROM analysis_sites s JOIN analysis_calls c ON c.dataset = s.dataset
          AND c.lat BETWEEN s.lat - 0.005 AND s.lat + 0.005 AND c.lon BETWEEN s.lon - 0.007 AND s.lon + 0.007 AND c.category = 'Traffic'
        WHERE s.dataset = 'montco' GROUP BY s.id ORDER BY n DESC, s.id LIMIT 1`,
    );
    busiest = { id: rows[0].id, name: rows[0].name };

    const { page, problems } = await signIn(analyst);
    await tools(page).waitFor();
    await openTab(page, 'Camera evaluation');
    await page.getByLabel('Calls counted').selectOption('montco');
    await page.waitForSelector('.ev-main .map-canvas[data-ready="true"]');
    await screenshot(page, 'evaluation-start');
    await noAxeViolations(page);

    // Running without a camera is refused on the form, naming the field.
    await page.getByRole('button', { name: 'Run evaluation' }).click();
    await page.getByText('choose a camera, or a point on the map').waitFor();

    await page.getByLabel('Find a camera').fill(busiest.name.slice(0, 12));
    await page.getByLabel('Camera', { exact: true }).selectOption(`site:${busiest.id}`);
    await page.getByText(/No installation date on record/).waitFor();
    await page.getByLabel(/Installation date/).fill('2016-04-17');
    await page.getByLabel('Weeks before and after').fill('16');
    await page.getByLabel('Radius around the site (m)').fill('400');
    await page.getByLabel('Ring out to (m)').fill('1500');
    await page.getByRole('checkbox', { name: /Traffic/ }).check();
    await page.getByLabel(/Claim being checked/).fill('accidents dropped near this camera after April 17');
    await page.getByRole('button', { name: 'Run evaluation' }).click();

    const result = page.getByRole('article', { name: /^Evaluation \d+:/ });
    await result.waitFor();
    evaluationId = Number((await result.getByRole('heading').first().textContent())!.match(/Evaluation (\d+)/)![1]);
    const stored = await analyst.get(`/api/v1/camera-evaluations/${evaluationId}`);
    expect(stored.status).toBe(200);
    const e = stored.body;
    expect(e).toMatchObject({ source: 'montco', date: '2016-04-17', weeks: 16, radiusM: 400, dateIsInstallation: false, createdBy: analyst.username, note: 'accidents dropped near this camera after April 17' });
    expect(e.counts.treatedBefore).toBeGreaterThan(30);

    // The counts, the estimate and its interval on screen are the stored ones.
    const counts = result.getByRole('table', { name: /Calls before and after/ });
    const near = await counts.getByRole('row', { name: /Near the site/ }).locator('td').allTextContents();
    expect(near.slice(0, 2)).toEqual([e.counts.treatedBefore.toLocaleString('en-US'), e.counts.treatedAfter.toLocaleString('en-US')]);
    const cmp = await counts.getByRole('row', { name: /Comparison area/ }).locator('td').allTextContents();
    expect(cmp.slice(0, 2)).toEqual([e.counts.comparisonBefore.toLocaleString('en-US'), e.counts.comparisonAfter.toLocaleString('en-US')]);
    const pct = (x: number) => {
      const v = x * 100;
      return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(Math.abs(v) < 10 ? 1 : 0)}%`;
    };
    await expect(counts.getByRole('row', { name: /95% interval/ }).textContent()).resolves.toContain(`${pct(e.interval[0])} to ${pct(e.interval[1])}`);

    // The reading in words follows the interval: spanning zero is "cannot say", never a drop.
    const verdict = result.getByRole('status');
    const spansZero = e.interval[0] < 0 && e.interval[1] > 0;
    expect(spansZero).toBe(e.verdict === 'no-evidence');
    if (spansZero) {
      await expect(verdict.textContent()).resolves.toMatch(/No evidence of a change/);
      await expect(verdict.textContent()).resolves.toMatch(/cannot say/i);
      await expect(verdict.textContent()).resolves.toMatch(/The claim checked: not borne out by these data/);
      await expect(verdict.textContent()).resolves.not.toMatch(/evidence of a decrease|fell by/i);
    } else {
      await expect(verdict.textContent()).resolves.toMatch(/not proof that the camera caused it/);
    }
    // No installation date on record: the screen says it is a placebo test.
    await result.getByText(/Placebo test/).waitFor();
    await screenshot(page, 'evaluation-result');
    await noAxeViolations(page);

    // Kept and audited: listed under recent evaluations with who ran it, and in the audit log.
    const recent = page.getByRole('table', { name: /Recent evaluations/ });
    await recent.getByRole('row', { name: new RegExp(`^${evaluationId} `) }).waitFor();
    await expect(recent.getByRole('row', { name: new RegExp(`^${evaluationId} `) }).textContent()).resolves.toContain(analyst.username);
    const { rows: audit } = await t.pool.query(`SELECT actor_label, after FROM audit_log WHERE action = 'camera-evaluation.run' AND entity_id = $1`, [String(evaluationId)]);
    expect(audit).toEqual([{ actor_label: analyst.username, after: expect.objectContaining({ source: 'montco', site: `site:${busiest.id}`, date: '2016-04-17', verdict: e.verdict }) }]);
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p))).toEqual([]);
    await page.context().close();
  });

  it('lets a supervisor see the hot spots and open the analyst\'s evaluation by its number', async () => {
    const { page, problems } = await signIn(supervisor);
    await page.getByRole('button', { name: 'RTCC', exact: true }).click();
    await tools(page).waitFor();
    await openTab(page, 'Hot spots');
    await page.getByLabel('Calls counted').waitFor();
    await page.getByLabel('Calls counted').selectOption('montco');
    await page.getByRole('button', { name: 'Show hot spots' }).click();
    await summary(page).getByText(/99,461 calls/).waitFor();

    await openTab(page, 'Camera evaluation');
    const recent = page.getByRole('table', { name: /Recent evaluations/ });
    await recent.getByRole('button', { name: `Open evaluation ${evaluationId}` }).click();
    const result = page.getByRole('article', { name: new RegExp(`^Evaluation ${evaluationId}:`) });
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain(`Run by ${analyst.username}`);
    // The form and the map take the opened evaluation's inputs, so they cannot be read against other settings.
    expect(await page.getByLabel('Radius around the site (m)').inputValue()).toBe('400');
    expect(await page.getByLabel('Camera', { exact: true }).inputValue()).toBe(`site:${busiest.id}`);
    expect(await page.getByLabel(/Installation date/).inputValue()).toBe('2016-04-17');
    await page.getByText('near the site comparison area').waitFor();
    await screenshot(page, 'evaluation-opened-by-supervisor');
    await noAxeViolations(page);
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p))).toEqual([]);
    await page.context().close();
  });
});
