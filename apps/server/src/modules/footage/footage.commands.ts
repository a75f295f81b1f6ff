import type { Readable } from 'node:stream';
import type pg from 'pg';
import { FOOTAGE_ANSWER_DAYS, type FootageRequestBody, type FootageState } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import { systemActor, type Actor } from '../../events/actor';
import type { AuditDraft } from '../../events/ledger';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { storeEvidence } from '../../evidence/store-evidence';
import { getCameraRow } from '../cameras/cameras.queries';
import { ownerActor, type OwnerRow } from '../camera-owners/owner-session';
import { getFootageRow, type FootageRow } from './footage.queries';
import { notifyOwner } from './footage-messages';

// A request may not reach into the future beyond clock differences between a browser and the server.
const FUTURE_SLACK_MS = 5 * 60_000;
const OWNER_LABEL = 'camera owner';

/** One step of a request in the owner-visible access log; every step is one row. */
async function logStep(tx: pg.PoolClient, f: { id: number; camera_id: number; incident_id: number }, step: FootageState, who: { userId: number | null; label: string }, reason: string | null, now: Date, extra: Record<string, unknown> = {}): Promise<void> {
  await tx.query(
    `INSERT INTO camera_access (camera_id, at, user_id, actor_label, action, reason, incident_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [f.camera_id, now, who.userId, who.label, step === 'uploaded' ? 'footage-received' : 'footage-request', reason, f.incident_id, JSON.stringify({ step, requestId: f.id, ...extra })],
  );
}

/**
 * An analyst asks a camera's owner for recorded video of one window (at most two hours) for one
 * incident. Allowed only while the owner's current consent covers footage; the owner is e-mailed
 * after the request is committed.
 */
export async function requestFootage(ctx: AppContext, actor: Actor, body: FootageRequestBody): Promise<number> {
  const now = ctx.clock.now();
  const from = new Date(body.from);
  const to = new Date(body.to);
  if (to.getTime() > now.getTime() + FUTURE_SLACK_MS) throw invalid('to', 'must not be in the future: footage is recorded video');
  const { result } = await runCommand(ctx.db.pool, actor, async (tx) => {
    const cam = await getCameraRow(tx, body.cameraId);
    if (!cam || cam.status === 'removed') throw notFound(`camera ${body.cameraId}`);
    if (cam.owner_kind === 'city' || cam.owner_id === null) throw conflict(`camera ${body.cameraId} is the city's own: its recordings come from the city's video system, not from an owner`);
    if (cam.consent_level !== 'footage' && cam.consent_level !== 'live') {
      throw conflict(`the owner of camera ${body.cameraId} has ${cam.consent_level === 'registry' ? 'agreed to be contacted only, not to footage requests' : 'no current consent (missing, revoked or expired)'}`);
    }
    const inc = await tx.query<{ number: string }>('SELECT number FROM incidents WHERE id = $1', [body.incidentId]);
    if (!inc.rows[0]) throw invalid('incidentId', `there is no incident ${body.incidentId}`);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO footage_requests (camera_id, owner_id, incident_id, requested_by, reason, window_start, window_end, created_at, expires_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id`,
      [cam.id, cam.owner_id, body.incidentId, actor.userId, body.reason, from, to, now, new Date(now.getTime() + FOOTAGE_ANSWER_DAYS * 86_400_000)],
    );
    const id = rows[0]!.id;
    await logStep(tx, { id, camera_id: cam.id, incident_id: body.incidentId }, 'requested', { userId: actor.userId, label: actor.label }, body.reason, now, { from: from.toISOString(), to: to.toISOString() });
    return { result: id, audits: [{ action: 'footage.request', entity: 'footage-request', entityId: id, after: { cameraId: cam.id, incidentId: body.incidentId, from: from.toISOString(), to: to.toISOString(), consentId: cam.consent_id } }] };
  });
  await notifyOwner(ctx, result, 'requested');
  return result;
}

async function lockedRequest(tx: pg.PoolClient, id: number): Promise<FootageRow> {
  const f = await getFootageRow(tx, id, true);
  if (!f) throw notFound(`footage request ${id}`);
  return f;
}

/** The analyst withdraws a request the owner has not fulfilled yet. */
export async function cancelFootage(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<void> {
  const now = ctx.clock.now();
  await runCommand(ctx.db.pool, actor, async (tx) => {
    const f = await lockedRequest(tx, id);
    if (f.state !== 'requested' && f.state !== 'approved') throw conflict(`footage request ${id} is ${f.state}; only a request still waiting for footage can be cancelled`);
    await tx.query("UPDATE footage_requests SET state = 'cancelled', cancelled_at = $2, cancel_reason = $3, updated_at = $2 WHERE id = $1", [id, now, reason]);
    await logStep(tx, f, 'cancelled', { userId: actor.userId, label: actor.label }, reason, now);
    return { result: null, audits: [{ action: 'footage.cancel', entity: 'footage-request', entityId: id, before: { state: f.state }, after: { state: 'cancelled' } }] };
  });
  await notifyOwner(ctx, id, 'cancelled');
}

async function ownersRequest(tx: pg.PoolClient, owner: OwnerRow, id: number): Promise<FootageRow> {
  const f = await lockedRequest(tx, id);
  // Another owner's request reads exactly like a missing one.
  if (f.owner_id !== owner.id) throw notFound(`footage request ${id}`);
  return f;
}

/** The owner approves (then uploads) or declines; declining needs no reason. */
export async function decideFootage(ctx: AppContext, owner: OwnerRow, id: number, decision: 'approved' | 'declined', note: string | undefined, ip: string | null): Promise<void> {
  const now = ctx.clock.now();
  await runCommand(ctx.db.pool, ownerActor(owner.id, ip), async (tx) => {
    const f = await ownersRequest(tx, owner, id);
    if (f.state !== 'requested') throw conflict(`footage request ${id} is ${f.state}; it can be approved or declined only while requested`);
    await tx.query('UPDATE footage_requests SET state = $2, decided_at = $3, owner_note = $4, updated_at = $3 WHERE id = $1', [id, decision, now, note?.trim() || null]);
    await logStep(tx, f, decision, { userId: null, label: OWNER_LABEL }, note?.trim() || null, now);
    return { result: null, audits: [{ action: decision === 'approved' ? 'footage.approve' : 'footage.decline', entity: 'footage-request', entityId: id, before: { state: f.state }, after: { state: decision, note: Boolean(note?.trim()) } }] };
  });
}

/**
 * The owner's file for an approved request (or a requested one: uploading is approving), taken
 * into the evidence store with its SHA-256; the request is marked uploaded in the same transaction
 * as the evidence item, so neither exists without the other.
 */
export async function uploadFootage(ctx: AppContext, owner: OwnerRow, id: number, stream: Readable, declaredName: string, ip: string | null): Promise<{ evidenceId: number; sha256: string }> {
  const before = await getFootageRow(ctx.db.pool, id);
  if (!before || before.owner_id !== owner.id) throw notFound(`footage request ${id}`);
  if (before.state !== 'approved' && before.state !== 'requested') throw conflict(`footage request ${id} is ${before.state}; footage can be uploaded only while it is requested or approved`);
  const actor = ownerActor(owner.id, ip);
  const item = await storeEvidence(ctx, {
    stream,
    declaredName: declaredName || `footage-request-${id}`,
    source: 'footage',
    incidentId: Number(before.incident_id),
    submittedBy: owner.organisation ? `${owner.name} (${owner.organisation})` : owner.name,
    how: `footage request ${id} (camera ${before.camera_id}, owners' portal)`,
    actor,
    inTransaction: async (tx, stored, now): Promise<AuditDraft[]> => {
      const f = await ownersRequest(tx, owner, id);
      if (f.state !== 'approved' && f.state !== 'requested') throw conflict(`footage request ${id} became ${f.state} while the file was arriving; nothing was recorded`);
      await tx.query(
        `UPDATE footage_requests SET state = 'uploaded', decided_at = COALESCE(decided_at, $2), uploaded_at = $2, file_name = $3, file_type = $4, file_bytes = $5, file_sha256 = $6, evidence_id = $7, updated_at = $2 WHERE id = $1`,
        [id, now, declaredName.slice(0, 255) || null, stored.contentType, stored.size, stored.sha256, String(stored.id)],
      );
      if (f.state === 'requested') await logStep(tx, f, 'approved', { userId: null, label: OWNER_LABEL }, null, now);
      await logStep(tx, f, 'uploaded', { userId: null, label: OWNER_LABEL }, null, now, { evidenceId: stored.id, sha256: stored.sha256, bytes: stored.size });
      return [{ action: 'footage.upload', entity: 'footage-request', entityId: id, before: { state: f.state }, after: { state: 'uploaded', evidenceId: stored.id, sha256: stored.sha256, bytes: stored.size } }];
    },
  });
  return { evidenceId: item.id, sha256: item.sha256 };
}

/**
 * Requests nobody fulfilled lapse after FOOTAGE_ANSWER_DAYS, decided by the scheduler's clock.
 * Each is claimed by its state in the transaction that expires it, so a second server or a rerun
 * does nothing more.
 */
export async function expireFootageRequests(ctx: AppContext, now: Date): Promise<number> {
  const { result } = await runCommand(ctx.db.pool, systemActor('footage-expiry'), async (tx) => {
    const { rows } = await tx.query<{ id: number; camera_id: number; incident_id: number; state: FootageState }>(
      `UPDATE footage_requests f SET state = 'expired', updated_at = $1 FROM footage_requests old
        WHERE f.id = old.id AND f.state IN ('requested', 'approved') AND f.expires_at <= $1
        RETURNING f.id, f.camera_id, f.incident_id, old.state`,
      [now],
    );
    for (const f of rows) await logStep(tx, f, 'expired', { userId: null, label: 'system' }, null, now);
    return { result: rows.length, audits: rows.map((f) => ({ action: 'footage.expire', entity: 'footage-request', entityId: f.id, before: { state: f.state }, after: { state: 'expired' } })) };
  });
  return result;
}
