import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/test-server';
import { runPsap } from './helpers/psap-process';

const SHARED = resolve(import.meta.dirname, '../../../../shared/data');
let url: string;
let pool: pg.Pool;
const scratch = mkdtempSync(join(tmpdir(), 'psap-import-'));
const write = (name: string, text: string) => {
  const f = join(scratch, name);
  writeFileSync(f, text);
  return f;
};
const psap = (...args: string[]) => runPsap(args, { DATABASE_URL: url });
const count = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0].n as number;

beforeAll(async () => {
  url = (await createTestDatabase()).url;
  pool = new pg.Pool({ connectionString: url, max: 2 });
});
afterAll(() => pool.end());

describe('psap import', () => {
  it('imports the city centerline file with no options, listing rejects, and a re-run changes nothing', async () => {
    const file = join(SHARED, 'baltimore/baltimore_streets.geojson');
    const first = await psap('import', 'streets', file);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/streets: 48471 imported, 11 rejected, 0 removed .* of 48473 read/);
    expect(first.out).toContain('zero length');
    expect(first.out).toContain('field mapping: baltimore');
    expect(first.out).toMatch(/streets reading 100%/); // progress, one line per tenth when not on a terminal
    const version = await count('SELECT data_version::int AS n FROM jurisdiction');
    const ids = await count("SELECT sum(id)::bigint AS n FROM street_segments WHERE source = 'baltimore_streets'");
    const again = await psap('import', 'streets', file);
    expect(again.out).toMatch(/48471 imported, 11 rejected, 0 removed/);
    expect(await count("SELECT count(*)::int AS n FROM street_segments WHERE source = 'baltimore_streets'")).toBe(48471);
    expect(await count("SELECT sum(id)::bigint AS n FROM street_segments WHERE source = 'baltimore_streets'")).toBe(ids); // same rows, updated in place
    expect(await count('SELECT data_version::int AS n FROM jurisdiction')).toBe(version + 1);
    const seg = (await pool.query("SELECT prefix, name, suffix_type, from_left, to_left, from_right, to_right FROM street_segments WHERE source = 'baltimore_streets' AND name = 'TODD' ORDER BY from_left LIMIT 1")).rows[0];
    expect(seg).toMatchObject({ name: 'TODD', suffix_type: 'AVE' });
  });

  it('imports an OpenStreetMap extract with one-ways and turn restrictions', async () => {
    const r = await psap('import', 'osm', join(SHARED, 'osm/r5_bangor_maine.osm.pbf'), '--source', 'osm-bangor');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/osm: \d+ imported/);
    expect(await count("SELECT count(*)::int AS n FROM street_segments WHERE source = 'osm-bangor'")).toBeGreaterThan(1000);
    expect(await count("SELECT count(*)::int AS n FROM street_segments WHERE source = 'osm-bangor' AND oneway <> 'no'")).toBeGreaterThan(10);
    expect(await count("SELECT count(*)::int AS n FROM street_segments WHERE source = 'osm-bangor' AND speed_kph > 0")).toBeGreaterThan(1000);
    expect(await count("SELECT count(*)::int AS n FROM turn_restrictions WHERE source = 'osm-bangor'")).toBeGreaterThanOrEqual(0);
    const bad = await psap('import', 'osm', write('not.osm.pbf', 'this is not protobuf'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('is not a readable .osm.pbf');
  });

  it('imports zones, guessing code and name fields', async () => {
    const r = await psap('import', 'zones', join(SHARED, 'baltimore/baltimore_police_districts_2023.geojson'), '--set', 'districts-copy', '--role', 'other');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('9 imported');
    expect((await pool.query("SELECT z.code FROM zones z JOIN zone_sets s ON s.id = z.zone_set_id WHERE s.code = 'districts-copy' ")).rows.map((x) => x.code).sort()).toEqual(['CD', 'ED', 'ND', 'NED', 'NWD', 'SD', 'SED', 'SWD', 'WD']);
    const noSet = await psap('import', 'zones', join(SHARED, 'baltimore/baltimore_police_districts_2023.geojson'));
    expect(noSet.code).toBe(2);
    expect(noSet.out).toContain('--set');
    const lines = await psap('import', 'zones', join(SHARED, 'baltimore/baltimore_city_boundary.geojson'), '--set', 'x', '--code-field', 'nope');
    expect(lines.out).toContain('--code-field: no property "nope"');
  });

  it('imports stations from coordinates, from a point in a text field, and by geocoding addresses', async () => {
    const police = await psap('import', 'stations', join(SHARED, 'baltimore/baltimore_police_stations.csv'), '--agency', 'BPD', '--code-column', 'name');
    expect(police.code, police.out).toBe(0);
    expect(police.out).toContain('10 imported');
    const fire = await psap('import', 'stations', join(SHARED, 'baltimore/baltimore_fire_stations_addresses.csv'), '--agency', 'BCFD', '--code-column', 'name', '--address-column', 'Location 1');
    expect(fire.code, fire.out).toBe(0);
    const placed = await count("SELECT count(*)::int AS n FROM stations s JOIN agencies a ON a.id = s.agency_id WHERE a.code = 'BCFD' AND s.code LIKE '%-%' AND s.address LIKE '%Baltimore%' AND s.lat IS NOT NULL");
    expect(placed).toBeGreaterThanOrEqual(39);
    const chicago = await psap('import', 'stations', join(SHARED, 'cameras_stations/chicago_police_stations.csv'), '--agency', 'BPD', '--code-column', 'DISTRICT');
    expect(chicago.code, chicago.out).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM stations WHERE code = 'HEADQUARTERS' AND lat BETWEEN 41 AND 42.5")).toBe(1);
    const noAgency = await psap('import', 'stations', join(SHARED, 'baltimore/baltimore_police_stations.csv'));
    expect(noAgency.code).toBe(2);
  });

  it('imports OpenAddresses points and places, rejecting rows it cannot use', async () => {
    const r = await psap('import', 'addresses', join(SHARED, 'address/oa_us_ca_monterey_sample_20k.csv'), '--json');
    expect(r.code, r.out).toBe(0);
    const report = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect(report.read).toBe(20_000);
    expect(report.imported + report.rejected.length).toBe(20_000);
    expect(report.imported).toBeGreaterThan(15_000);
    expect(report.rejected.some((x: { reason: string }) => x.reason === 'no house number')).toBe(true);
    const places = write('places.csv', 'name,aliases,lat,lon\nTest Plaza,The Plaza; Plaza,39.30,-76.61\nNowhere,,,\n');
    const p = await psap('import', 'places', places);
    expect(p.out).toContain('1 imported, 1 rejected');
    expect((await pool.query("SELECT aliases FROM places WHERE name = 'Test Plaza'")).rows[0].aliases).toEqual(['The Plaza', 'Plaza']);
  });

  it('explains unusable files instead of failing mid-way', async () => {
    expect((await psap('import', 'streets', join(scratch, 'missing.geojson'))).out).toContain('no such file');
    expect((await psap('import', 'streets', write('bad.geojson', '{"type":'))).out).toContain('is not valid JSON');
    const points = write('points.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'X', fraddl: 1 }, geometry: { type: 'Point', coordinates: [0, 0] } }] }));
    const p = await psap('import', 'streets', points, '--map', 'name=name,fromLeft=fraddl');
    expect(p.out).toContain('geometry is Point, not a line');
    const noName = await psap('import', 'streets', write('noname.geojson', JSON.stringify({ type: 'FeatureCollection', features: [] })));
    expect(noName.out).toContain('which property holds the street name');
    expect((await psap('import', 'places', write('p.csv', 'foo,bar\n1,2\n'))).out).toMatch(/cannot find the name column/);
    expect((await psap('import', 'parcels', 'x')).code).toBe(2);
  });
});
