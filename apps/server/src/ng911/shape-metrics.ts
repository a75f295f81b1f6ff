import type { LocationShape } from '@openpsap/contract';

const EARTH_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** The point `distance` metres from (lat, lon) along `bearing` degrees (great circle). */
export function destination(lat: number, lon: number, bearing: number, distance: number): { lat: number; lon: number } {
  const d = distance / EARTH_M;
  const b = rad(bearing);
  const p1 = rad(lat);
  const l1 = rad(lon);
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: deg(p2), lon: ((deg(l2) + 540) % 360) - 180 };
}

export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dp = rad(b.lat - a.lat);
  const dl = rad(b.lon - a.lon);
  const h = Math.sin(dp / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Where to put the call's pin for a shape, and how far the caller may be from it. The pin is the
 * shape's middle (for an arc band, the middle of the band, not the tower at its centre); the
 * uncertainty is the farthest the shape reaches from that pin.
 */
export function shapeAnchor(shape: LocationShape): { lat: number; lon: number; uncertaintyM: number | null } | null {
  switch (shape.type) {
    case 'point':
      return { ...shape.center, uncertaintyM: null };
    case 'circle':
      return { ...shape.center, uncertaintyM: shape.radius };
    case 'ellipse':
      return { ...shape.center, uncertaintyM: Math.max(shape.semiMajor, shape.semiMinor) };
    case 'arc-band': {
      const midR = (shape.innerRadius + shape.outerRadius) / 2;
      const mid = destination(shape.center.lat, shape.center.lon, shape.startAngle + shape.openingAngle / 2, midR);
      // Farthest corner of the band from its middle point.
      let far = 0;
      for (const r of [shape.innerRadius, shape.outerRadius]) {
        for (const a of [shape.startAngle, shape.startAngle + shape.openingAngle]) {
          far = Math.max(far, distanceM(mid, destination(shape.center.lat, shape.center.lon, a, r)));
        }
      }
      far = Math.max(far, (shape.outerRadius - shape.innerRadius) / 2);
      return { ...mid, uncertaintyM: far };
    }
    case 'polygon': {
      const c = polygonCentroid(shape.points);
      const far = Math.max(...shape.points.map((p) => distanceM(c, p)));
      return { ...c, uncertaintyM: far };
    }
    case 'civic':
      return null;
  }
}

/** Area-weighted centroid in a local flat projection (polygons from a network are small). */
export function polygonCentroid(points: { lat: number; lon: number }[]): { lat: number; lon: number } {
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const k = Math.cos(rad(lat0));
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const q = points[(i + 1) % points.length]!;
    const x1 = p.lon * k;
    const x2 = q.lon * k;
    const cross = x1 * q.lat - x2 * p.lat;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (p.lat + q.lat) * cross;
  }
  if (Math.abs(a) < 1e-12) {
    return { lat: lat0, lon: points.reduce((s, p) => s + p.lon, 0) / points.length };
  }
  return { lat: cy / (3 * a), lon: cx / (3 * a) / k };
}
