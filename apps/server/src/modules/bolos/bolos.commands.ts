import type pg from 'pg';
import type { Bolo } from '@openpsap/contract';
import { conflict, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import type { EventDraft } from '../../events/ledger';
import { runCommand } from '../../events/run-command';
import { BOLO_COLUMNS, boloRooms, toBolo } from './bolos.queries';

export interface NewBolo {
  kind: string;
  title: string;
  body: string;
  incidentId: number | null;
  source: string | null;
  sourceId: string | null;
  photoUrl: string | null;
}

/** Inserts a BOLO inside the caller's transaction and returns it with the event that sends it to units. */
export async function insertBolo(tx: pg.PoolClient, actor: Actor, now: Date, b: NewBolo): Promise<{ bolo: Bolo; event: EventDraft<'bolo.issued'> }> {
  const { rows } = await tx.query(
    `INSERT INTO bolos (kind, title, body, incident_id, source, source_id, photo_url, issued_at, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${BOLO_COLUMNS}`,
    [b.kind, b.title, b.body, b.incidentId, b.source, b.sourceId, b.photoUrl, now, actor.label],
  );
  const bolo = toBolo(rows[0]!);
  return { bolo, event: { type: 'bolo.issued', agencyId: null, incidentId: b.incidentId, rooms: await boloRooms(tx, b.incidentId), data: { bolo } } };
}

/** Cancels inside the caller's transaction (found, resolved); the event takes it off every unit's screen. */
export async function cancelBoloIn(tx: pg.PoolClient, now: Date, id: number, reason: string): Promise<{ bolo: Bolo; event: EventDraft<'bolo.cancelled'> }> {
  const { rows } = await tx.query(`UPDATE bolos SET cancelled_at = $2, cancel_reason = $3 WHERE id = $1 AND cancelled_at IS NULL RETURNING ${BOLO_COLUMNS}`, [id, now, reason]);
  if (!rows[0]) {
    const exists = await tx.query('SELECT 1 FROM bolos WHERE id = $1', [id]);
    throw exists.rowCount ? conflict(`BOLO ${id} is already cancelled`) : notFound(`BOLO ${id}`);
  }
  const bolo = toBolo(rows[0]);
  return { bolo, event: { type: 'bolo.cancelled', agencyId: null, incidentId: bolo.incidentId, rooms: await boloRooms(tx, bolo.incidentId), data: { bolo } } };
}

export async function cancelBolo(pool: pg.Pool, actor: Actor, id: number, reason: string): Promise<Bolo> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const { bolo, event } = await cancelBoloIn(tx, now, id, reason);
    return { result: bolo, audits: [{ action: 'bolo.cancel', entity: 'bolo', entityId: id, after: { reason } }], event };
  });
  return result;
}
