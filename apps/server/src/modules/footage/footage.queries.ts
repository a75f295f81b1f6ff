import type pg from 'pg';
import type { FootageRequest } from '@openpsap/contract';

type Db = pg.Pool | pg.PoolClient;

export interface FootageRow {
  id: number;
  camera_id: number;
  camera_name: string;
  owner_id: number;
  incident_id: number;
  incident_number: string;
  requested_by: number;
  requested_by_label: string;
  reason: string;
  window_start: Date;
  window_end: Date;
  state: FootageRequest['state'];
  created_at: Date;
  expires_at: Date;
  decided_at: Date | null;
  owner_note: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  uploaded_at: Date | null;
  file_name: string | null;
  file_type: string | null;
  file_bytes: string | null;
  file_sha256: string | null;
  evidence_id: string | null;
  file_path: string | null;
}

const SELECT = `SELECT f.*, c.name AS camera_name, i.number AS incident_number, u.display_name AS requested_by_label
  FROM footage_requests f JOIN cameras c ON c.id = f.camera_id JOIN incidents i ON i.id = f.incident_id JOIN users u ON u.id = f.requested_by`;

export function toFootage(r: FootageRow): FootageRequest {
  return {
    id: r.id,
    cameraId: r.camera_id,
    cameraName: r.camera_name,
    incidentId: Number(r.incident_id),
    incidentNumber: r.incident_number,
    reason: r.reason,
    from: r.window_start.toISOString(),
    to: r.window_end.toISOString(),
    state: r.state,
    requestedBy: r.requested_by_label,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    ownerNote: r.owner_note,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    cancelReason: r.cancel_reason,
    uploadedAt: r.uploaded_at?.toISOString() ?? null,
    file: r.file_sha256 ? { name: r.file_name ?? 'footage', type: r.file_type ?? 'application/octet-stream', bytes: Number(r.file_bytes), sha256: r.file_sha256, evidenceId: r.evidence_id } : null,
  };
}

export async function getFootageRow(db: Db, id: number, lock = false): Promise<FootageRow | null> {
  if (lock) await db.query('SELECT 1 FROM footage_requests WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<FootageRow>(`${SELECT} WHERE f.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Requests, newest first, narrowed by whatever is given. */
export async function listFootage(db: Db, where: { ownerId?: number; cameraId?: number; incidentId?: number; state?: string }, limit = 200): Promise<FootageRequest[]> {
  const { rows } = await db.query<FootageRow>(
    `${SELECT} WHERE ($1::int IS NULL OR f.owner_id = $1) AND ($2::int IS NULL OR f.camera_id = $2) AND ($3::bigint IS NULL OR f.incident_id = $3) AND ($4::text IS NULL OR f.state = $4)
     ORDER BY f.created_at DESC, f.id DESC LIMIT $5`,
    [where.ownerId ?? null, where.cameraId ?? null, where.incidentId ?? null, where.state ?? null, limit],
  );
  return rows.map(toFootage);
}
