/**
 * A binary min-heap of integer ids keyed by numbers, with decrease-key. Dijkstra and the contraction order both
 * need to lower (or raise) the key of an id already queued; the position index makes that O(log n) without
 * duplicate entries. Storage is allocated once for ids 0..capacity-1 and reused across searches.
 */
export class IndexedMinHeap {
  private readonly heapIds: Int32Array;
  private readonly heapKeys: Float64Array;
  private readonly position: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.heapIds = new Int32Array(capacity);
    this.heapKeys = new Float64Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  /** Number of queued ids. */
  get size(): number {
    return this.count;
  }

  /** True when nothing is queued. */
  isEmpty(): boolean {
    return this.count === 0;
  }

  /** Whether an id is queued. */
  has(id: number): boolean {
    return (this.position[id] as number) >= 0;
  }

  /** The smallest key; Infinity when empty, which lets stopping tests skip an emptiness check. */
  peekKey(): number {
    return this.count > 0 ? (this.heapKeys[0] as number) : Infinity;
  }

  /** The id with the smallest key (undefined behaviour when empty). */
  peekId(): number {
    return this.heapIds[0] as number;
  }

  /** Key of a queued id. */
  keyOf(id: number): number {
    return this.heapKeys[this.position[id] as number] as number;
  }

  /** Queues an id or changes its key in either direction. */
  set(id: number, key: number): void {
    const pos = this.position[id] as number;
    if (pos < 0) {
      const i = this.count++;
      this.heapIds[i] = id;
      this.heapKeys[i] = key;
      this.position[id] = i;
      this.siftUp(i);
    } else if (key < (this.heapKeys[pos] as number)) {
      this.heapKeys[pos] = key;
      this.siftUp(pos);
    } else {
      this.heapKeys[pos] = key;
      this.siftDown(pos);
    }
  }

  /** Queues an id or lowers its key; a higher key is ignored, which is what relaxation wants. */
  decrease(id: number, key: number): void {
    const pos = this.position[id] as number;
    if (pos < 0) {
      const i = this.count++;
      this.heapIds[i] = id;
      this.heapKeys[i] = key;
      this.position[id] = i;
      this.siftUp(i);
    } else if (key < (this.heapKeys[pos] as number)) {
      this.heapKeys[pos] = key;
      this.siftUp(pos);
    }
  }

  /** Removes and returns the id with the smallest key. */
  pop(): number {
    const ids = this.heapIds;
    const top = ids[0] as number;
    this.position[top] = -1;
    const last = --this.count;
    if (last > 0) {
      const id = ids[last] as number;
      ids[0] = id;
      this.heapKeys[0] = this.heapKeys[last] as number;
      this.position[id] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Empties the heap in time proportional to what is queued, not to capacity. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.position[this.heapIds[i] as number] = -1;
    this.count = 0;
  }

  private siftUp(start: number): void {
    const ids = this.heapIds;
    const keys = this.heapKeys;
    const pos = this.position;
    const id = ids[start] as number;
    const key = keys[start] as number;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk <= key) break;
      const pid = ids[parent] as number;
      ids[i] = pid;
      keys[i] = pk;
      pos[pid] = i;
      i = parent;
    }
    ids[i] = id;
    keys[i] = key;
    pos[id] = i;
  }

  private siftDown(start: number): void {
    const ids = this.heapIds;
    const keys = this.heapKeys;
    const pos = this.position;
    const n = this.count;
    const id = ids[start] as number;
    const key = keys[start] as number;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ck = keys[child] as number;
      const right = child + 1;
      if (right < n) {
        const rk = keys[right] as number;
        if (rk < ck) {
          child = right;
          ck = rk;
        }
      }
      if (ck >= key) break;
      const cid = ids[child] as number;
      ids[i] = cid;
      keys[i] = ck;
      pos[cid] = i;
      i = child;
    }
    ids[i] = id;
    keys[i] = key;
    pos[id] = i;
  }
}
