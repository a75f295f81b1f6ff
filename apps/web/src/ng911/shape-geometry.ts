import type { CallLocation, LocationShape } from '@openpsap/contract';

const EARTH_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** The point `distance` metres from `from` along `bearing` degrees clockwise from north. */
function offset(from: { lat: number; lon: number }, bearing: number, distance: number): [number, number] {
  const d = distance / EARTH_M;
  const b = rad(bearing);
  const p1 = rad(from.lat);
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = rad(from.lon) + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [deg(l2), deg(p2)];
}

function ellipseRing(c: { lat: number; lon: number }, a: number, b: number, orientation: number, steps = 72): [number, number][] {
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const t = (i / steps) * 2 * Math.PI;
    // Point on the ellipse in its own frame (semi-major along the orientation bearing).
    const x = a * Math.cos(t);
    const y = b * Math.sin(t);
    const dist = Math.hypot(x, y);
    const bearing = orientation + deg(Math.atan2(y, x));
    ring.push(offset(c, bearing, dist));
  }
  return ring;
}

/**
 * A shape as GeoJSON to draw with its uncertainty: circles, ellipses and arc bands become
 * polygons; a point without uncertainty stays a point; a civic address has nothing to draw.
 */
export function shapeGeometry(shape: LocationShape, uncertaintyM: number | null = null): GeoJSON.Geometry | null {
  switch (shape.type) {
    case 'point':
      return uncertaintyM ? { type: 'Polygon', coordinates: [ellipseRing(shape.center, uncertaintyM, uncertaintyM, 0)] } : { type: 'Point', coordinates: [shape.center.lon, shape.center.lat] };
    case 'circle':
      return { type: 'Polygon', coordinates: [ellipseRing(shape.center, shape.radius, shape.radius, 0)] };
    case 'ellipse':
      return { type: 'Polygon', coordinates: [ellipseRing(shape.center, shape.semiMajor, shape.semiMinor, shape.orientation)] };
    case 'arc-band': {
      const steps = Math.max(8, Math.ceil(Math.abs(shape.openingAngle) / 3));
      const outer: [number, number][] = [];
      const inner: [number, number][] = [];
      for (let i = 0; i <= steps; i++) {
        const a = shape.startAngle + (shape.openingAngle * i) / steps;
        outer.push(offset(shape.center, a, shape.outerRadius));
        inner.push(offset(shape.center, a, shape.innerRadius));
      }
      const ring = [...outer, ...inner.reverse()];
      ring.push(ring[0]!);
      return { type: 'Polygon', coordinates: [ring] };
    }
    case 'polygon': {
      const ring = shape.points.map((p) => [p.lon, p.lat] as [number, number]);
      ring.push(ring[0]!);
      return { type: 'Polygon', coordinates: [ring] };
    }
    case 'civic':
      return null;
  }
}

export const KIND_LABEL: Record<CallLocation['kind'], string> = { device: 'Caller location', update: 'Location update', supplemental: 'Supplemental location' };

/** One-line description of a location for lists and map labels. */
export function describeLocation(l: CallLocation): string {
  const s = l.shape;
  const u = l.uncertaintyM !== null ? ` ±${Math.round(l.uncertaintyM)} m` : '';
  const conf = l.confidence !== null ? `, ${l.confidence}% confidence` : '';
  switch (s.type) {
    case 'point': return `Point ${s.center.lat.toFixed(5)}, ${s.center.lon.toFixed(5)}${u}${conf}`;
    case 'circle': return `Circle ${s.center.lat.toFixed(5)}, ${s.center.lon.toFixed(5)} radius ${Math.round(s.radius)} m${conf}`;
    case 'ellipse': return `Ellipse ${Math.round(s.semiMajor)} × ${Math.round(s.semiMinor)} m at ${Math.round(s.orientation)}°${conf}`;
    case 'arc-band': return `Arc band ${Math.round(s.innerRadius)}–${Math.round(s.outerRadius)} m, ${Math.round(s.startAngle)}° + ${Math.round(s.openingAngle)}°${conf}`;
    case 'polygon': return `Polygon of ${s.points.length} points${u}${conf}`;
    case 'civic': return s.text;
  }
}
