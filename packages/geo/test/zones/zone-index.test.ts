import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildZoneIndex,
  pointInPolygon,
  PreparedPolygon,
  type ZoneFeature,
  type ZoneFeatureCollection,
} from '../../src/zones/index.js';

const DATA = fileURLToPath(new URL('../../../../../shared/data/baltimore/', import.meta.url));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(`${DATA}${name}`, 'utf8')) as T;

const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('point in polygon', () => {
  // A 10 x 10 square with a 4 x 4 hole in the middle.
  const donut = [square(0, 0, 10, 10), square(3, 3, 7, 7)];
  const prepared = new PreparedPolygon(donut);

  it('excludes holes', () => {
    expect(prepared.contains(1, 1)).toBe(true);
    expect(prepared.contains(5, 5)).toBe(false);
    expect(prepared.contains(8, 5)).toBe(true);
    expect(prepared.contains(11, 5)).toBe(false);
    expect(prepared.contains(-0.001, 5)).toBe(false);
  });

  it('the banded version agrees with plain ray casting on random points and random polygons', () => {
    const star = (n: number, seed: number): number[][] => {
      const pts: number[][] = [];
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * i) / n;
        const r = 3 + ((Math.sin(seed * 7.3 + i * 1.7) + 1) / 2) * 7;
        pts.push([r * Math.cos(a), r * Math.sin(a)]);
      }
      pts.push(pts[0]!);
      return pts;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 300 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.tuple(fc.double({ min: -12, max: 12, noNaN: true }), fc.double({ min: -12, max: 12, noNaN: true })), { minLength: 1, maxLength: 50 }),
        (n, seed, points) => {
          const rings = [star(n, seed), square(-1, -1, 1, 1)];
          const p = new PreparedPolygon(rings);
          return points.every(([x, y]) => p.contains(x, y) === pointInPolygon(rings, x, y));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ZoneIndex', () => {
  const fire: ZoneFeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { due: 'E-1' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(3, 3, 7, 7)] } },
      // E-2 covers the hole of E-1 and a separate island: a MultiPolygon.
      {
        type: 'Feature',
        properties: { due: 'E-2' },
        geometry: { type: 'MultiPolygon', coordinates: [[square(3, 3, 7, 7)], [square(20, 0, 30, 10)]] },
      },
    ],
  };
  const ems: ZoneFeatureCollection = {
    features: [{ id: 'EMS-A', properties: {}, geometry: { type: 'Polygon', coordinates: [square(0, 0, 25, 10)] } }],
  };
  const index = buildZoneIndex([
    { name: 'fire', zones: fire, idProperty: 'due' },
    { name: 'ems', zones: ems },
  ]);

  it('reports the zone of every set containing the point', () => {
    // lookup takes (lat, lon): y first.
    expect(index.lookup(1, 1)).toEqual({ fire: 'E-1', ems: 'EMS-A' });
    expect(index.lookup(5, 5)).toEqual({ fire: 'E-2', ems: 'EMS-A' });
    expect(index.lookup(5, 22)).toEqual({ fire: 'E-2', ems: 'EMS-A' });
    expect(index.lookup(5, 27)).toEqual({ fire: 'E-2' });
    expect(index.lookup(50, 50)).toEqual({});
  });

  it('lists overlapping zones with lookupAll', () => {
    const overlapping = buildZoneIndex([
      {
        name: 'beat',
        zones: { features: [1, 2].map((i): ZoneFeature => ({ properties: { name: `B${i}` }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10 * i, 10)] } })) },
      },
    ]);
    expect(overlapping.lookupAll(5, 5)).toEqual({ beat: ['B1', 'B2'] });
    expect(overlapping.lookup(5, 5)).toEqual({ beat: 'B1' });
  });

  it('ignores features without polygon geometry', () => {
    const odd = buildZoneIndex([
      { name: 'x', zones: { features: [{ properties: { name: 'P' }, geometry: { type: 'Point', coordinates: [1, 1] } }, { properties: {}, geometry: null }] } },
    ]);
    expect(odd.lookup(1, 1)).toEqual({});
  });
});

describe('Baltimore zones', () => {
  const districts = readJson<ZoneFeatureCollection>('baltimore_police_districts_2023.geojson');
  const city = readJson<ZoneFeatureCollection>('baltimore_city_boundary.geojson');
  const index = buildZoneIndex([
    { name: 'police', zones: districts, idProperty: 'name' },
    { name: 'city', zones: city, idProperty: 'name' },
  ]);

  it('has the nine 2023 police districts', () => {
    expect(districts.features.map((f) => f.properties?.['name']).sort()).toEqual([
      'Central', 'Eastern', 'Northeastern', 'Northern', 'Northwestern', 'Southeastern', 'Southern', 'Southwestern', 'Western',
    ]);
  });

  it('puts every police station in the district the station file names', () => {
    const rows = readFileSync(`${DATA}baltimore_police_stations.csv`, 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const m = /^([^,]+),.*,([A-Z]+),"\(([-\d.]+), ([-\d.]+)\)"$/.exec(row);
      expect(m, row).not.toBeNull();
      const [, name, district, lat, lon] = m!;
      const zones = index.lookup(Number(lat), Number(lon));
      expect(zones['police']?.toUpperCase(), name).toBe(district);
      expect(zones['city']).toBe('Baltimore city');
    }
  });

  it('leaves points outside the city out of every set', () => {
    // Towson (Baltimore County) and Washington, DC.
    expect(index.lookup(39.4015, -76.6019)).toEqual({});
    expect(index.lookup(38.9072, -77.0369)).toEqual({});
  });

  it('assigns a district to points inside the city, and only one', () => {
    let inCity = 0;
    let withDistrict = 0;
    for (let i = 0; i < 2000; i++) {
      const lat = 39.2 + (i % 50) * 0.004;
      const lon = -76.72 + Math.floor(i / 50) * 0.0048;
      const zones = index.lookup(lat, lon);
      const all = index.lookupAll(lat, lon);
      expect((all['police'] ?? []).length).toBeLessThanOrEqual(1);
      if (zones['city'] !== undefined) {
        inCity++;
        if (zones['police'] !== undefined) withDistrict++;
      }
    }
    expect(inCity).toBeGreaterThan(500);
    // The census boundary takes in about 12% water (harbour, Patapsco); district lines follow the shore.
    expect(withDistrict / inCity).toBeGreaterThan(0.85);
  });
});
