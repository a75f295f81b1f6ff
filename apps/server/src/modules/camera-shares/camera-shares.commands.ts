import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CameraShareCreated, CreateCameraShareBodySchema, Role } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { actorFor, principalOf } from '../../http/route-types';
import { centreName } from '../../http/centre-name';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { AppError, conflict, invalid, notFound } from '../../errors/app-error';
import { checkLiveAccess } from '../cameras/camera-access';
import { videoFor } from '../video/video-service';
import { insertCameraAccess } from '../video/video-views.queries';
import { getShare, shareState, toCameraShare, type CameraShareRow } from './camera-shares.queries';
import { sharedViewingFor, tokenHash } from './shared-viewing';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9]{7,15}$/;

/** Where a link's page lives; short, since it is texted and sometimes read out over the radio. */
export const sharePagePath = (token: string) => `/c/${token}`;

/**
 * Shares the camera of one of the analyst's running views with another agency or a unit. The
 * analyst's right to watch is checked again with the share's own reason; the link then plays only
 * while that right holds (see checkSharedLiveAccess), until it expires or is revoked.
 */
export async function createCameraShare(ctx: AppContext, req: FastifyRequest, body: z.output<typeof CreateCameraShareBodySchema>): Promise<CameraShareCreated> {
  const p = principalOf(req);
  const actor = actorFor(req);
  const pool = ctx.db.pool;
  let view;
  try {
    view = await videoFor(ctx).runningView(req, body.viewId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw invalid('viewId', 'not one of your live views');
    if (e instanceof AppError && e.status === 403) throw invalid('viewId', 'that view has ended; watch the camera again to share it');
    throw e;
  }
  const access = await checkLiveAccess(pool, { role: p.user.role as Role }, view.cameraId, { text: body.reason, incidentId: view.incidentId });
  if (!access.allowed) throw new AppError(403, 'forbidden', access.why);

  let recipient: string;
  if (body.recipientKind === 'agency') {
    if (body.agencyId === undefined) throw invalid('agencyId', 'name the agency the camera is shared with');
    if (body.unitId !== undefined) throw invalid('unitId', 'a share goes to an agency or a unit, not both');
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM agencies WHERE id = $1', [body.agencyId]);
    if (!rows[0]) throw invalid('agencyId', `there is no agency ${body.agencyId}`);
    recipient = rows[0].name;
  } else {
    if (body.unitId === undefined) throw invalid('unitId', 'name the unit the camera is shared with');
    if (body.agencyId !== undefined) throw invalid('agencyId', 'a share goes to an agency or a unit, not both');
    const { rows } = await pool.query<{ call_sign: string; agency: string }>('SELECT u.call_sign, a.name AS agency FROM units u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1', [body.unitId]);
    if (!rows[0]) throw invalid('unitId', `there is no unit ${body.unitId}`);
    recipient = `unit ${rows[0].call_sign} (${rows[0].agency})`;
  }
  const sendTo = body.sendTo ? body.sendTo.replace(/[\s().-]/g, '') : null;
  const channel = sendTo === null ? null : EMAIL.test(body.sendTo!) ? 'email' : PHONE.test(sendTo) ? 'sms' : null;
  if (sendTo !== null && channel === null) throw invalid('sendTo', 'must be a phone number or an e-mail address');
  const to = channel === 'email' ? body.sendTo!.trim() : sendTo;

  const token = randomBytes(24).toString('base64url');
  // The scheduler's clock decides expiry everywhere, so it also sets it.
  const createdAt = ctx.clock.now();
  const expiresAt = new Date(createdAt.getTime() + body.minutes * 60_000);
  const { result: id } = await runCommand(pool, actor, async (tx, now) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO camera_shares (token_hash, camera_id, incident_id, view_id, recipient_kind, agency_id, unit_id, recipient, reason, sent_to, created_by, created_by_label, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [tokenHash(token), view.cameraId, view.incidentId, view.id, body.recipientKind, body.agencyId ?? null, body.unitId ?? null, recipient, body.reason, to, p.user.id, actor.label, createdAt, expiresAt],
    );
    const shareId = rows[0]!.id;
    const detail = { step: 'live-shared', shareId, recipient, expiresAt: expiresAt.toISOString(), sentBy: channel };
    await insertCameraAccess(tx, { cameraId: view.cameraId, at: now, userId: p.user.id, actorLabel: actor.label, action: 'share', reason: body.reason, incidentId: view.incidentId, detail });
    return { result: shareId, audits: [{ action: 'camera.share', entity: 'camera', entityId: view.cameraId, after: { ...detail, incidentId: view.incidentId, minutes: body.minutes }, purpose: body.reason }] };
  });
  const share = (await getShare(pool, id))!;
  const url = `${ctx.publicUrl}${sharePagePath(token)}`;
  let messageStatus: CameraShareCreated['messageStatus'] = 'not-sent';
  if (channel && to) {
    const until = expiresAt.toLocaleString('en-US', { timeZone: ctx.config.timeZone, hour: 'numeric', minute: '2-digit' });
    const text = `${centreName(ctx)}: live camera "${share.camera_name}" for incident ${share.incident_number}, shared with ${recipient}. Watch: ${url} (until ${until}; every use is logged).`;
    const sent = await ctx.messages.send({ channel, to, body: text, ...(channel === 'email' ? { subject: `Live camera shared by ${centreName(ctx)}` } : {}), purpose: 'camera.share-link', related: `camera-share:${id}` });
    messageStatus = sent.status;
  }
  return { share: toCameraShare(share, ctx.clock.now(), 0), url, messageStatus };
}

/** Revokes a link: whoever watches through it is cut off at once, and the owner sees it. */
export async function revokeCameraShare(ctx: AppContext, actor: Actor, shareId: number): Promise<CameraShareRow> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const share = await getShare(tx, shareId, true);
    if (!share) throw notFound(`camera share ${shareId}`);
    const state = shareState(share, ctx.clock.now());
    if (state !== 'active') throw conflict(`the link is already ${state}`);
    await tx.query('UPDATE camera_shares SET revoked_at = $2, revoked_by_label = $3 WHERE id = $1', [shareId, ctx.clock.now(), actor.label]);
    const detail = { step: 'live-share-revoked', shareId, recipient: share.recipient };
    await insertCameraAccess(tx, { cameraId: share.camera_id, at: now, userId: actor.userId, actorLabel: actor.label, action: 'share', reason: share.reason, incidentId: share.incident_id, detail });
    return { result: share, audits: [{ action: 'camera.share-revoked', entity: 'camera', entityId: share.camera_id, after: detail, purpose: share.reason }] };
  });
  await sharedViewingFor(ctx).endShare(shareId, 'the link was revoked by the centre', actor);
  return (await getShare(ctx.db.pool, result.id))!;
}
