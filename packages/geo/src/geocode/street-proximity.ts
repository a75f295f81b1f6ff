import type { SegmentSpatialIndex } from './segment-spatial-index.js';
import type { SegmentStore } from './segment-store.js';
import type { Street } from './street-index.js';

/** Where two streets come closest and how far apart they are there (0 where they cross). */
export interface Approach {
  x: number;
  y: number;
  distance: number;
}

/**
 * Closest approach of two streets that share no junction in the segment graph: an overpass
 * ("I 95 & CATON AVE") or a gap in the data. Callers still name such places as corners.
 */
export function closestApproach(
  store: SegmentStore,
  spatial: SegmentSpatialIndex,
  a: Street,
  b: Street,
  maxM: number,
): Approach | undefined {
  let best: Approach | undefined;
  const xy = store.xy;
  for (const sa of a.segments) {
    const a0 = store.vertexStart[sa]!;
    const a1 = store.vertexStart[sa + 1]!;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let v = a0; v < a1; v++) {
      minX = Math.min(minX, xy[2 * v]!);
      maxX = Math.max(maxX, xy[2 * v]!);
      minY = Math.min(minY, xy[2 * v + 1]!);
      maxY = Math.max(maxY, xy[2 * v + 1]!);
    }
    for (const sb of spatial.inBox(minX - maxM, minY - maxM, maxX + maxM, maxY + maxM)) {
      if (store.streetOf[sb] !== b.id) continue;
      const b0 = store.vertexStart[sb]!;
      const b1 = store.vertexStart[sb + 1]!;
      for (let i = a0 + 1; i < a1; i++) {
        for (let j = b0 + 1; j < b1; j++) {
          const d = edgeApproach(
            xy[2 * i - 2]!, xy[2 * i - 1]!, xy[2 * i]!, xy[2 * i + 1]!,
            xy[2 * j - 2]!, xy[2 * j - 1]!, xy[2 * j]!, xy[2 * j + 1]!,
          );
          if (d.distance <= maxM && (best === undefined || d.distance < best.distance)) best = d;
        }
      }
    }
  }
  return best;
}

// Closest points of two line segments: their crossing if they cross, otherwise the best of the four
// endpoint-to-segment distances (exact for segments that do not cross).
function edgeApproach(
  px: number, py: number, qx: number, qy: number,
  rx: number, ry: number, sx: number, sy: number,
): Approach {
  const dx1 = qx - px;
  const dy1 = qy - py;
  const dx2 = sx - rx;
  const dy2 = sy - ry;
  const denom = dx1 * dy2 - dy1 * dx2;
  if (denom !== 0) {
    const t = ((rx - px) * dy2 - (ry - py) * dx2) / denom;
    const u = ((rx - px) * dy1 - (ry - py) * dx1) / denom;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) return { x: px + t * dx1, y: py + t * dy1, distance: 0 };
  }
  const candidates = [
    pointToEdge(px, py, rx, ry, sx, sy),
    pointToEdge(qx, qy, rx, ry, sx, sy),
    pointToEdge(rx, ry, px, py, qx, qy),
    pointToEdge(sx, sy, px, py, qx, qy),
  ];
  let best = candidates[0]!;
  for (const c of candidates) if (c.distance < best.distance) best = c;
  return best;
}

// Distance from a point to a segment; the reported position is halfway between the two closest points.
function pointToEdge(x: number, y: number, ax: number, ay: number, bx: number, by: number): Approach {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
  const cx = ax + t * dx;
  const cy = ay + t * dy;
  return { x: (x + cx) / 2, y: (y + cy) / 2, distance: Math.hypot(x - cx, y - cy) };
}
