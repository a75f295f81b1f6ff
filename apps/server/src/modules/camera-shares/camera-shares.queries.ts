import type pg from 'pg';
import type { CameraShare } from '@openpsap/contract';
import type { ShareGrant } from '../cameras/camera-access';

type Db = pg.Pool | pg.PoolClient;

export interface CameraShareRow {
  id: number;
  token_hash: string;
  camera_id: number;
  camera_name: string;
  incident_id: number;
  incident_number: string;
  view_id: string | null;
  recipient_kind: 'agency' | 'unit';
  agency_id: number | null;
  unit_id: number | null;
  recipient: string;
  reason: string;
  sent_to: string | null;
  created_by: number;
  created_by_label: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by_label: string | null;
  opens: number;
  last_opened_at: Date | null;
}

const SHARE_SELECT = `SELECT s.*, c.name AS camera_name, i.number AS incident_number
  FROM camera_shares s JOIN cameras c ON c.id = s.camera_id JOIN incidents i ON i.id = s.incident_id`;

export async function shareByTokenHash(db: Db, hash: string): Promise<CameraShareRow | null> {
  const { rows } = await db.query<CameraShareRow>(`${SHARE_SELECT} WHERE s.token_hash = $1`, [hash]);
  return rows[0] ?? null;
}

export async function getShare(db: Db, id: number, lock = false): Promise<CameraShareRow | null> {
  // FOR UPDATE cannot lock the nullable side of joins; the joined tables are inner here.
  const { rows } = await db.query<CameraShareRow>(`${SHARE_SELECT} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [id]);
  return rows[0] ?? null;
}

/** Shares, newest first: an incident's, a camera's, or all of the last day and those still running. */
export async function listShares(db: Db, f: { incidentId?: number; cameraId?: number }, now: Date): Promise<CameraShareRow[]> {
  const { rows } = await db.query<CameraShareRow>(
    `${SHARE_SELECT}
      WHERE ($1::int IS NULL OR s.incident_id = $1) AND ($2::int IS NULL OR s.camera_id = $2)
        AND ($1::int IS NOT NULL OR $2::int IS NOT NULL OR s.created_at > $3::timestamptz - interval '1 day' OR (s.revoked_at IS NULL AND s.expires_at > $3))
      ORDER BY s.created_at DESC, s.id DESC LIMIT 200`,
    [f.incidentId ?? null, f.cameraId ?? null, now],
  );
  return rows;
}

export function shareState(s: Pick<CameraShareRow, 'revoked_at' | 'expires_at'>, now: Date): CameraShare['state'] {
  if (s.revoked_at) return 'revoked';
  return now.getTime() >= s.expires_at.getTime() ? 'expired' : 'active';
}

export function grantOf(s: CameraShareRow): ShareGrant {
  return { id: s.id, cameraId: s.camera_id, incidentId: s.incident_id, reason: s.reason, createdBy: s.created_by, expiresAt: s.expires_at, revokedAt: s.revoked_at };
}

export function toCameraShare(s: CameraShareRow, now: Date, watchingNow: number): CameraShare {
  return {
    id: s.id,
    cameraId: s.camera_id,
    cameraName: s.camera_name,
    incidentId: s.incident_id,
    incidentNumber: s.incident_number,
    recipientKind: s.recipient_kind,
    recipient: s.recipient,
    reason: s.reason,
    sharedBy: s.created_by_label,
    createdAt: s.created_at.toISOString(),
    expiresAt: s.expires_at.toISOString(),
    revokedAt: s.revoked_at?.toISOString() ?? null,
    revokedBy: s.revoked_by_label,
    state: shareState(s, now),
    opens: s.opens,
    lastOpenedAt: s.last_opened_at?.toISOString() ?? null,
    watchingNow,
  };
}

/** How the owner's access log names whoever watched through a link. */
export function shareActorLabel(s: Pick<CameraShareRow, 'id' | 'recipient' | 'created_by_label'>): string {
  return `${s.recipient}, by link ${s.id} shared by ${s.created_by_label}`;
}

export interface ShareViewRow {
  id: string;
  share_id: number;
  started_at: Date;
  last_seen_at: Date;
}

export async function insertShareView(tx: Db, v: { id: string; shareId: number; at: Date; ip: string | null; userAgent: string | null }): Promise<void> {
  await tx.query(`INSERT INTO camera_share_views (id, share_id, started_at, last_seen_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5)`, [v.id, v.shareId, v.at, v.ip, v.userAgent]);
  await tx.query('UPDATE camera_shares SET opens = opens + 1, last_opened_at = $2 WHERE id = $1', [v.shareId, v.at]);
}

/** Closes an opening once; false when it was closed already. */
export async function closeShareView(tx: Db, id: string, at: Date, why: string): Promise<boolean> {
  const r = await tx.query('UPDATE camera_share_views SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL', [id, at, why]);
  return r.rowCount === 1;
}

export async function touchShareViews(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length) await db.query('UPDATE camera_share_views SET last_seen_at = $2 WHERE id = ANY($1) AND ended_at IS NULL', [ids, at]);
}

export async function staleShareViews(db: Db, before: Date): Promise<ShareViewRow[]> {
  const { rows } = await db.query<ShareViewRow>('SELECT id, share_id, started_at, last_seen_at FROM camera_share_views WHERE ended_at IS NULL AND last_seen_at < $1', [before]);
  return rows;
}
