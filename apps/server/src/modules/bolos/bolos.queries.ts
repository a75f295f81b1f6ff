import type pg from 'pg';
import type { Bolo } from '@openpsap/contract';

type Db = pg.Pool | pg.PoolClient;

export const BOLO_COLUMNS = 'id, kind, title, body, incident_id, photo_url, issued_at, issued_by, cancelled_at, cancel_reason';

export function toBolo(r: Record<string, unknown>): Bolo {
  return {
    id: r.id as number,
    kind: r.kind as string,
    title: r.title as string,
    body: r.body as string,
    incidentId: (r.incident_id as number | null) ?? null,
    photoUrl: (r.photo_url as string | null) ?? null,
    issuedAt: (r.issued_at as Date).toISOString(),
    issuedBy: r.issued_by as string,
    cancelledAt: (r.cancelled_at as Date | null)?.toISOString() ?? null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
  };
}

export async function listBolos(db: Db, activeOnly: boolean, limit: number): Promise<Bolo[]> {
  const { rows } = await db.query(`SELECT ${BOLO_COLUMNS} FROM bolos ${activeOnly ? 'WHERE cancelled_at IS NULL' : ''} ORDER BY issued_at DESC LIMIT $1`, [limit]);
  return rows.map(toBolo);
}

/** Every agency's room: a BOLO goes to all units on the street, whatever their discipline. */
export async function boloRooms(db: Db, incidentId: number | null): Promise<string[]> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM agencies ORDER BY id');
  return ['centre', ...rows.map((r) => `agency:${r.id}`), ...(incidentId ? [`incident:${incidentId}`] : [])];
}
