import type pg from 'pg';
import type { CustodyEntry, EvidenceItem, EvidenceLink, EvidenceLinkState } from '@openpsap/contract';

type Db = pg.Pool | pg.PoolClient;

export interface EvidenceRow {
  id: number;
  incident_id: string | null;
  sha256: string;
  size_bytes: string;
  content_type: string;
  media_kind: 'photo' | 'video';
  declared_name: string;
  source: EvidenceItem['source'];
  submitted_by: string;
  how: string;
  received_at: Date;
  lat: number | null;
  lon: number | null;
  location_accuracy_m: number | null;
  store: 'local' | 's3';
  erased_at: Date | null;
}

export function toEvidenceItem(r: EvidenceRow): EvidenceItem {
  return {
    id: r.id,
    incidentId: r.incident_id === null ? null : Number(r.incident_id),
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    contentType: r.content_type,
    mediaKind: r.media_kind,
    declaredName: r.declared_name,
    source: r.source,
    submittedBy: r.submitted_by,
    how: r.how,
    receivedAt: r.received_at.toISOString(),
    location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon, accuracyM: r.location_accuracy_m },
    store: r.store,
    erasedAt: r.erased_at?.toISOString() ?? null,
  };
}

export async function getEvidenceRow(db: Db, id: number, lock = false): Promise<EvidenceRow | null> {
  const { rows } = await db.query<EvidenceRow>(`SELECT * FROM evidence_items WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function incidentEvidenceRows(db: Db, incidentId: number): Promise<EvidenceRow[]> {
  const { rows } = await db.query<EvidenceRow>('SELECT * FROM evidence_items WHERE incident_id = $1 ORDER BY received_at, id', [incidentId]);
  return rows;
}

export async function custodyOf(db: Db, evidenceId: number): Promise<CustodyEntry[]> {
  const { rows } = await db.query<{ id: string; at: Date; action: CustodyEntry['action']; actor_label: string; ip: string | null; purpose: string | null; detail: Record<string, unknown> | null }>(
    'SELECT id, at, action, actor_label, ip, purpose, detail FROM evidence_custody WHERE evidence_id = $1 ORDER BY id',
    [evidenceId],
  );
  return rows.map((r) => ({ id: Number(r.id), at: r.at.toISOString(), action: r.action, actor: r.actor_label, ip: r.ip, purpose: r.purpose, detail: r.detail }));
}

export interface LinkRow {
  id: number;
  purpose: 'upload' | 'live-video';
  token_hash: string;
  incident_id: string;
  recipient_phone: string;
  recipient_name: string | null;
  language: 'en' | 'es';
  created_by: number | null;
  created_by_label: string;
  created_at: Date;
  expires_at: Date;
  message_id: string | null;
  opened_at: Date | null;
  finished_at: Date | null;
  revoked_at: Date | null;
  record: boolean;
  consented_at: Date | null;
  location_consent: boolean | null;
  lat: number | null;
  lon: number | null;
  location_accuracy_m: number | null;
  location_at: Date | null;
  files?: string;
}

/** What a link is now: spent, revoked and expired links no longer work. */
export function linkState(r: LinkRow, now: Date): EvidenceLinkState {
  if (r.revoked_at) return 'revoked';
  if (r.finished_at) return 'finished';
  if (r.expires_at.getTime() <= now.getTime()) return 'expired';
  return r.opened_at ? 'opened' : 'waiting';
}

export function toEvidenceLink(r: LinkRow, now: Date): EvidenceLink {
  return {
    id: r.id,
    purpose: r.purpose,
    incidentId: Number(r.incident_id),
    recipientPhone: r.recipient_phone,
    recipientName: r.recipient_name,
    language: r.language,
    state: linkState(r, now),
    createdBy: r.created_by_label,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    openedAt: r.opened_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    record: r.record,
    consentedAt: r.consented_at?.toISOString() ?? null,
    location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon, accuracyM: r.location_accuracy_m, at: r.location_at?.toISOString() ?? null },
    files: Number(r.files ?? 0),
  };
}

const LINK_SELECT = `SELECT l.*, (SELECT count(*) FROM evidence_items e WHERE e.link_id = l.id) AS files FROM evidence_links l`;

export async function incidentLinks(db: Db, incidentId: number): Promise<LinkRow[]> {
  const { rows } = await db.query<LinkRow>(`${LINK_SELECT} WHERE l.incident_id = $1 ORDER BY l.created_at, l.id`, [incidentId]);
  return rows;
}

export async function getLink(db: Db, id: number): Promise<LinkRow | null> {
  const { rows } = await db.query<LinkRow>(`${LINK_SELECT} WHERE l.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function linkByTokenHash(db: Db, tokenHash: string, lock = false): Promise<LinkRow | null> {
  const { rows } = await db.query<LinkRow>(lock ? 'SELECT * FROM evidence_links WHERE token_hash = $1 FOR UPDATE' : `${LINK_SELECT} WHERE l.token_hash = $1`, [tokenHash]);
  return rows[0] ?? null;
}
