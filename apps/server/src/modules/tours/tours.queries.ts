import type pg from 'pg';
import type { PublicTour, TourBlockedDate, TourDetail, TourLang, TourPeriod, TourPreference, TourRules, TourState, TourSummary } from '@openpsap/contract';
import { localTimeToUtc } from './tour-time';

/** A pool or a transaction's client: reads run on either. */
export type Queryable = pg.Pool | pg.PoolClient;

/** A tour_requests row as read by COLUMNS (dates as YYYY-MM-DD text). */
export interface TourRow {
  id: number;
  reference: string;
  state: TourState;
  organisation: string;
  contact_name: string;
  email: string | null;
  phone: string | null;
  group_size: number;
  ages: string;
  accessibility: string | null;
  preferences: TourPreference[];
  message: string | null;
  lang: TourLang;
  requested_on: string;
  tour_date: string | null;
  period: TourPeriod | null;
  staff_message: string | null;
  decided_at: Date | null;
  created_at: Date;
}

// Dates come back as text: a `date` turned into a JS Date would shift with the process's time zone.
const COLUMNS = `id::int AS id, reference, state, organisation, contact_name, email, phone, group_size, ages, accessibility, preferences, message, lang,
  to_char(requested_on, 'YYYY-MM-DD') AS requested_on, to_char(tour_date, 'YYYY-MM-DD') AS tour_date, period, staff_message, decided_at, created_at`;

/** Start and end instants of a slot on a local date. */
export function slotInstants(rules: TourRules, date: string, period: TourPeriod): { start: Date; end: Date } {
  const slot = rules.slots[period];
  return { start: localTimeToUtc(date, slot.start, rules.timeZone), end: localTimeToUtc(date, slot.end, rules.timeZone) };
}

function bookedTimes(r: TourRow, rules: TourRules): { start: string | null; end: string | null } {
  if (!r.tour_date || !r.period) return { start: null, end: null };
  const { start, end } = slotInstants(rules, r.tour_date, r.period);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** A request without contact details, as lists and the calendar show it. */
export function toTourSummary(r: TourRow, rules: TourRules): TourSummary {
  return {
    id: r.id,
    reference: r.reference,
    state: r.state,
    organisation: r.organisation,
    groupSize: r.group_size,
    ages: r.ages,
    preferences: r.preferences,
    lang: r.lang,
    requestedOn: r.requested_on,
    tourDate: r.tour_date,
    period: r.period,
    ...bookedTimes(r, rules),
    staffMessage: r.staff_message,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

/** A request with its contact details; only for an audited read. */
export function toTourDetail(r: TourRow, rules: TourRules): TourDetail {
  return { ...toTourSummary(r, rules), contactName: r.contact_name, email: r.email, phone: r.phone, accessibility: r.accessibility, message: r.message };
}

/** What the requester sees with their private link. */
export function toPublicTour(r: TourRow, rules: TourRules): PublicTour {
  return {
    reference: r.reference,
    state: r.state,
    organisation: r.organisation,
    groupSize: r.group_size,
    ages: r.ages,
    preferences: r.preferences,
    tourDate: r.state === 'confirmed' ? r.tour_date : null,
    period: r.state === 'confirmed' ? r.period : null,
    ...(r.state === 'confirmed' ? bookedTimes(r, rules) : { start: null, end: null }),
    staffMessage: r.state === 'declined' || r.state === 'cancelled' ? r.staff_message : null,
    lang: r.lang,
  };
}

/** One request by id; FOR UPDATE when a command is about to change it. */
export async function getTourRow(db: Queryable, id: number, forUpdate = false): Promise<TourRow | null> {
  const { rows } = await db.query<TourRow>(`SELECT ${COLUMNS} FROM tour_requests WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/** The request a private link belongs to, if the reference matches too (both are needed). */
export async function getTourByLink(db: Queryable, reference: string, tokenHash: string, forUpdate = false): Promise<TourRow | null> {
  const { rows } = await db.query<TourRow>(
    `SELECT ${COLUMNS} FROM tour_requests WHERE reference = $1 AND id IN (SELECT request_id FROM tour_links WHERE token_hash = $2)${forUpdate ? ' FOR UPDATE' : ''}`,
    [reference, tokenHash],
  );
  return rows[0] ?? null;
}

/** Requests for the officers' list, optionally in one state. */
export async function listTourRows(db: Queryable, f: { state?: TourState | undefined; limit: number }): Promise<TourRow[]> {
  // Waiting requests oldest first (first come, first served); everything else newest first.
  const { rows } = await db.query<TourRow>(
    `SELECT ${COLUMNS} FROM tour_requests WHERE $1::text IS NULL OR state = $1
     ORDER BY CASE WHEN state = 'requested' THEN 0 ELSE 1 END, CASE WHEN state = 'requested' THEN created_at END ASC, created_at DESC LIMIT $2`,
    [f.state ?? null, f.limit],
  );
  return rows;
}

/** Confirmed tours between two local dates (inclusive). */
export async function confirmedBetween(db: Queryable, from: string, to: string): Promise<TourRow[]> {
  const { rows } = await db.query<TourRow>(
    `SELECT ${COLUMNS} FROM tour_requests WHERE state = 'confirmed' AND tour_date BETWEEN $1::date AND $2::date ORDER BY tour_date, CASE period WHEN 'morning' THEN 0 ELSE 1 END`,
    [from, to],
  );
  return rows;
}

/** Blocked days between two local dates (inclusive). */
export async function blockedBetween(db: Queryable, from: string, to: string): Promise<TourBlockedDate[]> {
  const { rows } = await db.query<{ date: string; reason: string; created_at: Date }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, reason, created_at FROM tour_blocked_dates WHERE date BETWEEN $1::date AND $2::date ORDER BY date`,
    [from, to],
  );
  return rows.map((r) => ({ date: r.date, reason: r.reason, createdAt: r.created_at.toISOString() }));
}

/** Inserts a request; null when the reference is already taken (the caller draws another). */
export async function insertTourRow(
  tx: pg.PoolClient,
  t: {
    reference: string;
    organisation: string;
    contactName: string;
    email: string | null;
    phone: string | null;
    groupSize: number;
    ages: string;
    accessibility: string | null;
    preferences: TourPreference[];
    message: string | null;
    lang: TourLang;
    requestedOn: string;
    now: Date;
  },
): Promise<TourRow | null> {
  const { rows } = await tx.query<TourRow>(
    `INSERT INTO tour_requests (reference, organisation, contact_name, email, phone, group_size, ages, accessibility, preferences, message, lang, requested_on, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12::date, $13, $13)
     ON CONFLICT (reference) DO NOTHING RETURNING ${COLUMNS}`,
    [t.reference, t.organisation, t.contactName, t.email, t.phone, t.groupSize, t.ages, t.accessibility, JSON.stringify(t.preferences), t.message, t.lang, t.requestedOn, t.now],
  );
  return rows[0] ?? null;
}

/** Moves a request to a new state; the slot and message are set only when given. */
export async function setTourState(
  tx: pg.PoolClient,
  id: number,
  s: { state: TourState; tourDate?: string; period?: TourPeriod; staffMessage?: string; decidedBy?: number | null; now: Date },
): Promise<TourRow> {
  const { rows } = await tx.query<TourRow>(
    `UPDATE tour_requests SET state = $2, tour_date = COALESCE($3::date, tour_date), period = COALESCE($4, period),
       staff_message = COALESCE($5, staff_message), decided_at = CASE WHEN $6::boolean THEN $7 ELSE decided_at END,
       decided_by = CASE WHEN $6::boolean THEN $8 ELSE decided_by END, updated_at = $7
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, s.state, s.tourDate ?? null, s.period ?? null, s.staffMessage ?? null, s.decidedBy !== undefined, s.now, s.decidedBy ?? null],
  );
  return rows[0]!;
}

/** Stores the hash of a private link token sent to the requester. */
export async function insertTourLink(tx: pg.PoolClient, requestId: number, tokenHash: string, now: Date): Promise<void> {
  await tx.query('INSERT INTO tour_links (token_hash, request_id, created_at) VALUES ($1, $2, $3)', [tokenHash, requestId, now]);
}

/**
 * Serialises every change to one local day's bookings (confirm, block) until the transaction ends,
 * so two officers cannot both take the day's last slot. A lock on the day, not on a table: other
 * days book in parallel.
 */
export async function lockTourDay(tx: pg.PoolClient, date: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('tour-day:' || $1, 0))`, [date]);
}

/** Blocks a day; null when it was already blocked. */
export async function insertBlockedDate(tx: pg.PoolClient, b: { date: string; reason: string; createdBy: number | null; now: Date }): Promise<TourBlockedDate | null> {
  const { rows } = await tx.query<{ date: string; reason: string; created_at: Date }>(
    `INSERT INTO tour_blocked_dates (date, reason, created_by, created_at) VALUES ($1::date, $2, $3, $4)
     ON CONFLICT (date) DO NOTHING RETURNING to_char(date, 'YYYY-MM-DD') AS date, reason, created_at`,
    [b.date, b.reason, b.createdBy, b.now],
  );
  const r = rows[0];
  return r ? { date: r.date, reason: r.reason, createdAt: r.created_at.toISOString() } : null;
}

/** Unblocks a day; null when it was not blocked. */
export async function deleteBlockedDate(tx: pg.PoolClient, date: string): Promise<TourBlockedDate | null> {
  const { rows } = await tx.query<{ date: string; reason: string; created_at: Date }>(
    `DELETE FROM tour_blocked_dates WHERE date = $1::date RETURNING to_char(date, 'YYYY-MM-DD') AS date, reason, created_at`,
    [date],
  );
  const r = rows[0];
  return r ? { date: r.date, reason: r.reason, createdAt: r.created_at.toISOString() } : null;
}
