import KDBush from 'kdbush';
import { projectOntoPolyline } from './geometry.js';
import type { SegmentSpatialIndex } from './segment-spatial-index.js';
import type { SegmentStore } from './segment-store.js';
import type { Street } from './street-index.js';

/** One place where two streets meet: a cluster of graph nodes (several for divided roads). */
export interface IntersectionPoint {
  x: number;
  y: number;
  /** Graph nodes merged into this point. */
  nodes: number[];
  /** Segments touching those nodes; a through crossing has more than a T. */
  degree: number;
}

/** Options for deriving intersections from the segment graph. */
export interface IntersectionOptions {
  /** Endpoints closer than this are one node: the data has small undershoots (default 1.5 m). */
  snapM?: number;
  /**
   * A street that dead-ends this close to another street's side is taken to meet it, a digitising
   * undershoot (default 10 m); limited-access roads and ramps are never met this way.
   */
  undershootM?: number;
  /** Nodes of one street pair all within this distance of each other are one intersection (default 80 m). */
  clusterM?: number;
}

/**
 * Intersections derived from the segment graph: segment endpoints shared by two differently named
 * streets. Grade-separated crossings share no endpoint and so are rightly absent.
 */
export class IntersectionIndex {
  /** Node coordinates (metres). */
  readonly nodeX: Float64Array;
  readonly nodeY: Float64Array;
  /** Segments meeting at node i: nodeSegments[nodeSegStart[i] .. nodeSegStart[i + 1]). */
  private readonly nodeSegStart: Uint32Array;
  private readonly nodeSegments: Int32Array;
  /** Segments passing through a node without ending there: the through street of an unsplit T. */
  private readonly throughSegments = new Map<number, number[]>();
  private readonly pairs = new Map<number, IntersectionPoint[]>();
  private readonly crossing = new Map<number, Set<number>>();
  /** Nodes where at least two differently named streets meet, for nearest-intersection search. */
  private readonly namedNodes: Int32Array;
  private readonly namedNodeIndex: KDBush | undefined;
  private readonly streetCount: number;

  constructor(
    private readonly store: SegmentStore,
    streets: readonly Street[],
    spatial: SegmentSpatialIndex,
    options: IntersectionOptions = {},
  ) {
    const snap = options.snapM ?? 1.5;
    const undershoot = Math.max(snap, options.undershootM ?? 10);
    const clusterM = options.clusterM ?? 80;
    this.streetCount = streets.length;
    const nodeOfEnd = new Int32Array(store.size * 2);
    const nx: number[] = [];
    const ny: number[] = [];
    const grid = new Map<string, number[]>();
    const cell = snap * 2;
    const findOrAdd = (x: number, y: number): number => {
      const gx = Math.floor(x / cell);
      const gy = Math.floor(y / cell);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const id of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
            if (Math.hypot(nx[id]! - x, ny[id]! - y) <= snap) return id;
          }
        }
      }
      const id = nx.length;
      nx.push(x);
      ny.push(y);
      const k = `${gx},${gy}`;
      const list = grid.get(k);
      if (list === undefined) grid.set(k, [id]);
      else list.push(id);
      return id;
    };
    for (let s = 0; s < store.size; s++) {
      const a = store.vertexStart[s]!;
      const b = store.vertexStart[s + 1]! - 1;
      nodeOfEnd[2 * s] = findOrAdd(store.xy[2 * a]!, store.xy[2 * a + 1]!);
      nodeOfEnd[2 * s + 1] = findOrAdd(store.xy[2 * b]!, store.xy[2 * b + 1]!);
    }
    this.nodeX = Float64Array.from(nx);
    this.nodeY = Float64Array.from(ny);
    const nNodes = nx.length;
    const counts = new Uint32Array(nNodes + 1);
    for (let s = 0; s < store.size; s++) {
      counts[nodeOfEnd[2 * s]!]!++;
      if (nodeOfEnd[2 * s + 1] !== nodeOfEnd[2 * s]) counts[nodeOfEnd[2 * s + 1]!]!++;
    }
    this.nodeSegStart = new Uint32Array(nNodes + 1);
    for (let i = 0; i < nNodes; i++) this.nodeSegStart[i + 1] = this.nodeSegStart[i]! + counts[i]!;
    this.nodeSegments = new Int32Array(this.nodeSegStart[nNodes]!);
    const fill = this.nodeSegStart.slice(0, nNodes);
    for (let s = 0; s < store.size; s++) {
      const a = nodeOfEnd[2 * s]!;
      const b = nodeOfEnd[2 * s + 1]!;
      this.nodeSegments[fill[a]!++] = s;
      if (b !== a) this.nodeSegments[fill[b]!++] = s;
    }

    // A side street often ends on the through street without the through street being split there
    // ("HOLLIDAY ST & E CENTRE ST"); such a node touches the through segment's interior.
    for (let node = 0; node < nNodes; node++) {
      const x = this.nodeX[node]!;
      const y = this.nodeY[node]!;
      const incident = this.nodeSegments.subarray(this.nodeSegStart[node]!, this.nodeSegStart[node + 1]!);
      if (!incident.some((s) => store.streetOf[s]! >= 0)) continue;
      const reach = incident.length === 1 ? undershoot : snap;
      for (const s of spatial.inBox(x - reach, y - reach, x + reach, y + reach)) {
        if (store.streetOf[s]! < 0 || incident.includes(s)) continue;
        const p = projectOntoPolyline(store.xy, store.vertexStart[s]!, store.vertexStart[s + 1]!, x, y);
        if (p.distance > reach) continue;
        if (p.distance > snap && (store.classes[s] === 'Limited Access' || store.classes[s] === 'Ramp')) continue;
        const list = this.throughSegments.get(node);
        if (list === undefined) this.throughSegments.set(node, [s]);
        else list.push(s);
      }
    }

    // Street pairs meeting at each node.
    const pairNodes = new Map<number, number[]>();
    const named: number[] = [];
    for (let node = 0; node < nNodes; node++) {
      const sids = this.streetsAtNode(node);
      let hasPair = false;
      for (let i = 0; i < sids.length; i++) {
        for (let j = i + 1; j < sids.length; j++) {
          const a = streets[sids[i]!]!;
          const b = streets[sids[j]!]!;
          // N CHARLES ST meeting S CHARLES ST is the same street changing prefix, not a corner.
          if (a.nameKey === b.nameKey && a.parts.type === b.parts.type) continue;
          hasPair = true;
          const key = this.pairKey(a.id, b.id);
          const list = pairNodes.get(key);
          if (list === undefined) pairNodes.set(key, [node]);
          else list.push(node);
        }
      }
      if (hasPair) named.push(node);
    }
    for (const [key, nodes] of pairNodes) {
      this.pairs.set(key, this.cluster(nodes, clusterM));
      const a = Math.floor(key / this.streetCount);
      const b = key % this.streetCount;
      this.link(a, b);
      this.link(b, a);
    }
    this.namedNodes = Int32Array.from(named);
    if (named.length > 0) {
      const kd = new KDBush(named.length);
      for (const node of named) kd.add(this.nodeX[node]!, this.nodeY[node]!);
      kd.finish();
      this.namedNodeIndex = kd;
    }
  }

  /** Number of graph nodes (distinct segment endpoints after snapping). */
  get nodeCount(): number {
    return this.nodeX.length;
  }

  /** Where streets a and b meet, most important meeting first (empty when they never meet). */
  between(a: number, b: number): readonly IntersectionPoint[] {
    if (a === b) return [];
    return this.pairs.get(this.pairKey(a, b)) ?? [];
  }

  /** Streets that meet street `a` somewhere, for suggesting the second half of "A & ...". */
  crossingStreets(a: number): ReadonlySet<number> {
    return this.crossing.get(a) ?? new Set();
  }

  /** Named streets whose segments end at a node. */
  streetsAtNode(node: number): number[] {
    const out: number[] = [];
    const add = (seg: number): void => {
      const sid = this.store.streetOf[seg]!;
      if (sid >= 0 && !out.includes(sid)) out.push(sid);
    };
    for (let k = this.nodeSegStart[node]!; k < this.nodeSegStart[node + 1]!; k++) add(this.nodeSegments[k]!);
    for (const seg of this.throughSegments.get(node) ?? []) add(seg);
    return out;
  }

  /** Every unordered street pair with at least one meeting point, for sampling and tests. */
  *allPairs(): Generator<{ a: number; b: number; points: readonly IntersectionPoint[] }> {
    for (const [key, points] of this.pairs) {
      yield { a: Math.floor(key / this.streetCount), b: key % this.streetCount, points };
    }
  }

  /** Nearest node where two differently named streets meet, within maxM metres. */
  nearestNamedNode(x: number, y: number, maxM = 2000): { node: number; distance: number } | undefined {
    const kd = this.namedNodeIndex;
    if (kd === undefined) return undefined;
    for (let r = 50; r <= maxM * 2; r *= 2) {
      const radius = Math.min(r, maxM);
      let best: { node: number; distance: number } | undefined;
      for (const i of kd.within(x, y, radius)) {
        const node = this.namedNodes[i]!;
        const d = Math.hypot(this.nodeX[node]! - x, this.nodeY[node]! - y);
        if (best === undefined || d < best.distance) best = { node, distance: d };
      }
      if (best !== undefined || radius >= maxM) return best;
    }
    return undefined;
  }

  private pairKey(a: number, b: number): number {
    return a < b ? a * this.streetCount + b : b * this.streetCount + a;
  }

  private link(a: number, b: number): void {
    let set = this.crossing.get(a);
    if (set === undefined) this.crossing.set(a, (set = new Set()));
    set.add(b);
  }

  // A through segment counts as two arms of the junction.
  private degreeOf(node: number): number {
    return this.nodeSegStart[node + 1]! - this.nodeSegStart[node]! + 2 * (this.throughSegments.get(node)?.length ?? 0);
  }

  // Greedy clustering seeded at the busiest node: the carriageways of a divided road, or the two T's of
  // a jogged crossing, meet a street at several nodes a few tens of metres apart, and a dispatcher
  // means one corner. Every pair of members stays within `diameter`, so the centroid is near all.
  private cluster(nodes: readonly number[], diameter: number): IntersectionPoint[] {
    const order = [...nodes].sort((p, q) => this.degreeOf(q) - this.degreeOf(p) || p - q);
    const used = new Set<number>();
    const out: IntersectionPoint[] = [];
    const dist = (p: number, q: number): number =>
      Math.hypot(this.nodeX[p]! - this.nodeX[q]!, this.nodeY[p]! - this.nodeY[q]!);
    for (const seed of order) {
      if (used.has(seed)) continue;
      const members = [seed];
      used.add(seed);
      for (const n of order) {
        if (used.has(n) || !members.every((m) => dist(m, n) <= diameter)) continue;
        members.push(n);
        used.add(n);
      }
      let sx = 0;
      let sy = 0;
      let degree = 0;
      for (const n of members) {
        sx += this.nodeX[n]!;
        sy += this.nodeY[n]!;
        degree += this.degreeOf(n);
      }
      out.push({ x: sx / members.length, y: sy / members.length, nodes: members, degree });
    }
    // The corner with the most nodes first: it is the one a randomly chosen node of this street pair,
    // or a caller naming the pair, most often means (a divided-road crossing rather than a stub).
    return out.sort((p, q) => q.nodes.length - p.nodes.length || q.degree - p.degree);
  }
}
