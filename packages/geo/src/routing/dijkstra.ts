import { IndexedMinHeap } from './binary-heap';
import type { RoadGraph } from './road-graph';
import { destinationSeeds, directTrip, metersIntoHalf, originSeeds, type EndpointSeed } from './route-endpoints';
import { halvesGeometry } from './route-geometry';
import type { Route, TravelTimes } from './route-types';
import type { SnappedPoint } from './snap-index';

/**
 * Plain Dijkstra on the road graph with a binary heap: the baseline the contraction hierarchy is measured against,
 * and the oracle tests compare it with. Holds its work arrays so repeated searches allocate nothing per node.
 */
export class DijkstraRouter {
  private readonly dist: Float64Array;
  private readonly meters: Float64Array;
  private readonly parent: Int32Array;
  private readonly labelled: Uint32Array;
  private readonly settled: Uint32Array;
  private readonly wanted: Uint32Array;
  private readonly heap: IndexedMinHeap;
  private round = 0;
  /** Nodes settled by the last search, for benchmarks and tests. */
  lastSettled = 0;

  constructor(private readonly graph: RoadGraph) {
    const n = graph.nodeCount;
    this.dist = new Float64Array(n);
    this.meters = new Float64Array(n);
    this.parent = new Int32Array(n);
    this.labelled = new Uint32Array(n);
    this.settled = new Uint32Array(n);
    this.wanted = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  private nextRound(): number {
    if (this.round === 0xffffffff) {
      this.labelled.fill(0);
      this.settled.fill(0);
      this.wanted.fill(0);
      this.round = 0;
    }
    return ++this.round;
  }

  private seed(seeds: readonly EndpointSeed[]): void {
    const round = this.round;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i] as EndpointSeed;
      if (this.labelled[s.node] === round && (this.dist[s.node] as number) <= s.ms) continue;
      this.labelled[s.node] = round;
      this.dist[s.node] = s.ms;
      this.meters[s.node] = s.meters;
      this.parent[s.node] = -1 - i;
      this.heap.decrease(s.node, s.ms);
    }
  }

  /** Drive time from each origin to the target: one backward search from the target until every origin is settled. */
  manyToOne(sources: ReadonlyArray<SnappedPoint | null>, target: SnappedPoint): TravelTimes {
    const g = this.graph;
    const round = this.nextRound();
    const heap = this.heap;
    heap.clear();
    this.seed(destinationSeeds(g, target));
    const sourceSeeds = sources.map((s) => (s ? originSeeds(g, s) : []));
    let remaining = 0;
    for (const seeds of sourceSeeds) {
      for (const s of seeds) {
        if (this.wanted[s.node] !== round) {
          this.wanted[s.node] = round;
          remaining++;
        }
      }
    }
    const { dist, meters, labelled, settled, wanted } = this;
    const { revOffsets, revArcs, arcTail, arcWeight, arcMeters } = g;
    let count = 0;
    while (remaining > 0 && !heap.isEmpty()) {
      const d = heap.peekKey();
      const x = heap.pop();
      settled[x] = round;
      count++;
      if (wanted[x] === round) remaining--;
      const m = meters[x] as number;
      for (let k = revOffsets[x] as number, e = revOffsets[x + 1] as number; k < e; k++) {
        const a = revArcs[k] as number;
        const y = arcTail[a] as number;
        if (settled[y] === round) continue;
        const nd = d + (arcWeight[a] as number);
        if (labelled[y] !== round || nd < (dist[y] as number)) {
          labelled[y] = round;
          dist[y] = nd;
          meters[y] = m + (arcMeters[a] as number);
          heap.decrease(y, nd);
        }
      }
    }
    this.lastSettled = count;
    heap.clear();
    const seconds = new Float64Array(sources.length).fill(Infinity);
    const metersOut = new Float64Array(sources.length).fill(Infinity);
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      if (!source) continue;
      let best = Infinity;
      let bestM = Infinity;
      const direct = directTrip(g, source, target);
      if (direct) {
        best = direct.ms;
        bestM = direct.meters;
      }
      for (const s of sourceSeeds[i] ?? []) {
        if (settled[s.node] !== round) continue;
        const t = s.ms + (dist[s.node] as number);
        if (t < best) {
          best = t;
          bestM = s.meters + (meters[s.node] as number);
        }
      }
      seconds[i] = best / 1000;
      metersOut[i] = bestM;
    }
    return { seconds, meters: metersOut };
  }

  /** The fastest drive between two snapped points with its geometry, or null if there is none. */
  route(from: SnappedPoint, to: SnappedPoint): Route | null {
    const g = this.graph;
    const round = this.nextRound();
    const heap = this.heap;
    heap.clear();
    const starts = originSeeds(g, from);
    this.seed(starts);
    const ends = destinationSeeds(g, to);
    for (const s of ends) this.wanted[s.node] = round;
    let best = Infinity;
    let bestMeters = Infinity;
    let bestEnd = -1;
    const direct = directTrip(g, from, to);
    if (direct) {
      best = direct.ms;
      bestMeters = direct.meters;
    }
    const { dist, meters, labelled, settled, parent } = this;
    const { arcOffsets, arcHead, arcWeight, arcMeters } = g;
    let count = 0;
    while (!heap.isEmpty() && heap.peekKey() < best) {
      const d = heap.peekKey();
      const x = heap.pop();
      settled[x] = round;
      count++;
      if (this.wanted[x] === round) {
        for (let i = 0; i < ends.length; i++) {
          const e = ends[i] as EndpointSeed;
          if (e.node !== x) continue;
          if (d + e.ms < best) {
            best = d + e.ms;
            bestMeters = (meters[x] as number) + e.meters;
            bestEnd = i;
          }
        }
      }
      const m = meters[x] as number;
      for (let a = arcOffsets[x] as number, e = arcOffsets[x + 1] as number; a < e; a++) {
        const y = arcHead[a] as number;
        if (settled[y] === round) continue;
        const nd = d + (arcWeight[a] as number);
        if (labelled[y] !== round || nd < (dist[y] as number)) {
          labelled[y] = round;
          dist[y] = nd;
          meters[y] = m + (arcMeters[a] as number);
          parent[y] = a;
          heap.decrease(y, nd);
        }
      }
    }
    this.lastSettled = count;
    heap.clear();
    if (best === Infinity) return null;
    if (bestEnd < 0 && direct) {
      const startMeters = metersIntoHalf(g, direct.dir, from.along);
      return { seconds: best / 1000, meters: bestMeters, geometry: halvesGeometry(g, [direct.dir], startMeters, startMeters + direct.meters) };
    }
    const end = ends[bestEnd] as EndpointSeed;
    const arcs: number[] = [];
    let x = end.node;
    while ((parent[x] as number) >= 0) {
      const a = parent[x] as number;
      arcs.push(a);
      x = g.arcTail[a] as number;
    }
    const start = starts[-1 - (parent[x] as number)] as EndpointSeed;
    const halves = [start.dir];
    for (let i = arcs.length - 1; i >= 0; i--) halves.push(g.arcDir[arcs[i] as number] as number);
    halves.push(end.dir);
    return {
      seconds: best / 1000,
      meters: bestMeters,
      geometry: halvesGeometry(g, halves, metersIntoHalf(g, start.dir, from.along), end.meters),
    };
  }
}
