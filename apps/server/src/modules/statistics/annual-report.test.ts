import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import { pdfPagesText } from '../../../test/helpers/pdf-text';
import { renderPdfPages } from '../../../test/helpers/pdf-render';
import { startPsap } from '../../../test/helpers/psap-process';
import { annualReport } from './annual-report';
import { statsContext } from './statistics-context';

/*
 * A year (2025) and the year before filled with records whose figures are worked out by hand below,
 * in an imported dataset "hist", plus two live incidents moved into 2025. The centre's zone is
 * America/New_York, so 2025-01-01T03:00Z still belongs to 2024.
 */
let t: TestServer;
let centre = { lat: 39.29, lon: -76.61 };

const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);

// 2025, incident i (1..10) in month i: 1-5 fire, 6-8 EMS, 9-10 police.
// alarm processing (answer -> first dispatch): fire 30, 40, 50, 60, 70 s -> 4 of 5 within 64 s = 80.0%, not met.
// response (received -> first on scene) = i x 100 s -> median (5th of 10) 500 s = 8:20, 90th (9th) 900 s = 15:00.
const ALARM = [30, 40, 50, 60, 70, 30, 30, 30, 100, 100];
// 2025 answer times of 18 answered 9-1-1 calls, plus 2 abandoned:
// within 15 s: 16/18 = 88.9%; within 20 s: 17/18 = 94.4%; within 10 s: 9/18 = 50.0%; median (9th) 10 s, 90th (17th) 18 s, 95th (18th) 25 s.
const ANSWERS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15, 15, 18, 25];

async function fill(): Promise<void> {
  const { rows } = await t.pool.query<{ center_lat: number | null; center_lon: number | null }>('SELECT center_lat, center_lon FROM jurisdiction WHERE id = 1');
  if (rows[0]?.center_lat && rows[0].center_lon) centre = { lat: rows[0].center_lat, lon: rows[0].center_lon };
  await t.pool.query(
    `INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone, source_file, rows_read, rows_imported, rows_rejected)
     VALUES ('hist', 'Old CAD export', 'old-cad', '{}', 'America/New_York', 'old-cad.csv', 30, 28, 2)`,
  );
  const inc = async (id: string, agency: string, discipline: string, type: [string, string], received: Date, alarm: number, response: number) => {
    const answered = at(received.toISOString(), 5);
    const dispatched = at(answered.toISOString(), alarm);
    const enroute = at(dispatched.toISOString(), 50);
    const onscene = at(received.toISOString(), response);
    const closed = at(received.toISOString(), 3600);
    await t.pool.query(
      `INSERT INTO stat_incidents (dataset, source_id, agency, discipline, type_code, type_text, priority, zone, lat, lon, received_at, answered_at, created_at, first_dispatch_at, first_enroute_at, first_onscene_at, closed_at)
       VALUES ('hist', $1, $2, $3, $4, $5, '1', 'Z1', $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [id, agency, discipline, type[0], type[1], centre.lat + 0.002, centre.lon + 0.002, received, answered, at(received.toISOString(), 20), dispatched, enroute, onscene, closed],
    );
    await t.pool.query(
      `INSERT INTO stat_unit_responses (dataset, incident_source_id, unit, unit_type, dispatched_at, enroute_at, onscene_at, cleared_at) VALUES ('hist', $1, $2, 'engine', $3, $4, $5, $6)`,
      [id, `U${id}`, dispatched, enroute, onscene, closed],
    );
  };
  for (let i = 1; i <= 10; i++) {
    const [agency, disc, type]: [string, string, [string, string]] = i <= 5 ? ['FD', 'fire', ['FSTRU', 'Structure Fire']] : i <= 8 ? ['EMS', 'ems', ['CARDIAC', 'Cardiac Arrest']] : ['PD', 'police', ['LARCENY', 'Larceny']];
    await inc(`25-${i}`, agency, disc, type, new Date(`2025-${String(i).padStart(2, '0')}-15T16:00:00Z`), ALARM[i - 1]!, i * 100);
  }
  // 2024: seven incidents in March with a 120 s response, and one on New Year's Eve local time.
  for (let i = 1; i <= 7; i++) await inc(`24-${i}`, 'FD', 'fire', ['FSTRU', 'Structure Fire'], new Date(`2024-03-${String(i + 1).padStart(2, '0')}T16:00:00Z`), 40, 120);
  await inc('24-nye', 'PD', 'police', ['LARCENY', 'Larceny'], new Date('2025-01-01T03:00:00Z'), 40, 120);

  for (const [k, s] of ANSWERS.entries()) {
    const presented = at('2025-05-01T12:00:00Z', k * 60);
    await t.pool.query(`INSERT INTO stat_calls (dataset, source_id, presented_at, answered_at, released_at) VALUES ('hist', $1, $2, $3, $4)`, [`c25-${k}`, presented, at(presented.toISOString(), s), at(presented.toISOString(), s + 90)]);
  }
  for (const k of [0, 1]) await t.pool.query(`INSERT INTO stat_calls (dataset, source_id, presented_at, released_at) VALUES ('hist', $1, $2, $3)`, [`a25-${k}`, at('2025-06-01T12:00:00Z', k * 60), at('2025-06-01T12:00:30Z', k * 60)]);
  for (let k = 0; k < 10; k++) {
    const presented = at('2024-05-01T12:00:00Z', k * 60);
    await t.pool.query(`INSERT INTO stat_calls (dataset, source_id, presented_at, answered_at) VALUES ('hist', $1, $2, $3)`, [`c24-${k}`, presented, at(presented.toISOString(), 5)]);
  }

  // Two live incidents, created through the API, then dated June 2025.
  const taker = await t.as('call-taker');
  for (const type of ['LARCENY', 'FSTRU']) {
    const r = await taker.post('/api/v1/incidents', { type, location: { text: 'test', lat: centre.lat, lon: centre.lon } });
    expect(r.status).toBe(201);
    await t.pool.query(`UPDATE incidents SET received_at = '2025-06-20T15:00:00Z', created_at = '2025-06-20T15:00:30Z' WHERE id = $1`, [r.body.id]);
  }
}

beforeAll(async () => {
  mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
  t = await createTestServer();
  await fill();
});
afterAll(() => t?.close());

const sc = () => statsContext(t.pool, 'America/New_York', {});
const now = new Date('2026-01-15T12:00:00Z');

describe('annual report', () => {
  it('states hand-computed counts, percentiles, compliance and trends in the HTML', async () => {
    const html = (await annualReport(sc(), { year: 2025, dataset: 'all', centreName: 'Testville 9-1-1', now }, 'html')).toString('utf8');
    writeFileSync(join(process.cwd(), 'test-results', 'annual-report.html'), html);
    expect(html).toContain('Testville 9-1-1');
    expect(html).toContain('Annual Report 2025');
    // 10 imported + 2 live incidents in 2025; 7 + the New Year's Eve one in 2024: +50.0%.
    expect(html).toMatch(/<dt>Incidents<\/dt><dd>12<span class="note">\+50\.0% on 2024 \(8\)/);
    // June: one imported and two live incidents.
    expect(html).toContain('<tr><th scope="row">Jun</th><td class="n">3</td><td class="n">0</td>');
    // Local hours: 16:00Z is 11:00 in winter (Jan, Feb) and 12:00 from 9 March (Mar-Oct); the live ones 15:00Z in June are 11:00.
    expect(html).toContain('<td>11:00</td><td class="n">4</td>');
    expect(html).toContain('<td>12:00</td><td class="n">8</td>');
    // 9-1-1 calls: 20 presented, 18 answered, 2 abandoned; 88.9% within 15 s, 94.4% within 20 s: both not met.
    expect(html).toContain('<dt>9-1-1 calls presented</dt><dd>20<span');
    expect(html).toContain('18 answered, 2 abandoned');
    expect(html).toMatch(/within 15 s \(90%\)<\/th><td class="n">90\.0%<\/td><td class="n">88\.9%<\/td><td class="n">100\.0%<\/td><td>not met/);
    expect(html).toMatch(/within 20 s \(95%\)<\/th><td class="n">95\.0%<\/td><td class="n">94\.4%<\/td>/);
    expect(html).toContain('<tr><th scope="row">Median answer time</th><td class="n">10 s</td><td class="n">5 s</td><td class="n">+5 s</td>');
    expect(html).toContain('<tr><th scope="row">90th percentile</th><td class="n">18 s</td>');
    // Response over all 2025 incidents with times: median 8:20, 90th 15:00 (2024: 2:00).
    expect(html).toContain('<tr><th scope="row">Response, 90th percentile</th><td class="n">15:00</td><td class="n">2:00</td><td class="n">+13:00</td>');
    // Fire alarm processing: 4 of 5 within 64 s.
    expect(html).toMatch(/Alarm processing<\/th><td class="n">5<\/td><td class="n">50 s<\/td><td class="n">1:10<\/td><td>1:04 for 90\.0%<\/td><td class="n">80\.0%<\/td><td>not met<\/td><td class="n">40 s<\/td>/);
    // Standards named by edition, sources named, charts accessible.
    expect(html).toContain('NENA-STA-020.1-2020');
    expect(html).toContain('NFPA-1710-2020');
    expect(html).toContain('Old CAD export (imported, &quot;hist&quot;)');
    expect(html).toContain("the centre&#39;s own live CAD records");
    expect(html.match(/<svg [^>]*role="img"/g)!.length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('Incident density, 2025');
    expect(html).toContain('<h2 id="definitions">Definitions</h2>');
  });

  it('writes a PDF whose text carries the same figures', async () => {
    const pdf = await annualReport(sc(), { year: 2025, dataset: 'all', centreName: 'Testville 9-1-1', now }, 'pdf');
    // Drawn to PNG for people to look at (test-results/screens/annual-report-page*.png).
    const shots = await renderPdfPages(pdf, join(process.cwd(), 'test-results', 'screens'), 'annual-report', 8);
    expect(shots.length).toBeGreaterThanOrEqual(6);
    const pages = await pdfPagesText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages[0]).toContain('Annual Report 2025');
    expect(pages[0]).toContain('Testville 9-1-1');
    expect(pages[0]).toContain('NENA 9-1-1 Call Processing Standard (STA-020.1-2020)');
    const all = pages.join('\n');
    expect(all).toContain('+50.0% on 2024 (8)');
    expect(all).toContain('88.9%');
    expect(all).toContain('94.4%');
    expect(all).toContain('15:00');
    expect(all).toContain('80.0%');
    expect(all).toContain('Old CAD export (hist)');
    expect(all).toContain('-11.1 points');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it('reads live records alone by default and refuses an unknown dataset or year naming the field', async () => {
    const html = (await annualReport(sc(), { year: 2025, now }, 'html')).toString('utf8');
    expect(html).toMatch(/<dt>Incidents<\/dt><dd>2<span/);
    expect(html).not.toContain('Old CAD export');
    await expect(annualReport(sc(), { year: 2025, dataset: 'nope', now }, 'html')).rejects.toMatchObject({ fields: { dataset: expect.stringContaining('no dataset "nope"') } });
    await expect(annualReport(sc(), { year: 1900, now }, 'html')).rejects.toMatchObject({ fields: { year: expect.any(String) } });
  });

  it('serves the PDF and HTML to supervisors and administrators only', async () => {
    const sup = await t.as('supervisor');
    const res = await fetch(`${t.url}/api/v1/statistics/annual-report?year=2025&dataset=all`, { headers: sup.headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="annual-report-2025.pdf"');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect((await pdfPagesText(body)).join(' ')).toContain('88.9%');

    const admin = await t.as('admin');
    const html = await admin.get('/api/v1/statistics/annual-report?year=2025&format=html&dataset=hist');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(String(html.body)).toMatch(/<dt>Incidents<\/dt><dd>10<span/);

    for (const role of ['call-taker', 'dispatcher', 'responder', 'rtcc-analyst', 'community-officer'] as const) {
      expect((await (await t.as(role)).get('/api/v1/statistics/annual-report?year=2025')).status).toBe(403);
    }
    expect((await t.anonymous().get('/api/v1/statistics/annual-report?year=2025')).status).toBe(401);
    const bad = await sup.get('/api/v1/statistics/annual-report?year=twenty&format=doc');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['year', 'format']));
    const unknown = await sup.get('/api/v1/statistics/annual-report?year=2025&dataset=nope');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.dataset).toContain('nope');
  });

  it('is written by `psap report annual` with the format taken from the file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'annual-cli-'));
    const out = join(dir, 'report.html');
    const p = startPsap(['report', 'annual', '--year', '2025', '--dataset', 'all', '--out', out], { DATABASE_URL: t.databaseUrl, PSAP_CENTRE_NAME: 'Clitown Emergency Communications', PSAP_DATA_DIR: dir });
    expect(await p.exited, p.output()).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Clitown Emergency Communications');
    expect(html).toContain('88.9%');
    const wrong = startPsap(['report', 'annual', '--year', '2025', '--out', join(dir, 'report.docx')], { DATABASE_URL: t.databaseUrl, PSAP_DATA_DIR: dir });
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toContain('.pdf or .html');
  }, 60_000);
});
