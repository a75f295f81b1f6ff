import { pointInPolygon } from '@openpsap/geo';
import type { GeoJsonGeometry } from '../../cap/cap-geometry';

/** The shape's box, to let the database narrow the candidates before the exact test. */
export function boundsOf(shape: GeoJsonGeometry): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const polys = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  const pts = polys.flatMap((p) => p.flat());
  const lons = pts.map((p) => p[0]!);
  const lats = pts.map((p) => p[1]!);
  return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLon: Math.min(...lons), maxLon: Math.max(...lons) };
}

/** Inside any of the shape's polygons (a CAP area with several polygons covers their union). */
export function insideShape(shape: GeoJsonGeometry, lon: number, lat: number): boolean {
  const polys = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  return polys.some((rings) => pointInPolygon(rings, lon, lat));
}
