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
