import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestServer, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

let t: TestServer;
let browser: Browser;

// The console behind the supervisor view asks for the map, which this server (no geography loaded)
// answers 503; the statistics requests are checked one by one instead.
const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader|Failed to load resource/i;

/** An imported year (2025): 6 fire incidents in March, 4 police in July; 10 answered 9-1-1 calls, 9 within 15 s. */
async function fillImported(): Promise<void> {
  await t.pool.query(
    `INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone, rows_read, rows_imported) VALUES ('county', 'County CAD 2025', 'county-cad', '{}', 'America/New_York', 10, 10)`,
  );
  for (let i = 0; i < 10; i++) {
    const fire = i < 6;
    const received = new Date(Date.parse(fire ? '2025-03-10T15:00:00Z' : '2025-07-10T15:00:00Z') + i * 3_600_000);
    await t.pool.query(
      `INSERT INTO stat_incidents (dataset, source_id, agency, discipline, type_code, type_text, priority, zone, received_at, answered_at, first_dispatch_at, first_enroute_at, first_onscene_at, closed_at)
       VALUES ('county', $1, $2, $3, $4, $5, $6, $7, $8, $8::timestamptz + interval '5 s', $8::timestamptz + interval '60 s', $8::timestamptz + interval '120 s', $8::timestamptz + make_interval(secs => $9), $8::timestamptz + interval '1 hour')`,
      [`i${i}`, fire ? 'CFD' : 'CPD', fire ? 'fire' : 'police', fire ? 'FSTRU' : 'LARCENY', fire ? 'Structure Fire' : 'Larceny', fire ? '1' : '3', fire ? 'Station 3' : 'District 2', received, 300 + i * 30],
    );
    await t.pool.query(`INSERT INTO stat_calls (dataset, source_id, presented_at, answered_at) VALUES ('county', $1, $2, $2::timestamptz + make_interval(secs => $3))`, [`c${i}`, received, i === 9 ? 25 : 8]);
  }
}

beforeAll(async () => {
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR });
  await fillImported();
  // Three live incidents today, so the default view (this year, live records) has something.
  const taker = await t.as('call-taker');
  for (const type of ['FSTRU', 'LARCENY', 'CARDIAC']) expect((await taker.post('/api/v1/incidents', { type, location: { text: 'Test location', lat: 39.29, lon: -76.61 } })).status).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('statistics dashboard', () => {
  it('shows this year by default, follows the filters, downloads CSV and the annual report, and passes axe', async () => {
    const sup = await t.as('supervisor');
    const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && r.url().includes('/api/v1/statistics') && failed.push(`${r.status()} ${r.url()}`));
    await signInPage(page, t.url, sup);
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await page.getByRole('tab', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: /^Summary/ }).waitFor();
    // Year to date, live records: the three incidents made above.
    const figure = (name: string) => page.locator('.stat-figures div', { hasText: name }).locator('dd');
    await expect.poll(() => figure('Incidents').textContent()).toBe('3');
    await page.getByRole('img', { name: 'Incidents by month' }).waitFor();
    await screenshot(page, 'statistics-live');

    // The imported dataset for the year 2025.
    await page.getByLabel('Data').selectOption('county');
    await page.getByLabel('Period').selectOption('year-2025');
    await expect.poll(() => figure('Incidents').textContent()).toBe('10');
    expect(await figure('9-1-1 calls').textContent()).toBe('10');
    expect(await figure('Answered within 15 s').textContent()).toBe('90.0%');
    const byAgency = page.getByRole('region', { name: 'Incidents by agency' });
    await byAgency.getByRole('row', { name: /CFD 6/ }).waitFor();
    await byAgency.getByRole('row', { name: /CPD 4/ }).waitFor();
    await page.getByRole('img', { name: 'Share of 9-1-1 calls answered within 10 to 60 seconds' }).waitFor();
    await page.getByRole('heading', { name: 'Answer times against NENA' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'statistics-imported-2025');

    // One agency: the charts and tables follow.
    // CFD is an agency of the imported history, not one of the centre's own: offered all the same.
    await page.getByLabel('Agency', { exact: true }).selectOption('CFD');
    await expect.poll(() => figure('Incidents').textContent()).toBe('6');
    await page.getByRole('region', { name: 'Response by zone' }).getByRole('row', { name: /Station 3 6/ }).waitFor();
    await page.getByRole('heading', { name: /Response times/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'statistics-filtered');

    // CSV of one table.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Incidents by type as CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('volumes-by-type.csv');
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split(/\r?\n/)[0]).toBe('key,label,incidents');
    expect(text).toContain('FSTRU,Structure Fire,6');
    await page.getByRole('status').filter({ hasText: 'volumes-by-type.csv downloaded.' }).waitFor();

    // The annual report for 2025 from the same data source.
    await page.getByLabel('Year', { exact: true }).selectOption('2025');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download annual report' }).click()]);
    expect(pdf.suggestedFilename()).toBe('annual-report-2025-CFD.pdf');
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByRole('status').filter({ hasText: 'annual-report-2025-CFD.pdf downloaded.' }).waitFor();
    await page.getByRole('heading', { name: 'Annual report' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'statistics-annual-report');

    // A period without calls says so.
    await page.getByLabel('Period').selectOption('today');
    await page.getByText('No calls in this period.', { exact: false }).first().waitFor();
    await screenshot(page, 'statistics-empty');

    expect(JSON.stringify(await axeViolations(page))).toBe('[]');
    await page.getByLabel('Period').selectOption('year-2025');
    await expect.poll(() => figure('Incidents').textContent()).toBe('6');
    expect(JSON.stringify(await axeViolations(page))).toBe('[]');
    expect(failed).toEqual([]);
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p))).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('is usable by keyboard alone: tab to the period, choose a year with the arrow keys', async () => {
    const sup = await t.as('supervisor');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInPage(page, t.url, sup);
    await page.getByRole('button', { name: 'Supervisor' }).waitFor();
    await page.goto(`${t.url}/#/supervisor/statistics`);
    await page.getByRole('heading', { name: /^Summary/ }).waitFor();
    await page.getByLabel('Period').focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Period').inputValue()).toMatch(/^year-\d{4}$/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('date');
    await page.close();
  });

  it('the HTML annual report reads well in a browser and passes axe', async () => {
    const sup = await t.as('supervisor');
    const res = await sup.get('/api/v1/statistics/annual-report?year=2025&format=html&dataset=all');
    expect(res.status).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    await page.setContent(String(res.body), { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Annual Report 2025' }).waitFor();
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(5);
    await page.getByRole('heading', { name: 'Summary' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'annual-report-html-summary');
    await page.getByRole('heading', { name: /^Call answering/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'annual-report-html-answer');
    expect(JSON.stringify(await axeViolations(page))).toBe('[]');
    await page.close();
  });
});
