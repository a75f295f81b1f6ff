import { basename } from 'node:path';
import type pg from 'pg';
import { withTransaction } from '../../db/transaction';
import type { Actor } from '../../events/actor';
import { appendLedger } from '../../events/ledger';
import { parseCsv } from '../jurisdiction/importers/csv';
import { newReport, type ImportReport } from '../jurisdiction/importers/import-report';
import { readTextFile } from '../jurisdiction/importers/read-input';
import { cameraFromRow, resolveMapping, type CameraImportRow, type CameraMapping } from './camera-import-mapping';

export interface CameraImportOptions {
  /** What re-runs replace; default: the preset's source, else the file name. */
  source?: string;
  preset?: string;
  map?: string;
  progress?: (phase: string, total: number) => (done: number) => void;
}

interface Parsed {
  report: ImportReport;
  rows: CameraImportRow[];
  mapping: CameraMapping;
}

/** Reads and checks every row; nothing is written. Rows that cannot be used are listed with the reason. */
export function parseCameraFile(file: string, opts: CameraImportOptions): Parsed {
  const { header, rows } = parseCsv(readTextFile(file));
  const { mapping, preset } = resolveMapping(header, opts);
  const source = opts.source ?? preset?.source ?? basename(file).replace(/\.(csv)(\.gz)?$/i, '').toLowerCase();
  const report = newReport('cameras', source, file);
  report.read = rows.length;
  if (preset) report.notes.push(`columns read with the ${preset.name} preset`);
  const out: CameraImportRow[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    try {
      const cam = cameraFromRow(r.values, mapping);
      if (cam === 'void') throw new Error('the source marks this record void');
      // Some lists number two cameras at one corner alike; each is kept, the second as "<id>-2",
      // which stays the same on every run because the file's order does.
      const n = (seen.get(cam.sourceId) ?? 0) + 1;
      seen.set(cam.sourceId, n);
      if (n > 1) {
        report.notes.push(`id ${cam.sourceId} appears ${n} times; line ${r.line} kept as ${cam.sourceId}-${n}`);
        cam.sourceId = `${cam.sourceId}-${n}`;
      }
      out.push(cam);
    } catch (e) {
      report.rejected.push({ row: `line ${r.line}`, reason: (e as Error).message });
    }
  }
  return { report, rows: out, mapping };
}

/**
 * Writes parsed cameras as city cameras of one source in the caller's transaction: new ones are
 * added, known ones updated only in the fields the file holds (an analyst's direction or stream
 * survives a re-import of a list that has none), and cameras of this source missing from the file
 * are marked removed. Returns how many were new, changed, unchanged and removed.
 */
export async function writeCityCameras(tx: pg.PoolClient, source: string, rows: CameraImportRow[], mapping: CameraMapping, progress?: (done: number) => void): Promise<{ added: number; changed: number; unchanged: number; removed: number }> {
  const has = (f: keyof CameraMapping) => mapping[f] !== undefined;
  // Fields the file does not hold keep what the registry has.
  const sets: [string, string][] = [['name', 'EXCLUDED.name'], ['lat', 'EXCLUDED.lat'], ['lon', 'EXCLUDED.lon']];
  if (has('address')) sets.push(['address', 'EXCLUDED.address']);
  if (has('direction')) sets.push(['direction_deg', 'EXCLUDED.direction_deg']);
  if (has('fov')) sets.push(['fov_deg', 'EXCLUDED.fov_deg']);
  if (has('range')) sets.push(['range_m', 'EXCLUDED.range_m']);
  if (has('kind')) sets.push(['kind', 'EXCLUDED.kind']);
  if (has('stream')) sets.push(['stream_url', 'EXCLUDED.stream_url'], ['stream_kind', 'EXCLUDED.stream_kind']);
  // Without a status column, a camera back in the list after being dropped from it is active again.
  sets.push(['status', has('status') ? 'EXCLUDED.status' : "CASE WHEN cameras.status = 'removed' THEN 'active' ELSE cameras.status END"]);
  if (has('health')) sets.push(['health', 'EXCLUDED.health'], ['health_checked_at', 'EXCLUDED.health_checked_at']);
  if (has('installed')) sets.push(['installed_on', 'EXCLUDED.installed_on']);
  if (has('tags')) sets.push(['tags', 'EXCLUDED.tags']);
  const sql = `INSERT INTO cameras (name, owner_kind, lat, lon, address, direction_deg, fov_deg, range_m, kind, stream_url, stream_kind, status, health, health_checked_at, installed_on, tags, source, source_id)
     VALUES ($1, 'city', $2, $3, $4, $5, $6, COALESCE($7, 60), COALESCE($8, 'fixed'), $9, $10, COALESCE($11, 'active'), COALESCE($12, 'unknown'), $13, $14, $15, $16, $17)
     ON CONFLICT (source, source_id) WHERE source_id IS NOT NULL
     DO UPDATE SET ${sets.map(([c, e]) => `${c} = ${e}`).join(', ')}, updated_at = now()
     WHERE cameras.owner_kind = 'city' AND (${sets.map(([c]) => `cameras.${c}`).join(', ')}) IS DISTINCT FROM (${sets.map(([, e]) => e).join(', ')})
     RETURNING (xmax = 0) AS added`;
  let added = 0;
  let changed = 0;
  let done = 0;
  for (const c of rows) {
    const { rows: r } = await tx.query<{ added: boolean }>(sql, [
      c.name, c.lat, c.lon, c.address, c.directionDeg, c.fovDeg, c.rangeM, c.kind, c.streamUrl, c.streamKind, c.status, c.health, c.healthCheckedAt, c.installedOn, c.tags, source, c.sourceId,
    ]);
    if (r[0]?.added) added++;
    else if (r[0]) changed++;
    progress?.(++done);
  }
  const removed = await tx.query(
    `UPDATE cameras SET status = 'removed', updated_at = now() WHERE source = $1 AND owner_kind = 'city' AND status <> 'removed' AND NOT (source_id = ANY($2::text[]))`,
    [source, rows.map((c) => c.sourceId)],
  );
  return { added, changed, unchanged: rows.length - added - changed, removed: removed.rowCount ?? 0 };
}

/**
 * `psap import cameras FILE.csv`: city cameras from a CSV list, with the columns recognised from
 * known layouts or named with --map. Running it again with the same file changes nothing.
 */
export async function importCameras(pool: pg.Pool, actor: Actor, file: string, opts: CameraImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const { report, rows, mapping } = parseCameraFile(file, opts);
  const progress = opts.progress?.('rows', rows.length);
  await withTransaction(pool, async (tx, now) => {
    const counts = await writeCityCameras(tx, report.source, rows, mapping, progress);
    report.imported = rows.length;
    report.removed = counts.removed;
    report.notes.unshift(`${counts.added} new, ${counts.changed} changed, ${counts.unchanged} unchanged`);
    await appendLedger(tx, actor, now, [
      { action: 'import.cameras', entity: 'camera-source', entityId: report.source, after: { file: basename(file), ...counts, rejected: report.rejected.length } },
    ]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
