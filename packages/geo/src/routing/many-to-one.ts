import { IndexedMinHeap } from './binary-heap';
import type { ContractionHierarchy } from './contraction-hierarchy';
import { ACCESS_INTS, ARC_INTS, buildManyToOneLayout, RECORD_INTS, type ManyToOneLayout } from './many-to-one-layout';
import type { RoadGraph } from './road-graph';
import { destinationSeeds, directTrip } from './route-endpoints';
import type { TravelTimes } from './route-types';
import type { SnappedPoint } from './snap-index';

/** Tuning of the many-to-one search. */
export interface ManyToOneOptions {
  /**
   * How many top-ranked nodes form the core, evaluated for every query in one sequential sweep. A larger core
   * makes the sweep longer and the units' access lists shorter. Default 8 * sqrt(nodes), about 2000 for a city.
   */
  readonly coreSize?: number;
}

// Module-level copies: some module formats read imported bindings through accessor calls, too slow for hot loops.
const REC = RECORD_INTS;
const ARC = ARC_INTS;
const ACCESS = ACCESS_INTS;
// "Unreachable" in an int32 record: 2^30 - 1 ms (12.4 days, far beyond any drive) keeps values small integers for V8.
const UNREACHABLE = 0x3fffffff;

/**
 * Drive times from many units to one incident on a contraction hierarchy.
 *
 * 1. A backward upward search from the incident labels each node x it reaches with toTarget(x): the time of the
 *    best path from x down the hierarchy to the incident (stall-on-demand prunes it).
 * 2. With best(x) = min(toTarget(x), min over up arcs x->y of w + best(y)), a unit's answer is best() at the ends
 *    of its road; the upward graph has no cycles (ranks only grow), so best() is well defined bottom-up.
 * 3. best() of the core (the top ranks, which nearly every query reaches) is computed in one top-down sweep.
 * 4. For a unit below the core, best() is the minimum over its access list (the core nodes its climb can enter the
 *    core at, see many-to-one-layout.ts), unless its climb can meet the incident's search below the core; then a
 *    memoised depth-first walk computes best() exactly. The walk is needed for units near the incident only.
 */
export class ManyToOneSearch {
  private readonly layout: ManyToOneLayout;
  private readonly toTarget: Float64Array;
  private readonly toTargetMeters: Float64Array;
  private readonly targetStamp: Uint32Array;
  private readonly heap: IndexedMinHeap;
  private readonly labelled: Int32Array;
  /** Non-core nodes labelled by the incident's search in this query (local ids), and their bounding box. */
  private readonly lowTargets: Int32Array;
  private lowTargetCount = 0;
  private readonly lowBox = new Float64Array(4);
  private stackNodes: Int32Array;
  private stackCursors: Int32Array;
  private round = 0;
  /** Units in the last query whose best() needed the walk instead of the access lists. */
  lastWalks = 0;
  /** Nodes settled by the incident-side search in the last query. */
  lastTargetSettled = 0;

  constructor(private readonly graph: RoadGraph, private readonly ch: ContractionHierarchy, options: ManyToOneOptions = {}) {
    const n = ch.nodeCount;
    this.layout = buildManyToOneLayout(graph, ch, options.coreSize ?? 8 * Math.sqrt(n));
    this.toTarget = new Float64Array(n);
    this.toTargetMeters = new Float64Array(n);
    this.targetStamp = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
    this.labelled = new Int32Array(n);
    this.lowTargets = new Int32Array(n);
    this.stackNodes = new Int32Array(256);
    this.stackCursors = new Int32Array(256);
  }

  /** Drive time and distance from each source to the target; Infinity for null sources and unreachable ones. */
  run(sources: ReadonlyArray<SnappedPoint | null>, target: SnappedPoint): TravelTimes {
    const g = this.graph;
    // Stamps are 3 * round + 0..2 in int32 records; start over before they leave V8's small-integer range.
    if (this.round >= 0x15000000) this.resetStamps();
    const round = ++this.round;
    this.searchFromTarget(target, round);
    this.sweepCore(round);
    const seconds = new Float64Array(sources.length);
    const meters = new Float64Array(sources.length);
    const roadLength = g.roadLength;
    const { halves, rec, recMeters, coreStart, accessSpan, access, accessMeters } = this.layout;
    const done = 3 * round + 2;
    let walks = 0;
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      let bestMs = Infinity;
      let bestM = Infinity;
      if (source) {
        if (source.road === target.road) {
          const direct = directTrip(g, source, target);
          if (direct) {
            bestMs = direct.ms;
            bestM = direct.meters;
          }
        }
        // The two halves of the unit's road (what originSeeds gives), inlined: this loop runs for every unit.
        const road = source.road;
        for (let dir = 2 * road; dir <= 2 * road + 1; dir++) {
          const v = halves[2 * dir] as number;
          if (v < 0) continue;
          let b = UNREACHABLE;
          let bm = 0;
          if (v >= coreStart || rec[REC * v] === done) {
            b = rec[REC * v + 1] as number;
            bm = recMeters[REC * v + 2] as number;
          } else if (this.mayMeetBelowCore(v)) {
            walks++;
            this.evaluate(v, round);
            b = rec[REC * v + 1] as number;
            bm = recMeters[REC * v + 2] as number;
          } else {
            for (let a = ACCESS * (accessSpan[2 * v] as number), end = ACCESS * (accessSpan[2 * v + 1] as number); a < end; a += ACCESS) {
              const r = access[a] as number;
              const c = (access[a + 1] as number) + (rec[r + 1] as number);
              if (c < b) {
                b = c;
                bm = (accessMeters[a + 2] as number) + (recMeters[r + 2] as number);
              }
            }
          }
          if (b >= UNREACHABLE) continue;
          // Rest of the half from the unit to its end, as metersIntoHalf / msIntoHalf compute it.
          const length = roadLength[road] as number;
          const along = source.along < 0 ? 0 : source.along > length ? length : source.along;
          const rest = (dir & 1) === 0 ? length - along : along;
          const weight = halves[2 * dir + 1] as number;
          const t = weight - (length > 0 ? Math.round((weight * (length - rest)) / length) : 0) + b;
          if (t < bestMs) {
            bestMs = t;
            bestM = rest + bm;
          }
        }
      }
      seconds[i] = bestMs / 1000;
      meters[i] = bestM;
    }
    this.lastWalks = walks;
    return { seconds, meters };
  }

  /** Whether any node the incident's search labelled below the core lies in the box of x's upward climb. */
  private mayMeetBelowCore(x: number): boolean {
    const count = this.lowTargetCount;
    if (count === 0) return false;
    const { reach, lon, lat } = this.layout;
    const west = reach[4 * x] as number;
    const south = reach[4 * x + 1] as number;
    const east = reach[4 * x + 2] as number;
    const north = reach[4 * x + 3] as number;
    const box = this.lowBox;
    if (west > (box[2] as number) || east < (box[0] as number) || south > (box[3] as number) || north < (box[1] as number)) return false;
    for (let i = 0; i < count; i++) {
      const m = this.lowTargets[i] as number;
      const mx = lon[m] as number;
      const my = lat[m] as number;
      if (mx >= west && mx <= east && my >= south && my <= north) return true;
    }
    return false;
  }

  private resetStamps(): void {
    this.round = 0;
    this.targetStamp.fill(0);
    const rec = this.layout.rec;
    for (let v = 0; v < this.layout.nodeCount; v++) rec[REC * v] = 0;
  }

  private searchFromTarget(target: SnappedPoint, round: number): void {
    const ch = this.ch;
    const heap = this.heap;
    const { toTarget, toTargetMeters, targetStamp, labelled } = this;
    const { upOffsets, upHead, upWeight, downOffsets, downTail, downWeight, downMeters } = ch;
    heap.clear();
    let count = 0;
    for (const s of destinationSeeds(this.graph, target)) {
      const v = ch.rankOf[s.node] as number;
      if (targetStamp[v] === round) {
        if ((toTarget[v] as number) <= s.ms) continue;
      } else labelled[count++] = v;
      targetStamp[v] = round;
      toTarget[v] = s.ms;
      toTargetMeters[v] = s.meters;
      heap.decrease(v, s.ms);
    }
    let settled = 0;
    while (!heap.isEmpty()) {
      const x = heap.pop();
      settled++;
      const dx = toTarget[x] as number;
      let stalled = false;
      for (let e = upOffsets[x] as number, end = upOffsets[x + 1] as number; e < end; e++) {
        const y = upHead[e] as number;
        if (targetStamp[y] === round && (toTarget[y] as number) + (upWeight[e] as number) < dx) {
          stalled = true;
          break;
        }
      }
      if (stalled) continue;
      const mx = toTargetMeters[x] as number;
      for (let e = downOffsets[x] as number, end = downOffsets[x + 1] as number; e < end; e++) {
        const y = downTail[e] as number;
        const nd = dx + (downWeight[e] as number);
        if (targetStamp[y] !== round) {
          labelled[count++] = y;
          targetStamp[y] = round;
          toTarget[y] = nd;
          toTargetMeters[y] = mx + (downMeters[e] as number);
          heap.decrease(y, nd);
        } else if (nd < (toTarget[y] as number)) {
          toTarget[y] = nd;
          toTargetMeters[y] = mx + (downMeters[e] as number);
          heap.decrease(y, nd);
        }
      }
    }
    this.lastTargetSettled = settled;

    // Hand the labels to the records, marked "labelled by the incident's search" for this round, and note the
    // ones below the core with their bounding box for the meeting test.
    const { rec, recMeters, localOfCh, coreStart, lon, lat } = this.layout;
    const labelledStamp = 3 * round;
    const box = this.lowBox;
    box[0] = Infinity;
    box[1] = Infinity;
    box[2] = -Infinity;
    box[3] = -Infinity;
    let low = 0;
    for (let i = 0; i < count; i++) {
      const v = labelled[i] as number;
      const local = localOfCh[v] as number;
      const r = REC * local;
      rec[r] = labelledStamp;
      rec[r + 1] = toTarget[v] as number;
      recMeters[r + 2] = toTargetMeters[v] as number;
      if (local < coreStart) {
        this.lowTargets[low++] = local;
        const x = lon[local] as number;
        const y = lat[local] as number;
        if (x < (box[0] as number)) box[0] = x;
        if (y < (box[1] as number)) box[1] = y;
        if (x > (box[2] as number)) box[2] = x;
        if (y > (box[3] as number)) box[3] = y;
      }
    }
    this.lowTargetCount = low;
  }

  /** best() for the whole core, top-down in one pass over contiguous memory. */
  private sweepCore(round: number): void {
    const { rec, recMeters, arcs, arcMeters, coreStart, nodeCount } = this.layout;
    const labelledStamp = 3 * round;
    const done = labelledStamp + 2;
    for (let x = nodeCount - 1; x >= coreStart; x--) {
      const r = REC * x;
      let b = rec[r] === labelledStamp ? (rec[r + 1] as number) : UNREACHABLE;
      let bm = recMeters[r + 2] as number;
      for (let k = rec[r + 3] as number, end = rec[r + REC + 3] as number; k < end; k += ARC) {
        const ry = arcs[k] as number;
        const c = (arcs[k + 1] as number) + (rec[ry + 1] as number);
        if (c < b) {
          b = c;
          bm = (arcMeters[k + 2] as number) + (recMeters[ry + 2] as number);
        }
      }
      rec[r] = done;
      rec[r + 1] = b;
      recMeters[r + 2] = bm;
    }
  }

  /** Computes best() for `root` and every unfinished node above it, depth-first; the core is already final. */
  private evaluate(root: number, round: number): void {
    const { rec, recMeters, arcs, arcMeters } = this.layout;
    const labelledStamp = 3 * round;
    const entered = labelledStamp + 1;
    const done = labelledStamp + 2;
    // Explicit stack of (record, next arc): each arc is looked at once; either its head is final and the arc is
    // relaxed at once, or the walk descends into the head and relaxes the arc on the way back.
    let nodes = this.stackNodes;
    let cursors = this.stackCursors;
    let sp = 0;
    let r = REC * root;
    if (rec[r] !== labelledStamp) rec[r + 1] = UNREACHABLE;
    rec[r] = entered;
    let k = rec[r + 3] as number;
    for (;;) {
      const end = rec[r + REC + 3] as number;
      let descended = false;
      for (; k < end; k += ARC) {
        const ry = arcs[k] as number;
        const sy = rec[ry] as number;
        if (sy === done) {
          const c = (arcs[k + 1] as number) + (rec[ry + 1] as number);
          if (c < (rec[r + 1] as number)) {
            rec[r + 1] = c;
            recMeters[r + 2] = (arcMeters[k + 2] as number) + (recMeters[ry + 2] as number);
          }
          continue;
        }
        // The head is not entered: an entered, unfinished head would be below on the stack, i.e. a cycle.
        if (sp === nodes.length) {
          const biggerNodes = new Int32Array(sp * 2);
          biggerNodes.set(nodes);
          const biggerCursors = new Int32Array(sp * 2);
          biggerCursors.set(cursors);
          nodes = this.stackNodes = biggerNodes;
          cursors = this.stackCursors = biggerCursors;
        }
        nodes[sp] = r;
        cursors[sp] = k;
        sp++;
        r = ry;
        if (sy !== labelledStamp) rec[r + 1] = UNREACHABLE;
        rec[r] = entered;
        k = rec[r + 3] as number;
        descended = true;
        break;
      }
      if (descended) continue;
      rec[r] = done;
      if (sp === 0) return;
      // Back in the parent: relax the arc that led down, then carry on after it.
      const child = r;
      sp--;
      r = nodes[sp] as number;
      k = cursors[sp] as number;
      const c = (arcs[k + 1] as number) + (rec[child + 1] as number);
      if (c < (rec[r + 1] as number)) {
        rec[r + 1] = c;
        recMeters[r + 2] = (arcMeters[k + 2] as number) + (recMeters[child + 2] as number);
      }
      k += ARC;
    }
  }
}
