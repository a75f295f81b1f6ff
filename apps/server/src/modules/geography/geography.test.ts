import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { runPsap } from '../../../test/helpers/psap-process';

let t: TestServer;
let ct: SignedInClient;

beforeAll(async () => {
  t = await createTestServer({ geography: true });
  ct = await t.as('call-taker');
});
afterAll(() => t.close());

const geocode = async (q: string) => (await ct.get(`/api/v1/geocode?q=${encodeURIComponent(q)}`)).body;

describe('geocoding on Baltimore City streets', () => {
  it('finds an address by range interpolation, on the right side, with its zones', async () => {
    const [best] = await geocode('1850 Orleans St');
    expect(best).toMatchObject({ matchType: 'address', label: '1850 ORLEANS ST' });
    expect(best.score).toBeGreaterThan(0.95);
    // Johns Hopkins Hospital fronts the 1800 block of Orleans St: the point lands within a block of it.
    expect(Math.abs(best.lat - 39.2965)).toBeLessThan(0.002);
    expect(Math.abs(best.lon - -76.5927)).toBeLessThan(0.003);
    expect(best.zoneIds['police-district']).toMatch(/^[A-Z]{2,3}$/);
    expect(best.zoneIds['fire-first-due']).toMatch(/^E-\d+$/);
  });

  it('accepts misspellings, blocks, intersections in any spelling, and places by alias', async () => {
    expect((await geocode('4900 blk tod ave'))[0]).toMatchObject({ matchType: 'block', label: '4900 BLOCK TODD AVE' });
    expect((await geocode('3123 greenmont ave'))[0].label).toBe('3123 GREENMOUNT AVE');
    for (const q of ['N Charles St & E 25th St', 'charles and 25th', 'N CHARLES ST / E 25TH ST', 'charles at twenty fifth']) {
      const [c] = await geocode(q);
      expect(c.matchType, q).toBe('intersection');
      expect(c.label, q).toBe('N CHARLES ST & E 25TH ST');
    }
    expect((await geocode('shock trauma'))[0]).toMatchObject({ matchType: 'place', label: 'University of Maryland Medical Center' });
    const cityHall = await geocode('city hall');
    expect(cityHall[0].matchType).toBe('place');
    expect(cityHall.every((c: { score: number }) => c.score >= 0.6)).toBe(true);
  });

  it('suggests as the call-taker types', async () => {
    const r = await ct.get(`/api/v1/geocode?q=${encodeURIComponent('1800 orlea')}&suggest=true&limit=5`);
    expect(r.status).toBe(200);
    expect(r.body[0].label).toBe('1800 ORLEANS ST');
  });

  it('reverse-geocodes a point to an address and the nearest corner', async () => {
    const r = await ct.get('/api/v1/geocode?lat=39.2904&lon=-76.6122');
    expect(r.body[0]).toMatchObject({ matchType: 'address', label: expect.stringMatching(/FAYETTE ST|CALVERT ST/) });
    expect(r.body[0].distanceM).toBeLessThan(30);
    expect(r.body[1].matchType).toBe('intersection');
  });

  it('names what is wrong with a query', async () => {
    expect((await ct.get('/api/v1/geocode')).body.error.fields).toHaveProperty('q');
    expect((await ct.get('/api/v1/geocode?lat=39.29')).body.error.fields).toHaveProperty('lon');
    expect((await ct.get('/api/v1/geocode?q=x&lat=1&lon=2')).status).toBe(400);
    expect((await ct.get('/api/v1/geocode?q=a&near=nowhere')).body.error.fields).toHaveProperty('near');
  });
});

describe('routes, zones, stations', () => {
  it('drives between two points on the street graph', async () => {
    const r = await ct.get('/api/v1/route?from=39.2904,-76.6122&to=39.3289,-76.6205');
    expect(r.status).toBe(200);
    expect(r.body.meters).toBeGreaterThan(4_300); // at least the straight-line distance
    expect(r.body.meters).toBeLessThan(8_000);
    expect(r.body.seconds).toBeGreaterThan(200);
    expect(r.body.geometry.length).toBeGreaterThan(10);
    expect((await ct.get('/api/v1/route?from=0,0&to=39.3289,-76.6205')).body.error.fields).toHaveProperty('from');
  });

  it('places every fire station by geocoding its address, and police stations by their coordinates', async () => {
    const stations = (await ct.get('/api/v1/stations')).body as { agency: string; code: string; lat: number | null; placedBy: string | null; score: number | null }[];
    const fire = stations.filter((s) => s.agency === 'BCFD');
    expect(fire.length).toBeGreaterThanOrEqual(39);
    expect(fire.filter((s) => s.lat === null)).toEqual([]);
    expect(fire.every((s) => s.score! >= 0.75)).toBe(true);
    expect(stations.filter((s) => s.agency === 'BPD').every((s) => s.placedBy === 'coordinates')).toBe(true);
  });

  it('serves the jurisdiction and its zone sets for the map', async () => {
    const j = (await ct.get('/api/v1/jurisdiction')).body;
    expect(j.name).toBe('Baltimore City');
    expect(j.zoneSets.map((z: { code: string }) => z.code).sort()).toEqual(['ems-zone', 'fire-first-due', 'police-district']);
    const districts = (await ct.get('/api/v1/zones/police-district')).body;
    expect(districts.features).toHaveLength(9);
    expect(districts.features[0].geometry.type).toMatch(/Polygon/);
    expect((await ct.get('/api/v1/zones/nope')).status).toBe(404);
  });

  it('gives every incident location its police district, first-due area and EMS zone, geocoding text when it must', async () => {
    const d = await t.as('dispatcher');
    const withPoint = (await d.post('/api/v1/incidents', { type: 'FSTRU', location: { text: 'City Hall', lat: 39.29057, lon: -76.61037, verified: true } })).body;
    expect(withPoint.zones).toEqual({ police: 'CD', fire: expect.stringMatching(/^E-/), ems: expect.stringMatching(/^E-/) });
    const textOnly = (await d.post('/api/v1/incidents', { type: 'SUSP', location: { text: '2 E Lombard St' } })).body;
    expect(textOnly.location).toMatchObject({ text: '2 E Lombard St', verified: false });
    expect(textOnly.location.lat).toBeCloseTo(39.2886, 2);
    expect(textOnly.zones.police).toBe('CD');
    const vague = (await d.post('/api/v1/incidents', { type: 'SUSP', location: { text: 'behind the old warehouse' } })).body;
    expect(vague.location.lat).toBeNull();
    expect(vague.zones).toEqual({ police: null, fire: null, ems: null });
    const moved = (await d.patch(`/api/v1/incidents/${vague.id}`, { location: { text: '1800 Orleans St', lat: 39.2965, lon: -76.5927, verified: true } })).body;
    const there = (await ct.get('/api/v1/geocode?lat=39.2965&lon=-76.5927')).body[0];
    expect(moved.zones.police).toBe(there.zoneIds['police-district']);
    expect(moved.zones.fire).toBe(there.zoneIds['fire-first-due']);
  });
});

describe('changes to the data', () => {
  it('rebuilds the running geography when an import changes the data', async () => {
    const before = (await ct.get('/api/v1/jurisdiction')).body.version;
    const file = join(mkdtempSync(join(tmpdir(), 'psap-places-')), 'places.csv');
    writeFileSync(file, 'name,aliases,address\nStation North Arts Plaza,Arts Plaza,1700 N Charles St\n');
    const r = await runPsap(['import', 'places', file], { DATABASE_URL: t.databaseUrl });
    expect(r.code, r.out).toBe(0);
    const deadline = Date.now() + 20_000;
    let found: { matchType: string; label: string } | undefined;
    while (Date.now() < deadline) {
      found = (await geocode('arts plaza'))[0];
      if (found?.matchType === 'place') break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(found).toMatchObject({ matchType: 'place', label: 'Station North Arts Plaza' });
    expect((await ct.get('/api/v1/jurisdiction')).body.version).toBeGreaterThan(before);
  });
});
