import type pg from 'pg';
import type { SpecialNeedsForm, SpecialNeedsRecord, SpecialNeedsState } from '@openpsap/contract';
import { hashSecret } from '../../auth/secrets';

export interface NoticeRow {
  id: number;
  state: SpecialNeedsState;
  form: Omit<SpecialNeedsForm, 'photo'>;
  person_name: string;
  address_text: string;
  has_photo: boolean;
  lat: number | null;
  lon: number | null;
  geocode_label: string | null;
  geocode_score: number | null;
  review_message: string | null;
  reviewed_at: Date | null;
  confirmed_at: Date | null;
  expires_at: Date | null;
  reminder_sent_at: Date | null;
  caution_id: number | null;
  submitted_at: Date;
  updated_at: Date;
  expired: boolean;
}

const COLUMNS = `id, state, form, person_name, address_text, photo IS NOT NULL AS has_photo, lat, lon, geocode_label, geocode_score,
  review_message, reviewed_at, confirmed_at, expires_at, reminder_sent_at, caution_id, submitted_at, updated_at,
  (state = 'approved' AND expires_at < now()) AS expired`;

export function toRecord(r: NoticeRow): SpecialNeedsRecord {
  return {
    id: r.id,
    state: r.state,
    form: r.form,
    hasPhoto: r.has_photo,
    reviewMessage: r.review_message,
    submittedAt: r.submitted_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
    expired: r.expired,
    location: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon, label: r.geocode_label, score: r.geocode_score } : null,
  };
}

export async function getNotice(db: pg.Pool | pg.PoolClient, id: number, lock = false): Promise<NoticeRow | null> {
  const { rows } = await db.query<NoticeRow>(`SELECT ${COLUMNS} FROM special_needs_notices WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/** The notice a private link opens; a withdrawn notice's links open nothing. */
export async function noticeIdForToken(db: pg.Pool | pg.PoolClient, token: string): Promise<number | null> {
  const { rows } = await db.query<{ notice_id: number }>(
    `SELECT l.notice_id FROM special_needs_links l JOIN special_needs_notices n ON n.id = l.notice_id
      WHERE l.token_hash = $1 AND n.state <> 'withdrawn'`,
    [hashSecret(token)],
  );
  return rows[0]?.notice_id ?? null;
}

export async function noticePhoto(db: pg.Pool | pg.PoolClient, id: number): Promise<Buffer | null> {
  const { rows } = await db.query<{ photo: Buffer | null }>('SELECT photo FROM special_needs_notices WHERE id = $1', [id]);
  return rows[0]?.photo ?? null;
}

export interface NoticeListItem {
  id: number;
  state: SpecialNeedsState;
  personName: string;
  address: string;
  conditions: string[];
  submittedAt: string;
  updatedAt: string;
  expiresAt: string | null;
  expired: boolean;
  /** Approved but due for re-confirmation within 30 days. */
  dueSoon: boolean;
}

/** The review queue and the register: by state, "expired" or "due" for re-confirmation, and text. */
export async function listNotices(db: pg.Pool, f: { filter: string; q: string | null; limit: number }): Promise<NoticeListItem[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.filter === 'expired') where.push(`state = 'approved' AND expires_at < now()`);
  else if (f.filter === 'due') where.push(`state = 'approved' AND expires_at >= now() AND expires_at < now() + interval '30 days'`);
  else if (f.filter === 'open') where.push(`state IN ('pending', 'needs-info')`);
  else if (f.filter !== 'all') {
    args.push(f.filter);
    where.push(`state = $${args.length}`);
  }
  if (f.q) {
    args.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(person_name ILIKE $${args.length} OR address_text ILIKE $${args.length})`);
  }
  args.push(f.limit);
  const { rows } = await db.query(
    `SELECT id, state, person_name, address_text, form->'conditions' AS conditions, submitted_at, updated_at, expires_at,
            (state = 'approved' AND expires_at < now()) AS expired,
            (state = 'approved' AND expires_at >= now() AND expires_at < now() + interval '30 days') AS due_soon
       FROM special_needs_notices ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY CASE state WHEN 'pending' THEN 0 WHEN 'needs-info' THEN 1 ELSE 2 END, submitted_at
      LIMIT $${args.length}`,
    args,
  );
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    personName: r.person_name,
    address: r.address_text,
    conditions: r.conditions,
    submittedAt: r.submitted_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    expired: r.expired,
    dueSoon: r.due_soon,
  }));
}

export async function noticeCounts(db: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await db.query<{ k: string; n: number }>(
    `SELECT state AS k, count(*)::int AS n FROM special_needs_notices GROUP BY state
     UNION ALL SELECT 'expired', count(*)::int FROM special_needs_notices WHERE state = 'approved' AND expires_at < now()
     UNION ALL SELECT 'due', count(*)::int FROM special_needs_notices WHERE state = 'approved' AND expires_at >= now() AND expires_at < now() + interval '30 days'`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}
