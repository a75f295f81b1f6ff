import type pg from 'pg';
import type { ReadCall, ReadIncident, ReadUnit } from './row-reader';

/** Epoch milliseconds as PostgreSQL reads them back: to_timestamp keeps microseconds. */
const ts = (x: string) => `to_timestamp(${x} / 1000.0)`;

/** Writes (replaces) incidents by (dataset, source_id); their earlier unit rows are removed first. */
export async function upsertIncidents(tx: pg.PoolClient, dataset: string, rows: ReadIncident[]): Promise<void> {
  if (!rows.length) return;
  const c = <T>(f: (r: ReadIncident) => T) => rows.map(f);
  await tx.query(`DELETE FROM stat_unit_responses WHERE dataset = $1 AND incident_source_id = ANY($2::text[])`, [dataset, c((r) => r.sourceId)]);
  await tx.query(
    `INSERT INTO stat_incidents (dataset, source_id, agency, discipline, type_code, type_text, priority, zone, lat, lon, received_at, answered_at,
                                 created_at, first_dispatch_at, first_enroute_at, first_onscene_at, closed_at, dispatcher, source_intervals)
     SELECT $1, s, ag, di, tc, tt, pr, zo, la, lo, ${ts('rc')}, ${ts('an')}, ${ts('cr')}, ${ts('dp')}, ${ts('er')}, ${ts('os')}, ${ts('cl')}, dr, si
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::float8[],
                   $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::float8[], $16::float8[], $17::float8[], $18::text[], $19::jsonb[])
            AS u(s, ag, di, tc, tt, pr, zo, la, lo, rc, an, cr, dp, er, os, cl, dr, si)
     ON CONFLICT (dataset, source_id) DO UPDATE SET agency = EXCLUDED.agency, discipline = EXCLUDED.discipline, type_code = EXCLUDED.type_code,
       type_text = EXCLUDED.type_text, priority = EXCLUDED.priority, zone = EXCLUDED.zone, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
       received_at = EXCLUDED.received_at, answered_at = EXCLUDED.answered_at, created_at = EXCLUDED.created_at,
       first_dispatch_at = EXCLUDED.first_dispatch_at, first_enroute_at = EXCLUDED.first_enroute_at, first_onscene_at = EXCLUDED.first_onscene_at,
       closed_at = EXCLUDED.closed_at, dispatcher = EXCLUDED.dispatcher, source_intervals = EXCLUDED.source_intervals`,
    [
      dataset,
      c((r) => r.sourceId),
      c((r) => r.agency),
      c((r) => r.discipline),
      c((r) => r.typeCode),
      c((r) => r.typeText),
      c((r) => r.priority),
      c((r) => r.zone),
      c((r) => r.lat),
      c((r) => r.lon),
      c((r) => r.receivedAt),
      c((r) => r.answeredAt),
      c((r) => r.createdAt),
      c((r) => r.dispatchedAt),
      c((r) => r.enrouteAt),
      c((r) => r.onSceneAt),
      c((r) => r.closedAt),
      c((r) => r.dispatcher),
      c((r) => (r.sourceIntervals ? JSON.stringify(r.sourceIntervals) : null)),
    ],
  );
}

export async function upsertUnits(tx: pg.PoolClient, dataset: string, rows: { incident: string; unit: ReadUnit }[]): Promise<void> {
  if (!rows.length) return;
  const c = <T>(f: (r: { incident: string; unit: ReadUnit }) => T) => rows.map(f);
  await tx.query(
    `INSERT INTO stat_unit_responses (dataset, incident_source_id, unit, seq, unit_type, dispatched_at, enroute_at, onscene_at, transporting_at, hospital_at, cleared_at)
     SELECT $1, i, u, s, ut, ${ts('dp')}, ${ts('er')}, ${ts('os')}, ${ts('tr')}, ${ts('ho')}, ${ts('cl')}
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[])
            AS x(i, u, s, ut, dp, er, os, tr, ho, cl)
     ON CONFLICT (dataset, incident_source_id, unit, seq) DO UPDATE SET unit_type = EXCLUDED.unit_type, dispatched_at = EXCLUDED.dispatched_at,
       enroute_at = EXCLUDED.enroute_at, onscene_at = EXCLUDED.onscene_at, transporting_at = EXCLUDED.transporting_at,
       hospital_at = EXCLUDED.hospital_at, cleared_at = EXCLUDED.cleared_at`,
    [
      dataset,
      c((r) => r.incident),
      c((r) => r.unit.unit),
      c((r) => r.unit.seq),
      c((r) => r.unit.unitType),
      c((r) => r.unit.times.dispatched),
      c((r) => r.unit.times.enroute),
      c((r) => r.unit.times.onScene),
      c((r) => r.unit.times.transporting),
      c((r) => r.unit.times.hospital),
      c((r) => r.unit.times.cleared),
    ],
  );
}

export async function upsertCalls(tx: pg.PoolClient, dataset: string, rows: { incident: string; agency: string; call: ReadCall }[]): Promise<void> {
  if (!rows.length) return;
  const c = <T>(f: (r: { incident: string; agency: string; call: ReadCall }) => T) => rows.map(f);
  await tx.query(
    `INSERT INTO stat_calls (dataset, source_id, incident_source_id, source, agency, presented_at, answered_at, released_at, taker)
     SELECT $1, s, i, so, ag, ${ts('pr')}, ${ts('an')}, ${ts('re')}, tk
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::text[]) AS x(s, i, so, ag, pr, an, re, tk)
     ON CONFLICT (dataset, source_id) DO UPDATE SET incident_source_id = EXCLUDED.incident_source_id, source = EXCLUDED.source, agency = EXCLUDED.agency,
       presented_at = EXCLUDED.presented_at, answered_at = EXCLUDED.answered_at, released_at = EXCLUDED.released_at, taker = EXCLUDED.taker`,
    [dataset, c((r) => r.call.sourceId), c((r) => r.incident), c((r) => r.call.source), c((r) => r.agency), c((r) => r.call.presentedAt), c((r) => r.call.answeredAt), c((r) => r.call.releasedAt), c((r) => r.call.taker)],
  );
}

/** Earliest dispatch, en route and on scene, and latest clear, over an incident's units. */
export type UnitSpan = [dispatched: number | null, enroute: number | null, onScene: number | null, cleared: number | null];

/**
 * The first_* times of incidents the export gives per unit: the earliest over the units (the
 * export's own incident-level time wins when the profile maps one), and the last unit's clear as
 * the close when the export has no close of its own. Computed while reading, so no query has to
 * group a dataset that the planner has no statistics for yet.
 */
export async function applyUnitSpans(tx: pg.PoolClient, dataset: string, spans: Map<string, UnitSpan>): Promise<void> {
  const all = [...spans];
  for (let k = 0; k < all.length; k += 5000) {
    const chunk = all.slice(k, k + 5000);
    await tx.query(
      `UPDATE stat_incidents i
          SET first_dispatch_at = COALESCE(i.first_dispatch_at, ${ts('x.d')}), first_enroute_at = COALESCE(i.first_enroute_at, ${ts('x.e')}),
              first_onscene_at = COALESCE(i.first_onscene_at, ${ts('x.o')}), closed_at = COALESCE(i.closed_at, ${ts('x.c')})
         FROM unnest($2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS x(s, d, e, o, c)
        WHERE i.dataset = $1 AND i.source_id = x.s`,
      [dataset, chunk.map((c) => c[0]), chunk.map((c) => c[1][0]), chunk.map((c) => c[1][1]), chunk.map((c) => c[1][2]), chunk.map((c) => c[1][3])],
    );
  }
}
