import type pg from 'pg';
import type { CameraAccessEntry, CameraOwner, ConsentRecord, OwnerCamera } from '@openpsap/contract';
import type { OwnerRow } from './owner-session';

type Db = pg.Pool | pg.PoolClient;

/** Why an older consent stopped when a newer one was signed for the same camera. */
export const SUPERSEDED_REASON = 'replaced by a newer consent';

export function toOwner(r: OwnerRow): CameraOwner {
  return { id: r.id, kind: r.kind, name: r.name, organisation: r.organisation, email: r.email, phone: r.phone, language: r.language, createdAt: r.created_at.toISOString() };
}

interface ConsentRow {
  id: number;
  camera_id: number;
  owner_id: number;
  level: ConsentRecord['level'];
  terms_version: string;
  terms_text: string;
  signed_name: string;
  signed_title: string | null;
  signed_date: string;
  signed_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
  expired: boolean;
}

// The expiry is judged by the database clock, as CURRENT_CONSENT judges it for live access.
const CONSENT_SELECT = `SELECT cc.id, cc.camera_id, cc.owner_id, cc.level, cc.terms_version, cc.terms_text, cc.signed_name, cc.signed_title,
    to_char(cc.signed_date, 'YYYY-MM-DD') AS signed_date, cc.signed_at, cc.expires_at, cc.revoked_at, cc.revoked_reason,
    (cc.expires_at IS NOT NULL AND cc.expires_at <= now()) AS expired
  FROM camera_consents cc`;

export function toConsent(r: ConsentRow): ConsentRecord {
  const state: ConsentRecord['state'] = r.revoked_at ? (r.revoked_reason === SUPERSEDED_REASON ? 'superseded' : 'revoked') : r.expired ? 'expired' : 'active';
  return {
    id: r.id,
    cameraId: r.camera_id,
    level: r.level,
    termsVersion: r.terms_version,
    termsText: r.terms_text,
    signedName: r.signed_name,
    signedTitle: r.signed_title,
    signedDate: r.signed_date,
    signedAt: r.signed_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokedReason: r.revoked_reason,
    state,
  };
}

/** Every consent of these cameras, newest first. */
export async function consentsOf(db: Db, cameraIds: number[]): Promise<ConsentRecord[]> {
  if (!cameraIds.length) return [];
  const { rows } = await db.query<ConsentRow>(`${CONSENT_SELECT} WHERE cc.camera_id = ANY($1::int[]) ORDER BY cc.signed_at DESC, cc.id DESC`, [cameraIds]);
  return rows.map(toConsent);
}

export async function getConsent(db: Db, id: number): Promise<(ConsentRecord & { ownerId: number }) | null> {
  const { rows } = await db.query<ConsentRow>(`${CONSENT_SELECT} WHERE cc.id = $1`, [id]);
  return rows[0] ? { ...toConsent(rows[0]), ownerId: rows[0].owner_id } : null;
}

interface OwnerCameraRow {
  id: number;
  name: string;
  address: string | null;
  lat: number;
  lon: number;
  direction_deg: number | null;
  fov_deg: number | null;
  range_m: number;
  kind: OwnerCamera['kind'];
  has_stream: boolean;
  stream_kind: OwnerCamera['streamKind'];
  status: OwnerCamera['status'];
  installed_on: string | null;
}

/** The owner's cameras with each one's consents; removed cameras are left out. */
export async function ownerCameras(db: Db, ownerId: number, cameraId?: number): Promise<OwnerCamera[]> {
  const { rows } = await db.query<OwnerCameraRow>(
    `SELECT c.id, c.name, c.address, c.lat, c.lon, c.direction_deg, c.fov_deg, c.range_m, c.kind, c.stream_url IS NOT NULL AS has_stream, c.stream_kind, c.status,
            to_char(c.installed_on, 'YYYY-MM-DD') AS installed_on
       FROM cameras c WHERE c.owner_id = $1 AND c.status <> 'removed' AND ($2::int IS NULL OR c.id = $2) ORDER BY c.created_at, c.id`,
    [ownerId, cameraId ?? null],
  );
  const consents = await consentsOf(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const mine = consents.filter((c) => c.cameraId === r.id);
    return {
      id: r.id,
      name: r.name,
      address: r.address,
      lat: r.lat,
      lon: r.lon,
      directionDeg: r.direction_deg,
      fovDeg: r.fov_deg,
      rangeM: r.range_m,
      kind: r.kind,
      hasStream: r.has_stream,
      streamKind: r.stream_kind,
      status: r.status,
      installedOn: r.installed_on,
      consent: mine.find((c) => c.state === 'active') ?? null,
      consents: mine,
    };
  });
}

interface AccessRow {
  id: string;
  camera_id: number;
  camera_name: string;
  at: Date;
  action: CameraAccessEntry['action'];
  actor_label: string;
  reason: string | null;
  incident_number: string | null;
  step: string | null;
}

/**
 * The access log of some cameras, newest first: what an owner sees and what an analyst checks.
 * Besides camera_access, every view or download of a recording an owner sent (kept in the evidence
 * chain of custody) is a use of their camera too; those rows carry their custody id negated, so ids
 * stay unique within the list.
 */
export async function cameraAccessLog(db: Db, where: { ownerId?: number; cameraId?: number }, limit: number): Promise<CameraAccessEntry[]> {
  const { rows } = await db.query<AccessRow>(
    `SELECT * FROM (
       SELECT a.id, a.camera_id, c.name AS camera_name, a.at, a.action, a.actor_label, a.reason, i.number AS incident_number, a.detail->>'step' AS step, 0 AS src
         FROM camera_access a JOIN cameras c ON c.id = a.camera_id LEFT JOIN incidents i ON i.id = a.incident_id
        WHERE ($1::int IS NULL OR c.owner_id = $1) AND ($2::int IS NULL OR a.camera_id = $2)
       UNION ALL
       SELECT -e.id, f.camera_id, c.name, e.at, 'view-start', e.actor_label, e.purpose, i.number,
              CASE e.action WHEN 'download' THEN 'footage-downloaded' WHEN 'share' THEN 'footage-shared' WHEN 'share-use' THEN 'footage-share-used' ELSE 'footage-viewed' END, 1
         FROM footage_requests f JOIN evidence_custody e ON e.evidence_id = f.evidence_id::int
         JOIN cameras c ON c.id = f.camera_id LEFT JOIN incidents i ON i.id = f.incident_id
        WHERE e.action IN ('view', 'download', 'share', 'share-use') AND f.evidence_id IS NOT NULL
          AND ($1::int IS NULL OR c.owner_id = $1) AND ($2::int IS NULL OR f.camera_id = $2)
     ) log ORDER BY at DESC, src, id DESC LIMIT $3`,
    [where.ownerId ?? null, where.cameraId ?? null, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    cameraId: r.camera_id,
    cameraName: r.camera_name,
    at: r.at.toISOString(),
    action: r.action,
    step: r.step,
    actor: r.actor_label,
    reason: r.reason,
    incidentNumber: r.incident_number,
  }));
}
