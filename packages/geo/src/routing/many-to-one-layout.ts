import type { ContractionHierarchy } from './contraction-hierarchy';
import { hilbertKeys } from './hilbert-order';
import type { RoadGraph } from './road-graph';

/** Ints per node record in `rec`: [stamp, best ms, best metres (float32 bits), index of first up arc in `arcs`]. */
export const RECORD_INTS = 4;
/** Ints per arc record in `arcs`: [head's record index, weight ms, metres (float32 bits)]. */
export const ARC_INTS = 3;
const REC = RECORD_INTS;
const ARC = ARC_INTS;

/**
 * The hierarchy re-laid out for many-to-one queries, which are bound by memory latency rather than arithmetic.
 *
 * - Nodes get "local" ids: nodes below the core in Hilbert order of their position (a unit's climb then stays
 *   within a few cache lines), then the core (the top `coreSize` ranks) in rank order, so it can be swept top-down.
 * - Per node, everything the query reads sits in one 16-byte record; per arc, in one 12-byte record; arcs point at
 *   record indices, saving a multiply per arc.
 * - Access lists: for each node below the core, every core node its upward climb can enter the core at, with the
 *   shortest climb there through non-core nodes. Any upward path from x to a core node enters the core once and
 *   stays (ranks only grow), so best(x) = min over access entries (climb + best(entry)), unless x's climb meets the
 *   incident's own search below the core. That case is detected with `reach`, the bounding box of all non-core
 *   nodes x can climb to.
 */
export interface ManyToOneLayout {
  readonly nodeCount: number;
  /** Local id where the core starts; local ids >= coreStart are core nodes in ascending rank. */
  readonly coreStart: number;
  readonly rec: Int32Array;
  readonly recMeters: Float32Array;
  readonly arcs: Int32Array;
  readonly arcMeters: Float32Array;
  readonly localOfCh: Int32Array;
  readonly localOfNode: Int32Array;
  /** Position of each non-core local node, for the meeting test. */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** [west, south, east, north] of the non-core nodes reachable upward from each non-core local node. */
  readonly reach: Float64Array;
  /** Access entries of non-core local node x are entries accessSpan[2x] .. accessSpan[2x + 1] (exclusive). */
  readonly accessSpan: Int32Array;
  /** Per entry ACCESS_INTS ints: [record index of the core node, climb ms, climb metres (float32 bits)]. */
  readonly access: Int32Array;
  readonly accessMeters: Float32Array;
  /** Per directed road half: [local id of the node it leads to (-1 if not drivable), weight ms]. */
  readonly halves: Int32Array;
}

/** Ints per access entry in `access`. */
export const ACCESS_INTS = 3;

/** Builds the many-to-one layout of a hierarchy; done once per hierarchy, in about a tenth of a second for a city. */
export function buildManyToOneLayout(graph: RoadGraph, ch: ContractionHierarchy, coreSize: number): ManyToOneLayout {
  const n = ch.nodeCount;
  const core = Math.min(n, Math.max(n > 0 ? 1 : 0, Math.round(coreSize)));
  const coreStart = n - core;

  const lonOfCh = Float64Array.from(ch.nodeOfRank, (v) => graph.nodeLon[v] as number);
  const latOfCh = Float64Array.from(ch.nodeOfRank, (v) => graph.nodeLat[v] as number);
  const keys = hilbertKeys(lonOfCh, latOfCh);
  const lower = Array.from({ length: coreStart }, (_, v) => v).sort((a, b) => (keys[a] as number) - (keys[b] as number));
  const chOfLocal = new Uint32Array(n);
  for (let i = 0; i < coreStart; i++) chOfLocal[i] = lower[i] as number;
  for (let v = coreStart; v < n; v++) chOfLocal[v] = v;
  const localOfCh = new Int32Array(n);
  for (let i = 0; i < n; i++) localOfCh[chOfLocal[i] as number] = i;
  const localOfNode = new Int32Array(n);
  for (let v = 0; v < n; v++) localOfNode[v] = localOfCh[ch.rankOf[v] as number] as number;

  const m = ch.upHead.length;
  const rec = new Int32Array(REC * (n + 1));
  const recMeters = new Float32Array(rec.buffer);
  const arcs = new Int32Array(ARC * m);
  const arcMeters = new Float32Array(arcs.buffer);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = chOfLocal[i] as number;
    rec[REC * i + 3] = ARC * k;
    for (let e = ch.upOffsets[v] as number; e < (ch.upOffsets[v + 1] as number); e++, k++) {
      arcs[ARC * k] = REC * (localOfCh[ch.upHead[e] as number] as number);
      arcs[ARC * k + 1] = ch.upWeight[e] as number;
      arcMeters[ARC * k + 2] = ch.upMeters[e] as number;
    }
  }
  rec[REC * n + 3] = ARC * k;

  const lon = new Float64Array(coreStart);
  const lat = new Float64Array(coreStart);
  for (let i = 0; i < coreStart; i++) {
    lon[i] = lonOfCh[chOfLocal[i] as number] as number;
    lat[i] = latOfCh[chOfLocal[i] as number] as number;
  }

  // Access lists and reach boxes, from the top of the non-core part down (children before parents).
  const reach = new Float64Array(4 * coreStart);
  const accessSpan = new Int32Array(2 * coreStart);
  let access = new Int32Array(Math.max(48, coreStart * 8 * 3));
  let accessMeters = new Float32Array(access.buffer);
  let used = 0;
  const scratchMs = new Float64Array(n).fill(Infinity);
  const scratchMeters = new Float64Array(n);
  const touched: number[] = [];
  for (let chId = coreStart - 1; chId >= 0; chId--) {
    const x = localOfCh[chId] as number;
    let west = lon[x] as number;
    let south = lat[x] as number;
    let east = west;
    let north = south;
    touched.length = 0;
    const offer = (coreLocal: number, ms: number, meters: number): void => {
      if ((scratchMs[coreLocal] as number) === Infinity) touched.push(coreLocal);
      if (ms < (scratchMs[coreLocal] as number)) {
        scratchMs[coreLocal] = ms;
        scratchMeters[coreLocal] = meters;
      }
    };
    for (let e = ch.upOffsets[chId] as number; e < (ch.upOffsets[chId + 1] as number); e++) {
      const y = localOfCh[ch.upHead[e] as number] as number;
      const w = ch.upWeight[e] as number;
      const wm = ch.upMeters[e] as number;
      if (y >= coreStart) {
        offer(y, w, wm);
        continue;
      }
      for (let a = accessSpan[2 * y] as number; a < (accessSpan[2 * y + 1] as number); a++) {
        offer((access[3 * a] as number) / REC, w + (access[3 * a + 1] as number), wm + (accessMeters[3 * a + 2] as number));
      }
      west = Math.min(west, reach[4 * y] as number);
      south = Math.min(south, reach[4 * y + 1] as number);
      east = Math.max(east, reach[4 * y + 2] as number);
      north = Math.max(north, reach[4 * y + 3] as number);
    }
    reach[4 * x] = west;
    reach[4 * x + 1] = south;
    reach[4 * x + 2] = east;
    reach[4 * x + 3] = north;
    if (3 * (used + touched.length) > access.length) {
      const bigger = new Int32Array(Math.max(3 * (used + touched.length), access.length * 2));
      bigger.set(access);
      access = bigger;
      accessMeters = new Float32Array(access.buffer);
    }
    accessSpan[2 * x] = used;
    for (const c of touched) {
      access[3 * used] = REC * c;
      access[3 * used + 1] = scratchMs[c] as number;
      accessMeters[3 * used + 2] = scratchMeters[c] as number;
      used++;
      scratchMs[c] = Infinity;
    }
    accessSpan[2 * x + 1] = used;
  }
  const trimmed = access.slice(0, 3 * used);
  const halves = new Int32Array(2 * graph.dirHead.length);
  for (let d = 0; d < graph.dirHead.length; d++) {
    const head = graph.dirHead[d] as number;
    halves[2 * d] = head < 0 ? -1 : (localOfNode[head] as number);
    halves[2 * d + 1] = graph.dirWeight[d] as number;
  }
  return {
    nodeCount: n,
    coreStart,
    rec,
    recMeters,
    arcs,
    arcMeters,
    localOfCh,
    localOfNode,
    lon,
    lat,
    reach,
    accessSpan,
    access: trimmed,
    accessMeters: new Float32Array(trimmed.buffer),
    halves,
  };
}
