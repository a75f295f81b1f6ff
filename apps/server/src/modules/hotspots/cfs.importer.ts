import { basename } from 'node:path';
import { DATASET_CODE_PATTERN } from '@openpsap/contract';
import { withTransaction } from '../../db/transaction';
import { appendLedger } from '../../events/ledger';
import { parseCsv } from '../jurisdiction/importers/csv';
import type { ImportContext } from '../jurisdiction/importers/import-context';
import { newReport, type ImportReport } from '../jurisdiction/importers/import-report';
import { ImportInputError, readTextFile } from '../jurisdiction/importers/read-input';
import { cfsPreset, parseColumnMap, type CfsRow } from './cfs-presets';
import { pointCells } from './h3-cells';

export interface CfsImportOptions {
  preset: string;
  /** Dataset code (default: the preset's name). */
  dataset?: string;
  name?: string;
  timeZone?: string;
  map?: string;
}

const BATCH = 5000;

/** True when the zone is one PostgreSQL knows (and so can convert the file's local times in). */
async function knownZone(ctx: ImportContext, zone: string): Promise<boolean> {
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM pg_timezone_names WHERE name = $1', [zone]);
  return (rowCount ?? 0) > 0;
}

/**
 * Imports historical calls for service into an analysis dataset: read with the preset, rows
 * outside the preset's area or without a usable time, type or point rejected with the reason,
 * then written in one transaction keyed by (dataset, source id): a re-run of the same file changes
 * nothing, and calls no longer in the file are removed.
 */
export async function importCallsForService(ctx: ImportContext, file: string, opts: CfsImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const preset = cfsPreset(opts.preset);
  const dataset = (opts.dataset ?? preset.name).toLowerCase();
  if (!DATASET_CODE_PATTERN.test(dataset) || dataset === 'live') throw new ImportInputError(`--dataset "${dataset}": use 2-40 lower-case letters, digits or hyphens, starting with a letter, and not "live"`);
  const timeZone = opts.timeZone ?? preset.timeZone;
  if (!(await knownZone(ctx, timeZone))) throw new ImportInputError(`--time-zone "${timeZone}" is not an IANA time zone name (e.g. America/New_York)`);
  const report = newReport('cfs', dataset, file);
  const { header, rows } = parseCsv(readTextFile(file));
  report.read = rows.length;
  const read = preset.reader(header, parseColumnMap(opts.map));
  const [south, west, north, east] = preset.bounds ?? [-90, -180, 90, 180];
  const accepted: (CfsRow & { cells: string[] })[] = [];
  const firstLine = new Map<string, number>();
  const tick = ctx.progress?.('reading', rows.length);
  rows.forEach((r, i) => {
    try {
      const c = read(r.values, r.line);
      if (c.lat < south || c.lat > north || c.lon < west || c.lon > east) throw new Error(`outside the dataset's area (${preset.bounds ? `${south},${west} to ${north},${east}` : 'bounds'}): a geocoding error`);
      const earlier = firstLine.get(c.sourceId);
      if (earlier !== undefined) throw new Error(`same id as line ${earlier}`);
      firstLine.set(c.sourceId, r.line);
      accepted.push({ ...c, cells: pointCells(c.lat, c.lon) });
    } catch (e) {
      if (e instanceof ImportInputError) throw e;
      report.rejected.push({ row: `line ${r.line}`, reason: (e as Error).message });
    }
    if (tick && i % 5000 === 0) tick(i);
  });
  tick?.(rows.length);
  if (!accepted.length) throw new ImportInputError(`${file}: no usable rows (${report.rejected[0]?.reason ?? 'the file is empty'})`);

  const write = ctx.progress?.('writing', accepted.length);
  await withTransaction(ctx.pool, async (tx, now) => {
    await tx.query(
      `INSERT INTO analysis_datasets (code, name, preset, time_zone, attribution, source_file, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, preset = EXCLUDED.preset, time_zone = EXCLUDED.time_zone,
         attribution = EXCLUDED.attribution, source_file = EXCLUDED.source_file, imported_at = EXCLUDED.imported_at`,
      [dataset, opts.name ?? preset.datasetName, preset.name, timeZone, preset.attribution, basename(file), now],
    );
    await tx.query(`CREATE TEMP TABLE cfs_staging (LIKE analysis_calls INCLUDING DEFAULTS) ON COMMIT DROP`);
    for (let i = 0; i < accepted.length; i += BATCH) {
      const chunk = accepted.slice(i, i + BATCH);
      const col = <T>(f: (c: (typeof chunk)[number]) => T) => chunk.map(f);
      // Local times become instants in the dataset's zone here, in PostgreSQL (which knows its DST
      // rules); times written with a zone are taken as they are.
      await tx.query(
        `INSERT INTO cfs_staging (dataset, source_id, received_at, category, type, area, lat, lon, h3_r6, h3_r7, h3_r8, h3_r9, h3_r10)
         SELECT $1, s, CASE WHEN t ~ '(Z|[+-]\\d\\d:?\\d\\d)$' THEN t::timestamptz ELSE t::timestamp AT TIME ZONE $2 END,
                cat, ty, ar, la, lo, c6, c7, c8, c9, c10
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[],
                       $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[])
                AS u(s, t, cat, ty, ar, la, lo, c6, c7, c8, c9, c10)`,
        [
          dataset,
          timeZone,
          col((c) => c.sourceId),
          col((c) => c.time),
          col((c) => c.category),
          col((c) => c.type),
          col((c) => c.area),
          col((c) => c.lat),
          col((c) => c.lon),
          ...[0, 1, 2, 3, 4].map((k) => col((c) => c.cells[k]!)),
        ],
      );
      write?.(Math.min(accepted.length, i + BATCH));
    }
    const changed = await tx.query(
      `INSERT INTO analysis_calls SELECT * FROM cfs_staging
       ON CONFLICT (dataset, source_id) DO UPDATE SET received_at = EXCLUDED.received_at, category = EXCLUDED.category, type = EXCLUDED.type,
         area = EXCLUDED.area, lat = EXCLUDED.lat, lon = EXCLUDED.lon, h3_r6 = EXCLUDED.h3_r6, h3_r7 = EXCLUDED.h3_r7, h3_r8 = EXCLUDED.h3_r8,
         h3_r9 = EXCLUDED.h3_r9, h3_r10 = EXCLUDED.h3_r10
       WHERE (analysis_calls.received_at, analysis_calls.category, analysis_calls.type, analysis_calls.area, analysis_calls.lat, analysis_calls.lon)
             IS DISTINCT FROM (EXCLUDED.received_at, EXCLUDED.category, EXCLUDED.type, EXCLUDED.area, EXCLUDED.lat, EXCLUDED.lon)`,
    );
    const removed = await tx.query(
      `DELETE FROM analysis_calls a WHERE a.dataset = $1 AND NOT EXISTS (SELECT 1 FROM cfs_staging s WHERE s.source_id = a.source_id)`,
      [dataset],
    );
    report.imported = accepted.length;
    report.removed = removed.rowCount ?? 0;
    report.notes.push(`${changed.rowCount ?? 0} new or changed, ${accepted.length - (changed.rowCount ?? 0)} unchanged; dataset "${dataset}" in ${timeZone}`);
    await appendLedger(tx, ctx.actor, now, [
      { action: 'import.cfs', entity: 'analysis_dataset', entityId: dataset, after: { file: basename(file), preset: preset.name, imported: accepted.length, changed: changed.rowCount ?? 0, removed: report.removed, rejected: report.rejected.length } },
    ]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
