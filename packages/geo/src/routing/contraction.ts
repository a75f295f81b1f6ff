import { AdjacencyPool } from './adjacency-pool';
import { IndexedMinHeap } from './binary-heap';
import type { ContractionHierarchy } from './contraction-hierarchy';

/** What contraction needs from a road graph (RoadGraph satisfies it). */
export interface ContractionInput {
  readonly nodeCount: number;
  readonly arcOffsets: Uint32Array;
  readonly arcHead: Uint32Array;
  readonly arcWeight: Uint32Array;
  readonly arcMeters: Float64Array;
  readonly checksum: string;
}

/** Tuning knobs; the defaults were chosen on the Porto extract (see bench/results/routing.md). */
export interface ContractionOptions {
  /** Nodes a witness search may settle when the node is really contracted; more means fewer needless shortcuts. */
  readonly witnessSettleLimit?: number;
  /** The same limit while only estimating a node's priority, where speed matters more than precision. */
  readonly estimateSettleLimit?: number;
  /** Called every few thousand contractions, for progress output on big inputs. */
  readonly onProgress?: (contracted: number, total: number) => void;
}

// Weight of the level term against the two ratios: on Porto, 0.5 contracted fastest (2.4 s, 120k shortcuts) with
// query times as good as weights 1 and 2, which gave more shortcuts.
const LEVEL_WEIGHT = 0.5;

class EdgeTable {
  meters: Float64Array;
  via: Int32Array;
  hops: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.meters = new Float64Array(capacity);
    this.via = new Int32Array(capacity);
    this.hops = new Int32Array(capacity);
  }

  add(meters: number, via: number, hops: number): number {
    if (this.count === this.via.length) {
      const n = this.count * 2 + 16;
      const m = new Float64Array(n);
      m.set(this.meters);
      const v = new Int32Array(n);
      v.set(this.via);
      const h = new Int32Array(n);
      h.set(this.hops);
      this.meters = m;
      this.via = v;
      this.hops = h;
    }
    const e = this.count++;
    this.meters[e] = meters;
    this.via[e] = via;
    this.hops[e] = hops;
    return e;
  }
}

/**
 * Node contraction with witness searches. Order: a lazily updated priority queue keyed by
 *   0.5 * level + added/removed arcs + added/removed hops
 * where "level" is one more than the highest level among already-contracted neighbours. The ratio terms prefer
 * nodes whose removal adds few shortcuts; the level term spreads contraction evenly over the map (the role the
 * classic "deleted neighbours" term plays), which keeps search spaces small and balanced.
 */
class Contractor {
  readonly out: AdjacencyPool;
  readonly inn: AdjacencyPool;
  readonly edges: EdgeTable;
  readonly contracted: Uint8Array;
  readonly level: Float64Array;
  private readonly dist: Float64Array;
  private readonly stamp: Int32Array;
  private readonly targetStamp: Int32Array;
  private readonly heap: IndexedMinHeap;
  private round = 0;
  private targetRound = 0;

  constructor(readonly n: number, input: ContractionInput) {
    const arcCount = input.arcHead.length;
    this.out = new AdjacencyPool(n, arcCount * 2 + n * 2);
    this.inn = new AdjacencyPool(n, arcCount * 2 + n * 2);
    this.edges = new EdgeTable(arcCount * 2);
    this.contracted = new Uint8Array(n);
    this.level = new Float64Array(n);
    this.dist = new Float64Array(n);
    this.stamp = new Int32Array(n);
    this.targetStamp = new Int32Array(n);
    this.heap = new IndexedMinHeap(n);

    const inDegree = new Uint32Array(n);
    for (let a = 0; a < arcCount; a++) {
      const h = input.arcHead[a] as number;
      inDegree[h] = (inDegree[h] as number) + 1;
    }
    for (let v = 0; v < n; v++) {
      this.out.reserve(v, Math.max(2, ((input.arcOffsets[v + 1] as number) - (input.arcOffsets[v] as number)) * 2));
      this.inn.reserve(v, Math.max(2, (inDegree[v] as number) * 2));
    }
    for (let u = 0; u < n; u++) {
      for (let a = input.arcOffsets[u] as number; a < (input.arcOffsets[u + 1] as number); a++) {
        const w = input.arcHead[a] as number;
        if (w === u) continue; // a loop never shortens a path
        this.addOrImprove(u, w, input.arcWeight[a] as number, input.arcMeters[a] as number, a, 1);
      }
    }
  }

  /** Adds arc u->w or lowers the existing one; parallel arcs collapse to the fastest. */
  addOrImprove(u: number, w: number, weight: number, meters: number, via: number, hops: number): boolean {
    const i = this.out.find(u, w);
    if (i >= 0) {
      if (weight >= (this.out.weight[i] as number)) return false;
      this.out.weight[i] = weight;
      const e = this.out.edge[i] as number;
      this.edges.meters[e] = meters;
      this.edges.via[e] = via;
      this.edges.hops[e] = hops;
      const j = this.inn.find(w, u);
      this.inn.weight[j] = weight;
      return true;
    }
    const e = this.edges.add(meters, via, hops);
    this.out.add(u, w, weight, e);
    this.inn.add(w, u, weight, e);
    return true;
  }

  /**
   * Dijkstra from `source` in the remaining graph, skipping `skip`, until every marked target is settled, keys
   * pass `bound`, or `limit` nodes are settled. Tentative labels are kept: each is the length of a real path, so
   * it is a valid witness too.
   */
  private witnessSearch(source: number, skip: number, bound: number, limit: number, targets: number): void {
    if (this.round === 0x7fffffff) {
      this.stamp.fill(0);
      this.round = 0;
    }
    const round = ++this.round;
    const { dist, stamp, heap, targetStamp } = this;
    const other = this.out.other;
    const weight = this.out.weight;
    const start = this.out.start;
    const length = this.out.length;
    dist[source] = 0;
    stamp[source] = round;
    heap.set(source, 0);
    let settled = 0;
    let targetsLeft = targets;
    while (!heap.isEmpty()) {
      const d = heap.peekKey();
      if (d > bound) break;
      const x = heap.pop();
      if (x !== source && targetStamp[x] === this.targetRound && --targetsLeft === 0) break;
      if (++settled > limit) break;
      const s = start[x] as number;
      const e = s + (length[x] as number);
      for (let i = s; i < e; i++) {
        const y = other[i] as number;
        if (y === skip) continue;
        const nd = d + (weight[i] as number);
        if (nd > bound) continue;
        if (stamp[y] !== round) {
          stamp[y] = round;
          dist[y] = nd;
          heap.set(y, nd);
        } else if (nd < (dist[y] as number)) {
          dist[y] = nd;
          heap.decrease(y, nd);
        }
      }
    }
    heap.clear();
  }

  private witnessDistance(w: number): number {
    return this.stamp[w] === this.round ? (this.dist[w] as number) : Infinity;
  }

  /**
   * Runs the witness searches for contracting v. With `apply` false it only counts the shortcuts needed (for the
   * priority); with `apply` true it inserts them. Returns [shortcuts, shortcut hops].
   */
  private processNode(v: number, limit: number, apply: boolean): [number, number] {
    const inn = this.inn;
    const out = this.out;
    const inStart = inn.start[v] as number;
    const inLen = inn.length[v] as number;
    const outLen = out.length[v] as number;
    let added = 0;
    let addedHops = 0;
    if (inLen === 0 || outLen === 0) return [0, 0];
    // Targets are marked once per node; a witness search can stop as soon as all of them are settled.
    if (this.targetRound === 0x7fffffff) {
      this.targetStamp.fill(0);
      this.targetRound = 0;
    }
    const targetRound = ++this.targetRound;
    for (let j = 0; j < outLen; j++) this.targetStamp[out.other[(out.start[v] as number) + j] as number] = targetRound;
    for (let k = 0; k < inLen; k++) {
      const i = inStart + k;
      const u = inn.other[i] as number;
      const wIn = inn.weight[i] as number;
      const inEdge = inn.edge[i] as number;
      const outStart = out.start[v] as number;
      let maxOut = -1;
      let targets = 0;
      for (let j = outStart; j < outStart + outLen; j++) {
        if (out.other[j] === u) continue;
        targets++;
        const w = out.weight[j] as number;
        if (w > maxOut) maxOut = w;
      }
      if (maxOut < 0) continue;
      this.witnessSearch(u, v, wIn + maxOut, limit, targets);
      for (let j = 0; j < outLen; j++) {
        const o = (out.start[v] as number) + j;
        const w = out.other[o] as number;
        if (w === u) continue;
        const via = wIn + (out.weight[o] as number);
        if (this.witnessDistance(w) <= via) continue;
        const outEdge = out.edge[o] as number;
        const hops = (this.edges.hops[inEdge] as number) + (this.edges.hops[outEdge] as number);
        if (apply) {
          const meters = (this.edges.meters[inEdge] as number) + (this.edges.meters[outEdge] as number);
          this.addOrImprove(u, w, via, meters, -1 - v, hops);
        }
        added++;
        addedHops += hops;
      }
    }
    return [added, addedHops];
  }

  /** The node-ordering key of v in the current remaining graph. */
  priority(v: number, limit: number): number {
    const inLen = this.inn.length[v] as number;
    const outLen = this.out.length[v] as number;
    const removed = inLen + outLen;
    if (removed === 0) return this.level[v] as number;
    let removedHops = 0;
    for (let i = this.inn.start[v] as number, e = i + inLen; i < e; i++) removedHops += this.edges.hops[this.inn.edge[i] as number] as number;
    for (let i = this.out.start[v] as number, e = i + outLen; i < e; i++) removedHops += this.edges.hops[this.out.edge[i] as number] as number;
    const [added, addedHops] = this.processNode(v, limit, false);
    return LEVEL_WEIGHT * (this.level[v] as number) + added / removed + addedHops / Math.max(1, removedHops);
  }

  /** Contracts v: adds the shortcuts it needs, detaches it from its neighbours and lists them in `neighbours`. */
  contract(v: number, limit: number, neighbours: number[]): void {
    this.processNode(v, limit, true);
    neighbours.length = 0;
    const inn = this.inn;
    const out = this.out;
    const lv = (this.level[v] as number) + 1;
    for (let i = inn.start[v] as number, e = i + (inn.length[v] as number); i < e; i++) {
      const u = inn.other[i] as number;
      out.remove(u, v);
      neighbours.push(u);
    }
    for (let i = out.start[v] as number, e = i + (out.length[v] as number); i < e; i++) {
      const w = out.other[i] as number;
      inn.remove(w, v);
      // A two-way neighbour is in both lists; list it once so its priority is recomputed once.
      if (inn.find(v, w) < 0) neighbours.push(w);
    }
    for (const x of neighbours) if ((this.level[x] as number) < lv) this.level[x] = lv;
    this.contracted[v] = 1;
  }
}

/** Preprocesses a road graph into a contraction hierarchy, the structure that makes queries take microseconds. */
export function contractGraph(input: ContractionInput, options: ContractionOptions = {}): ContractionHierarchy {
  const n = input.nodeCount;
  const witnessLimit = options.witnessSettleLimit ?? 400;
  const estimateLimit = options.estimateSettleLimit ?? 60;
  const c = new Contractor(n, input);
  const queue = new IndexedMinHeap(n);
  for (let v = 0; v < n; v++) queue.set(v, c.priority(v, estimateLimit));

  const order = new Uint32Array(n);
  const neighbours: number[] = [];
  let next = 0;
  while (!queue.isEmpty()) {
    const v = queue.peekId();
    // Lazy update: priorities drift as the graph changes, so re-check the head before contracting it.
    const p = c.priority(v, estimateLimit);
    queue.set(v, p);
    if (queue.peekId() !== v) continue;
    queue.pop();
    c.contract(v, witnessLimit, neighbours);
    order[next++] = v;
    for (const x of neighbours) if (!c.contracted[x]) queue.set(x, c.priority(x, estimateLimit));
    if (options.onProgress && next % 5000 === 0) options.onProgress(next, n);
  }

  const rankOf = new Uint32Array(n);
  for (let r = 0; r < n; r++) rankOf[order[r] as number] = r;
  return buildHierarchy(c, input.checksum, order, rankOf);
}

function buildHierarchy(c: Contractor, checksum: string, order: Uint32Array, rankOf: Uint32Array): ContractionHierarchy {
  const n = order.length;
  // After contraction each node's lists hold exactly its arcs to higher-ranked nodes: lower ones detached themselves.
  const build = (pool: AdjacencyPool) => {
    const offsets = new Uint32Array(n + 1);
    for (let r = 0; r < n; r++) offsets[r + 1] = (offsets[r] as number) + (pool.length[order[r] as number] as number);
    const total = offsets[n] as number;
    const other = new Uint32Array(total);
    const weight = new Uint32Array(total);
    const meters = new Float32Array(total);
    const via = new Int32Array(total);
    for (let r = 0; r < n; r++) {
      const v = order[r] as number;
      let k = offsets[r] as number;
      for (let i = pool.start[v] as number, e = i + (pool.length[v] as number); i < e; i++, k++) {
        const edge = pool.edge[i] as number;
        other[k] = rankOf[pool.other[i] as number] as number;
        weight[k] = pool.weight[i] as number;
        meters[k] = c.edges.meters[edge] as number;
        const raw = c.edges.via[edge] as number;
        via[k] = raw >= 0 ? raw : -1 - (rankOf[-1 - raw] as number);
      }
      // Sorting each list by neighbour keeps memory access in queries ordered.
      sortSlice(other, weight, meters, via, offsets[r] as number, k);
    }
    return { offsets, other, weight, meters, via };
  };
  const up = build(c.out);
  const down = build(c.inn);
  let shortcutCount = 0;
  for (const v of up.via) if (v < 0) shortcutCount++;
  for (const v of down.via) if (v < 0) shortcutCount++;
  return {
    nodeCount: n,
    graphChecksum: checksum,
    rankOf,
    nodeOfRank: order,
    upOffsets: up.offsets,
    upHead: up.other,
    upWeight: up.weight,
    upMeters: up.meters,
    upVia: up.via,
    downOffsets: down.offsets,
    downTail: down.other,
    downWeight: down.weight,
    downMeters: down.meters,
    downVia: down.via,
    shortcutCount,
  };
}

function sortSlice(key: Uint32Array, a: Uint32Array, b: Float32Array, c: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const k = key[i] as number;
    const av = a[i] as number;
    const bv = b[i] as number;
    const cv = c[i] as number;
    let j = i - 1;
    while (j >= from && (key[j] as number) > k) {
      key[j + 1] = key[j] as number;
      a[j + 1] = a[j] as number;
      b[j + 1] = b[j] as number;
      c[j + 1] = c[j] as number;
      j--;
    }
    key[j + 1] = k;
    a[j + 1] = av;
    b[j + 1] = bv;
    c[j + 1] = cv;
  }
}

