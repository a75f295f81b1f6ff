import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Reads a text file, gunzipping it when it ends in .gz; fails with a message naming the file. */
export function readTextFile(path: string): string {
  let buf: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    buf = readFileSync(path);
  } catch (e) {
    throw new ImportInputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (path.endsWith('.gz') || (buf[0] === 0x1f && buf[1] === 0x8b)) {
    try {
      buf = gunzipSync(buf);
    } catch {
      throw new ImportInputError(`${path} looks gzip-compressed but does not decompress`);
    }
  }
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

/** The file as a whole is unusable (missing, wrong format); individual bad rows are rejected instead. */
export class ImportInputError extends Error {}

export interface GeoJsonFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

/** Parses a GeoJSON FeatureCollection (or a single Feature), or explains why it is not one. */
export function readGeoJsonFeatures(path: string): GeoJsonFeature[] {
  const text = readTextFile(path);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ImportInputError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const d = doc as { type?: string; features?: unknown };
  if (d?.type === 'Feature') return [doc as GeoJsonFeature];
  if (d?.type !== 'FeatureCollection' || !Array.isArray(d.features)) throw new ImportInputError(`${path} is not a GeoJSON FeatureCollection`);
  return d.features as GeoJsonFeature[];
}
