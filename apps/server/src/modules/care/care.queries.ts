import type pg from 'pg';
import type { CareAlert, CareCheckInVia, CareContact, CareDay, CareEnrolment, CareEnrolmentSummary, CareWeekday } from '@openpsap/contract';
import { checkInLink } from './care-codes';

type Queryable = pg.Pool | pg.PoolClient;

export interface EnrolmentRow {
  id: number;
  person_name: string;
  phone: string | null;
  language: 'en' | 'es';
  address_text: string;
  lat: number | null;
  lon: number | null;
  window_start: string;
  window_end: string;
  days: CareWeekday[];
  contacts: CareContact[];
  notes: string | null;
  active: boolean;
  active_since: Date | null;
  start_date: string;
  escalation_minutes: number;
  checkin_code: string;
  link_token: string;
  created_at: Date;
  updated_at: Date;
}

// Times and dates leave the database as text: they are local wall-clock values, not instants.
const ENROLMENT_COLUMNS = `e.id, e.person_name, e.phone, e.language, e.address_text, e.lat, e.lon,
  to_char(e.window_start, 'HH24:MI') AS window_start, to_char(e.window_end, 'HH24:MI') AS window_end,
  e.days, e.contacts, e.notes, e.active, e.active_since, e.start_date::text AS start_date, e.escalation_minutes,
  e.checkin_code, e.link_token, e.created_at, e.updated_at`;

export interface DayRow {
  enrolment_id: number;
  local_date: string;
  window_start_at: Date;
  window_end_at: Date;
  reminder_sent_at: Date | null;
  missed_at: Date | null;
  contacts_notified_at: Date | null;
  escalated_at: Date | null;
  checked_in_at: Date | null;
  checked_in_via: CareCheckInVia | null;
  checked_in_by: string | null;
  checked_in_note: string | null;
}

const DAY_COLUMNS = `d.enrolment_id, d.local_date::text AS local_date, d.window_start_at, d.window_end_at, d.reminder_sent_at, d.missed_at,
  d.contacts_notified_at, d.escalated_at, d.checked_in_at, d.checked_in_via, d.checked_in_by, d.checked_in_note`;

export interface AlertRow {
  id: number;
  enrolment_id: number;
  local_date: string;
  state: CareAlert['state'];
  opened_at: Date;
  escalates_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
  incident_id: number | null;
  created_at: Date;
  person_name: string;
  address_text: string;
  phone: string | null;
  window_end_at: Date;
}

const ALERT_COLUMNS = `a.id, a.enrolment_id, a.local_date::text AS local_date, a.state, a.opened_at, a.escalates_at, a.resolved_at,
  a.resolution, a.incident_id, a.created_at, e.person_name, e.address_text, e.phone, d.window_end_at`;
const ALERT_FROM = `care_alerts a JOIN care_enrolments e ON e.id = a.enrolment_id
  JOIN care_days d ON d.enrolment_id = a.enrolment_id AND d.local_date = a.local_date`;

/** The list view of an enrolment: who and when, without contacts, notes or codes. */
export function toSummary(r: EnrolmentRow): CareEnrolmentSummary {
  return {
    id: r.id,
    personName: r.person_name,
    address: r.address_text,
    located: r.lat !== null,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    days: r.days,
    active: r.active,
    startDate: r.start_date,
    escalationMinutes: r.escalation_minutes,
    language: r.language,
  };
}

/** The full record, as staff read it with a purpose. */
export function toEnrolment(r: EnrolmentRow, publicUrl: string, days: DayRow[]): CareEnrolment {
  return {
    ...toSummary(r),
    phone: r.phone,
    lat: r.lat,
    lon: r.lon,
    contacts: r.contacts,
    notes: r.notes,
    checkInCode: r.checkin_code,
    checkInLink: checkInLink(publicUrl, r.link_token),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    recentDays: days.map(toDay),
  };
}

/** A scheduled day with the time of each step. */
export function toDay(r: DayRow): CareDay {
  return {
    date: r.local_date,
    windowStartAt: r.window_start_at.toISOString(),
    windowEndAt: r.window_end_at.toISOString(),
    reminderSentAt: r.reminder_sent_at?.toISOString() ?? null,
    missedAt: r.missed_at?.toISOString() ?? null,
    contactsNotifiedAt: r.contacts_notified_at?.toISOString() ?? null,
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    checkedInVia: r.checked_in_via,
    checkedInBy: r.checked_in_by,
    checkedInNote: r.checked_in_note,
  };
}

/** An alert as the call-taker queue and the stream carry it. */
export function toAlert(r: AlertRow): CareAlert {
  return {
    id: r.id,
    enrolmentId: r.enrolment_id,
    personName: r.person_name,
    address: r.address_text,
    phone: r.phone,
    date: r.local_date,
    windowEnd: r.window_end_at.toISOString(),
    state: r.state,
    openedAt: r.opened_at.toISOString(),
    escalatesAt: r.escalates_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    resolution: r.resolution,
    incidentId: r.incident_id,
  };
}

/** One enrolment; `forUpdate` locks it (enrolment first, then its day, then its alert). */
export async function getEnrolmentRow(db: Queryable, id: number, forUpdate = false): Promise<EnrolmentRow | null> {
  const { rows } = await db.query<EnrolmentRow>(`SELECT ${ENROLMENT_COLUMNS} FROM care_enrolments e WHERE e.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/** The enrolment a personal link belongs to. */
export async function getEnrolmentByToken(db: Queryable, token: string): Promise<EnrolmentRow | null> {
  const { rows } = await db.query<EnrolmentRow>(`SELECT ${ENROLMENT_COLUMNS} FROM care_enrolments e WHERE e.link_token = $1`, [token]);
  return rows[0] ?? null;
}

/** The active enrolment a typed code belongs to (codes are unique only among active ones). */
export async function getActiveEnrolmentByCode(db: Queryable, code: string): Promise<EnrolmentRow | null> {
  const { rows } = await db.query<EnrolmentRow>(`SELECT ${ENROLMENT_COLUMNS} FROM care_enrolments e WHERE e.active AND e.checkin_code = $1`, [code]);
  return rows[0] ?? null;
}

/** Every enrolment, active first, by name. */
export async function listEnrolments(db: Queryable): Promise<EnrolmentRow[]> {
  const { rows } = await db.query<EnrolmentRow>(`SELECT ${ENROLMENT_COLUMNS} FROM care_enrolments e ORDER BY e.active DESC, e.person_name, e.id`);
  return rows;
}

/** Whether an active enrolment other than `exceptId` already uses the code. */
export async function codeInUse(db: Queryable, code: string, exceptId: number | null): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM care_enrolments WHERE active AND checkin_code = $1 AND id IS DISTINCT FROM $2', [code, exceptId]);
  return (rowCount ?? 0) > 0;
}

export interface EnrolmentValues {
  personName: string;
  phone: string | null;
  language: 'en' | 'es';
  address: string;
  lat: number | null;
  lon: number | null;
  windowStart: string;
  windowEnd: string;
  days: CareWeekday[];
  contacts: CareContact[];
  notes: string | null;
  active: boolean;
  activeSince: Date | null;
  startDate: string;
  escalationMinutes: number;
  code: string;
  token: string;
}

/** Stores a new enrolment. */
export async function insertEnrolment(tx: pg.PoolClient, v: EnrolmentValues, createdBy: number | null): Promise<EnrolmentRow> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO care_enrolments (person_name, phone, language, address_text, lat, lon, window_start, window_end, days, contacts, notes, active, active_since,
       start_date, escalation_minutes, checkin_code, link_token, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [v.personName, v.phone, v.language, v.address, v.lat, v.lon, v.windowStart, v.windowEnd, v.days, JSON.stringify(v.contacts), v.notes, v.active, v.activeSince, v.startDate, v.escalationMinutes, v.code, v.token, createdBy],
  );
  return (await getEnrolmentRow(tx, rows[0]!.id))!;
}

/** Rewrites every field of an enrolment (the command has merged the change into the old row). */
export async function updateEnrolment(tx: pg.PoolClient, id: number, v: EnrolmentValues): Promise<EnrolmentRow> {
  await tx.query(
    `UPDATE care_enrolments SET person_name = $2, phone = $3, language = $4, address_text = $5, lat = $6, lon = $7, window_start = $8, window_end = $9,
       days = $10, contacts = $11, notes = $12, active = $13, active_since = $14, start_date = $15, escalation_minutes = $16, checkin_code = $17,
       link_token = $18, updated_at = now()
     WHERE id = $1`,
    [id, v.personName, v.phone, v.language, v.address, v.lat, v.lon, v.windowStart, v.windowEnd, v.days, JSON.stringify(v.contacts), v.notes, v.active, v.activeSince, v.startDate, v.escalationMinutes, v.code, v.token],
  );
  return (await getEnrolmentRow(tx, id))!;
}

/** The values of a stored enrolment, for merging a change into. */
export function valuesOf(r: EnrolmentRow): EnrolmentValues {
  return {
    personName: r.person_name,
    phone: r.phone,
    language: r.language,
    address: r.address_text,
    lat: r.lat,
    lon: r.lon,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    days: r.days,
    contacts: r.contacts,
    notes: r.notes,
    active: r.active,
    activeSince: r.active_since,
    startDate: r.start_date,
    escalationMinutes: r.escalation_minutes,
    code: r.checkin_code,
    token: r.link_token,
  };
}

/**
 * Forgets the computed windows of days on which nothing has happened yet, so a changed window or
 * schedule is computed afresh; days with any step taken keep the window they were judged by.
 */
export async function dropUntouchedDays(tx: pg.PoolClient, enrolmentId: number, fromDate: string): Promise<void> {
  await tx.query(
    `DELETE FROM care_days d WHERE d.enrolment_id = $1 AND d.local_date >= $2::date
       AND d.reminder_sent_at IS NULL AND d.missed_at IS NULL AND d.checked_in_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM care_alerts a WHERE a.enrolment_id = d.enrolment_id AND a.local_date = d.local_date)`,
    [enrolmentId, fromDate],
  );
}

/** The most recent scheduled days of one enrolment, newest first. */
export async function recentDays(db: Queryable, enrolmentId: number, limit = 14): Promise<DayRow[]> {
  const { rows } = await db.query<DayRow>(`SELECT ${DAY_COLUMNS} FROM care_days d WHERE d.enrolment_id = $1 ORDER BY d.local_date DESC LIMIT $2`, [enrolmentId, limit]);
  return rows;
}

/** What the scheduler needs of every active enrolment to lay out its days. */
export interface ScheduleRow {
  id: number;
  window_start: string;
  window_end: string;
  days: CareWeekday[];
  start_date: string;
  active_since: Date;
}

/** Every active enrolment's schedule. */
export async function activeSchedules(db: Queryable): Promise<ScheduleRow[]> {
  const { rows } = await db.query<ScheduleRow>(
    `SELECT id, to_char(window_start, 'HH24:MI') AS window_start, to_char(window_end, 'HH24:MI') AS window_end, days,
            start_date::text AS start_date, active_since
       FROM care_enrolments WHERE active ORDER BY id`,
  );
  return rows;
}

/** A scheduled day to lay out: which enrolment, which local date, and its window as instants. */
export interface PlannedDay {
  enrolmentId: number;
  date: string;
  startAt: Date;
  endAt: Date;
}

/** Creates the day rows that do not exist yet; two servers doing this at once is harmless. */
export async function insertDays(db: Queryable, days: PlannedDay[]): Promise<void> {
  if (days.length === 0) return;
  await db.query(
    `INSERT INTO care_days (enrolment_id, local_date, window_start_at, window_end_at)
     SELECT * FROM unnest($1::int[], $2::date[], $3::timestamptz[], $4::timestamptz[])
     ON CONFLICT (enrolment_id, local_date) DO NOTHING`,
    [days.map((d) => d.enrolmentId), days.map((d) => d.date), days.map((d) => d.startAt), days.map((d) => d.endAt)],
  );
}

/** One day, locked: check-ins, misses and escalations of the same day queue here. */
export async function lockDay(tx: pg.PoolClient, enrolmentId: number, date: string): Promise<DayRow | null> {
  const { rows } = await tx.query<DayRow>(`SELECT ${DAY_COLUMNS} FROM care_days d WHERE d.enrolment_id = $1 AND d.local_date = $2::date FOR UPDATE`, [enrolmentId, date]);
  return rows[0] ?? null;
}

/** One day, without a lock. */
export async function getDay(db: Queryable, enrolmentId: number, date: string): Promise<DayRow | null> {
  const { rows } = await db.query<DayRow>(`SELECT ${DAY_COLUMNS} FROM care_days d WHERE d.enrolment_id = $1 AND d.local_date = $2::date`, [enrolmentId, date]);
  return rows[0] ?? null;
}

/** One alert with the senior's name and address; `forUpdate` locks the alert row only. */
export async function getAlertRow(db: Queryable, id: number, forUpdate = false): Promise<AlertRow | null> {
  const { rows } = await db.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id]);
  return rows[0] ?? null;
}

/** The alert of one enrolment's day, if the day was missed. */
export async function alertForDay(db: Queryable, enrolmentId: number, date: string, forUpdate = false): Promise<AlertRow | null> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.enrolment_id = $1 AND a.local_date = $2::date${forUpdate ? ' FOR UPDATE OF a' : ''}`,
    [enrolmentId, date],
  );
  return rows[0] ?? null;
}

/** Alerts in a state (all when none is given), oldest first: the call-taker's queue. */
export async function listAlerts(db: Queryable, f: { state: CareAlert['state'] | null; limit: number }): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE $1::text IS NULL OR a.state = $1 ORDER BY a.opened_at, a.id LIMIT $2`,
    [f.state, f.limit],
  );
  return rows;
}

/** The incident number of a welfare check, for the dashboard. */
export async function incidentNumbers(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; number: string }>('SELECT id, number FROM incidents WHERE id = ANY($1::bigint[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** Every enrolment with its day and alert for one local date, for today's board. */
export async function boardRows(db: Queryable, date: string): Promise<{ enrolment: EnrolmentRow; day: DayRow | null; alert: AlertRow | null }[]> {
  const enrolments = await listEnrolments(db);
  const { rows: days } = await db.query<DayRow>(`SELECT ${DAY_COLUMNS} FROM care_days d WHERE d.local_date = $1::date`, [date]);
  const { rows: alerts } = await db.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.local_date = $1::date`, [date]);
  const dayOf = new Map(days.map((d) => [d.enrolment_id, d]));
  const alertOf = new Map(alerts.map((a) => [a.enrolment_id, a]));
  return enrolments.map((e) => ({ enrolment: e, day: dayOf.get(e.id) ?? null, alert: alertOf.get(e.id) ?? null }));
}
