import Flatbush from 'flatbush';
import { projectOntoPolyline, type Projection } from './geometry.js';
import type { SegmentStore } from './segment-store.js';

/** The segment nearest a point and where the point projects onto it. */
export interface NearestSegment {
  segment: number;
  projection: Projection;
}

/** Filter on which segments may answer a nearest-segment search. */
export type SegmentFilter = (segment: number) => boolean;

/** R-tree over segment bounding boxes, the spatial index behind reverse geocoding and snapping. */
export class SegmentSpatialIndex {
  private readonly tree: Flatbush;
  /** minX, minY, maxX, maxY per segment. */
  private readonly boxes: Float64Array;

  constructor(private readonly store: SegmentStore) {
    this.tree = new Flatbush(Math.max(1, store.size));
    this.boxes = new Float64Array(store.size * 4);
    for (let s = 0; s < store.size; s++) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let v = store.vertexStart[s]!; v < store.vertexStart[s + 1]!; v++) {
        const x = store.xy[2 * v]!;
        const y = store.xy[2 * v + 1]!;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      if (minX === Infinity) minX = minY = maxX = maxY = 0;
      this.boxes.set([minX, minY, maxX, maxY], 4 * s);
      this.tree.add(minX, minY, maxX, maxY);
    }
    if (store.size === 0) this.tree.add(0, 0, 0, 0);
    this.tree.finish();
  }

  /** Segments whose bounding box touches the box, for proximity checks between streets. */
  inBox(minX: number, minY: number, maxX: number, maxY: number): number[] {
    return this.tree.search(minX, minY, maxX, maxY).filter((s) => s < this.store.size);
  }

  /**
   * Nearest segment to (x, y) in metres among those passing `filter`. The tree hands out segments by
   * distance to their bounding box, a lower bound of the true distance, so the search stops as soon
   * as the next box is farther than the best segment found; a far-off point costs no more than a near one.
   */
  nearest(x: number, y: number, filter?: SegmentFilter, maxM = 5000): NearestSegment | undefined {
    const size = this.store.size;
    const accept = (s: number): boolean => s < size && (filter === undefined || filter(s));
    let best: NearestSegment | undefined;
    const seen = new Set<number>();
    for (let k = 8; ; k *= 4) {
      const ids = this.tree.neighbors(x, y, k, maxM, accept);
      for (const s of ids) {
        if (seen.has(s)) continue;
        seen.add(s);
        const p = projectOntoPolyline(this.store.xy, this.store.vertexStart[s]!, this.store.vertexStart[s + 1]!, x, y);
        if (p.distance <= maxM && (best === undefined || p.distance < best.projection.distance)) best = { segment: s, projection: p };
      }
      const last = ids[ids.length - 1];
      if (ids.length < k || last === undefined) return best;
      if (best !== undefined && best.projection.distance <= this.boxDistance(last, x, y)) return best;
    }
  }

  private boxDistance(s: number, x: number, y: number): number {
    const b = this.boxes;
    const dx = Math.max(b[4 * s]! - x, 0, x - b[4 * s + 2]!);
    const dy = Math.max(b[4 * s + 1]! - y, 0, y - b[4 * s + 3]!);
    return Math.hypot(dx, dy);
  }
}
