import type pg from 'pg';
import type { CreateCallBody, UpdateCallBody } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { getCallRow, insertCall, toCall } from './calls.queries';

const CLOCK_SKEW_MS = 5_000;
const CALL_ROOMS = ['centre'];

/**
 * Records a contact with the centre. Times default to now: a call entered by a call-taker has
 * been presented and answered by the time it is typed. A phone system passes its own times.
 */
export async function createCall(pool: pg.Pool, actor: Actor, body: CreateCallBody) {
  return runCommand(pool, actor, async (tx, now) => {
    const presentedAt = body.presentedAt ? new Date(body.presentedAt) : now;
    const answeredAt = body.answeredAt ? new Date(body.answeredAt) : body.presentedAt ? null : now;
    if (presentedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('presentedAt', 'is in the future');
    if (answeredAt && answeredAt < presentedAt) throw invalid('answeredAt', 'is before presentedAt');
    if (answeredAt && answeredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('answeredAt', 'is in the future');
    const loc = body.location;
    const row = await insertCall(tx, {
      source: body.source,
      presentedAt,
      answeredAt,
      callbackNumber: body.callbackNumber ?? null,
      callerName: body.callerName ?? null,
      locationText: loc?.text ?? null,
      lat: loc?.lat ?? null,
      lon: loc?.lon ?? null,
      verified: loc?.verified ?? false,
      notes: body.notes ?? null,
      createdBy: actor.userId,
      now,
    });
    const call = toCall(row);
    return {
      result: call,
      audits: [{ action: 'call.create', entity: 'call', entityId: call.id, after: call }],
      event: { type: 'call.created', agencyId: null, callId: call.id, rooms: CALL_ROOMS, data: { call } },
    };
  });
}

/** Stamps the answer time of a call that was presented by a phone system and not yet answered. */
export async function answerCall(pool: pg.Pool, actor: Actor, id: number) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await getCallRow(tx, id, true);
    if (!row) throw notFound(`call ${id}`);
    if (row.answered_at) throw conflict(`call ${id} was already answered at ${row.answered_at.toISOString()}`);
    if (row.released_at) throw conflict(`call ${id} was released before it was answered (abandoned)`);
    const call = toCall({ ...row, answered_at: now });
    await tx.query('UPDATE calls SET answered_at = $2 WHERE id = $1', [id, now]);
    return {
      result: call,
      audits: [{ action: 'call.answer', entity: 'call', entityId: id, after: { answeredAt: call.answeredAt } }],
      event: { type: 'call.answered', agencyId: null, callId: id, rooms: CALL_ROOMS, data: { call } },
    };
  });
}

/** Stamps the release (hang-up) time; a call released unanswered counts as abandoned. */
export async function releaseCall(pool: pg.Pool, actor: Actor, id: number) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await getCallRow(tx, id, true);
    if (!row) throw notFound(`call ${id}`);
    if (row.released_at) throw conflict(`call ${id} was already released at ${row.released_at.toISOString()}`);
    const call = toCall({ ...row, released_at: now });
    await tx.query('UPDATE calls SET released_at = $2 WHERE id = $1', [id, now]);
    return {
      result: call,
      audits: [{ action: 'call.release', entity: 'call', entityId: id, after: { releasedAt: call.releasedAt } }],
      event: { type: 'call.released', agencyId: null, callId: id, incidentId: row.incident_id, rooms: CALL_ROOMS, data: { call } },
    };
  });
}

/** Corrects what the caller told us: callback number, name, location, notes. */
export async function updateCall(pool: pg.Pool, actor: Actor, id: number, body: UpdateCallBody) {
  return runCommand(pool, actor, async (tx) => {
    const row = await getCallRow(tx, id, true);
    if (!row) throw notFound(`call ${id}`);
    const next = { ...row };
    const changes: string[] = [];
    if (body.callbackNumber !== undefined) (next.callback_number = body.callbackNumber), changes.push('callbackNumber');
    if (body.callerName !== undefined) (next.caller_name = body.callerName), changes.push('callerName');
    if (body.notes !== undefined) (next.notes = body.notes), changes.push('notes');
    if (body.location !== undefined) {
      next.location_text = body.location.text ?? null;
      next.lat = body.location.lat ?? null;
      next.lon = body.location.lon ?? null;
      next.location_verified = body.location.verified ?? false;
      changes.push('location');
    }
    if (changes.length === 0) throw invalid('body', 'give at least one of callbackNumber, callerName, location, notes');
    await tx.query(
      'UPDATE calls SET callback_number = $2, caller_name = $3, notes = $4, location_text = $5, lat = $6, lon = $7, location_verified = $8 WHERE id = $1',
      [id, next.callback_number, next.caller_name, next.notes, next.location_text, next.lat, next.lon, next.location_verified],
    );
    const before = toCall(row);
    const call = toCall(next);
    return {
      result: call,
      audits: [{ action: 'call.update', entity: 'call', entityId: id, before, after: call }],
      event: { type: 'call.updated', agencyId: null, callId: id, incidentId: row.incident_id, rooms: CALL_ROOMS, data: { call, changes } },
    };
  });
}
