// Geometry in a local equirectangular plane (metres). Over one city the distortion is far below the
// precision of the data, and flat arithmetic keeps interpolation and nearest-segment search simple.

const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

/** A city-sized flat projection in metres around a reference latitude, exactly invertible. */
export class LocalProjection {
  readonly kx: number;
  readonly ky: number;

  constructor(
    readonly lat0: number,
    readonly lon0: number,
  ) {
    this.ky = EARTH_RADIUS_M * DEG;
    this.kx = this.ky * Math.cos(lat0 * DEG);
  }

  /** Projects lon/lat degrees to metres east/north of the reference point. */
  x(lon: number): number {
    return (lon - this.lon0) * this.kx;
  }

  /** Projects a latitude to metres north of the reference point. */
  y(lat: number): number {
    return (lat - this.lat0) * this.ky;
  }

  /** Inverse of x(). */
  lon(x: number): number {
    return this.lon0 + x / this.kx;
  }

  /** Inverse of y(). */
  lat(y: number): number {
    return this.lat0 + y / this.ky;
  }
}

/** Great-circle distance in metres, for reporting distances independent of any projection. */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLon = (lon2 - lon1) * DEG;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Length in metres of the polyline stored in xy[2*start .. 2*end). */
export function polylineLength(xy: Float64Array, start: number, end: number): number {
  let len = 0;
  for (let i = start + 1; i < end; i++) {
    len += Math.hypot(xy[2 * i]! - xy[2 * i - 2]!, xy[2 * i + 1]! - xy[2 * i - 1]!);
  }
  return len;
}

/** A position on a polyline with the unit direction of travel there. */
export interface PointOnLine {
  x: number;
  y: number;
  /** Unit vector along the digitised direction at this point. */
  ux: number;
  uy: number;
}

/** Walks `distance` metres along the polyline (clamped to its ends) and returns the point and heading. */
export function pointAlong(xy: Float64Array, start: number, end: number, distance: number): PointOnLine {
  let remaining = Math.max(0, distance);
  let lastUx = 1;
  let lastUy = 0;
  for (let i = start + 1; i < end; i++) {
    const x0 = xy[2 * i - 2]!;
    const y0 = xy[2 * i - 1]!;
    const dx = xy[2 * i]! - x0;
    const dy = xy[2 * i + 1]! - y0;
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    lastUx = dx / len;
    lastUy = dy / len;
    if (remaining <= len) {
      return { x: x0 + lastUx * remaining, y: y0 + lastUy * remaining, ux: lastUx, uy: lastUy };
    }
    remaining -= len;
  }
  const lastIdx = Math.max(start, end - 1);
  return { x: xy[2 * lastIdx]!, y: xy[2 * lastIdx + 1]!, ux: lastUx, uy: lastUy };
}

/** Where a point projects onto a polyline: distance to it, metres along it, and which side it lies on. */
export interface Projection {
  x: number;
  y: number;
  distance: number;
  along: number;
  length: number;
  /** +1 left of the digitised direction, -1 right, 0 on the line. */
  side: number;
}

/** Projects (px, py) onto the polyline to find the closest point, the basis of reverse geocoding. */
export function projectOntoPolyline(xy: Float64Array, start: number, end: number, px: number, py: number): Projection {
  let best: Projection = { x: xy[2 * start]!, y: xy[2 * start + 1]!, distance: Infinity, along: 0, length: 0, side: 0 };
  let walked = 0;
  for (let i = start + 1; i < end; i++) {
    const x0 = xy[2 * i - 2]!;
    const y0 = xy[2 * i - 1]!;
    const dx = xy[2 * i]! - x0;
    const dy = xy[2 * i + 1]! - y0;
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / len2;
    t = Math.max(0, Math.min(1, t));
    const cx = x0 + t * dx;
    const cy = y0 + t * dy;
    const d = Math.hypot(px - cx, py - cy);
    const len = Math.sqrt(len2);
    if (d < best.distance) {
      const cross = dx * (py - y0) - dy * (px - x0);
      best = { x: cx, y: cy, distance: d, along: walked + t * len, length: 0, side: Math.sign(cross) };
    }
    walked += len;
  }
  if (best.distance === Infinity) best.distance = Math.hypot(px - best.x, py - best.y);
  best.length = walked;
  return best;
}
