import type pg from 'pg';

type Db = pg.Pool | pg.PoolClient;

export interface ViewRow {
  id: string;
  camera_id: number;
  camera_name: string;
  user_id: number;
  username: string;
  bound_to: string;
  reason: string;
  incident_id: number;
  incident_number: string;
  consent_id: number | null;
  started_at: Date;
  last_seen_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
}

const VIEW_SELECT = `SELECT v.id, v.camera_id, c.name AS camera_name, v.user_id, u.username, v.bound_to, v.reason, v.incident_id, i.number AS incident_number,
    v.consent_id, v.started_at, v.last_seen_at, v.ended_at, v.end_reason
  FROM video_views v JOIN cameras c ON c.id = v.camera_id JOIN users u ON u.id = v.user_id JOIN incidents i ON i.id = v.incident_id`;

export async function getView(db: Db, id: string): Promise<ViewRow | null> {
  const { rows } = await db.query<ViewRow>(`${VIEW_SELECT} WHERE v.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Views left open whose viewer has not been heard from since `before` (a crashed server's, or abandoned). */
export async function staleOpenViews(db: Db, before: Date): Promise<ViewRow[]> {
  const { rows } = await db.query<ViewRow>(`${VIEW_SELECT} WHERE v.ended_at IS NULL AND v.last_seen_at < $1 ORDER BY v.started_at`, [before]);
  return rows;
}

export async function incidentNumber(db: Db, id: number): Promise<string | null> {
  const { rows } = await db.query<{ number: string }>('SELECT number FROM incidents WHERE id = $1', [id]);
  return rows[0]?.number ?? null;
}

export async function insertView(tx: Db, v: { id: string; cameraId: number; userId: number; boundTo: string; reason: string; incidentId: number; consentId: number | null; at: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO video_views (id, camera_id, user_id, bound_to, reason, incident_id, consent_id, started_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [v.id, v.cameraId, v.userId, v.boundTo, v.reason, v.incidentId, v.consentId, v.at],
  );
}

/** Closes a view once; false when it was already closed (by another server or an earlier sweep). */
export async function closeView(tx: Db, id: string, at: Date, why: string): Promise<boolean> {
  const r = await tx.query('UPDATE video_views SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL', [id, at, why]);
  return r.rowCount === 1;
}

export async function touchViews(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length) await db.query('UPDATE video_views SET last_seen_at = $2 WHERE id = ANY($1) AND ended_at IS NULL', [ids, at]);
}

/** A row of the owner-visible access log (0010_cameras.sql). */
export async function insertCameraAccess(
  tx: Db,
  a: { cameraId: number; at: Date; userId: number | null; actorLabel: string; action: 'view-start' | 'view-stop' | 'view-denied' | 'share'; reason: string | null; incidentId: number | null; detail: Record<string, unknown> | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO camera_access (camera_id, at, user_id, actor_label, action, reason, incident_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM incidents WHERE id = $7), $8)`,
    [a.cameraId, a.at, a.userId, a.actorLabel, a.action, a.reason, a.incidentId, a.detail ? JSON.stringify(a.detail) : null],
  );
}

/** Current role and whether the account is still usable, for re-checking running views. */
export async function viewerRoles(db: Db, userIds: number[]): Promise<Map<number, { role: string; disabled: boolean }>> {
  const { rows } = await db.query<{ id: number; role: string; disabled: boolean }>('SELECT id, role, disabled_at IS NOT NULL AS disabled FROM users WHERE id = ANY($1)', [userIds]);
  return new Map(rows.map((r) => [r.id, { role: r.role, disabled: r.disabled }]));
}
