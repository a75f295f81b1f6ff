import { haversineMeters } from '../routing/earth-distance';

/** Where a camera is and what it can see: a sector of a circle around it. */
export interface CameraView {
  lat: number;
  lon: number;
  /** Compass bearing the camera faces (0 = north, clockwise); null = unknown. */
  directionDeg: number | null;
  /** Horizontal field of view in degrees; null = unknown. */
  fovDeg: number | null;
  /** How far it usefully sees, in metres. */
  rangeM: number;
}

export interface Sighting {
  sees: boolean;
  distanceM: number;
  /** Compass bearing from the camera to the point. */
  bearingDeg: number;
}

const RAD = Math.PI / 180;

/** Initial compass bearing from one point to another, in [0, 360). */
export function bearingDeg(fromLat: number, fromLon: number, toLat: number, toLon: number): number {
  const f1 = fromLat * RAD;
  const f2 = toLat * RAD;
  const dl = (toLon - fromLon) * RAD;
  const y = Math.sin(dl) * Math.cos(f2);
  const x = Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl);
  const b = Math.atan2(y, x) / RAD;
  return (b + 360) % 360;
}

/** The smallest angle between two bearings, in [0, 180]: 350 and 10 are 20 apart, across north. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/**
 * Whether the camera sees all around: its direction or field of view is unknown (a PTZ camera
 * can be turned; an unrecorded direction must not hide a camera that may well see the point), or
 * its field of view is a full circle.
 */
export function seesAllAround(c: Pick<CameraView, 'directionDeg' | 'fovDeg'>): boolean {
  return c.directionDeg === null || c.fovDeg === null || c.fovDeg >= 360;
}

/**
 * Whether a point is within the camera's range and inside its field-of-view sector. A point on
 * the camera itself is seen whatever the direction. Edges of the sector and the range count as
 * inside, so two cameras meeting at a boundary both offer it.
 */
export function cameraSees(c: CameraView, lat: number, lon: number): Sighting {
  const distanceM = haversineMeters(c.lon, c.lat, lon, lat);
  const bearing = distanceM < 0.01 ? (c.directionDeg ?? 0) : bearingDeg(c.lat, c.lon, lat, lon);
  if (distanceM > c.rangeM) return { sees: false, distanceM, bearingDeg: bearing };
  if (distanceM < 0.01 || seesAllAround(c)) return { sees: true, distanceM, bearingDeg: bearing };
  // A hair of slack keeps a point exactly on an edge inside despite floating-point bearings.
  const sees = angleBetween(bearing, c.directionDeg!) <= c.fovDeg! / 2 + 1e-9;
  return { sees, distanceM, bearingDeg: bearing };
}

/** The point at a distance and compass bearing from another (spherical Earth, fine at camera ranges). */
export function destination(lat: number, lon: number, bearing: number, distanceM: number): { lat: number; lon: number } {
  const R = 6_371_008.8;
  const d = distanceM / R;
  const b = bearing * RAD;
  const f1 = lat * RAD;
  const l1 = lon * RAD;
  const f2 = Math.asin(Math.sin(f1) * Math.cos(d) + Math.cos(f1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(f1), Math.cos(d) - Math.sin(f1) * Math.sin(f2));
  return { lat: f2 / RAD, lon: ((l2 / RAD + 540) % 360) - 180 };
}

/**
 * The area a camera sees as a closed GeoJSON ring of [lon, lat]: a wedge from the camera out to
 * its range, or a circle when it sees all around. For drawing on a map.
 */
export function fieldOfViewRing(c: CameraView, stepDeg = 6): [number, number][] {
  const ring: [number, number][] = [];
  if (seesAllAround(c)) {
    for (let a = 0; a < 360; a += stepDeg) {
      const p = destination(c.lat, c.lon, a, c.rangeM);
      ring.push([p.lon, p.lat]);
    }
  } else {
    const from = c.directionDeg! - c.fovDeg! / 2;
    const steps = Math.max(2, Math.ceil(c.fovDeg! / stepDeg));
    ring.push([c.lon, c.lat]);
    for (let i = 0; i <= steps; i++) {
      const p = destination(c.lat, c.lon, (from + (c.fovDeg! * i) / steps + 360) % 360, c.rangeM);
      ring.push([p.lon, p.lat]);
    }
  }
  ring.push(ring[0]!);
  return ring;
}
