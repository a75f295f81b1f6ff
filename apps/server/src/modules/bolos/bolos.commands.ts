import type pg from 'pg';
import { BOLO_DEFAULT_HOURS, BOLO_MAX_HOURS, type Bolo, type BoloCreateBody, type BoloPhotoBody, type BoloUpdateBody } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import type { EventDraft } from '../../events/ledger';
import { runCommand } from '../../events/run-command';
import { decodeBoloPhoto } from './bolo-photo';
import { boloRooms, getBolo } from './bolos.queries';
import { columnsFor, mustHaveSubject, titleFor } from './bolo-fields';

export interface NewBolo {
  kind: string;
  title: string;
  body: string;
  incidentId: number | null;
  source: string | null;
  sourceId: string | null;
  photoUrl: string | null;
}

const HOUR = 3600_000;

/**
 * Inserts a BOLO inside the caller's transaction and returns it with the event that sends it to
 * units. A BOLO issued with a public alert is linked to it and lasts as long as the alert.
 */
export async function insertBolo(tx: pg.PoolClient, actor: Actor, now: Date, b: NewBolo): Promise<{ bolo: Bolo; event: EventDraft<'bolo.issued'> }> {
  const alertId = b.source === 'alert' && b.sourceId && /^\d+$/.test(b.sourceId) ? Number(b.sourceId) : null;
  const alert = alertId ? (await tx.query<{ expires_at: Date | null }>('SELECT expires_at FROM alerts WHERE id = $1', [alertId])).rows[0] : undefined;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO bolos (kind, subject, title, body, incident_id, source, source_id, photo_url, issued_at, issued_by, alert_id, expires_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $9) RETURNING id`,
    [b.kind, b.kind === 'missing-person' ? 'person' : 'other', b.title, b.body, b.incidentId, b.source, b.sourceId, b.photoUrl, now, actor.label, alert ? alertId : null, alert?.expires_at ?? null],
  );
  const bolo = (await getBolo(tx, rows[0]!.id))!;
  return { bolo, event: { type: 'bolo.issued', agencyId: null, incidentId: b.incidentId, rooms: await boloRooms(tx, b.incidentId), data: { bolo } } };
}

/** The expiry asked for, checked against now: in the future and at most a week away. */
function expiryFrom(b: { expiresAt?: string | undefined; expiresInHours?: number | undefined }, now: Date): Date | undefined {
  if (b.expiresAt !== undefined && b.expiresInHours !== undefined) throw invalid('expiresAt', 'give expiresAt or expiresInHours, not both');
  if (b.expiresInHours !== undefined) return new Date(now.getTime() + b.expiresInHours * HOUR);
  if (b.expiresAt === undefined) return undefined;
  const at = new Date(b.expiresAt);
  if (at.getTime() <= now.getTime()) throw invalid('expiresAt', 'must be in the future');
  // A minute of grace for a form filled in at "now + 7 days".
  if (at.getTime() > now.getTime() + BOLO_MAX_HOURS * HOUR + 60_000) throw invalid('expiresAt', 'must be at most 7 days away');
  return at;
}

async function checkLinks(tx: pg.PoolClient, b: { incidentId?: number | null | undefined; alertId?: number | null | undefined }): Promise<void> {
  if (b.incidentId && !(await tx.query('SELECT 1 FROM incidents WHERE id = $1', [b.incidentId])).rowCount) throw invalid('incidentId', `there is no incident ${b.incidentId}`);
  if (b.alertId && !(await tx.query('SELECT 1 FROM alerts WHERE id = $1', [b.alertId])).rowCount) throw invalid('alertId', `there is no alert ${b.alertId}`);
}

/** A BOLO written on the floor: to every unit at once, for 24 hours unless another expiry is given. */
export async function createBolo(pool: pg.Pool, actor: Actor, body: BoloCreateBody): Promise<Bolo> {
  const photo = body.photo ? decodeBoloPhoto(body.photo) : null;
  mustHaveSubject(body);
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    await checkLinks(tx, body);
    const expiresAt = expiryFrom(body, now) ?? new Date(now.getTime() + BOLO_DEFAULT_HOURS * HOUR);
    const cols: Record<string, unknown> = {
      ...columnsFor(body),
      title: body.title || titleFor(body),
      source: 'board',
      issued_at: now,
      issued_by: actor.label,
      updated_at: now,
      expires_at: expiresAt,
      photo: photo?.data ?? null,
      photo_type: photo?.type ?? null,
    };
    const names = Object.keys(cols);
    const { rows } = await tx.query<{ id: number }>(`INSERT INTO bolos (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, Object.values(cols));
    const id = rows[0]!.id;
    if (photo) await tx.query('UPDATE bolos SET photo_url = $2 WHERE id = $1', [id, photoUrlFor(id, now)]);
    const bolo = (await getBolo(tx, id))!;
    return {
      result: bolo,
      audits: [{ action: 'bolo.issue', entity: 'bolo', entityId: id, after: { kind: bolo.kind, subject: bolo.subject, incidentId: bolo.incidentId, alertId: bolo.alertId, expiresAt: bolo.expiresAt, photo: photo !== null } }],
      event: { type: 'bolo.issued', agencyId: null, incidentId: bolo.incidentId, rooms: await boloRooms(tx, bolo.incidentId), data: { bolo } },
    };
  });
  return result;
}

// The version in the address makes every screen fetch a replaced picture instead of its cached one.
const photoUrlFor = (id: number, at: Date) => `/api/v1/bolos/${id}/photo?v=${at.getTime()}`;

async function lockActive(tx: pg.PoolClient, id: number): Promise<Bolo> {
  const { rows } = await tx.query<{ cancelled_at: Date | null }>('SELECT cancelled_at FROM bolos WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw notFound(`BOLO ${id}`);
  if (rows[0].cancelled_at) throw conflict(`BOLO ${id} is no longer active; write a new one`);
  return (await getBolo(tx, id))!;
}

function updatedEvent(bolo: Bolo, changes: string[], rooms: string[]): EventDraft<'bolo.updated'> {
  return { type: 'bolo.updated', agencyId: null, incidentId: bolo.incidentId, rooms, data: { bolo, changes } };
}

/** Changes an active BOLO; every unit's copy is replaced. */
export async function updateBolo(pool: pg.Pool, actor: Actor, id: number, body: BoloUpdateBody): Promise<Bolo> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const before = await lockActive(tx, id);
    await checkLinks(tx, body);
    const merged = {
      subject: body.subject ?? before.subject,
      description: body.description !== undefined ? body.description : before.description,
      vehicle: { ...(before.vehicle ?? {}), ...(body.vehicle ?? {}) },
      person: { ...(before.person ?? {}), ...(body.person ?? {}) },
    };
    mustHaveSubject(merged);
    const cols: Record<string, unknown> = columnsFor(body);
    const expiresAt = expiryFrom(body, now);
    if (expiresAt) cols.expires_at = expiresAt;
    const changes = Object.keys(body).filter((k) => k !== 'expiresInHours').concat(body.expiresInHours !== undefined ? ['expiresAt'] : []);
    if (!changes.length) throw invalid('body', 'nothing to change');
    cols.updated_at = now;
    const names = Object.keys(cols);
    await tx.query(`UPDATE bolos SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...Object.values(cols)]);
    const bolo = (await getBolo(tx, id))!;
    return {
      result: bolo,
      audits: [{ action: 'bolo.update', entity: 'bolo', entityId: id, before: { expiresAt: before.expiresAt }, after: { fields: changes, expiresAt: bolo.expiresAt } }],
      event: updatedEvent(bolo, [...new Set(changes)], await boloRooms(tx, bolo.incidentId)),
    };
  });
  return result;
}

/** Sets or removes the BOLO's own picture (one from Help Me Home or an alert is its source's to change). */
export async function setBoloPhoto(pool: pg.Pool, actor: Actor, id: number, body: BoloPhotoBody): Promise<Bolo> {
  const photo = body.photo ? decodeBoloPhoto(body.photo) : null;
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const before = await lockActive(tx, id);
    if (before.source === 'hmh' || before.source === 'alert') throw conflict(`BOLO ${id} shows the photo of its ${before.source === 'hmh' ? 'Help Me Home profile' : 'public alert'}; change it there`);
    await tx.query('UPDATE bolos SET photo = $2, photo_type = $3, photo_url = $4, updated_at = $5 WHERE id = $1', [id, photo?.data ?? null, photo?.type ?? null, photo ? photoUrlFor(id, now) : null, now]);
    const bolo = (await getBolo(tx, id))!;
    return {
      result: bolo,
      audits: [{ action: 'bolo.photo', entity: 'bolo', entityId: id, after: { photo: photo ? photo.data.length : null, type: photo?.type ?? null } }],
      event: updatedEvent(bolo, ['photo'], await boloRooms(tx, bolo.incidentId)),
    };
  });
  return result;
}

/**
 * Cancels inside the caller's transaction (found, resolved, or past its expiry); the event takes it
 * off every unit's screen.
 */
export async function cancelBoloIn(tx: pg.PoolClient, now: Date, id: number, reason: string, opts: { expired?: boolean } = {}): Promise<{ bolo: Bolo; event: EventDraft<'bolo.cancelled'> }> {
  // Taken down at or after its expiry (by this module's job or with its alert's) counts as expired, not cancelled.
  const { rows } = await tx.query(
    `UPDATE bolos b SET cancelled_at = $2, cancel_reason = $3, updated_at = $2,
       expired_at = CASE WHEN $4 OR COALESCE((SELECT a.expires_at FROM alerts a WHERE a.id = b.alert_id), b.expires_at) <= $2 THEN $2::timestamptz END
     WHERE b.id = $1 AND b.cancelled_at IS NULL RETURNING b.id`,
    [id, now, reason, opts.expired === true],
  );
  if (!rows[0]) {
    const exists = await tx.query('SELECT 1 FROM bolos WHERE id = $1', [id]);
    throw exists.rowCount ? conflict(`BOLO ${id} is already cancelled`) : notFound(`BOLO ${id}`);
  }
  const bolo = (await getBolo(tx, id))!;
  return { bolo, event: { type: 'bolo.cancelled', agencyId: null, incidentId: bolo.incidentId, rooms: await boloRooms(tx, bolo.incidentId), data: { bolo } } };
}

export async function cancelBolo(pool: pg.Pool, actor: Actor, id: number, reason: string): Promise<Bolo> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const { bolo, event } = await cancelBoloIn(tx, now, id, reason);
    return { result: bolo, audits: [{ action: 'bolo.cancel', entity: 'bolo', entityId: id, after: { reason } }], event };
  });
  return result;
}
