import type pg from 'pg';
import type { Camera, CameraListQuery, ConsentLevel, RegistryCamera, StaffConsentState } from '@openpsap/contract';

type Db = pg.Pool | pg.PoolClient;

/**
 * The consent that governs a private camera now: the newest one signed that is neither revoked
 * nor expired. Decided in SQL against the database clock so every server agrees at the same moment.
 */
export const CURRENT_CONSENT = `LEFT JOIN LATERAL (
    SELECT cc.id AS consent_id, cc.level AS consent_level, cc.expires_at AS consent_expires_at FROM camera_consents cc
     WHERE cc.camera_id = c.id AND cc.revoked_at IS NULL AND (cc.expires_at IS NULL OR cc.expires_at > now())
     ORDER BY cc.signed_at DESC LIMIT 1
  ) consent ON true`;

export const CAMERA_COLUMNS = `c.id, c.name, c.owner_kind, c.owner_id, c.lat, c.lon, c.direction_deg, c.fov_deg, c.range_m, c.kind,
  c.stream_url IS NOT NULL AS has_stream, c.stream_kind, c.status, c.health, c.health_checked_at, c.tags, to_char(c.installed_on, 'YYYY-MM-DD') AS installed_on,
  consent.consent_id, consent.consent_level, consent.consent_expires_at`;

export interface CameraRow {
  id: number;
  name: string;
  owner_kind: Camera['ownerKind'];
  owner_id: number | null;
  lat: number;
  lon: number;
  direction_deg: number | null;
  fov_deg: number | null;
  range_m: number;
  kind: Camera['kind'];
  has_stream: boolean;
  stream_kind: Camera['streamKind'];
  status: Camera['status'];
  health: Camera['health'];
  health_checked_at: Date | null;
  tags: string[];
  installed_on: string | null;
  consent_id: number | null;
  consent_level: ConsentLevel | null;
  consent_expires_at: Date | null;
}

export function toCamera(r: CameraRow): Camera {
  return {
    id: r.id,
    name: r.name,
    ownerKind: r.owner_kind,
    ownerId: r.owner_id,
    lat: r.lat,
    lon: r.lon,
    directionDeg: r.direction_deg,
    fovDeg: r.fov_deg,
    rangeM: r.range_m,
    kind: r.kind,
    hasStream: r.has_stream,
    streamKind: r.stream_kind,
    status: r.status,
    health: r.health,
    healthCheckedAt: r.health_checked_at?.toISOString() ?? null,
    tags: r.tags,
    installedOn: r.installed_on,
    // The city's own cameras need no consent; a private camera is as open as its current consent.
    consent: r.owner_kind === 'city' ? 'live' : r.consent_level,
    consentExpiresAt: r.consent_expires_at?.toISOString() ?? null,
  };
}

export async function getCameraRow(db: Db, id: number): Promise<CameraRow | null> {
  const { rows } = await db.query<CameraRow>(`SELECT ${CAMERA_COLUMNS} FROM cameras c ${CURRENT_CONSENT} WHERE c.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The stream address, for the relay only; never sent to a browser. */
export async function cameraStream(db: Db, id: number): Promise<{ url: string; kind: 'rtsp' | 'hls' | 'mjpeg' } | null> {
  const { rows } = await db.query<{ stream_url: string | null; stream_kind: 'rtsp' | 'hls' | 'mjpeg' | null }>('SELECT stream_url, stream_kind FROM cameras WHERE id = $1', [id]);
  const r = rows[0];
  return r?.stream_url && r.stream_kind ? { url: r.stream_url, kind: r.stream_kind } : null;
}

// ---------------------------------------------------------------------------------------------
// The RTCC registry screen.

/** The newest consent ever signed for a camera, whatever its state: why a camera has none now. */
const LATEST_CONSENT = `LEFT JOIN LATERAL (
    SELECT lc.revoked_at AS latest_revoked_at, lc.expires_at AS latest_expires_at FROM camera_consents lc
     WHERE lc.camera_id = c.id ORDER BY lc.signed_at DESC, lc.id DESC LIMIT 1
  ) latest ON true`;

export interface RegistryRow extends CameraRow {
  address: string | null;
  source: string;
  latest_revoked_at: Date | null;
  latest_expires_at: Date | null;
  total: number;
}

export function toRegistryCamera(r: RegistryRow): RegistryCamera {
  const consentState: StaffConsentState =
    r.owner_kind === 'city' ? 'city' : r.consent_level ? 'active' : r.latest_revoked_at ? 'revoked' : r.latest_expires_at ? 'expired' : 'none';
  return { ...toCamera(r), address: r.address, source: r.source, consentState, consentRevokedAt: consentState === 'revoked' ? r.latest_revoked_at!.toISOString() : null };
}

/**
 * Searches the registry. Removed cameras show only when asked for by status. The consent filter
 * matches what a camera allows now, city cameras counting as live.
 */
export async function searchCameras(db: Db, q: CameraListQuery): Promise<{ total: number; cameras: RegistryCamera[] }> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (p: string) => string, v: unknown) => {
    values.push(v);
    where.push(sql(`$${values.length}`));
  };
  if (q.q) add((p) => `(c.name ILIKE ${p} OR c.address ILIKE ${p} OR c.source_id ILIKE ${p} OR EXISTS (SELECT 1 FROM unnest(c.tags) t WHERE t ILIKE ${p}))`, `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (q.ownerKind) add((p) => `c.owner_kind = ${p}`, q.ownerKind);
  if (q.status) add((p) => `c.status = ${p}`, q.status);
  else where.push("c.status <> 'removed'");
  if (q.health) add((p) => `c.health = ${p}`, q.health);
  if (q.consent === 'none') where.push("c.owner_kind <> 'city' AND consent.consent_level IS NULL");
  else if (q.consent) add((p) => `(CASE WHEN c.owner_kind = 'city' THEN 'live' ELSE consent.consent_level END) = ${p}`, q.consent);
  if (q.tag) add((p) => `${p} = ANY(c.tags)`, q.tag);
  values.push(q.limit, q.offset);
  const { rows } = await db.query<RegistryRow>(
    `SELECT ${CAMERA_COLUMNS}, c.address, c.source, latest.latest_revoked_at, latest.latest_expires_at, count(*) OVER ()::int AS total
       FROM cameras c ${CURRENT_CONSENT} ${LATEST_CONSENT}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY (c.owner_kind = 'city'), c.name, c.id LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  );
  return { total: rows[0]?.total ?? 0, cameras: rows.map(toRegistryCamera) };
}

export async function getRegistryCamera(db: Db, id: number): Promise<RegistryCamera | null> {
  const { rows } = await db.query<RegistryRow>(
    `SELECT ${CAMERA_COLUMNS}, c.address, c.source, latest.latest_revoked_at, latest.latest_expires_at, 1 AS total
       FROM cameras c ${CURRENT_CONSENT} ${LATEST_CONSENT} WHERE c.id = $1`,
    [id],
  );
  return rows[0] ? toRegistryCamera(rows[0]) : null;
}
