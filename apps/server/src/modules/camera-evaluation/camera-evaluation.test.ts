import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import type { ImportReport } from '../jurisdiction/importers/import-report';
import { analysisImportContext } from '../hotspots/analysis-import-context';
import { importCallsForService } from '../hotspots/cfs.importer';
import { importAnalysisSites } from '../hotspots/sites.importer';
import { importMontcoFromShared } from '../hotspots/shared-analysis-data';

let t: TestServer;
let analyst: SignedInClient;
let montco: { calls: ImportReport; sites: ImportReport };

// A synthetic dataset with a known answer, 17 weeks from Monday 6 January 2020: around CENTRE about
// 20 calls a week before 2020-03-02 and 10 after; 500 m north (inside a 100-800 m ring) 40-43 a week throughout.
const CENTRE = { lat: 40.0, lon: -75.0 };
const NORTH_500 = { lat: 40.0 + 500 / 111_320, lon: -75.0 };
const FAR = { lat: 40.05, lon: -75.05 };

function syntheticCsv(): string {
  const lines = ['id,time,type,category,lat,lon'];
  let id = 0;
  const start = Date.UTC(2020, 0, 6); // Monday 6 January 2020
  for (let week = 0; week < 17; week++) {
    const add = (n: number, p: { lat: number; lon: number }, type: string) => {
      for (let i = 0; i < n; i++) {
        const t = new Date(start + week * 7 * 86_400_000 + (i * 7 * 86_400_000) / n);
        lines.push(`${++id},${t.toISOString().slice(0, 19).replace('T', ' ')},${type},Test,${p.lat + (i % 5) * 1e-5},${p.lon}`);
      }
    };
    add(week < 8 ? 20 + (week % 3) : 10 + (week % 2), CENTRE, 'Test: A');
    add(40 + (week % 4), NORTH_500, 'Test: A');
    add(12, FAR, 'Test: B');
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  t = await createTestServer();
  analyst = await t.as('rtcc-analyst');
  montco = await importMontcoFromShared(t.pool);
  const dir = mkdtempSync(join(tmpdir(), 'psap-eval-'));
  writeFileSync(join(dir, 'synthetic.csv'), syntheticCsv());
  const ctx = analysisImportContext(t.pool, 'test');
  await importCallsForService(ctx, join(dir, 'synthetic.csv'), { preset: 'generic', dataset: 'synthetic', name: 'Synthetic calls', timeZone: 'UTC' });
  writeFileSync(
    join(dir, 'sites.csv'),
    ['id,name,lat,lon,installed_on', `c,Centre camera,${CENTRE.lat},${CENTRE.lon},2020-03-02`, `f,Far camera,${FAR.lat},${FAR.lon},`, `n,New north camera,${NORTH_500.lat},${NORTH_500.lon},2020-02-10`].join('\n'),
  );
  await importAnalysisSites(ctx, join(dir, 'sites.csv'), { dataset: 'synthetic' });
});
afterAll(() => t?.close());

const siteRef = async (dataset: string, name: string) => {
  const { rows } = await t.pool.query('SELECT id FROM analysis_sites WHERE dataset = $1 AND name = $2', [dataset, name]);
  return `site:${rows[0].id}`;
};

describe('known answers on synthetic data', () => {
  it('finds the halving at the installation date: raw counts, naive change, comparison change, estimate, interval, verdict', async () => {
    const res = await analyst.post('/api/v1/camera-evaluations', {
      source: 'synthetic',
      site: await siteRef('synthetic', 'Centre camera'),
      weeks: 8,
      radiusM: 100,
      comparison: { kind: 'ring', outerRadiusM: 800 },
      note: 'calls halved near the new camera',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const e = res.body;
    expect(e).toMatchObject({ date: '2020-03-02', dateIsInstallation: true, weeks: 8, periods: { before: { from: '2020-01-06', to: '2020-03-01' }, after: { from: '2020-03-02', to: '2020-04-26' } } });
    // 20,21,22,20,21,22,20,21 = 167 before; 10,11 x 4 = 84 after; ring 40..43 = 8 weeks each of 332 / 332.
    expect(e.counts).toEqual({ treatedBefore: 167, treatedAfter: 84, comparisonBefore: 332, comparisonAfter: 332 });
    expect(e.weekly.treatedBefore).toEqual([20, 21, 22, 20, 21, 22, 20, 21]);
    expect(e.naiveChange).toBeCloseTo(84 / 167 - 1, 10);
    expect(e.comparisonChange).toBeCloseTo(0, 10);
    expect(e.change).toBeCloseTo(84 / 167 - 1, 10);
    expect(e.interval[1]).toBeLessThan(0);
    expect(e.verdict).toBe('decrease');
    expect(e.verdictText).toMatch(/^Evidence of a decrease: relative to the comparison area, calls near the site fell by 50%/);
    expect(e.cautions.join(' ')).toMatch(/displacement/);
    expect(e.cautions.join(' ')).not.toMatch(/placebo/);
    // Kept, readable later by anyone who may run evaluations, and audited with who ran it.
    const again = await analyst.get(`/api/v1/camera-evaluations/${e.id}`);
    expect(again.body).toEqual(e);
    const list = await (await t.as('supervisor')).get('/api/v1/camera-evaluations');
    expect(list.body[0]).toMatchObject({ id: e.id, verdict: 'decrease', note: 'calls halved near the new camera', createdBy: analyst.username });
    const { rows } = await t.pool.query(`SELECT actor_label, after FROM audit_log WHERE action = 'camera-evaluation.run' AND entity_id = $1`, [String(e.id)]);
    expect(rows).toEqual([{ actor_label: analyst.username, after: expect.objectContaining({ source: 'synthetic', date: '2020-03-02', verdict: 'decrease' }) }]);
  });

  it('a placebo date before the change finds nothing; comparison sites work too', async () => {
    const placebo = await analyst.post('/api/v1/camera-evaluations', {
      source: 'synthetic',
      site: await siteRef('synthetic', 'Centre camera'),
      date: '2020-02-03',
      weeks: 4,
      radiusM: 100,
      comparison: { kind: 'sites', sites: [await siteRef('synthetic', 'Far camera')] },
    });
    expect(placebo.status).toBe(201);
    expect(placebo.body.dateIsInstallation).toBe(false);
    expect(placebo.body.cautions[0]).toMatch(/^placebo test: 2020-02-03 is not the recorded installation date \(2020-03-02\)/);
    expect(placebo.body.counts).toEqual({ treatedBefore: 83, treatedAfter: 84, comparisonBefore: 48, comparisonAfter: 48 });
    expect(placebo.body.verdict).toBe('no-evidence');
    expect(placebo.body.verdictText).toMatch(/^No evidence of a change\./);
    expect(placebo.body.comparison.sites).toEqual([{ ref: await siteRef('synthetic', 'Far camera'), name: 'Far camera' }]);
  });

  it('refuses a comparison site installed during the periods', async () => {
    const res = await analyst.post('/api/v1/camera-evaluations', {
      source: 'synthetic',
      site: await siteRef('synthetic', 'Centre camera'),
      weeks: 8,
      radiusM: 100,
      comparison: { kind: 'sites', sites: [await siteRef('synthetic', 'New north camera')] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['comparison.sites']).toMatch(/was installed on 2020-02-10, inside the periods \(2020-01-06 to 2020-04-26\)/);
  });
});

describe('on the real Montgomery County calls', () => {
  it('imports the PennDOT cameras that have calls around them, with no installation date', async () => {
    expect(montco.calls.imported).toBe(99_461);
    expect(montco.sites.read).toBe(218);
    expect(montco.sites.imported + montco.sites.rejected.length).toBe(218);
    expect(montco.sites.imported).toBeGreaterThan(50);
    expect(montco.sites.rejected.every((r) => /outside the area the calls cover/.test(r.reason))).toBe(true);
    const sites = await analyst.get('/api/v1/camera-evaluations/sites?source=montco');
    expect(sites.status).toBe(200);
    expect(sites.body).toHaveLength(montco.sites.imported);
    expect(sites.body.every((s: any) => s.installedOn === null && /^site:\d+$/.test(s.ref))).toBe(true);
  });

  it('evaluates a placebo date at the busiest camera: counts equal a direct count', async () => {
    const { rows: busiest } = await t.pool.query(
      `SELECT s.id, s.lat, s.lon, count(*)::int AS n FROM analysis_sites s JOIN analysis_calls c ON c.dataset = s.dataset
          AND c.lat BETWEEN s.lat - 0.005 AND s.lat + 0.005 AND c.lon BETWEEN s.lon - 0.007 AND s.lon + 0.007 AND c.category = 'Traffic'
        WHERE s.dataset = 'montco' GROUP BY s.id ORDER BY n DESC, s.id LIMIT 1`,
    );
    const site = busiest[0];
    const res = await analyst.post('/api/v1/camera-evaluations', {
      source: 'montco',
      site: `site:${site.id}`,
      date: '2016-04-17',
      weeks: 16,
      radiusM: 400,
      comparison: { kind: 'ring', outerRadiusM: 1500 },
      categories: ['Traffic'],
    });
    expect(res.status).toBe(201);
    const e = res.body;
    const count = async (fromDate: string, toDate: string, minM: number, maxM: number) =>
      (
        await t.pool.query(
          `SELECT count(*)::int AS n FROM analysis_calls WHERE dataset = 'montco' AND category = 'Traffic'
              AND received_at >= $1::timestamp AT TIME ZONE 'America/New_York' AND received_at < ($2::date + 1)::timestamp AT TIME ZONE 'America/New_York'
              AND 6371008.8 * 2 * asin(sqrt(power(sin(radians(lat - $3) / 2), 2) + cos(radians($3)) * cos(radians(lat)) * power(sin(radians(lon - $4) / 2), 2))) > $5
              AND 6371008.8 * 2 * asin(sqrt(power(sin(radians(lat - $3) / 2), 2) + cos(radians($3)) * cos(radians(lat)) * power(sin(radians(lon - $4) / 2), 2))) <= $6`,
          [fromDate, toDate, site.lat, site.lon, minM, maxM],
        )
      ).rows[0].n;
    expect(e.periods).toEqual({ before: { from: '2015-12-27', to: '2016-04-16' }, after: { from: '2016-04-17', to: '2016-08-06' } });
    expect(e.counts.treatedBefore).toBe(await count('2015-12-27', '2016-04-16', -1, 400));
    expect(e.counts.treatedAfter).toBe(await count('2016-04-17', '2016-08-06', -1, 400));
    expect(e.counts.comparisonBefore).toBe(await count('2015-12-27', '2016-04-16', 400, 1500));
    expect(e.counts.comparisonAfter).toBe(await count('2016-04-17', '2016-08-06', 400, 1500));
    expect(e.counts.treatedBefore).toBeGreaterThan(30);
    expect(e.dateIsInstallation).toBe(false);
    expect(e.cautions[0]).toMatch(/^placebo test: no installation date on record/);
    expect(['no-evidence', 'decrease', 'increase']).toContain(e.verdict);
    expect(e.verdictText.length).toBeGreaterThan(40);
  });
});

describe('input checks name the field', () => {
  const base = { source: 'synthetic', point: CENTRE, date: '2020-03-02', weeks: 8, radiusM: 100, comparison: { kind: 'ring', outerRadiusM: 800 } };
  const post = (body: unknown) => analyst.post('/api/v1/camera-evaluations', body);

  it('schema errors', async () => {
    const res = await post({ source: 'synthetic', weeks: 0, radiusM: 5, comparison: { kind: 'ring' }, date: '2020-02-30', colour: 'red' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['colour', 'comparison.outerRadiusM', 'date', 'radiusM', 'weeks']);
    const kind = await post({ ...base, comparison: { kind: 'circle' } });
    expect(kind.body.error.fields).toHaveProperty('comparison.kind');
    const ref = await post({ ...base, point: undefined, site: 'camera-5' });
    expect(ref.body.error.fields).toEqual({ site: 'must be camera:<id> or site:<id>' });
  });

  it('rule errors', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ site: 'site:1' }, 'point', /either site .* or point/],
      [{ point: undefined }, 'site', /either site .* or point/],
      [{ date: undefined }, 'date', /enter the date to test around the point/],
      [{ source: 'elsewhere' }, 'source', /^no source "elsewhere"; there are: live, montco, synthetic/],
      [{ comparison: { kind: 'ring', outerRadiusM: 100 } }, 'comparison.outerRadiusM', /must be larger than radiusM \(100 m\)/],
      [{ date: '2020-01-20' }, 'date', /the periods would run 2019-11-25 to 2020-03-15, but .* has complete days only from 2020-01-06 to 2020-05-02; with 8 weeks choose a date from 2020-03-02 to 2020-03-08, or fewer weeks$/],
      [{ weeks: 9 }, 'weeks', /at most 8 weeks before and after fit/],
      [{ point: undefined, site: 'camera:1' }, 'site', /is a camera of the registry; evaluate it against live incidents/],
      [{ point: undefined, site: 'site:999999' }, 'site', /^no site 999999$/],
      [{ comparison: { kind: 'sites', sites: ['site:999999'] } }, 'comparison.sites', /^no site 999999$/],
    ];
    for (const [change, field, message] of cases) {
      const res = await post({ ...base, ...change });
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(Object.keys(res.body.error.fields), JSON.stringify(change)).toEqual([field]);
      expect(res.body.error.fields[field]).toMatch(message);
    }
    const montcoSite = (await t.pool.query(`SELECT id FROM analysis_sites WHERE dataset = 'montco' LIMIT 1`)).rows[0].id;
    const other = await post({ ...base, point: undefined, site: `site:${montcoSite}` });
    expect(other.body.error.fields.site).toBe(`site:${montcoSite} belongs to dataset "montco", not "synthetic"`);
    const centre = await siteRef('synthetic', 'Centre camera');
    const self = await post({ ...base, point: undefined, site: centre, comparison: { kind: 'sites', sites: [centre] } });
    expect(self.body.error.fields['comparison.sites']).toBe(`${centre} is the site being evaluated; choose other sites`);
  });

  it('is for analysts, supervisors and administrators', async () => {
    for (const role of ['call-taker', 'dispatcher', 'responder', 'community-officer'] as const) {
      expect((await (await t.as(role)).post('/api/v1/camera-evaluations', base)).status).toBe(403);
    }
    expect((await (await t.as('admin')).post('/api/v1/camera-evaluations', base)).status).toBe(201);
  });
});
