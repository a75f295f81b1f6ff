import { ImportInputError } from './read-input';

/** Finds a column by its exact name (given by the operator) or the first of several usual names. */
export function findColumn(header: string[], explicit: string | undefined, guesses: string[], what: string, required = true): string | null {
  const lower = new Map(header.map((h) => [h.toLowerCase(), h]));
  if (explicit) {
    const h = lower.get(explicit.toLowerCase());
    if (!h) throw new ImportInputError(`--${what}: no column "${explicit}" (columns: ${header.join(', ')})`);
    return h;
  }
  for (const g of guesses) {
    const h = lower.get(g);
    if (h) return h;
  }
  if (required) throw new ImportInputError(`cannot find the ${what} column (tried ${guesses.join(', ')}; columns: ${header.join(', ')}); name it with --${what}`);
  return null;
}

export const LAT_GUESSES = ['lat', 'latitude', 'y', 'point_y'];
export const LON_GUESSES = ['lon', 'lng', 'long', 'longitude', 'x', 'point_x'];
export const LOCATION_GUESSES = ['location', 'location 1', 'the_geom', 'geom', 'point'];

/** A number of degrees in range, or a reason to reject the row. */
export function degrees(v: string | undefined, kind: 'lat' | 'lon'): number {
  const n = Number(v);
  if (v === undefined || v === '' || !Number.isFinite(n)) throw new Error(`${kind} is not a number: "${(v ?? '').slice(0, 20)}"`);
  if (kind === 'lat' ? Math.abs(n) > 90 : Math.abs(n) > 180) throw new Error(`${kind} ${n} is out of range`);
  if (n === 0) throw new Error(`${kind} is 0 (missing)`);
  return n;
}

/** A point written inside a text field: "(39.29, -76.60)" (lat, lon) or "POINT (-76.60 39.29)" (lon lat). */
export function pointInText(s: string): { lat: number; lon: number } | null {
  const wkt = /POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)/i.exec(s);
  if (wkt) return { lon: Number(wkt[1]), lat: Number(wkt[2]) };
  const pair = /\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)/.exec(s);
  if (pair) return { lat: Number(pair[1]), lon: Number(pair[2]) };
  return null;
}

/** The address part of a text field that may also hold a point or several lines. */
export function addressInText(s: string): string {
  return s.replace(/\(\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*\)/, '').replace(/\s*\n\s*/g, ', ').replace(/,\s*$/, '').trim();
}
