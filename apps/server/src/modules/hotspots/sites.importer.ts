import { basename } from 'node:path';
import { withTransaction } from '../../db/transaction';
import { appendLedger } from '../../events/ledger';
import { parseCsv } from '../jurisdiction/importers/csv';
import { degrees, findColumn, LAT_GUESSES, LON_GUESSES } from '../jurisdiction/importers/csv-columns';
import type { ImportContext } from '../jurisdiction/importers/import-context';
import { newReport, type ImportReport } from '../jurisdiction/importers/import-report';
import { ImportInputError, readTextFile } from '../jurisdiction/importers/read-input';
import { rowHash } from './cfs-presets';

/** A site is kept only where the dataset has calls around it; elsewhere an evaluation has nothing to count. */
const NEAR_M = 1000;
const MIN_CALLS_NEAR = 20;

/**
 * Imports places an evaluation can centre on (a published list of cameras) into a dataset already
 * imported with `psap import cfs`: id, name, lat/lon (or lng), optional detail (road, street) and
 * installed_on (YYYY-MM-DD; left empty when the source does not say, as for most public lists).
 * Stream or snapshot URLs in such files are ignored: they are never stored or fetched.
 */
export async function importAnalysisSites(ctx: ImportContext, file: string, opts: { dataset: string }): Promise<ImportReport> {
  const started = performance.now();
  const dataset = opts.dataset.toLowerCase();
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM analysis_datasets WHERE code = $1', [dataset]);
  if (!rowCount) throw new ImportInputError(`no dataset "${dataset}": import its calls first (psap import cfs FILE --preset ... --dataset ${dataset})`);
  const report = newReport('analysis-sites', dataset, file);
  const { header, rows } = parseCsv(readTextFile(file));
  report.read = rows.length;
  const latCol = findColumn(header, undefined, LAT_GUESSES, 'lat')!;
  const lonCol = findColumn(header, undefined, LON_GUESSES, 'lon')!;
  const nameCol = findColumn(header, undefined, ['name', 'title', 'location', 'description'], 'name')!;
  const idCol = findColumn(header, undefined, ['id', 'camera_id', 'objectid', 'site_id'], 'id', false);
  const detailCol = findColumn(header, undefined, ['detail', 'road', 'street', 'address'], 'detail', false);
  const installedCol = findColumn(header, undefined, ['installed_on', 'installed', 'install_date'], 'installed_on', false);
  const sites: { id: string; name: string; detail: string | null; lat: number; lon: number; installedOn: string | null; line: number }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    try {
      const v = r.values;
      const name = (v[nameCol] ?? '').trim();
      if (!name) throw new Error('no name');
      const lat = degrees(v[latCol], 'lat');
      const lon = degrees(v[lonCol], 'lon');
      const installed = installedCol ? (v[installedCol] ?? '').trim() : '';
      if (installed && !/^\d{4}-\d{2}-\d{2}$/.test(installed)) throw new Error(`installed_on is not YYYY-MM-DD: "${installed.slice(0, 20)}"`);
      const id = (idCol && v[idCol]?.trim()) || rowHash([name, String(lat), String(lon)]);
      if (seen.has(id)) throw new Error(`same id as an earlier row (${id})`);
      seen.add(id);
      sites.push({ id, name: name.slice(0, 200), detail: detailCol ? (v[detailCol] ?? '').trim().slice(0, 200) || null : null, lat, lon, installedOn: installed || null, line: r.line });
    } catch (e) {
      report.rejected.push({ row: `line ${r.line}`, reason: (e as Error).message });
    }
  }
  // Calls around each site, from the dataset's position index: one query for the whole file.
  const { rows: near } = await ctx.pool.query<{ i: number; n: number }>(
    `SELECT s.i, (SELECT count(*)::int FROM analysis_calls c
                   WHERE c.dataset = $1 AND c.lat BETWEEN s.lat - $5 AND s.lat + $5 AND c.lon BETWEEN s.lon - $5 / cos(radians(s.lat)) AND s.lon + $5 / cos(radians(s.lat))
                     AND 6371008.8 * 2 * asin(sqrt(power(sin(radians(c.lat - s.lat) / 2), 2) + cos(radians(s.lat)) * cos(radians(c.lat)) * power(sin(radians(c.lon - s.lon) / 2), 2))) <= $4) AS n
       FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS s(lat, lon, i)`,
    [dataset, sites.map((s) => s.lat), sites.map((s) => s.lon), NEAR_M, NEAR_M / 111_320],
  );
  const callsNear = new Map(near.map((r) => [Number(r.i) - 1, r.n]));
  const kept = sites.filter((s, i) => {
    const n = callsNear.get(i) ?? 0;
    if (n >= MIN_CALLS_NEAR) return true;
    report.rejected.push({ row: `line ${s.line}`, reason: `fewer than ${MIN_CALLS_NEAR} of the dataset's calls within ${NEAR_M} m: outside the area the calls cover` });
    return false;
  });
  await withTransaction(ctx.pool, async (tx, now) => {
    if (kept.length) {
      await tx.query(
        `INSERT INTO analysis_sites (dataset, source_id, name, detail, lat, lon, installed_on)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::date[])
         ON CONFLICT (dataset, source_id) DO UPDATE SET name = EXCLUDED.name, detail = EXCLUDED.detail, lat = EXCLUDED.lat, lon = EXCLUDED.lon, installed_on = EXCLUDED.installed_on`,
        [dataset, kept.map((s) => s.id), kept.map((s) => s.name), kept.map((s) => s.detail), kept.map((s) => s.lat), kept.map((s) => s.lon), kept.map((s) => s.installedOn)],
      );
    }
    const del = await tx.query('DELETE FROM analysis_sites WHERE dataset = $1 AND NOT (source_id = ANY($2::text[]))', [dataset, kept.map((s) => s.id)]);
    report.imported = kept.length;
    report.removed = del.rowCount ?? 0;
    await appendLedger(tx, ctx.actor, now, [{ action: 'import.analysis-sites', entity: 'analysis_dataset', entityId: dataset, after: { file: basename(file), imported: kept.length, removed: report.removed, rejected: report.rejected.length } }]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
