import { describe, expect, it } from 'vitest';
import { createGeocoder, type GeocodeCandidate } from '../../src/geocode/index.js';
import { buildZoneIndex } from '../../src/zones/index.js';
import { syntheticGrid, toLonLat, toXY } from './synthetic-grid.js';

const ring = (pts: [number, number][]): number[][] => pts.map(([x, y]) => toLonLat(x, y));
const zones = buildZoneIndex([
  {
    name: 'police',
    zones: {
      features: [
        { properties: { name: 'West' }, geometry: { type: 'Polygon', coordinates: [ring([[-1000, -1000], [0, -1000], [0, 1000], [-1000, 1000], [-1000, -1000]])] } },
        { properties: { name: 'East' }, geometry: { type: 'Polygon', coordinates: [ring([[0, -1000], [1000, -1000], [1000, 1000], [0, 1000], [0, -1000]])] } },
      ],
    },
  },
]);

const [hallLon, hallLat] = toLonLat(-60, 150);
const [pointLon, pointLat] = toLonLat(-14, 160);
const geocoder = createGeocoder(syntheticGrid(), {
  zoneIndex: zones,
  places: [
    { name: 'CITY HALL', aliases: ['BALTIMORE CITY HALL', 'HALL OF RECORDS'], lat: hallLat, lon: hallLon },
    { name: 'SAINT AGNES HOSPITAL', aliases: [], lat: hallLat + 0.001, lon: hallLon },
  ],
  addressPoints: [{ number: '160', street: 'N Main St', unit: 'APT 2', lat: pointLat, lon: pointLon }],
});

const top = (q: string): GeocodeCandidate => {
  const c = geocoder.geocode(q)[0];
  if (c === undefined) throw new Error(`no candidate for ${q}`);
  return c;
};
const xy = (c: GeocodeCandidate): { x: number; y: number } => toXY(c.lat, c.lon);

describe('address interpolation', () => {
  it('puts an even number 10 m to the left (west) of a northbound centerline', () => {
    const c = top('150 N MAIN ST');
    expect(c).toMatchObject({ matchType: 'address', label: '150 N MAIN ST', side: 'left', score: 1 });
    expect(c.outOfRange).toBeUndefined();
    const p = xy(c);
    expect(p.x).toBeCloseTo(-10, 0);
    // 8 m kept clear of each corner, then 50/98 of the remaining 84 m.
    expect(p.y).toBeCloseTo(8 + (50 / 98) * 84, 0);
  });

  it('puts an odd number on the right (east) side', () => {
    const p = xy(top('151 N MAIN ST'));
    expect(p.x).toBeCloseTo(10, 0);
    expect(p.y).toBeCloseTo(8 + (50 / 98) * 84, 0);
  });

  it('moves along the street as the number grows', () => {
    const ys = [110, 150, 190, 210, 290, 350].map((n) => xy(top(`${n} N MAIN ST`)).y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('interpolates ranges that fall along the digitised direction', () => {
    // E ELM ST is drawn from x = 100 westward to x = 0 with 198 at its start; left is south.
    const c = top('120 E ELM ST');
    const p = xy(c);
    expect(c.side).toBe('left');
    expect(p.x).toBeCloseTo(100 - (8 + ((120 - 198) / (100 - 198)) * 84), 0);
    expect(p.y).toBeCloseTo(90, 0);
  });

  it('honours a custom side offset', () => {
    const g = createGeocoder(syntheticGrid(), { sideOffsetM: 4 });
    const c = g.geocode('150 N MAIN ST')[0]!;
    expect(xy(c).x).toBeCloseTo(-4, 0);
  });

  it('flags numbers outside every range and places them at the nearest range end', () => {
    const low = top('40 N MAIN ST');
    expect(low).toMatchObject({ matchType: 'address', outOfRange: true });
    // Just past the range: likely, but never good enough to place a call without a dispatcher.
    expect(low.score).toBeLessThan(0.85);
    expect(xy(low).y).toBeLessThan(15);
    const high = top('950 N MAIN ST');
    expect(high.outOfRange).toBe(true);
    expect(xy(high).y).toBeGreaterThan(385);
    expect(high.score).toBeLessThan(low.score);
  });

  it('flags a number of the wrong parity for the only addressed side', () => {
    // The west part of OAK AVE only has even numbers (100-198); 151 is odd.
    const c = top('151 OAK AVE');
    expect(c).toMatchObject({ parityMismatch: true });
    expect(c.outOfRange).toBeUndefined();
    expect(c.score).toBeLessThan(1);
  });

  it('keeps the unit out of the street and in the result', () => {
    const c = geocoder.geocode('210 N Main Street, Apt 3')[0]!;
    expect(c).toMatchObject({ label: '210 N MAIN ST APT 3', unit: 'APT 3', houseNumber: '210' });
  });

  it('fills zone ids from the zone index', () => {
    expect(top('150 N MAIN ST').zoneIds).toEqual({ police: 'West' });
    expect(top('151 N MAIN ST').zoneIds).toEqual({ police: 'East' });
  });

  it('prefers a surveyed address point over interpolation', () => {
    const results = geocoder.geocode('160 N MAIN ST');
    expect(results[0]).toMatchObject({ matchType: 'address-point', lat: pointLat, lon: pointLon });
    expect(results[1]).toMatchObject({ matchType: 'address', label: '160 N MAIN ST' });
  });
});

describe('missing or wrong parts', () => {
  it('finds the street without its directional or type, at a slightly lower score', () => {
    const c = top('150 MAIN');
    expect(c.label).toBe('150 N MAIN ST');
    expect(c.score).toBeGreaterThan(0.8);
    expect(c.score).toBeLessThan(1);
  });

  it('reads spelled-out types and directionals', () => {
    expect(top('150 north main street')).toMatchObject({ label: '150 N MAIN ST', score: 1 });
    expect(top('150 PINE RD').label).toBe('150 PINE RD');
    expect(top('150 PINE ROAD').label).toBe('150 PINE RD');
  });

  it('tolerates misspellings', () => {
    expect(top('150 N MIAN ST').label).toBe('150 N MAIN ST');
    expect(top('150 N MAINN ST').label).toBe('150 N MAIN ST');
  });

  it('scores every candidate within [0, 1]', () => {
    for (const q of ['150 MAIN', 'MAIN & OAK', 'CITY HAL', '100 BLK MAIN', 'LOOP', '99999 ELM']) {
      for (const c of geocoder.geocode(q)) {
        expect(c.score).toBeGreaterThanOrEqual(0);
        expect(c.score).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('intersections', () => {
  it.each([
    'N MAIN ST & OAK AVE',
    'N MAIN ST && OAK AVE',
    'MAIN AND OAK',
    'main st / oak ave',
    'OAK AVE AT MAIN ST',
    'Main @ Oak',
    'corner of Main and Oak',
    'the corner of N. Main Street and Oak Avenue',
    'Main St and Oak Avenue, Baltimore, MD',
    'MIAN ST & OKA AVE',
  ])('finds the corner from "%s"', (q) => {
    const c = top(q);
    expect(c.matchType).toBe('intersection');
    expect(c.streets?.slice().sort()).toEqual(['N MAIN ST', 'OAK AVE']);
    const p = xy(c);
    expect(Math.hypot(p.x, p.y - 200)).toBeLessThan(1);
  });

  it('returns each place two streets meet, ranked, and near= reorders them', () => {
    const both = geocoder.geocode('MAIN ST & LOOP RD').filter((c) => c.matchType === 'intersection');
    expect(both).toHaveLength(2);
    const ys = both.map((c) => Math.round(xy(c).y)).sort((a, b) => a - b);
    expect(ys).toEqual([0, 400]);
    expect(both[0]!.score).toBeGreaterThan(both[1]!.score);
    const [nLon, nLat] = toLonLat(0, 390);
    const nearNorth = geocoder.geocode('MAIN ST & LOOP RD', { near: { lat: nLat, lon: nLon } })[0]!;
    expect(Math.round(xy(nearNorth).y)).toBe(400);
    const [sLon, sLat] = toLonLat(0, 10);
    const nearSouth = geocoder.geocode('MAIN ST & LOOP RD', { near: { lat: sLat, lon: sLon } })[0]!;
    expect(Math.round(xy(nearSouth).y)).toBe(0);
  });

  it('merges the two carriageways of a divided road into one corner', () => {
    const results = geocoder.geocode('OAK AVE & BROAD BLVD').filter((c) => c.matchType === 'intersection');
    expect(results).toHaveLength(1);
    const p = xy(results[0]!);
    expect(p.x).toBeCloseTo(315, 0);
    expect(p.y).toBeCloseTo(200, 0);
  });

  it('finds a side street that ends on an unsplit through street, and one that stops short of it', () => {
    const cedar = top('CEDAR CT & MAIN ST');
    expect(cedar).toMatchObject({ matchType: 'intersection', label: 'CEDAR CT & N MAIN ST' });
    expect(Math.hypot(xy(cedar).x, xy(cedar).y - 150)).toBeLessThan(1);
    const birch = top('BIRCH WAY & MAIN ST');
    expect(birch).toMatchObject({ matchType: 'intersection', label: 'BIRCH WAY & N MAIN ST' });
    expect(Math.hypot(xy(birch).x + 5, xy(birch).y - 370)).toBeLessThan(1);
  });

  it('offers an overpass as a weaker corner where the streets cross without meeting', () => {
    const c = top('EXPRESSWAY & MAIN ST');
    expect(c).toMatchObject({ matchType: 'intersection', label: 'EXPRESSWAY & N MAIN ST' });
    expect(Math.hypot(xy(c).x, xy(c).y - 350)).toBeLessThan(1);
    expect(c.score).toBeLessThan(0.85);
  });

  it('does not report streets that never meet', () => {
    expect(geocoder.geocode('ELM ST & PINE RD').filter((c) => c.matchType === 'intersection')).toEqual([]);
  });
});

describe('blocks', () => {
  it.each(['100 BLK N MAIN ST', '100 BLOCK OF N MAIN ST', '150 block main'])('puts "%s" mid-block on the centerline', (q) => {
    const c = top(q);
    expect(c).toMatchObject({ matchType: 'block', label: '100 BLOCK N MAIN ST' });
    const p = xy(c);
    expect(p.x).toBeCloseTo(0, 0);
    expect(Math.abs(p.y - 50)).toBeLessThan(3);
  });

  it('flags a block the street does not have', () => {
    const c = top('900 BLK N MAIN ST');
    expect(c.outOfRange).toBe(true);
    expect(c.score).toBeLessThan(0.7);
  });
});

describe('places and streets by name', () => {
  it('finds places by name and alias, forgivingly', () => {
    expect(top('city hall')).toMatchObject({ matchType: 'place', label: 'CITY HALL', score: 1 });
    expect(top('Hall of Records')).toMatchObject({ matchType: 'place', label: 'CITY HALL', score: 1 });
    expect(top('CITY HAL')).toMatchObject({ matchType: 'place', label: 'CITY HALL' });
    expect(top('St. Agnes Hospital')).toMatchObject({ matchType: 'place', label: 'SAINT AGNES HOSPITAL', score: 1 });
  });

  it('finds a street by name alone', () => {
    expect(top('LOOP ROAD')).toMatchObject({ matchType: 'street', label: 'LOOP RD' });
  });
});

describe('suggest', () => {
  it('completes addresses, intersections and places while typing', () => {
    expect(geocoder.suggest('150 N MA')[0]?.label).toBe('150 N MAIN ST');
    expect(geocoder.suggest('150 N MAIN S')[0]?.label).toBe('150 N MAIN ST');
    expect(geocoder.suggest('MAIN & OA')[0]?.label).toBe('N MAIN ST & OAK AVE');
    expect(geocoder.suggest('CITY H')[0]?.label).toBe('CITY HALL');
  });

  it('returns nothing useful for a bare number and never throws on odd input', () => {
    expect(geocoder.suggest('15')).toEqual([]);
    for (const q of ['', ' ', '&', '@@', '#', '1/2', 'AND', 'corner of', '100 BLK', '  ,  ,']) {
      expect(() => geocoder.suggest(q)).not.toThrow();
      expect(() => geocoder.geocode(q)).not.toThrow();
    }
  });
});

describe('reverse', () => {
  it('gives the interpolated address on the right side and the nearest corner', () => {
    const [lon, lat] = toLonLat(12, 250);
    const r = geocoder.reverse(lat, lon)!;
    expect(r.candidate.streets).toEqual(['N MAIN ST']);
    expect(r.candidate.side).toBe('right');
    // y = 250 is halfway along the 300 block (301-399 on the east side).
    const n = Number(r.candidate.houseNumber);
    expect(n % 2).toBe(1);
    expect(Math.abs(n - 350)).toBeLessThanOrEqual(2);
    expect(xy(r.candidate).x).toBeCloseTo(10, 0);
    expect(r.distanceM).toBeCloseTo(12, 0);
    expect(r.nearestIntersection?.streets?.slice().sort()).toEqual(['N MAIN ST', 'OAK AVE']);
    expect(r.nearestIntersection?.distanceM).toBeCloseTo(Math.hypot(12, 50), 0);
    expect(r.candidate.zoneIds).toEqual({ police: 'East' });
  });

  it('names the addressed street rather than a closer alley', () => {
    const [lon, lat] = toLonLat(-27, 150);
    const r = geocoder.reverse(lat, lon)!;
    expect(r.candidate.streets).toEqual(['N MAIN ST']);
    expect(r.candidate.side).toBe('left');
    expect(Number(r.candidate.houseNumber) % 2).toBe(0);
  });

  it('round-trips: a point beside a street reverse-geocodes to an address that geocodes back beside it', () => {
    for (const [x, y] of [[10, 130], [-10, 330], [50, 190], [150, 310], [190, 60], [-60, 108]] as [number, number][]) {
      const [lon, lat] = toLonLat(x, y);
      const r = geocoder.reverse(lat, lon)!;
      const back = xy(top(r.candidate.label));
      expect(Math.hypot(back.x - xy(r.candidate).x, back.y - xy(r.candidate).y)).toBeLessThan(1.5);
      if (r.distanceM <= 12) expect(Math.hypot(back.x - x, back.y - y)).toBeLessThan(4);
    }
  });
});
