import { describe, expect, it } from 'vitest';
import { buildRoadGraphFromSegments, contractGraph, RoadRouter, type RoadSegment } from '../../src/routing';
import { haversineMeters } from '../../src/routing/earth-distance';
import { bangorFixture } from './fixtures';

// A 1 km one-way street from west (A) to east (B), and a two-way detour of 3 km B -> C -> A to the north.
const A: [number, number] = [-76.62, 39.3];
const B: [number, number] = [-76.608_4, 39.3];
const C: [number, number] = [-76.614_2, 39.311];
const segments: RoadSegment[] = [
  { id: 'main', coords: [A, B], oneway: 'forward', speedKph: 36, name: 'Main St' },
  { id: 'north-1', coords: [B, C], oneway: 'no', speedKph: 36 },
  { id: 'north-2', coords: [C, A], oneway: 'no', speedKph: 36 },
];

function router(s: RoadSegment[]): RoadRouter {
  const { graph } = buildRoadGraphFromSegments(s);
  return new RoadRouter(graph, contractGraph(graph));
}

describe('one-way streets', () => {
  const r = router(segments);
  const nearA = r.snap(A[0] + 0.001, A[1]);
  const nearB = r.snap(B[0] - 0.001, B[1]);

  it('are driven along their direction directly', () => {
    if (!nearA || !nearB) throw new Error('snap failed');
    expect(nearA.name).toBe('Main St');
    const forward = r.route(nearA, nearB);
    const forwardPlain = r.routeDijkstra(nearA, nearB);
    expect(forward?.meters).toBeCloseTo(nearB.along - nearA.along, 3);
    expect(forward?.seconds).toBe(forwardPlain?.seconds);
  });

  it('are never driven against their direction: the route goes around', () => {
    if (!nearA || !nearB) throw new Error('snap failed');
    const back = r.route(nearB, nearA);
    // Against the flow the unit must finish Main St to B, take the detour to A, then drive in again.
    const mainLength = haversineMeters(A[0], A[1], B[0], B[1]);
    const detour = haversineMeters(B[0], B[1], C[0], C[1]) + haversineMeters(C[0], C[1], A[0], A[1]);
    expect(back?.meters ?? 0).toBeCloseTo(mainLength - nearB.along + detour + nearA.along, 3);
    expect(back?.seconds).toBe(r.routeDijkstra(nearB, nearA)?.seconds);
  });

  it('count the direction units drive in, to the incident, in many-to-one', () => {
    if (!nearA || !nearB) throw new Error('snap failed');
    const toB = r.manyToOne([nearA], nearB);
    const toA = r.manyToOne([nearB], nearA);
    expect(toB.seconds[0]).toBe(r.route(nearA, nearB)?.seconds);
    expect(toA.seconds[0]).toBe(r.route(nearB, nearA)?.seconds);
    expect(toA.seconds[0] as number).toBeGreaterThan((toB.seconds[0] as number) * 3);
  });

  it("'backward' means against the drawing order", () => {
    const flipped = router([{ ...segments[0], coords: [B, A], oneway: 'backward' } as RoadSegment, ...segments.slice(1)]);
    const a = flipped.snap(A[0] + 0.001, A[1]);
    const b = flipped.snap(B[0] - 0.001, B[1]);
    if (!a || !b) throw new Error('snap failed');
    expect(flipped.route(a, b)?.seconds).toBe(r.route(nearA as never, nearB as never)?.seconds);
    expect(flipped.route(b, a)?.meters ?? 0).toBeGreaterThan(2000);
  });

  it('from OSM (Bangor) make the reverse trip along a one-way road longer than the forward one', () => {
    const { graph, router: osm } = bangorFixture();
    let checked = 0;
    for (let road = 0; road < graph.roadCount && checked < 25; road++) {
      const forwardOk = (graph.dirHead[2 * road] as number) >= 0;
      const backwardOk = (graph.dirHead[2 * road + 1] as number) >= 0;
      const length = graph.roadLength[road] as number;
      if (forwardOk === backwardOk || length < 60) continue;
      const start = graph.roadGeomOffsets[road] as number;
      const end = (graph.roadGeomOffsets[road + 1] as number) - 1;
      const first = osm.snap(graph.geomLon[start] as number, graph.geomLat[start] as number, 0.01);
      const last = osm.snap(graph.geomLon[end] as number, graph.geomLat[end] as number, 0.01);
      if (!first || !last || first.road !== road || last.road !== road) continue;
      // Points a quarter and three quarters along the road.
      const p = { ...first, along: length / 4 };
      const q = { ...first, along: (3 * length) / 4 };
      const [from, to] = forwardOk ? [p, q] : [q, p];
      const withFlow = osm.route(from, to);
      const againstFlow = osm.route(to, from);
      expect(withFlow?.meters).toBeCloseTo(length / 2, 3);
      if (againstFlow) expect(againstFlow.meters).toBeGreaterThan(length / 2);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});
