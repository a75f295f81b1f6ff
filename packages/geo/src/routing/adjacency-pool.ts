/**
 * Per-node adjacency lists that grow, shrink and get edited in place during contraction, kept in a few flat
 * typed arrays instead of one JS array per node. Each list is a slot range in the pool; when a list outgrows its
 * slot it moves to the pool's end with twice the room. Entries hold the neighbour, the current weight (read on
 * every witness-search relaxation, so kept inline) and an edge id for the rest.
 */
export class AdjacencyPool {
  readonly start: Int32Array;
  readonly length: Int32Array;
  private readonly capacity: Int32Array;
  other: Int32Array;
  weight: Float64Array;
  edge: Int32Array;
  private used = 0;

  constructor(nodeCount: number, initialSlots: number) {
    this.start = new Int32Array(nodeCount);
    this.length = new Int32Array(nodeCount);
    this.capacity = new Int32Array(nodeCount);
    const size = Math.max(16, initialSlots);
    this.other = new Int32Array(size);
    this.weight = new Float64Array(size);
    this.edge = new Int32Array(size);
  }

  /** Reserves room for a node's list up front, so the initial graph is laid out without moves. */
  reserve(node: number, slots: number): void {
    this.ensurePool(this.used + slots);
    this.start[node] = this.used;
    this.capacity[node] = slots;
    this.used += slots;
  }

  /** Appends an entry to a node's list. */
  add(node: number, other: number, weight: number, edge: number): void {
    let len = this.length[node] as number;
    if (len === this.capacity[node]) this.grow(node);
    const at = (this.start[node] as number) + len;
    this.other[at] = other;
    this.weight[at] = weight;
    this.edge[at] = edge;
    this.length[node] = ++len;
  }

  /** Pool index of the entry for `other` in a node's list, or -1. */
  find(node: number, other: number): number {
    const s = this.start[node] as number;
    const e = s + (this.length[node] as number);
    const o = this.other;
    for (let i = s; i < e; i++) if (o[i] === other) return i;
    return -1;
  }

  /** Removes the entry for `other` from a node's list (order is not kept). */
  remove(node: number, other: number): void {
    const i = this.find(node, other);
    if (i < 0) return;
    const last = (this.start[node] as number) + (this.length[node] as number) - 1;
    this.other[i] = this.other[last] as number;
    this.weight[i] = this.weight[last] as number;
    this.edge[i] = this.edge[last] as number;
    this.length[node] = (this.length[node] as number) - 1;
  }

  private grow(node: number): void {
    const oldCap = this.capacity[node] as number;
    const newCap = Math.max(4, oldCap * 2);
    const oldStart = this.start[node] as number;
    let newStart: number;
    if (oldStart + oldCap === this.used) {
      // The list is last in the pool: extend it in place.
      this.ensurePool(oldStart + newCap);
      newStart = oldStart;
      this.used = oldStart + newCap;
    } else {
      this.ensurePool(this.used + newCap);
      newStart = this.used;
      this.other.copyWithin(newStart, oldStart, oldStart + oldCap);
      this.weight.copyWithin(newStart, oldStart, oldStart + oldCap);
      this.edge.copyWithin(newStart, oldStart, oldStart + oldCap);
      this.used += newCap;
    }
    this.start[node] = newStart;
    this.capacity[node] = newCap;
  }

  private ensurePool(size: number): void {
    if (size <= this.other.length) return;
    const n = Math.max(size, Math.ceil(this.other.length * 1.5));
    const other = new Int32Array(n);
    other.set(this.other);
    const weight = new Float64Array(n);
    weight.set(this.weight);
    const edge = new Int32Array(n);
    edge.set(this.edge);
    this.other = other;
    this.weight = weight;
    this.edge = edge;
  }
}
