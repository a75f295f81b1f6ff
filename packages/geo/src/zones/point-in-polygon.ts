// Ray casting (even-odd rule) over every ring of a polygon, holes included: a point inside the outer
// ring and inside one hole crosses an even number of edges and is outside, as it should be.

/** Even-odd test of one closed or open ring given as [x, y] pairs; the reference implementation. */
export function pointInRing(ring: readonly (readonly number[])[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd test over all rings of a polygon (outer ring first, then holes). */
export function pointInPolygon(rings: readonly (readonly (readonly number[])[])[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) if (pointInRing(ring, x, y)) inside = !inside;
  return inside;
}

/**
 * A polygon prepared for many containment tests: its edges are sorted into horizontal bands so a
 * test only looks at the few edges crossing the point's latitude instead of all ten thousand.
 */
export class PreparedPolygon {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  private readonly bandCount: number;
  private readonly bandHeight: number;
  private readonly bandStart: Uint32Array;
  /** x0, y0, x1, y1 of the edges of each band, band after band. */
  private readonly bandEdges: Float64Array;

  constructor(rings: readonly (readonly (readonly number[])[])[]) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const edges: number[] = [];
    for (const ring of rings) {
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % n]!;
        const ax = a[0]!;
        const ay = a[1]!;
        const bx = b[0]!;
        const by = b[1]!;
        minX = Math.min(minX, ax);
        minY = Math.min(minY, ay);
        maxX = Math.max(maxX, ax);
        maxY = Math.max(maxY, ay);
        // Horizontal edges never change the crossing count.
        if (ay !== by) edges.push(ax, ay, bx, by);
      }
    }
    this.minX = minX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
    const nEdges = edges.length / 4;
    this.bandCount = Math.max(1, Math.min(1024, Math.ceil(nEdges / 4)));
    this.bandHeight = (maxY - minY) / this.bandCount || 1;
    const counts = new Uint32Array(this.bandCount);
    const bandRange = (e: number): [number, number] => {
      const y0 = Math.min(edges[4 * e + 1]!, edges[4 * e + 3]!);
      const y1 = Math.max(edges[4 * e + 1]!, edges[4 * e + 3]!);
      return [this.bandOf(y0), this.bandOf(y1)];
    };
    for (let e = 0; e < nEdges; e++) {
      const [b0, b1] = bandRange(e);
      for (let b = b0; b <= b1; b++) counts[b]!++;
    }
    this.bandStart = new Uint32Array(this.bandCount + 1);
    for (let b = 0; b < this.bandCount; b++) this.bandStart[b + 1] = this.bandStart[b]! + counts[b]!;
    this.bandEdges = new Float64Array(this.bandStart[this.bandCount]! * 4);
    const fill = this.bandStart.slice(0, this.bandCount);
    for (let e = 0; e < nEdges; e++) {
      const [b0, b1] = bandRange(e);
      for (let b = b0; b <= b1; b++) {
        const at = fill[b]!++ * 4;
        for (let k = 0; k < 4; k++) this.bandEdges[at + k] = edges[4 * e + k]!;
      }
    }
  }

  /** True when (x, y) lies inside the polygon and outside its holes. */
  contains(x: number, y: number): boolean {
    if (x < this.minX || x > this.maxX || y < this.minY || y > this.maxY) return false;
    const b = this.bandOf(y);
    let inside = false;
    const e = this.bandEdges;
    for (let i = this.bandStart[b]! * 4, end = this.bandStart[b + 1]! * 4; i < end; i += 4) {
      const x0 = e[i]!;
      const y0 = e[i + 1]!;
      const x1 = e[i + 2]!;
      const y1 = e[i + 3]!;
      if (y0 > y !== y1 > y && x < ((x1 - x0) * (y - y0)) / (y1 - y0) + x0) inside = !inside;
    }
    return inside;
  }

  private bandOf(y: number): number {
    return Math.min(this.bandCount - 1, Math.max(0, Math.floor((y - this.minY) / this.bandHeight)));
  }
}
