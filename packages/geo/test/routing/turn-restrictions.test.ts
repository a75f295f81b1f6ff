import { describe, expect, it } from 'vitest';
import { extractRoadsFromPbf } from '../../src/osm';
import {
  buildRoadGraph,
  buildRoadGraphFromSegments,
  contractGraph,
  noTurnRestrictions,
  osmRoadsToInput,
  RoadRouter,
  type RoadGraph,
  type SegmentTurnRestriction,
  type SnappedPoint,
} from '../../src/routing';
import { gridPoint, gridSegments, osmBytes } from './fixtures';

// A 3 x 3 grid of two-way streets; the centre junction is corner (1, 1). h-1-0 arrives there from the west,
// v-1-1 leaves it to the north (a left turn for eastbound traffic), h-1-1 continues east, v-0-1 goes south.
function plus(restrictions: SegmentTurnRestriction[]): RoadRouter {
  const { segments } = gridSegments({ rows: 3, cols: 3, seed: 1 });
  const equalSpeed = segments.map((s) => ({ ...s, coords: [s.coords[0], s.coords[s.coords.length - 1]] as Array<[number, number]>, speedKph: 30 }));
  const { graph, unmatchedRestrictions } = buildRoadGraphFromSegments(equalSpeed, { restrictions });
  expect(unmatchedRestrictions).toBe(0);
  return new RoadRouter(graph, contractGraph(graph));
}

function midpointOf(r: RoadRouter, id: string): SnappedPoint {
  const road = Array.from({ length: r.graph.roadCount }, (_, i) => i).find((i) => r.graph.sourceIds[r.graph.roadPolyline[i] as number] === id);
  if (road === undefined) throw new Error(`no road ${id}`);
  const s = r.graph.roadGeomOffsets[road] as number;
  const p = r.snap(((r.graph.geomLon[s] as number) + (r.graph.geomLon[s + 1] as number)) / 2, ((r.graph.geomLat[s] as number) + (r.graph.geomLat[s + 1] as number)) / 2, 1);
  if (!p || p.sourceId !== id) throw new Error(`snap to ${id} failed`);
  return p;
}

const centre = gridPoint(1, 1);

describe('turn restrictions (synthetic junction)', () => {
  const free = plus([]);
  const freeTime = free.route(midpointOf(free, 'h-1-0'), midpointOf(free, 'v-1-1'))?.seconds ?? NaN;

  it('no_left_turn forces a detour for that turn only', () => {
    const r = plus([{ from: 'h-1-0', to: 'v-1-1', via: centre, kind: 'no' }]);
    const from = midpointOf(r, 'h-1-0');
    const left = r.route(from, midpointOf(r, 'v-1-1'));
    expect(left?.seconds ?? 0).toBeGreaterThan(freeTime + 10);
    expect(left?.seconds).toBe(r.routeDijkstra(from, midpointOf(r, 'v-1-1'))?.seconds);
    // The geometry never goes from the west arm straight into the north arm at the centre.
    const g = left?.geometry ?? [];
    const i = g.findIndex((p) => p[0] === centre[0] && p[1] === centre[1]);
    if (i > 0) expect(!(g[i - 1]![1] === centre[1] && g[i - 1]![0] < centre[0] && g[i + 1]![0] === centre[0] && g[i + 1]![1] > centre[1])).toBe(true);
    // Straight on and right are unaffected.
    expect(r.route(from, midpointOf(r, 'h-1-1'))?.seconds).toBe(free.route(midpointOf(free, 'h-1-0'), midpointOf(free, 'h-1-1'))?.seconds);
    expect(r.route(from, midpointOf(r, 'v-0-1'))?.seconds).toBe(free.route(midpointOf(free, 'h-1-0'), midpointOf(free, 'v-0-1'))?.seconds);
    // Traffic from other directions may still enter the north arm.
    expect(r.route(midpointOf(r, 'h-1-1'), midpointOf(r, 'v-1-1'))?.seconds).toBe(free.route(midpointOf(free, 'h-1-1'), midpointOf(free, 'v-1-1'))?.seconds);
  });

  it('only_straight_on forbids every other turn from that arm, in routes and in many-to-one', () => {
    const r = plus([{ from: 'h-1-0', to: 'h-1-1', via: centre, kind: 'only' }]);
    const from = midpointOf(r, 'h-1-0');
    expect(r.route(from, midpointOf(r, 'h-1-1'))?.seconds).toBe(free.route(midpointOf(free, 'h-1-0'), midpointOf(free, 'h-1-1'))?.seconds);
    expect(r.route(from, midpointOf(r, 'v-1-1'))?.seconds ?? 0).toBeGreaterThan(freeTime + 10);
    const incident = midpointOf(r, 'v-0-1');
    const times = r.manyToOne([from], incident);
    expect(times.seconds[0]).toBe(r.route(from, incident)?.seconds);
    expect(times.seconds[0]).toBe(r.manyToOneDijkstra([from], incident).seconds[0]);
    expect(times.seconds[0] as number).toBeGreaterThan(free.manyToOne([midpointOf(free, 'h-1-0')], midpointOf(free, 'v-0-1')).seconds[0] as number);
  });

  it('no_u_turn is honoured like any other turn', () => {
    const r = plus([{ from: 'h-1-0', to: 'h-1-0', via: centre, kind: 'no' }]);
    const a = midpointOf(r, 'h-1-0');
    // Going back to a point behind on the same street needs a U-turn somewhere; not at the centre.
    const back = { ...a, along: a.along / 2 };
    const routed = r.route(a, back);
    expect(routed?.seconds).toBe(r.routeDijkstra(a, back)?.seconds);
    expect(routed?.geometry.some((p) => p[0] === centre[0] && p[1] === centre[1])).toBe(false);
  });
});

describe('turn restrictions from OSM (Monaco)', () => {
  const roads = extractRoadsFromPbf(osmBytes('osrm_monaco.osm.pbf'));
  const restricted = buildRoadGraph(osmRoadsToInput(roads));
  const unrestricted = buildRoadGraph({ ...osmRoadsToInput(roads), restrictions: noTurnRestrictions() });
  const withRules = new RoadRouter(restricted, contractGraph(restricted), { snap: { mainComponentOnly: false } });
  const without = new RoadRouter(unrestricted, contractGraph(unrestricted), { snap: { mainComponentOnly: false } });

  const g = unrestricted;

  /** Roads with an end at the via node, with the end's position. */
  function roadsAt(via: number): Array<{ road: number; atStart: boolean }> {
    const lon = roads.lon[via] as number;
    const lat = roads.lat[via] as number;
    const found: Array<{ road: number; atStart: boolean }> = [];
    for (let road = 0; road < g.roadCount; road++) {
      const s = g.roadGeomOffsets[road] as number;
      const e = (g.roadGeomOffsets[road + 1] as number) - 1;
      if (g.geomLon[s] === lon && g.geomLat[s] === lat) found.push({ road, atStart: true });
      else if (g.geomLon[e] === lon && g.geomLat[e] === lat) found.push({ road, atStart: false });
    }
    return found;
  }

  /** A point on `road` 40% of its length away from the via end. */
  function pointNear(r: RoadRouter, road: number, atStart: boolean): SnappedPoint | null {
    const s = g.roadGeomOffsets[road] as number;
    const p = r.snap(g.geomLon[s] as number, g.geomLat[s] as number, 0.01);
    if (!p) return null;
    const length = g.roadLength[road] as number;
    return { ...p, road, along: atStart ? 0.4 * length : 0.6 * length };
  }

  it('reads the restrictions and applies most of them', () => {
    expect(roads.stats.restrictionsKept).toBeGreaterThan(20);
    expect(restricted.restrictionsApplied).toBeGreaterThan(15);
    expect(restricted.nodeCount).toBeGreaterThan(restricted.junctionCount);
  });

  it('never takes a turn that a no_* or only_* restriction forbids when it would otherwise be the way to go', () => {
    let tested = 0;
    for (let i = 0; i < roads.restrictions.fromWay.length; i++) {
      const via = roads.restrictions.viaNode[i] as number;
      const only = roads.restrictions.only[i] === 1;
      const at = roadsAt(via);
      const fromEnds = at.filter((x) => g.roadPolyline[x.road] === roads.restrictions.fromWay[i]);
      const isTo = (x: { road: number }): boolean => g.roadPolyline[x.road] === roads.restrictions.toWay[i];
      // no_*: the turn onto the to-way is forbidden; only_*: every turn except onto the to-way is.
      const forbiddenEnds = at.filter((x) => (only ? !isTo(x) : isTo(x)));
      for (const f of fromEnds) {
        for (const t of forbiddenEnds) {
          if (t.road === f.road) continue;
          const a = pointNear(without, f.road, f.atStart);
          const b = pointNear(without, t.road, t.atStart);
          if (!a || !b) continue;
          const free = without.route(a, b);
          if (!free || free.meters > 0.45 * ((g.roadLength[f.road] as number) + (g.roadLength[t.road] as number))) continue;
          // The unrestricted route takes exactly that turn; with the rules it must not.
          const ruled = withRules.route(a, b);
          expect(ruled === null || ruled.seconds > free.seconds).toBe(true);
          if (ruled) expect(ruled.seconds).toBe(withRules.routeDijkstra(a, b)?.seconds);
          tested++;
        }
      }
    }
    expect(tested).toBeGreaterThan(10);
  });
});
