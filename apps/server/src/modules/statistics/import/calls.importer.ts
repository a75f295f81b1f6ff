import { basename } from 'node:path';
import type pg from 'pg';
import { DATASET_CODE_PATTERN } from '@openpsap/contract';
import { withTransaction } from '../../../db/transaction';
import type { Actor } from '../../../events/actor';
import { appendLedger } from '../../../events/ledger';
import { ImportInputError } from '../../jurisdiction/importers/read-input';
import { csvRecords } from './csv-stream';
import { applyUnitSpans, upsertCalls, upsertIncidents, upsertUnits, type UnitSpan } from './calls.writer';
import { ProblemTally, type CallsImportReport } from './import-summary';
import { loadProfile } from './profile-loader';
import type { Profile } from './profile.schema';
import { compileRowReader, RowRejected, type ReadCall, type ReadIncident, type ReadUnit } from './row-reader';
import { isTimeZone } from './zoned-time';

export interface CallsImportOptions {
  /** A built-in profile name or a path to a profile JSON file. */
  profile: string;
  /** Dataset code (default: the profile's name). */
  dataset?: string;
  name?: string;
  /** Overrides the profile's zone (a file exported from another centre of the same system). */
  timeZone?: string;
  dryRun?: boolean;
}

export interface CallsImportContext {
  /** Not needed for a dry run. */
  pool: pg.Pool | null;
  actor: Actor;
  progress?: (phase: string, total: number) => (done: number) => void;
}

const BATCH = 2000;

interface Batch {
  incidents: ReadIncident[];
  units: { incident: string; unit: ReadUnit }[];
  calls: { incident: string; agency: string; call: ReadCall }[];
}

/**
 * Reads the file with the profile row by row, checking each row, and hands good rows over in
 * batches. Rejected rows and left-out values are tallied by reason with their lines.
 */
async function readFile(profile: Profile, file: string, ctx: CallsImportContext, report: CallsImportReport, flush: (b: Batch) => Promise<void>): Promise<Map<string, UnitSpan>> {
  const rejected = new ProblemTally();
  const excluded = new ProblemTally();
  // Incident-row files: an id seen twice is a duplicate row. Unit-row files: the first row of an
  // incident writes the incident; a unit seen again on the same incident is its next assignment.
  const firstLine = new Map<string, number>();
  const unitSeq = new Map<string, number>();
  const callsSeen = new Set<string>();
  const spans = new Map<string, UnitSpan>();
  const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  let read: ((values: string[], line: number) => ReturnType<ReturnType<typeof compileRowReader>>) | null = null;
  let batch: Batch = { incidents: [], units: [], calls: [] };
  let tick: ((done: number) => void) | undefined;
  for await (const records of csvRecords(file, (done, total) => {
    tick ??= ctx.progress?.('reading (bytes)', total);
    tick?.(done);
  })) {
    for (const rec of records) {
      if (!read) {
        read = compileRowReader(profile, rec.values);
        continue;
      }
      report.read++;
      try {
        const row = read(rec.values, rec.line);
        const id = row.incident.sourceId;
        const earlier = firstLine.get(id);
        if (profile.shape === 'incident' && earlier !== undefined) throw new RowRejected(`the same incident id as line ${earlier}`);
        if (earlier === undefined) {
          firstLine.set(id, rec.line);
          batch.incidents.push(row.incident);
          report.incidents++;
        }
        for (const u of row.units) {
          if (profile.shape === 'unit') {
            const key = `${id}\u0001${u.unit}`;
            u.seq = (unitSeq.get(key) ?? 0) + 1;
            unitSeq.set(key, u.seq);
          }
          batch.units.push({ incident: id, unit: u });
          const sp = spans.get(id) ?? [null, null, null, null];
          const t = u.times;
          spans.set(id, [earliest(sp[0], t.dispatched), earliest(sp[1], t.enroute), earliest(sp[2], t.onScene), sp[3] === null ? t.cleared : t.cleared === null ? sp[3] : Math.max(sp[3], t.cleared)]);
          report.unitResponses++;
        }
        if (row.call && !callsSeen.has(row.call.sourceId)) {
          callsSeen.add(row.call.sourceId);
          batch.calls.push({ incident: id, agency: row.incident.agency, call: row.call });
          report.calls++;
        }
        for (const why of row.excluded) excluded.add(rec.line, why);
        report.imported++;
      } catch (e) {
        if (!(e instanceof RowRejected)) throw e;
        rejected.add(rec.line, e.message);
        report.rejected.push({ row: `line ${rec.line}`, reason: e.message });
      }
      if (batch.incidents.length + batch.units.length >= BATCH) {
        await flush(batch);
        batch = { incidents: [], units: [], calls: [] };
      }
    }
  }
  if (!read) throw new ImportInputError(`${file} is empty (no header row)`);
  await flush(batch);
  report.rejectedByReason = rejected.list();
  report.excludedByReason = excluded.list();
  return spans;
}

/**
 * `psap import calls`: a CAD export read with a profile into an imported-history dataset
 * (stat_datasets, stat_incidents, stat_unit_responses, stat_calls). One transaction, written in
 * batches; a re-run replaces each incident (and its units) by (dataset, source id) in place, so
 * running the same file twice changes nothing. A dry run reads and checks everything and writes
 * nothing.
 */
export async function importCalls(ctx: CallsImportContext, file: string, opts: CallsImportOptions): Promise<CallsImportReport> {
  const started = performance.now();
  const { profile: loaded, origin } = loadProfile(opts.profile);
  const timeZone = opts.timeZone ?? loaded.timeZone;
  if (!isTimeZone(timeZone)) throw new ImportInputError(`--time-zone "${timeZone}" is not an IANA time zone name (e.g. America/Chicago)`);
  const profile: Profile = { ...loaded, timeZone };
  const dataset = (opts.dataset ?? profile.name).toLowerCase();
  if (!DATASET_CODE_PATTERN.test(dataset) || dataset === 'live') throw new ImportInputError(`--dataset "${dataset}": use 2-40 lower-case letters, digits or hyphens, starting with a letter, and not "live"`);
  const report: CallsImportReport = {
    kind: 'calls',
    source: dataset,
    file,
    read: 0,
    imported: 0,
    removed: 0,
    rejected: [],
    notes: [],
    seconds: 0,
    dataset,
    profile: origin,
    dryRun: opts.dryRun === true,
    incidents: 0,
    unitResponses: 0,
    calls: 0,
    rejectedByReason: [],
    excludedByReason: [],
  };
  const finish = () => {
    report.seconds = (performance.now() - started) / 1000;
    const left = report.excludedByReason.reduce((n, g) => n + g.count, 0);
    if (left) report.notes.push(`${left} values left out of kept rows (out of order or unreadable); intervals that need them skip those rows`);
    return report;
  };
  if (opts.dryRun) {
    await readFile(profile, file, ctx, report, async () => undefined);
    return finish();
  }
  if (!ctx.pool) throw new Error('importCalls needs a database unless it is a dry run');
  await withTransaction(ctx.pool, async (tx, now) => {
    // A retried transaction starts over from the top of the file.
    Object.assign(report, { read: 0, imported: 0, rejected: [], incidents: 0, unitResponses: 0, calls: 0, notes: [] });
    await tx.query(
      `INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone, source_file, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, profile = EXCLUDED.profile, profile_json = EXCLUDED.profile_json, time_zone = EXCLUDED.time_zone,
         source_file = EXCLUDED.source_file, imported_at = EXCLUDED.imported_at, imported_by = EXCLUDED.imported_by`,
      [dataset, opts.name ?? profile.datasetName, origin, JSON.stringify(profile), timeZone, basename(file), now, ctx.actor.label],
    );
    let written = 0;
    const spans = await readFile(profile, file, ctx, report, async (b) => {
      await upsertIncidents(tx, dataset, b.incidents);
      await upsertUnits(tx, dataset, b.units);
      await upsertCalls(tx, dataset, b.calls);
      written += b.incidents.length;
    });
    await applyUnitSpans(tx, dataset, spans);
    if (!report.imported) throw new ImportInputError(`${file}: no usable rows (${report.rejectedByReason[0]?.examples[0] ?? 'the file has a header only'})`);
    await tx.query(`UPDATE stat_datasets SET rows_read = $2, rows_imported = $3, rows_rejected = $4 WHERE code = $1`, [dataset, report.read, report.imported, report.rejected.length]);
    report.notes.push(`${written} incidents written to dataset "${dataset}" (times read in ${timeZone})`);
    await appendLedger(tx, ctx.actor, now, [
      {
        action: 'import.calls',
        entity: 'stat_dataset',
        entityId: dataset,
        after: {
          file: basename(file),
          profile: origin,
          read: report.read,
          imported: report.imported,
          rejected: report.rejected.length,
          incidents: report.incidents,
          unitResponses: report.unitResponses,
          calls: report.calls,
          valuesLeftOut: report.excludedByReason.reduce((n, g) => n + g.count, 0),
        },
      },
    ]);
  });
  return finish();
}
