import { basename } from 'node:path';
import type pg from 'pg';
import { withTransaction } from '../../../db/transaction';
import { appendLedger } from '../../../events/ledger';
import type { Actor } from '../../../events/actor';
import { bumpDataVersion, upsertBySource } from '../jurisdiction.queries';
import { newReport, type ImportReport } from './import-report';
import { readGeoJsonFeatures, ImportInputError } from './read-input';
import { chooseStreetMapping, streetAttributes } from './street-field-mapping';

export interface StreetImportOptions {
  source?: string;
  preset?: string;
  map?: string;
  /** Route only on this source's segments from now on. */
  routing?: boolean;
  progress?: (phase: string, total: number) => (done: number) => void;
}

/** A source name from the file name: "baltimore_streets.geojson.gz" -> "baltimore_streets". */
export function sourceNameFor(file: string): string {
  return basename(file).replace(/(\.(geo)?json|\.csv|\.osm\.pbf|\.pbf|\.gz)+$/i, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-') || 'import';
}

// The columns after (source, source_id), in the order each row lists them after its source id.
const STREET_COLUMNS = ['prefix', 'name', 'suffix_type', 'suffix_dir', 'from_left', 'to_left', 'from_right', 'to_right', 'zip_left', 'zip_right', 'road_class', 'oneway', 'speed_kph', 'coords'];

function validCoord(c: unknown): c is [number, number] {
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90 && Number.isFinite(c[0]) && Number.isFinite(c[1]);
}

/**
 * Imports street centerlines from GeoJSON. Each LineString (or each part of a MultiLineString, so
 * the road graph never joins pieces that do not touch) becomes a segment keyed by its source id.
 */
export async function importStreets(pool: pg.Pool, actor: Actor, file: string, opts: StreetImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const source = opts.source ?? sourceNameFor(file);
  const report = newReport('streets', source, file);
  const features = readGeoJsonFeatures(file);
  report.read = features.length;
  const sample = new Set<string>();
  for (const f of features.slice(0, 200)) for (const k of Object.keys(f?.properties ?? {})) sample.add(k);
  let mapping;
  try {
    mapping = chooseStreetMapping(sample, opts.preset, opts.map);
  } catch (e) {
    throw new ImportInputError((e as Error).message);
  }
  report.notes.push(`field mapping: ${mapping.preset}`);

  const rows: unknown[][] = [];
  const seen = new Set<string>();
  const tick = opts.progress?.('reading', features.length);
  features.forEach((f, i) => {
    const rowId = `feature ${i + 1}`;
    try {
      if (!f || f.type !== 'Feature') throw new Error('not a GeoJSON Feature');
      const g = f.geometry;
      if (!g) throw new Error('no geometry');
      if (g.type !== 'LineString' && g.type !== 'MultiLineString') throw new Error(`geometry is ${g.type}, not a line`);
      const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as unknown[];
      if (!Array.isArray(parts)) throw new Error('coordinates are not an array');
      const attrs = streetAttributes(mapping, f.properties ?? {});
      const idValue = mapping.id ? f.properties?.[mapping.id] : f.id;
      const baseId = idValue !== undefined && idValue !== null && String(idValue) !== '' ? String(idValue) : String(i + 1);
      let kept = 0;
      parts.forEach((part, k) => {
        if (!Array.isArray(part)) return;
        const coords: [number, number][] = [];
        for (const c of part) {
          if (!validCoord(c)) throw new Error('a coordinate is not a [lon, lat] pair within range');
          const prev = coords[coords.length - 1];
          if (!prev || prev[0] !== c[0] || prev[1] !== c[1]) coords.push([c[0], c[1]]);
        }
        if (coords.length < 2) return;
        const sourceId = parts.length > 1 ? `${baseId}#${k + 1}` : baseId;
        if (seen.has(sourceId)) throw new Error(`duplicate id ${sourceId}`);
        seen.add(sourceId);
        rows.push([sourceId, attrs.prefix, attrs.name, attrs.suffixType, attrs.suffixDir, attrs.fromLeft, attrs.toLeft, attrs.fromRight, attrs.toRight, attrs.zipLeft, attrs.zipRight, attrs.roadClass, attrs.oneway, attrs.speedKph, JSON.stringify(coords)]);
        kept++;
      });
      if (kept === 0) throw new Error('zero length (fewer than two distinct points)');
    } catch (e) {
      report.rejected.push({ row: rowId, reason: (e as Error).message });
    }
    if (tick && i % 1000 === 0) tick(i);
  });
  tick?.(features.length);

  const write = opts.progress?.('writing', rows.length);
  await withTransaction(pool, async (tx, now) => {
    const r = await upsertBySource(tx, 'street_segments', STREET_COLUMNS, source, rows, write);
    report.imported = r.upserted;
    report.removed = r.removed;
    await bumpDataVersion(tx);
    if (opts.routing) await tx.query('UPDATE jurisdiction SET routing_source = $1 WHERE id = 1', [source]);
    await appendLedger(tx, actor, now, [{ action: 'import.streets', entity: 'jurisdiction', entityId: source, after: { file: basename(file), imported: r.upserted, removed: r.removed, rejected: report.rejected.length, mapping: mapping.preset } }]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
