import { readFileSync } from 'node:fs';
import type { StreetSegment } from './types.js';

/** Properties of one Baltimore City DOT street centerline feature. */
export interface BaltimoreStreetProperties {
  dirpre?: string | null;
  feanme?: string | null;
  featype?: string | null;
  dirsuf?: string | null;
  fraddl?: number | null;
  toaddl?: number | null;
  fraddr?: number | null;
  toaddr?: number | null;
  leftzip?: string | null;
  rightzip?: string | null;
  subtype_label?: string | null;
  [key: string]: unknown;
}

/** A GeoJSON line feature as the Baltimore file stores it. */
export interface BaltimoreStreetFeature {
  type: 'Feature';
  properties: BaltimoreStreetProperties;
  geometry: { type: 'LineString'; coordinates: number[][] } | { type: 'MultiLineString'; coordinates: number[][][] } | null;
}

/**
 * Maps one Baltimore centerline feature to the segment model; the server's importer reuses this so
 * both read the file the same way. Returns undefined for features without usable geometry.
 */
export function mapBaltimoreStreetFeature(feature: BaltimoreStreetFeature, id: number): StreetSegment | undefined {
  const g = feature.geometry;
  if (g === null) return undefined;
  // The few MultiLineStrings are one street drawn in pieces; joined in order they interpolate well enough.
  const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  const coords: [number, number][] = [];
  for (const line of lines) {
    for (const c of line) {
      const lon = c[0];
      const lat = c[1];
      if (lon === undefined || lat === undefined) continue;
      const prev = coords[coords.length - 1];
      if (prev !== undefined && prev[0] === lon && prev[1] === lat) continue;
      coords.push([lon, lat]);
    }
  }
  if (coords.length < 2) return undefined;
  const p = feature.properties;
  const seg: StreetSegment = {
    id,
    prefix: text(p.dirpre),
    name: text(p.feanme),
    suffixType: text(p.featype),
    suffixDir: text(p.dirsuf),
    fromLeft: num(p.fraddl),
    toLeft: num(p.toaddl),
    fromRight: num(p.fraddr),
    toRight: num(p.toaddr),
    coords,
  };
  const zl = zip(p.leftzip);
  const zr = zip(p.rightzip);
  if (zl !== undefined) seg.zipLeft = zl;
  if (zr !== undefined) seg.zipRight = zr;
  const cls = (p.subtype_label ?? '').trim();
  if (cls.length > 0) seg.class = cls;
  return seg;
}

/** Reads baltimore_streets.geojson into street segments; ids are the features' positions in the file. */
export function loadBaltimoreStreetsGeoJson(path: string): StreetSegment[] {
  const fc = JSON.parse(readFileSync(path, 'utf8')) as { features: BaltimoreStreetFeature[] };
  const out: StreetSegment[] = [];
  fc.features.forEach((f, i) => {
    const seg = mapBaltimoreStreetFeature(f, i);
    if (seg !== undefined) out.push(seg);
  });
  return out;
}

function text(v: string | null | undefined): string {
  return (v ?? '').trim().toUpperCase();
}

function num(v: number | null | undefined): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

// The file writes "" or "0" for an unknown ZIP.
function zip(v: string | null | undefined): string | undefined {
  const z = (v ?? '').trim();
  return /^\d{5}$/.test(z) ? z : undefined;
}
