import type pg from 'pg';
import { isIdKey, type Db, type PersonalDataSource, type RetentionRule } from '../personal-data';
import { deleteMessagesAbout, messagesAbout } from '../related-messages';
import { matchedLabels, SubjectSql } from '../subject-match';

const RELATED = 'care';
const iso = (d: Date | null) => d?.toISOString() ?? null;
const cutoff = '$1::timestamptz - make_interval(days => $2::int)';
// Check-in days are local dates; the cut-off date is taken in UTC so every server agrees on it.
const cutoffDate = `((${cutoff}) AT TIME ZONE 'UTC')::date`;

/**
 * Alerts of these days go with them, except those that became welfare-check incidents: the
 * incident refers to its alert, so the alert stays, without the notes written when resolving it.
 */
async function eraseAlerts(tx: pg.PoolClient, where: string, args: unknown[]) {
  const kept = await tx.query(`UPDATE care_alerts SET resolution = NULL WHERE state = 'welfare-check' AND ${where}`, args);
  const deleted = await tx.query(`DELETE FROM care_alerts WHERE state <> 'welfare-check' AND ${where}`, args);
  return { alerts: deleted.rowCount ?? 0, welfareAlertsKeptBlank: kept.rowCount ?? 0 };
}

/** Erases enrolments with their check-in history, alerts and the messages sent about them. */
async function eraseEnrolments(tx: pg.PoolClient, ids: number[]) {
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM care_enrolments WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [ids]);
  const found = rows.map((r) => r.id);
  if (!found.length) return { enrolments: 0, days: 0, alerts: 0, welfareAlertsKeptBlank: 0, messages: 0 };
  const alerts = await eraseAlerts(tx, 'enrolment_id = ANY($1::int[])', [found]);
  const days = await tx.query('DELETE FROM care_days WHERE enrolment_id = ANY($1::int[])', [found]);
  const messages = await deleteMessagesAbout(tx, RELATED, found);
  await tx.query('DELETE FROM care_enrolments WHERE id = ANY($1::int[])', [found]);
  return { enrolments: found.length, days: days.rowCount ?? 0, ...alerts, messages };
}

const daysRule: RetentionRule = {
  id: 'care.days',
  description: 'Daily check-in records and the missed check-in alerts of those days: erased {days} days after the day. Alerts that became welfare-check incidents are kept, without their notes.',
  defaultDays: 400,
  async count(db, days, now) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM care_days WHERE local_date < ${cutoffDate}`, [now, days]);
    return rows[0]!.n;
  },
  async purge(tx, days, now, limit) {
    const { rows } = await tx.query<{ enrolment_id: number; local_date: string }>(
      `SELECT enrolment_id, local_date::text AS local_date FROM care_days WHERE local_date < ${cutoffDate} ORDER BY local_date, enrolment_id LIMIT ${Number(limit)} FOR UPDATE`,
      [now, days],
    );
    if (!rows.length) return 0;
    const pairs = [rows.map((r) => r.enrolment_id), rows.map((r) => r.local_date)];
    const match = '(enrolment_id, local_date) IN (SELECT * FROM unnest($1::int[], $2::date[]))';
    await eraseAlerts(tx, match, pairs);
    const { rowCount } = await tx.query(`DELETE FROM care_days WHERE ${match}`, pairs);
    return rowCount ?? 0;
  },
};

const endedRule: RetentionRule = {
  id: 'care.ended',
  description: 'Enrolments that were paused and never resumed, with their whole history: erased {days} days after the last change.',
  defaultDays: 365,
  async count(db, days, now) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM care_enrolments WHERE NOT active AND updated_at < ${cutoff}`, [now, days]);
    return rows[0]!.n;
  },
  async purge(tx, days, now, limit) {
    const { rows } = await tx.query<{ id: number }>(`SELECT id FROM care_enrolments WHERE NOT active AND updated_at < ${cutoff} ORDER BY id LIMIT ${Number(limit)}`, [now, days]);
    return (await eraseEnrolments(tx, rows.map((r) => r.id))).enrolments;
  },
};

/** CARE daily check-ins: the senior's enrolment, every scheduled day, alerts and messages. */
export const source: PersonalDataSource = {
  id: 'care',
  label: 'CARE daily check-ins',
  purpose:
    'Seniors living alone check in once a day; when a check-in is missed the centre reminds them, tells their contacts and, if nobody confirms they are well, sends a welfare check to their address.',
  order: 30,
  auditEntity: 'care-enrolment',
  isKey: isIdKey,

  async find(db: Db, q) {
    const sql = new SubjectSql(q)
      .name('person name', 'person_name')
      .each('contacts', (c) => c.name('contact name', "el->>'name'").phone('contact phone', "el->>'phone'"))
      .phone('phone', 'phone')
      .address('address', 'address_text');
    if (sql.empty) return [];
    const { text, labels } = sql.query('id, active, person_name, address_text, created_at', 'care_enrolments', 'id');
    const { rows } = await db.query(text, sql.params);
    return rows.map((r) => ({
      key: String(r.id),
      summary: `CARE #${r.id} · ${r.active ? 'active' : 'paused'} · ${r.person_name} · ${r.address_text} · enrolled ${(r.created_at as Date).toISOString().slice(0, 10)}`,
      matchedOn: matchedLabels(r, labels),
    }));
  },

  async export(db, keys) {
    const ids = keys.filter(isIdKey).map(Number);
    if (!ids.length) return [];
    const { rows } = await db.query(
      `SELECT id, person_name, phone, language, address_text, lat, lon, to_char(window_start, 'HH24:MI') AS window_start, to_char(window_end, 'HH24:MI') AS window_end,
              days, contacts, notes, active, active_since, start_date::text AS start_date, escalation_minutes, created_at, updated_at
         FROM care_enrolments WHERE id = ANY($1::int[]) ORDER BY id`,
      [ids],
    );
    const days = await db.query(
      `SELECT enrolment_id, local_date::text AS local_date, window_start_at, window_end_at, reminder_sent_at, missed_at, contacts_notified_at, escalated_at,
              checked_in_at, checked_in_via, checked_in_by, checked_in_note
         FROM care_days WHERE enrolment_id = ANY($1::int[]) ORDER BY local_date`,
      [ids],
    );
    const alerts = await db.query(
      `SELECT a.enrolment_id, a.id, a.local_date::text AS local_date, a.state, a.opened_at, a.escalates_at, a.resolved_at, a.resolution, i.number AS incident_number
         FROM care_alerts a LEFT JOIN incidents i ON i.id = a.incident_id WHERE a.enrolment_id = ANY($1::int[]) ORDER BY a.local_date`,
      [ids],
    );
    const messages = await messagesAbout(db, RELATED, ids);
    return rows.map((e) => ({
      ref: `care:${e.id}`,
      enrolment: {
        id: e.id,
        personName: e.person_name,
        phone: e.phone,
        language: e.language,
        address: e.address_text,
        location: e.lat === null ? null : { lat: e.lat, lon: e.lon },
        window: `${e.window_start}-${e.window_end}`,
        days: e.days,
        contacts: e.contacts,
        notesForResponders: e.notes,
        active: e.active,
        activeSince: iso(e.active_since),
        startDate: e.start_date,
        escalationMinutes: e.escalation_minutes,
        createdAt: iso(e.created_at),
        updatedAt: iso(e.updated_at),
        note: 'The check-in code and personal link are not included: they are secrets; ask the centre for new ones.',
      },
      checkInDays: days.rows
        .filter((d) => d.enrolment_id === e.id)
        .map((d) => ({
          date: d.local_date,
          windowStartAt: iso(d.window_start_at),
          windowEndAt: iso(d.window_end_at),
          reminderSentAt: iso(d.reminder_sent_at),
          missedAt: iso(d.missed_at),
          contactsNotifiedAt: iso(d.contacts_notified_at),
          escalatedAt: iso(d.escalated_at),
          checkedInAt: iso(d.checked_in_at),
          checkedInVia: d.checked_in_via,
          checkedInBy: d.checked_in_by,
          checkedInNote: d.checked_in_note,
        })),
      alerts: alerts.rows
        .filter((a) => a.enrolment_id === e.id)
        .map((a) => ({ id: a.id, date: a.local_date, state: a.state, openedAt: iso(a.opened_at), escalatesAt: iso(a.escalates_at), resolvedAt: iso(a.resolved_at), resolution: a.resolution, welfareIncident: a.incident_number })),
      messages: messages.get(String(e.id)) ?? [],
    }));
  },

  async erase(tx, keys) {
    return eraseEnrolments(tx, keys.filter(isIdKey).map(Number));
  },

  retention: [daysRule, endedRule],
};
