import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadGraphFromSegments, contractGraph, RoadRouter, SnapIndex, type RoadSegment } from '../../src/routing';
import { haversineMeters } from '../../src/routing/earth-distance';
import { bangorFixture } from './fixtures';

// Uniform in value (fc.double is uniform over bit patterns, so mostly tiny numbers).
const fraction = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => i / 1_000_000);

const west: [number, number] = [-76.62, 39.3];
const east: [number, number] = [-76.61, 39.3];
const street: RoadSegment = { id: 'st-1', coords: [west, east], oneway: 'no', speedKph: 36, name: 'Test Street' };

describe('snapping', () => {
  const { graph } = buildRoadGraphFromSegments([street]);
  const router = new RoadRouter(graph, contractGraph(graph));

  it('drops a position onto the nearest point of the street, perpendicular to it', () => {
    const lat = 39.3 + 10 / 111_195; // about 10 m north of the street
    const p = router.snap(-76.615, lat);
    expect(p).not.toBeNull();
    expect(p?.lat).toBeCloseTo(39.3, 9);
    expect(p?.lon).toBeCloseTo(-76.615, 9);
    expect(p?.distanceMeters).toBeCloseTo(10, 1);
    expect(p?.along).toBeCloseTo(haversineMeters(west[0], west[1], -76.615, 39.3), 3);
    expect(p?.name).toBe('Test Street');
    expect(p?.sourceId).toBe('st-1');
  });

  it('clamps to the end of the street for a position beyond it', () => {
    const p = router.snap(-76.6, 39.3);
    expect(p?.lon).toBeCloseTo(east[0], 9);
    expect(p?.along).toBeCloseTo(graph.roadLength[0] as number, 6);
  });

  it('returns null beyond the allowed distance or for non-numbers', () => {
    expect(router.snap(-76.615, 39.31, 500)).toBeNull();
    expect(router.snap(-76.615, 39.31, 5000)).not.toBeNull();
    expect(router.snap(Number.NaN, 39.3)).toBeNull();
  });

  it('routes between two snapped points on one street using only the part between them', () => {
    const a = router.snap(-76.618, 39.3001);
    const b = router.snap(-76.612, 39.2999);
    if (!a || !b) throw new Error('snap failed');
    const r = router.route(a, b);
    expect(r?.meters).toBeCloseTo(b.along - a.along, 6);
    // 36 km/h is 10 m/s.
    expect(r?.seconds).toBeCloseTo((b.along - a.along) / 10, 2);
    expect(r?.geometry).toEqual([
      [a.lon, a.lat],
      [b.lon, b.lat],
    ]);
    expect(router.manyToOne([a, b], b).seconds[1]).toBe(0);
  });

  it('finds the truly nearest segment (brute force check on Bangor)', () => {
    const { graph: g, bounds } = bangorFixture();
    const index = new SnapIndex(g, { mainComponentOnly: false });
    fc.assert(
      fc.property(fraction, fraction, (fx, fy) => {
        const lon = bounds[0] + fx * (bounds[2] - bounds[0]);
        const lat = bounds[1] + fy * (bounds[3] - bounds[1]);
        const p = index.snap(lon, lat);
        if (!p) throw new Error('no snap');
        // Brute force over every segment in the same flat projection.
        const kx = Math.cos((((bounds[1] + bounds[3]) / 2) * Math.PI) / 180);
        let best = Infinity;
        for (let r = 0; r < g.roadCount; r++) {
          for (let k = g.roadGeomOffsets[r] as number; k < (g.roadGeomOffsets[r + 1] as number) - 1; k++) {
            const x0 = (g.geomLon[k] as number) * kx;
            const y0 = g.geomLat[k] as number;
            const dx = (g.geomLon[k + 1] as number) * kx - x0;
            const dy = (g.geomLat[k + 1] as number) - y0;
            const l2 = dx * dx + dy * dy;
            const t = l2 > 0 ? Math.max(0, Math.min(1, ((lon * kx - x0) * dx + (lat - y0) * dy) / l2)) : 0;
            best = Math.min(best, Math.hypot(x0 + t * dx - lon * kx, y0 + t * dy - lat));
          }
        }
        const found = Math.hypot((p.lon - lon) * kx, p.lat - lat);
        expect(found).toBeCloseTo(best, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps to the main network by default, so a unit on a disconnected fragment still gets a route', () => {
    const island: RoadSegment = { id: 'island', coords: [[-76.615, 39.3005], [-76.614, 39.3005]], oneway: 'no', speedKph: 30 };
    const { graph: g } = buildRoadGraphFromSegments([street, { ...street, id: 'st-2', coords: [east, [-76.61, 39.31]] }, island]);
    const onMain = new SnapIndex(g).snap(-76.6145, 39.3004);
    const anywhere = new SnapIndex(g, { mainComponentOnly: false }).snap(-76.6145, 39.3004);
    expect(anywhere?.sourceId).toBe('island');
    expect(onMain?.sourceId).toBe('st-1');
  });
});
