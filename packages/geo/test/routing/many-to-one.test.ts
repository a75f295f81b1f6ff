import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadGraphFromSegments, contractGraph, ManyToOneSearch, RoadRouter, type SnappedPoint, type RoadSegment } from '../../src/routing';
import { bangorFixture } from './fixtures';

// Uniform in value (fc.double is uniform over bit patterns, so mostly tiny numbers).
const fraction = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => i / 1_000_000);
// Up to 3% of the map's width or height, about 500 m in Bangor.
const nudge = fc.noBias(fc.integer({ min: -30_000, max: 30_000 })).map((i) => i / 1_000_000);

describe('many-to-one drive times', () => {
  const f = bangorFixture();

  it('match Dijkstra for units right around the incident, where climbs meet below the core', () => {
    fc.assert(
      fc.property(fraction, fraction, fc.array(fc.tuple(nudge, nudge), { minLength: 30, maxLength: 30 }), (tx, ty, offsets) => {
        const incident = f.snapAt(tx, ty);
        const units = offsets.map(([dx, dy]) => f.snapAt(Math.min(1, Math.max(0, tx + dx)), Math.min(1, Math.max(0, ty + dy))));
        expect(Array.from(f.router.manyToOne(units, incident).seconds)).toEqual(Array.from(f.router.manyToOneDijkstra(units, incident).seconds));
      }),
      { numRuns: 100 },
    );
  });

  it('match Dijkstra whatever the core size, from a single node to the whole graph', () => {
    const units = Array.from({ length: 120 }, (_, i) => f.snapAt(((i * 37) % 101) / 101, ((i * 53) % 103) / 103));
    const incident = f.snapAt(0.52, 0.47);
    const expected = Array.from(f.router.manyToOneDijkstra(units, incident).seconds);
    for (const coreSize of [0, 1, 50, f.graph.nodeCount]) {
      const search = new ManyToOneSearch(f.graph, f.router.hierarchy, { coreSize });
      expect(Array.from(search.run(units, incident).seconds), `core ${coreSize}`).toEqual(expected);
      // Ask twice: results must not depend on what the previous query left in the work arrays.
      expect(Array.from(search.run(units, incident).seconds), `core ${coreSize}, again`).toEqual(expected);
    }
  });

  it('report metres of a path with the reported time, and zero for a unit at the incident', () => {
    const incident = f.snapAt(0.3, 0.6);
    const units = [f.snapAt(0.7, 0.2), incident];
    const times = f.router.manyToOne(units, incident);
    const route = f.router.route(units[0] as SnappedPoint, incident);
    expect(times.seconds[0]).toBe(route?.seconds);
    expect(times.meters[0]).toBeCloseTo(route?.meters ?? NaN, 0);
    expect(times.seconds[1]).toBe(0);
    expect(times.meters[1]).toBe(0);
  });

  it('give Infinity for a missing position and for a unit that cannot reach the incident', () => {
    const street = (id: string, lon: number): RoadSegment => ({ id, coords: [[lon, 39.3], [lon + 0.01, 39.3]], oneway: 'no', speedKph: 40 });
    const { graph } = buildRoadGraphFromSegments([street('mainland', -76.62), street('island', -76.5)]);
    const r = new RoadRouter(graph, contractGraph(graph), { snap: { mainComponentOnly: false } });
    const onMainland = r.snap(-76.615, 39.3);
    const onIsland = r.snap(-76.495, 39.3);
    if (!onMainland || !onIsland) throw new Error('snap failed');
    const incident = r.snap(-76.612, 39.3);
    if (!incident) throw new Error('snap failed');
    const times = r.manyToOne([onMainland, null, onIsland], incident);
    expect(Number.isFinite(times.seconds[0])).toBe(true);
    expect(times.seconds[1]).toBe(Infinity);
    expect(times.seconds[2]).toBe(Infinity);
    expect(times.meters[2]).toBe(Infinity);
    expect(r.route(onIsland, incident)).toBeNull();
    expect(r.manyToOneDijkstra([onIsland], incident).seconds[0]).toBe(Infinity);
  });
});
