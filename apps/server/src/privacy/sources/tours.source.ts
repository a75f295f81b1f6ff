import type pg from 'pg';
import { isIdKey, type Db, type PersonalDataSource } from '../personal-data';
import { deleteMessagesAbout, messagesAbout } from '../related-messages';
import { matchedLabels, SubjectSql } from '../subject-match';

// Tours' messages are related as 'tour:<id>' (see tours/tour-notify.ts).
const RELATED = 'tour';
const iso = (d: Date | null) => d?.toISOString() ?? null;

async function eraseRequests(tx: pg.PoolClient, ids: number[]) {
  const { rows } = await tx.query<{ id: number }>('SELECT id::int AS id FROM tour_requests WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids]);
  const found = rows.map((r) => r.id);
  if (!found.length) return { requests: 0, links: 0, messages: 0 };
  const links = await tx.query('DELETE FROM tour_links WHERE request_id = ANY($1::bigint[])', [found]);
  const messages = await deleteMessagesAbout(tx, RELATED, found);
  await tx.query('DELETE FROM tour_requests WHERE id = ANY($1::bigint[])', [found]);
  return { requests: found.length, links: links.rowCount ?? 0, messages };
}

// The last date the request concerns: the tour, the decision, the last change, or the latest date
// the group asked for (a request nobody decided on ends when its wishes have passed).
const LAST_DATE = `GREATEST(tour_date, (decided_at AT TIME ZONE 'UTC')::date, (updated_at AT TIME ZONE 'UTC')::date,
  (SELECT max((p->>'date')::date) FROM jsonb_array_elements(preferences) p))`;
const DUE = `${LAST_DATE} < (($1::timestamptz - make_interval(days => $2::int)) AT TIME ZONE 'UTC')::date`;

/** Education tours: the group's request with the contact's name, e-mail and phone, and the messages sent. */
export const source: PersonalDataSource = {
  id: 'tours',
  label: 'Education tours',
  purpose: 'Schools and groups ask to visit the centre; the contact details are used to confirm, change or cancel the visit.',
  order: 40,
  auditEntity: 'tour-request',
  isKey: isIdKey,

  async find(db: Db, q) {
    const sql = new SubjectSql(q)
      .name('contact name', 'contact_name')
      .name('organisation', 'organisation')
      .phone('phone', 'phone')
      .email('e-mail', 'email');
    if (sql.empty) return [];
    const { text, labels } = sql.query("id::int AS id, reference, state, organisation, contact_name, to_char(tour_date, 'YYYY-MM-DD') AS tour_date, period, created_at", 'tour_requests', 'id');
    const { rows } = await db.query(text, sql.params);
    return rows.map((r) => ({
      key: String(r.id),
      summary: `${r.reference} · ${r.state}${r.tour_date ? ` for ${r.tour_date} ${r.period}` : ''} · ${r.organisation} · contact ${r.contact_name} · asked ${(r.created_at as Date).toISOString().slice(0, 10)}`,
      matchedOn: matchedLabels(r, labels),
    }));
  },

  async export(db, keys) {
    const ids = keys.filter(isIdKey).map(Number);
    if (!ids.length) return [];
    const { rows } = await db.query(
      `SELECT t.id::int AS id, reference, state, organisation, contact_name, email, phone, group_size, ages, accessibility, preferences, message, lang,
              requested_on::text AS requested_on, to_char(tour_date, 'YYYY-MM-DD') AS tour_date, period, staff_message, decided_at, created_at, updated_at,
              (SELECT count(*)::int FROM tour_links l WHERE l.request_id = t.id) AS links
         FROM tour_requests t WHERE t.id = ANY($1::bigint[]) ORDER BY t.id`,
      [ids],
    );
    const messages = await messagesAbout(db, RELATED, ids);
    return rows.map((r) => ({
      ref: `tours:${r.id}`,
      reference: r.reference,
      state: r.state,
      organisation: r.organisation,
      contactName: r.contact_name,
      email: r.email,
      phone: r.phone,
      groupSize: r.group_size,
      ages: r.ages,
      accessibility: r.accessibility,
      preferences: r.preferences,
      message: r.message,
      language: r.lang,
      requestedOn: r.requested_on,
      tourDate: r.tour_date,
      period: r.period,
      messageFromTheCentre: r.staff_message,
      decidedAt: iso(r.decided_at),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      privateLinks: { issued: r.links, note: 'Only a fingerprint of each private link is kept; the links themselves were sent to the contact.' },
      messages: messages.get(String(r.id)) ?? [],
    }));
  },

  async erase(tx, keys) {
    return eraseRequests(tx, keys.filter(isIdKey).map(Number));
  },

  retention: [
    {
      id: 'tours.requests',
      description: 'Tour requests with their contact details and messages: erased {days} days after the tour date or the decision (for a request never decided, after the last date asked for).',
      defaultDays: 730,
      async count(db, days, now) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tour_requests WHERE ${DUE}`, [now, days]);
        return rows[0]!.n;
      },
      async purge(tx, days, now, limit) {
        const { rows } = await tx.query<{ id: number }>(`SELECT id::int AS id FROM tour_requests WHERE ${DUE} ORDER BY id LIMIT ${Number(limit)}`, [now, days]);
        return (await eraseRequests(tx, rows.map((r) => r.id))).requests;
      },
    },
  ],
};
