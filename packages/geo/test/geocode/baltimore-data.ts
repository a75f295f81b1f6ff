// Readers for the Baltimore files under /work/shared/data used by the tests, kept independent of the
// geocoder so the tests compare it against the raw data rather than against itself.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BALTIMORE_DIR = fileURLToPath(new URL('../../../../../shared/data/baltimore/', import.meta.url));
export const STREETS_PATH = `${BALTIMORE_DIR}baltimore_streets.geojson`;

/** RFC 4180 CSV with quoted fields that may span lines (the fire station file's "Location 1"). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (header === undefined) return [];
  return body.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export function readCsv(name: string): Record<string, string>[] {
  return parseCsv(readFileSync(`${BALTIMORE_DIR}${name}`, 'utf8'));
}

export function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(`${BALTIMORE_DIR}${name}`, 'utf8')) as T;
}

export interface RawStreetFeature {
  properties: Record<string, string | number>;
  geometry: { type: 'LineString'; coordinates: number[][] } | { type: 'MultiLineString'; coordinates: number[][][] };
}

/** A place where two differently named streets share a segment endpoint, straight from the file. */
export interface RawCorner {
  a: string;
  b: string;
  lat: number;
  lon: number;
}

/**
 * Corners from exactly shared endpoints of named, non-alley features. Names come from the file's own
 * parts (ROAD and LANE spelled out as the city writes them); generic names (RAMP, NO NAME) and two
 * pieces of one street (I 95 N / I 95 S) are left out.
 */
export function rawCorners(features: readonly RawStreetFeature[]): RawCorner[] {
  const byPoint = new Map<string, Set<string>>();
  for (const f of features) {
    const p = f.properties;
    const name = String(p['feanme'] ?? '');
    if (name.length === 0 || p['subtype_label'] === 'Alley' || /^(RAMP|NO NAME|UNNAMED)$/.test(name)) continue;
    const full = [p['dirpre'], name, p['featype'], p['dirsuf']].filter((s) => s !== undefined && s !== '').join(' ');
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const line of lines) {
      for (const c of [line[0], line[line.length - 1]]) {
        if (c === undefined) continue;
        const key = `${c[0]},${c[1]}`;
        let set = byPoint.get(key);
        if (set === undefined) byPoint.set(key, (set = new Set()));
        set.add(full);
      }
    }
  }
  const base = (s: string): string => s.replace(/^[NSEW] /, '').replace(/ [NSEW]$/, '');
  const out: RawCorner[] = [];
  for (const [key, names] of byPoint) {
    const list = [...names].sort();
    const [lon, lat] = key.split(',').map(Number) as [number, number];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (base(list[i]!) === base(list[j]!)) continue;
        out.push({ a: list[i]!, b: list[j]!, lat, lon });
      }
    }
  }
  return out;
}

/** Deterministic pseudo-random numbers for reproducible samples. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
