import type pg from 'pg';
import type { Role } from '@openpsap/contract';
import { getCameraRow } from './cameras.queries';

export type LiveAccess = { allowed: true; consentId: number | null } | { allowed: false; why: string };

const LEVEL_RANK = { registry: 0, footage: 1, live: 2 } as const;

/**
 * Whether this person may watch this camera live now. The one place the rule lives; the relay
 * asks it before starting and again while a view runs, so a revocation stops a view at once.
 * A private camera needs a current consent covering live view; every view needs an RTCC analyst
 * and a stated reason tied to an incident.
 */
export async function checkLiveAccess(db: pg.Pool | pg.PoolClient, who: { role: Role }, cameraId: number, reason: { text: string | null; incidentId: number | null }): Promise<LiveAccess> {
  if (who.role !== 'rtcc-analyst') return { allowed: false, why: 'live video is for RTCC analysts' };
  if (!reason.text || reason.text.trim().length < 5) return { allowed: false, why: 'state the reason for watching (at least 5 characters)' };
  if (reason.incidentId === null) return { allowed: false, why: 'name the incident this view is for' };
  const inc = await db.query('SELECT 1 FROM incidents WHERE id = $1', [reason.incidentId]);
  if (!inc.rowCount) return { allowed: false, why: `there is no incident ${reason.incidentId}` };
  const cam = await getCameraRow(db, cameraId);
  if (!cam || cam.status === 'removed') return { allowed: false, why: `camera ${cameraId} is not in the registry` };
  if (cam.status !== 'active') return { allowed: false, why: 'the camera is not active' };
  if (!cam.has_stream) return { allowed: false, why: 'the camera has no stream configured' };
  if (cam.owner_kind === 'city') return { allowed: true, consentId: null };
  if (!cam.consent_level) return { allowed: false, why: "the owner's consent is missing, revoked or expired" };
  if (LEVEL_RANK[cam.consent_level] < LEVEL_RANK.live) return { allowed: false, why: `the owner consented to ${cam.consent_level === 'registry' ? 'being contacted' : 'footage on request'} only, not live view` };
  return { allowed: true, consentId: cam.consent_id };
}

/** A live camera shared out by link (0015_camera_shares.sql), as the access rule needs it. */
export interface ShareGrant {
  id: number;
  cameraId: number;
  incidentId: number;
  reason: string;
  createdBy: number;
  expiresAt: Date;
  revokedAt: Date | null;
}

/**
 * Whether a share link may play its camera now. A link carries the authority of the analyst who
 * made it, never more: it plays only while that analyst could still watch the camera for the
 * link's incident and reason under checkLiveAccess (consent current and covering live view,
 * camera active, incident there), and only before it expires and until it is revoked.
 */
export async function checkSharedLiveAccess(db: pg.Pool | pg.PoolClient, share: ShareGrant, now: Date): Promise<LiveAccess> {
  if (share.revokedAt) return { allowed: false, why: 'the link was revoked by the centre' };
  if (now.getTime() >= share.expiresAt.getTime()) return { allowed: false, why: 'the link has expired' };
  const { rows } = await db.query<{ role: Role; disabled: boolean }>('SELECT role, disabled_at IS NOT NULL AS disabled FROM users WHERE id = $1', [share.createdBy]);
  const creator = rows[0];
  if (!creator || creator.disabled) return { allowed: false, why: 'the account that shared the camera is no longer active' };
  const a = await checkLiveAccess(db, { role: creator.role }, share.cameraId, { text: share.reason, incidentId: share.incidentId });
  return a.allowed ? a : { allowed: false, why: a.why === 'live video is for RTCC analysts' ? 'the person who shared the camera may no longer watch live video' : a.why };
}
