/**
 * CAP areas as GeoJSON (longitude first, as GeoJSON wants; CAP writes latitude first).
 *
 *   capAreaGeoJson(area: CapArea): GeoJsonGeometry | null
 *   firstAreaGeoJson(alert: CapAlert): GeoJsonGeometry | null
 *
 * A circle becomes a 32-sided polygon so every shape can be drawn and tested for "inside" the
 * same way. Areas given only by geocodes (SAME / FIPS / UGC) have no shape here: null.
 * Shapes that do not read (see polygonProblem / circleProblem) are left out.
 */
import type { CapAlert, CapArea } from './cap-model';
import { circleProblem, polygonProblem } from './cap-checks';

export type GeoJsonGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

const EARTH_KM = 6371.0088;

function ring(poly: string): number[][] | null {
  if (polygonProblem(poly)) return null;
  return poly.trim().split(/\s+/).map((pt) => {
    const [lat, lon] = pt.split(',').map(Number);
    return [lon!, lat!];
  });
}

function circleRing(c: string, sides = 32): number[][] | null {
  if (circleProblem(c)) return null;
  const [centre, radius] = c.trim().split(/\s+/);
  const [lat, lon] = centre!.split(',').map(Number);
  const km = Math.max(Number(radius), 0.01);
  const out: number[][] = [];
  const latR = (lat! * Math.PI) / 180;
  for (let i = 0; i <= sides; i++) {
    const bearing = ((i % sides) / sides) * 2 * Math.PI;
    const d = km / EARTH_KM;
    const lat2 = Math.asin(Math.sin(latR) * Math.cos(d) + Math.cos(latR) * Math.sin(d) * Math.cos(bearing));
    const lon2 = (lon! * Math.PI) / 180 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(latR), Math.cos(d) - Math.sin(latR) * Math.sin(lat2));
    out.push([Number(((lon2 * 180) / Math.PI).toFixed(6)), Number(((lat2 * 180) / Math.PI).toFixed(6))]);
  }
  return out;
}

export function capAreaGeoJson(area: CapArea): GeoJsonGeometry | null {
  const rings = [...(area.polygon ?? []).map((p) => ring(p)), ...(area.circle ?? []).map((c) => circleRing(c))].filter((r): r is number[][] => r !== null);
  if (!rings.length) return null;
  if (rings.length === 1) return { type: 'Polygon', coordinates: [rings[0]!] };
  return { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
}

/** The first area, across the infos, that has a shape. */
export function firstAreaGeoJson(alert: CapAlert): GeoJsonGeometry | null {
  for (const info of alert.info ?? []) {
    for (const area of info.area ?? []) {
      const g = capAreaGeoJson(area);
      if (g) return g;
    }
  }
  return null;
}
