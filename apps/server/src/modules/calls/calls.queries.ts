import type pg from 'pg';
import type { Call, CallSource } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export interface CallRow {
  id: number;
  source: CallSource;
  presented_at: Date;
  answered_at: Date | null;
  released_at: Date | null;
  callback_number: string | null;
  caller_name: string | null;
  location_text: string | null;
  lat: number | null;
  lon: number | null;
  location_verified: boolean;
  notes: string | null;
  incident_id: number | null;
  created_at: Date;
}

const COLUMNS = 'id, source, presented_at, answered_at, released_at, callback_number, caller_name, location_text, lat, lon, location_verified, notes, incident_id, created_at';

export function toCall(r: CallRow): Call {
  return {
    id: r.id,
    source: r.source,
    presentedAt: r.presented_at.toISOString(),
    answeredAt: r.answered_at?.toISOString() ?? null,
    releasedAt: r.released_at?.toISOString() ?? null,
    callbackNumber: r.callback_number,
    callerName: r.caller_name,
    location: { text: r.location_text, lat: r.lat, lon: r.lon, verified: r.location_verified },
    notes: r.notes,
    incidentId: r.incident_id,
    createdAt: r.created_at.toISOString(),
  };
}

export async function getCallRow(db: Queryable, id: number, forUpdate = false): Promise<CallRow | null> {
  const { rows } = await db.query<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/** Calls still waiting for a call-taker to act: not attached to an incident and not released. */
export async function listCalls(db: Queryable, f: { open: boolean; limit: number }): Promise<CallRow[]> {
  const { rows } = await db.query<CallRow>(
    `SELECT ${COLUMNS} FROM calls WHERE NOT $1 OR (incident_id IS NULL AND released_at IS NULL) ORDER BY presented_at DESC LIMIT $2`,
    [f.open, f.limit],
  );
  return rows;
}

export async function insertCall(
  tx: pg.PoolClient,
  c: { source: CallSource; presentedAt: Date; answeredAt: Date | null; callbackNumber: string | null; callerName: string | null; locationText: string | null; lat: number | null; lon: number | null; verified: boolean; notes: string | null; createdBy: number | null; now: Date },
): Promise<CallRow> {
  const { rows } = await tx.query<CallRow>(
    `INSERT INTO calls (source, presented_at, answered_at, callback_number, caller_name, location_text, lat, lon, location_verified, notes, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
    [c.source, c.presentedAt, c.answeredAt, c.callbackNumber, c.callerName, c.locationText, c.lat, c.lon, c.verified, c.notes, c.createdBy, c.now],
  );
  return rows[0]!;
}
