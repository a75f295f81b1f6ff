// A small hand-made street grid with known geometry, so interpolation, sides and intersections can be
// checked to the metre. Coordinates are written in metres east/north of an origin and converted.
import type { StreetSegment } from '../../src/geocode/index.js';

export const LAT0 = 39.3;
export const LON0 = -76.6;
const KY = (6_371_008.8 * Math.PI) / 180;
const KX = KY * Math.cos((LAT0 * Math.PI) / 180);

/** Metres east/north of the origin to [lon, lat]. */
export function toLonLat(x: number, y: number): [number, number] {
  return [LON0 + x / KX, LAT0 + y / KY];
}

/** [lat, lon] back to metres east/north of the origin. */
export function toXY(lat: number, lon: number): { x: number; y: number } {
  return { x: (lon - LON0) * KX, y: (lat - LAT0) * KY };
}

let nextId = 1;
function seg(
  prefix: string,
  name: string,
  suffixType: string,
  points: [number, number][],
  ranges: [number, number, number, number] = [0, 0, 0, 0],
  extra: Partial<StreetSegment> = {},
): StreetSegment {
  return {
    id: nextId++,
    prefix,
    name,
    suffixType,
    suffixDir: '',
    fromLeft: ranges[0],
    toLeft: ranges[1],
    fromRight: ranges[2],
    toRight: ranges[3],
    coords: points.map(([x, y]) => toLonLat(x, y)),
    class: 'Paved Road',
    ...extra,
  };
}

/**
 * N MAIN ST runs north along x = 0 from y = 0 to 400 in four 100 m blocks (100-199, 200-299, ...; even
 * on the left, which is the west side when travelling north). ELM ST (y = 100), OAK AVE (y = 200) and
 * PINE ROAD (y = 300) cross it. ELM ST's east half is digitised westward with falling numbers.
 * LOOP ROAD leaves MAIN at y = 0 and comes back at y = 400. BROAD BLVD is a divided road whose two
 * carriageways (x = 300 and x = 330) both cross OAK AVE. An unnamed alley and a named alley sit behind MAIN.
 * Topology faults real data has: CEDAR CT ends on MAIN's interior vertex at y = 150 without MAIN being
 * split, BIRCH WAY stops 5 m short of MAIN at y = 370, and the EXPRESSWAY crosses over MAIN at y = 350
 * without any shared vertex.
 */
export function syntheticGrid(): StreetSegment[] {
  nextId = 1;
  const out: StreetSegment[] = [];
  for (let k = 0; k < 4; k++) {
    const base = 100 * (k + 1);
    out.push(seg('N', 'MAIN', 'ST', [[0, 100 * k], [0, 100 * k + 50], [0, 100 * k + 100]], [base, base + 98, base + 1, base + 99]));
  }
  out.push(seg('W', 'ELM', 'ST', [[-100, 100], [0, 100]], [198, 100, 199, 101]));
  out.push(seg('E', 'ELM', 'ST', [[100, 100], [0, 100]], [198, 100, 199, 101]));
  out.push(seg('', 'OAK', 'AVE', [[-100, 200], [0, 200]], [100, 198, 0, 0]));
  out.push(seg('', 'OAK', 'AVE', [[0, 200], [300, 200]], [200, 398, 201, 399]));
  out.push(seg('', 'OAK', 'AVE', [[300, 200], [330, 200]], [0, 0, 0, 0]));
  out.push(seg('', 'OAK', 'AVE', [[330, 200], [430, 200]], [400, 498, 401, 499]));
  out.push(seg('', 'PINE', 'ROAD', [[-100, 300], [0, 300], [100, 300]], [100, 298, 101, 299]));
  out.push(seg('', 'LOOP', 'ROAD', [[0, 0], [200, 0], [200, 200]], [1000, 1098, 1001, 1099]));
  out.push(seg('', 'LOOP', 'ROAD', [[200, 200], [200, 400], [0, 400]], [1100, 1198, 1101, 1199]));
  out.push(seg('', 'BROAD', 'BLVD', [[300, 0], [300, 200]], [100, 198, 101, 199]));
  out.push(seg('', 'BROAD', 'BLVD', [[300, 200], [300, 400]], [200, 298, 201, 299]));
  out.push(seg('', 'BROAD', 'BLVD', [[330, 400], [330, 200]], [298, 200, 299, 201]));
  out.push(seg('', 'BROAD', 'BLVD', [[330, 200], [330, 0]], [198, 100, 199, 101]));
  out.push(seg('', '', '', [[-30, 100], [-30, 200]], [0, 0, 0, 0], { class: 'Alley' }));
  out.push(seg('', 'MAIN-ALLEY-OAK', '', [[30, 100], [30, 200]], [0, 0, 0, 0], { class: 'Alley' }));
  out.push(seg('', 'CEDAR', 'CT', [[0, 150], [-20, 150]], [0, 0, 0, 0]));
  out.push(seg('', 'BIRCH', 'WAY', [[-5, 370], [-40, 370]], [0, 0, 0, 0]));
  out.push(seg('', 'EXPRESSWAY', '', [[-100, 350], [100, 350]], [0, 0, 0, 0], { class: 'Limited Access' }));
  return out;
}
