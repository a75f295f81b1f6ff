import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import type { ImportReport } from '../jurisdiction/importers/import-report';
import { analysisImportContext } from './analysis-import-context';
import { MONTCO_CALLS } from './shared-analysis-data';
import { MONTCO_DEMO_DIR } from './demo-analysis-data';
import { importCallsForService } from './cfs.importer';

let t: TestServer;
let analyst: SignedInClient;
let first: ImportReport;

beforeAll(async () => {
  t = await createTestServer();
  analyst = await t.as('rtcc-analyst');
  first = await importCallsForService(analysisImportContext(t.pool, 'test'), MONTCO_CALLS, { preset: 'montco' });
});
afterAll(() => t?.close());

describe('psap import cfs --preset montco', () => {
  it('imports the 99,492 Montgomery County calls, rejecting the 31 placed outside the county', async () => {
    expect(first.read).toBe(99_492);
    expect(first.imported).toBe(99_461);
    expect(first.rejected).toHaveLength(31);
    expect(new Set(first.rejected.map((r) => r.reason.replace(/\(.*\)/, '')))).toEqual(new Set(["outside the dataset's area : a geocoding error"]));
    const { rows } = await t.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT category)::int AS categories, count(DISTINCT type)::int AS types,
              to_char(min(received_at) AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') AS first,
              to_char(max(received_at) AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') AS last
         FROM analysis_calls WHERE dataset = 'montco'`,
    );
    expect(rows[0]).toEqual({ n: 99_461, categories: 3, types: 110, first: '2015-12-10 17:40', last: '2016-08-24 11:17' });
    // The file's local time is read in the county's zone: 17:40 EST is 22:40 UTC.
    const { rows: utc } = await t.pool.query(`SELECT to_char(min(received_at) AT TIME ZONE 'UTC', 'HH24:MI') AS t FROM analysis_calls WHERE dataset = 'montco'`);
    expect(utc[0].t).toBe('22:40');
    // A trailing " -" in the feed's titles is not part of the type. (23,066 in the file, 7 of them
    // among the rejected.)
    const { rows: types } = await t.pool.query(`SELECT type, count(*)::int AS n FROM analysis_calls WHERE dataset = 'montco' AND category = 'Traffic' GROUP BY type ORDER BY n DESC LIMIT 1`);
    expect(types[0]).toEqual({ type: 'Traffic: VEHICLE ACCIDENT', n: 23_059 });
  });

  it('is idempotent: the same file again, or the committed demo copy, changes nothing and removes nothing', async () => {
    const again = await importCallsForService(analysisImportContext(t.pool, 'test'), MONTCO_CALLS, { preset: 'montco' });
    expect(again.imported).toBe(99_461);
    expect(again.removed).toBe(0);
    expect(again.notes[0]).toMatch(/^0 new or changed, 99461 unchanged/);
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n FROM analysis_calls WHERE dataset = 'montco'`);
    expect(rows[0].n).toBe(99_461);
    // The compact demo copy holds the same calls under the same ids.
    const demo = await importCallsForService(analysisImportContext(t.pool, 'test'), join(MONTCO_DEMO_DIR, 'calls.csv.gz'), { preset: 'montco' });
    expect(demo.imported).toBe(99_461);
    expect(demo.rejected).toHaveLength(31);
    expect(demo.removed).toBe(0);
    expect(demo.notes[0]).toMatch(/^0 new or changed, 99461 unchanged/);
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.cfs' AND entity_id = 'montco'`);
    expect(audit.rows[0].n).toBe(3);
  });

  it('rejects bad rows with the reason, and a file it cannot read as a whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psap-cfs-'));
    const file = join(dir, 'calls.csv');
    writeFileSync(
      file,
      [
        'id,lat,lng,title,timeStamp,twp',
        '1,40.1,-75.3,EMS: FALL VICTIM,2016-01-02 10:00:00,NORRISTOWN',
        '2,40.1,-75.3,no category here,2016-01-02 10:00:00,NORRISTOWN',
        '3,40.1,-75.3,Fire: FIRE ALARM,2016-02-30 10:00:00,NORRISTOWN',
        '4,,-75.3,Fire: FIRE ALARM,2016-02-03 10:00:00,NORRISTOWN',
        '1,40.1,-75.3,EMS: FALL VICTIM,2016-01-02 11:00:00,NORRISTOWN',
        '5,40.1,-75.3,EMS: FALL VICTIM,2016-03-13 02:30:00,NORRISTOWN',
      ].join('\n'),
    );
    const r = await importCallsForService(analysisImportContext(t.pool, 'test'), file, { preset: 'montco', dataset: 'montco-sample' });
    expect(r.imported).toBe(2);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      'title is not "Category: type": "no category here"',
      'timeStamp is not a real date and time: "2016-02-30 10:00:00"',
      'lat is not a number: ""',
      'same id as line 2',
    ]);
    const noColumn = join(dir, 'other.csv');
    writeFileSync(noColumn, 'a,b\n1,2\n');
    await expect(importCallsForService(analysisImportContext(t.pool, 'test'), noColumn, { preset: 'montco', dataset: 'montco-sample' })).rejects.toThrow(/cannot find the lat column/);
    await expect(importCallsForService(analysisImportContext(t.pool, 'test'), file, { preset: 'nope' })).rejects.toThrow(/--preset nope is not known/);
    await expect(importCallsForService(analysisImportContext(t.pool, 'test'), file, { preset: 'montco', dataset: 'live' })).rejects.toThrow(/not "live"/);
    await expect(importCallsForService(analysisImportContext(t.pool, 'test'), file, { preset: 'montco', dataset: 'x2', timeZone: 'Mars/Olympus' })).rejects.toThrow(/not an IANA time zone/);
    await t.pool.query(`DELETE FROM analysis_datasets WHERE code = 'montco-sample'`);
  });
});

describe('hot spots', () => {
  const direct = async (where: string, params: unknown[] = []) =>
    (await t.pool.query(`SELECT count(*)::int AS n FROM analysis_calls WHERE dataset = 'montco' AND ${where}`, params)).rows[0].n as number;

  it('counts per hexagon equal a direct count, and the busiest cell equals the calls h3-js puts in it', async () => {
    const res = await analyst.get('/api/v1/hotspots?source=montco&categories=Traffic&from=2016-01-01&to=2016-03-31&resolution=8');
    expect(res.status).toBe(200);
    const { features, meta } = res.body;
    const expected = await direct(
      `category = 'Traffic' AND received_at >= '2016-01-01'::timestamp AT TIME ZONE 'America/New_York' AND received_at < '2016-04-01'::timestamp AT TIME ZONE 'America/New_York'`,
    );
    expect(expected).toBeGreaterThan(10_000);
    expect(meta.total).toBe(expected);
    expect(features.reduce((a: number, f: any) => a + f.properties.count, 0)).toBe(expected);
    expect(meta.drawn).toBe(meta.cells); // under the 2,000 limit at this resolution
    expect(meta.hourOfWeek).toHaveLength(168);
    expect(meta.hourOfWeek.reduce((a: number, b: number) => a + b, 0)).toBe(expected);
    // The top cell, recounted from the raw points with h3-js.
    const top = features[0];
    expect(top.properties.rank).toBe(1);
    const { rows } = await t.pool.query(
      `SELECT lat, lon FROM analysis_calls WHERE dataset = 'montco' AND category = 'Traffic'
          AND received_at >= '2016-01-01'::timestamp AT TIME ZONE 'America/New_York' AND received_at < '2016-04-01'::timestamp AT TIME ZONE 'America/New_York'`,
    );
    const inTop = rows.filter((r) => latLngToCell(r.lat, r.lon, 8) === top.properties.cell).length;
    expect(top.properties.count).toBe(inTop);
    expect(top.geometry.type).toBe('Polygon');
    expect(top.geometry.coordinates[0]).toHaveLength(7); // a closed hexagon
    expect(typeof top.properties.label).toBe('string'); // the township most of its calls name
    // Counts never increase down the list, and the legend's last class bound is the top count.
    for (let i = 1; i < features.length; i++) expect(features[i].properties.count).toBeLessThanOrEqual(features[i - 1].properties.count);
    expect(meta.breaks.at(-1)).toBe(top.properties.count);
  });

  it('hours of the week and cell labels equal a direct count that converts every call to the zone', async () => {
    const res = await analyst.get('/api/v1/hotspots?source=montco&categories=EMS&from=2016-02-01&to=2016-04-30&resolution=8');
    expect(res.status).toBe(200);
    const local = `(received_at AT TIME ZONE 'America/New_York')`;
    const period = `category = 'EMS' AND received_at >= '2016-02-01'::timestamp AT TIME ZONE 'America/New_York' AND received_at < '2016-05-01'::timestamp AT TIME ZONE 'America/New_York'`;
    const { rows: hours } = await t.pool.query(
      `SELECT ((extract(isodow FROM ${local})::int - 1) * 24 + extract(hour FROM ${local})::int) AS how, count(*)::int AS n
         FROM analysis_calls WHERE dataset = 'montco' AND ${period} GROUP BY 1`,
    );
    const expected = new Array(168).fill(0);
    for (const r of hours) expected[r.how] = r.n;
    // The period spans the change to summer time (2016-03-13), where a quarter-hour bucket in UTC
    // would land in the wrong local hour if offsets were not applied per bucket.
    expect(res.body.meta.hourOfWeek).toEqual(expected);
    const { rows: labels } = await t.pool.query(
      `SELECT h3_r8::text AS cell, mode() WITHIN GROUP (ORDER BY area) AS label FROM analysis_calls WHERE dataset = 'montco' AND ${period} GROUP BY 1`,
    );
    const modeOf = new Map(labels.map((r) => [BigInt(r.cell).toString(16), r.label]));
    expect(modeOf.size).toBe(res.body.meta.cells);
    for (const f of res.body.features.slice(0, 200)) expect([f.properties.cell, f.properties.label]).toEqual([f.properties.cell, modeOf.get(f.properties.cell)]);
  });

  it('filters by type and by hour of the week in the dataset\'s zone', async () => {
    const res = await analyst.get('/api/v1/hotspots?source=montco&types=EMS%3A%20CARDIAC%20EMERGENCY&types=EMS%3A%20FALL%20VICTIM&days=1,2,3,4,5&hourFrom=22&hourTo=5&resolution=7');
    expect(res.status).toBe(200);
    const local = `(received_at AT TIME ZONE 'America/New_York')`;
    const expected = await direct(
      `type = ANY($1) AND extract(isodow FROM ${local}) BETWEEN 1 AND 5 AND (extract(hour FROM ${local}) >= 22 OR extract(hour FROM ${local}) <= 5)`,
      [['EMS: CARDIAC EMERGENCY', 'EMS: FALL VICTIM']],
    );
    expect(res.body.meta.total).toBe(expected);
    // Only the chosen hours of the week have calls.
    const how: number[] = res.body.meta.hourOfWeek;
    how.forEach((n, i) => {
      const day = Math.floor(i / 24) + 1;
      const hour = i % 24;
      if (day > 5 || (hour < 22 && hour > 5)) expect(n).toBe(0);
    });
    expect(how.reduce((a, b) => a + b, 0)).toBe(expected);
  });

  it('counts live incidents from the incidents table, by discipline', async () => {
    const calltaker = await t.as('call-taker');
    const at = { lat: 39.2904, lon: -76.6122 };
    for (const type of ['BURGLARY', 'BURGLARY', 'FSTRU']) expect((await calltaker.post('/api/v1/incidents', { type, location: { text: 'test', ...at } })).status).toBe(201);
    expect((await calltaker.post('/api/v1/incidents', { type: 'BURGLARY', location: { text: 'somewhere unknown' } })).status).toBe(201);
    const police = await analyst.get('/api/v1/hotspots?source=live&categories=police&resolution=9');
    expect(police.status).toBe(200);
    expect(police.body.meta.total).toBe(2);
    expect(police.body.meta.withoutLocation).toBe(1);
    expect(police.body.features).toHaveLength(1);
    expect(police.body.features[0].properties).toMatchObject({ cell: latLngToCell(at.lat, at.lon, 9), count: 2, rank: 1, share: 1 });
    const all = await analyst.get('/api/v1/hotspots?source=live&resolution=9');
    expect(all.body.meta.total).toBe(3);
    const sources = await analyst.get('/api/v1/hotspots/sources');
    expect(sources.status).toBe(200);
    const live = sources.body.find((s: any) => s.id === 'live');
    expect(live.categories).toEqual([{ name: 'police', count: 3 }, { name: 'fire', count: 1 }]);
    const montco = sources.body.find((s: any) => s.id === 'montco');
    expect(montco).toMatchObject({ kind: 'dataset', total: 99_461, first: '2015-12-10', last: '2016-08-24', timeZone: 'America/New_York' });
    expect(montco.categories.map((c: any) => c.name)).toEqual(['EMS', 'Traffic', 'Fire']);
  });

  it('names bad parameters', async () => {
    const bad = await analyst.get('/api/v1/hotspots?source=montco&resolution=11&days=8&hourFrom=24');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['days', 'hourFrom', 'resolution']);
    const order = await analyst.get('/api/v1/hotspots?source=montco&from=2016-03-01&to=2016-02-01');
    expect(order.status).toBe(422);
    expect(order.body.error.fields).toEqual({ to: 'must be on or after from (2016-03-01)' });
    const unknown = await analyst.get('/api/v1/hotspots?source=nowhere');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.source).toMatch(/^no source "nowhere"; there are: live, montco/);
    const extra = await analyst.get('/api/v1/hotspots?source=montco&colour=red');
    expect(extra.status).toBe(400);
    expect(extra.body.error.fields).toHaveProperty('colour');
  });

  it('is for analysts, supervisors and administrators, and records who ran which query', async () => {
    for (const role of ['call-taker', 'dispatcher', 'responder', 'community-officer'] as const) {
      expect((await (await t.as(role)).get('/api/v1/hotspots?source=montco')).status).toBe(403);
    }
    for (const role of ['supervisor', 'admin'] as const) expect((await (await t.as(role)).get('/api/v1/hotspots?source=montco&resolution=6')).status).toBe(200);
    const { rows } = await t.pool.query(`SELECT actor_label, entity_id, after FROM audit_log WHERE action = 'hotspots.run' AND actor_label = $1 ORDER BY seq`, [analyst.username]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0].entity_id).toBe('montco');
    expect(rows[0].after).toMatchObject({ categories: ['Traffic'], from: '2016-01-01', to: '2016-03-31', resolution: 8 });
  });
});
