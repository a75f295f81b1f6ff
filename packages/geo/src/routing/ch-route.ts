import { IndexedMinHeap } from './binary-heap';
import type { ContractionHierarchy } from './contraction-hierarchy';
import type { RoadGraph } from './road-graph';
import { destinationSeeds, directTrip, metersIntoHalf, originSeeds, type EndpointSeed } from './route-endpoints';
import { halvesGeometry } from './route-geometry';
import type { Route } from './route-types';
import { unpackArc } from './shortcut-unpacking';
import type { SnappedPoint } from './snap-index';

class SearchSide {
  readonly dist: Float64Array;
  readonly parentEdge: Int32Array;
  readonly pred: Int32Array;
  readonly stamp: Uint32Array;
  readonly heap: IndexedMinHeap;

  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.parentEdge = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  seed(seeds: readonly EndpointSeed[], rankOf: Uint32Array, round: number): void {
    this.heap.clear();
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i] as EndpointSeed;
      const v = rankOf[s.node] as number;
      if (this.stamp[v] === round && (this.dist[v] as number) <= s.ms) continue;
      this.stamp[v] = round;
      this.dist[v] = s.ms;
      this.parentEdge[v] = -1 - i;
      this.pred[v] = -1;
      this.heap.decrease(v, s.ms);
    }
  }
}

/**
 * One-to-one routing on a contraction hierarchy: a bidirectional upward search with stall-on-demand, then the
 * hierarchy path is unpacked into road arcs for the geometry.
 */
export class ChRouter {
  private readonly forward: SearchSide;
  private readonly backward: SearchSide;
  private round = 0;

  constructor(private readonly graph: RoadGraph, private readonly ch: ContractionHierarchy) {
    this.forward = new SearchSide(ch.nodeCount);
    this.backward = new SearchSide(ch.nodeCount);
  }

  /** The fastest drive between two snapped points with its geometry, or null if there is none. */
  route(from: SnappedPoint, to: SnappedPoint): Route | null {
    const g = this.graph;
    const ch = this.ch;
    if (this.round === 0xffffffff) {
      this.forward.stamp.fill(0);
      this.backward.stamp.fill(0);
      this.round = 0;
    }
    const round = ++this.round;
    const starts = originSeeds(g, from);
    const ends = destinationSeeds(g, to);
    const f = this.forward;
    const b = this.backward;
    f.seed(starts, ch.rankOf, round);
    b.seed(ends, ch.rankOf, round);
    const direct = directTrip(g, from, to);
    let best = direct ? direct.ms : Infinity;
    let meet = -1;
    const { upOffsets, upHead, upWeight, downOffsets, downTail, downWeight } = ch;
    for (;;) {
      const fk = f.heap.peekKey();
      const bk = b.heap.peekKey();
      if ((fk < bk ? fk : bk) >= best) break;
      if (fk <= bk) {
        const x = f.heap.pop();
        const dx = f.dist[x] as number;
        if (b.stamp[x] === round && dx + (b.dist[x] as number) < best) {
          best = dx + (b.dist[x] as number);
          meet = x;
        }
        // Stall-on-demand: if a higher node already reached offers a shorter way into x, x's label is not a
        // shortest distance and searching on from it cannot help.
        let stalled = false;
        for (let e = downOffsets[x] as number, end = downOffsets[x + 1] as number; e < end; e++) {
          const y = downTail[e] as number;
          if (f.stamp[y] === round && (f.dist[y] as number) + (downWeight[e] as number) < dx) {
            stalled = true;
            break;
          }
        }
        if (stalled) continue;
        for (let e = upOffsets[x] as number, end = upOffsets[x + 1] as number; e < end; e++) {
          const y = upHead[e] as number;
          const nd = dx + (upWeight[e] as number);
          if (f.stamp[y] !== round || nd < (f.dist[y] as number)) {
            f.stamp[y] = round;
            f.dist[y] = nd;
            f.parentEdge[y] = e;
            f.pred[y] = x;
            f.heap.decrease(y, nd);
          }
        }
      } else {
        const x = b.heap.pop();
        const dx = b.dist[x] as number;
        if (f.stamp[x] === round && dx + (f.dist[x] as number) < best) {
          best = dx + (f.dist[x] as number);
          meet = x;
        }
        let stalled = false;
        for (let e = upOffsets[x] as number, end = upOffsets[x + 1] as number; e < end; e++) {
          const y = upHead[e] as number;
          if (b.stamp[y] === round && (b.dist[y] as number) + (upWeight[e] as number) < dx) {
            stalled = true;
            break;
          }
        }
        if (stalled) continue;
        for (let e = downOffsets[x] as number, end = downOffsets[x + 1] as number; e < end; e++) {
          const y = downTail[e] as number;
          const nd = dx + (downWeight[e] as number);
          if (b.stamp[y] !== round || nd < (b.dist[y] as number)) {
            b.stamp[y] = round;
            b.dist[y] = nd;
            b.parentEdge[y] = e;
            b.pred[y] = x;
            b.heap.decrease(y, nd);
          }
        }
      }
    }
    f.heap.clear();
    b.heap.clear();
    if (best === Infinity) return null;
    if (meet < 0) {
      if (!direct) return null;
      const startMeters = metersIntoHalf(g, direct.dir, from.along);
      return { seconds: best / 1000, meters: direct.meters, geometry: halvesGeometry(g, [direct.dir], startMeters, startMeters + direct.meters) };
    }

    // Hierarchy path: origin seed ... meet (climbing up arcs), then meet ... destination seed (down arcs).
    const upPart: number[] = [];
    let x = meet;
    while ((f.parentEdge[x] as number) >= 0) {
      upPart.push(f.parentEdge[x] as number, f.pred[x] as number, x);
      x = f.pred[x] as number;
    }
    const start = starts[-1 - (f.parentEdge[x] as number)] as EndpointSeed;
    const arcs: number[] = [];
    for (let i = upPart.length - 3; i >= 0; i -= 3) {
      const e = upPart[i] as number;
      unpackArc(ch, upPart[i + 1] as number, upPart[i + 2] as number, ch.upVia[e] as number, arcs);
    }
    x = meet;
    while ((b.parentEdge[x] as number) >= 0) {
      const e = b.parentEdge[x] as number;
      const next = b.pred[x] as number;
      unpackArc(ch, x, next, ch.downVia[e] as number, arcs);
      x = next;
    }
    const end = ends[-1 - (b.parentEdge[x] as number)] as EndpointSeed;
    const halves = [start.dir];
    let meters = start.meters + end.meters;
    for (const a of arcs) {
      halves.push(g.arcDir[a] as number);
      meters += g.arcMeters[a] as number;
    }
    halves.push(end.dir);
    return { seconds: best / 1000, meters, geometry: halvesGeometry(g, halves, metersIntoHalf(g, start.dir, from.along), end.meters) };
  }
}
