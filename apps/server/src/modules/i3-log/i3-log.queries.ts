import type pg from 'pg';
import type { I3LogQuery } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export interface I3LogFilter {
  from: Date | null;
  to: Date | null;
  type: string | null;
  callId: number | null;
  incidentId: number | null;
}

const WHERE = `($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) AND ($3::text IS NULL OR type = $3)
  AND ($4::bigint IS NULL OR call_id = $4) AND ($5::bigint IS NULL OR incident_id = $5)`;
const args = (f: I3LogFilter) => [f.from, f.to, f.type, f.callId, f.incidentId];

/** LogEvents in time order (then in the order they were derived), one page, with the total. */
export async function listLogEvents(db: Queryable, f: I3LogFilter, page: { limit: number; offset: number }) {
  const [list, total] = await Promise.all([
    db.query<{ log_event_id: string; body: Record<string, unknown> }>(`SELECT log_event_id, body FROM i3_log_events WHERE ${WHERE} ORDER BY at, id LIMIT $6 OFFSET $7`, [...args(f), page.limit, page.offset]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM i3_log_events WHERE ${WHERE}`, args(f)),
  ]);
  return { rows: list.rows, total: total.rows[0]!.n };
}

export async function getLogEvent(db: Queryable, logEventId: string) {
  const { rows } = await db.query<{ log_event_id: string; body: Record<string, unknown> }>('SELECT log_event_id, body FROM i3_log_events WHERE log_event_id = $1', [logEventId]);
  return rows[0] ?? null;
}

/** Distinct call or incident ids that have LogEvents in the range (ListCalls / ListIncidents). */
export async function listLoggedIds(db: Queryable, column: 'call_id' | 'incident_id', f: I3LogFilter, page: { limit: number; offset: number }) {
  const urnField = column === 'call_id' ? 'callId' : 'incidentId';
  const { rows } = await db.query<{ urn: string; total: number }>(
    `SELECT urn, count(*) OVER ()::int AS total FROM (
       SELECT DISTINCT ON (${column}) ${column}, body ->> '${urnField}' AS urn, at FROM i3_log_events WHERE ${WHERE} AND ${column} IS NOT NULL ORDER BY ${column}, at
     ) s ORDER BY at, urn LIMIT $6 OFFSET $7`,
    [...args(f), page.limit, page.offset],
  );
  return { ids: rows.map((r) => r.urn), total: rows[0]?.total ?? 0 };
}

export type { I3LogQuery };
