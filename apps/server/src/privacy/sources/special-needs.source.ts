import type pg from 'pg';
import { isIdKey, type Db, type PersonalDataSource, type RetentionRule } from '../personal-data';
import { deleteMessagesAbout, messagesAbout } from '../related-messages';
import { matchedLabels, SubjectSql } from '../subject-match';

const RELATED = 'special-needs';
const reference = (id: number) => `SN-${String(id).padStart(6, '0')}`;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Erases notices with everything hanging off them. The caution they placed stays in the premise
 * history as "removed", but says nothing about anyone: no text, no address, and a position
 * rounded to about a kilometre.
 */
async function eraseNotices(tx: pg.PoolClient, ids: number[], now: Date) {
  const { rows } = await tx.query<{ id: number; caution_id: number | null; has_photo: boolean }>(
    'SELECT id, caution_id, photo IS NOT NULL AS has_photo FROM special_needs_notices WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  const found = rows.map((r) => r.id);
  if (!found.length) return { notices: 0, photos: 0, links: 0, messages: 0, cautionsBlanked: 0 };
  const cautions = await tx.query(
    `UPDATE premise_cautions SET removed_at = COALESCE(removed_at, $3), summary = 'Special-needs entry erased', details = NULL, details_by_role = NULL,
       address = NULL, lat = round(lat::numeric, 2), lon = round(lon::numeric, 2)
     WHERE id = ANY($1::int[]) OR (source = 'special-needs' AND source_id = ANY($2::text[]))`,
    [rows.map((r) => r.caution_id).filter((c): c is number => c !== null), found.map(String), now],
  );
  const links = await tx.query('DELETE FROM special_needs_links WHERE notice_id = ANY($1::int[])', [found]);
  const messages = await deleteMessagesAbout(tx, RELATED, found);
  await tx.query('DELETE FROM special_needs_notices WHERE id = ANY($1::int[])', [found]);
  return { notices: found.length, photos: rows.filter((r) => r.has_photo).length, links: links.rowCount ?? 0, messages, cautionsBlanked: cautions.rowCount ?? 0 };
}

/** A retention rule whose due notices are chosen by one condition on the notice row. */
function noticeRule(id: string, description: string, defaultDays: number, due: string): RetentionRule {
  return {
    id,
    description,
    defaultDays,
    async count(db, days, now) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM special_needs_notices WHERE ${due}`, [now, days]);
      return rows[0]!.n;
    },
    async purge(tx, days, now, limit) {
      const { rows } = await tx.query<{ id: number }>(`SELECT id FROM special_needs_notices WHERE ${due} ORDER BY id LIMIT ${Number(limit)}`, [now, days]);
      return (await eraseNotices(tx, rows.map((r) => r.id), now)).notices;
    },
  };
}

const cutoff = "$1::timestamptz - make_interval(days => $2::int)";

/** Special Needs Notifications: the form as the family sent it, its photo, links, caution and messages. */
export const source: PersonalDataSource = {
  id: 'special-needs',
  label: 'Special Needs Notifications',
  purpose:
    'Families tell the centre about a person with special needs (medical conditions, how to communicate, equipment, emergency contacts) so that call-takers, dispatchers and responders know it when a call comes from that address.',
  order: 10,
  auditEntity: 'special-needs',
  isKey: isIdKey,

  async find(db: Db, q) {
    const sql = new SubjectSql(q)
      .name('person name', 'person_name')
      .name('preferred name', "form->'person'->>'preferredName'")
      .name('submitter name', "form->'submitter'->>'name'")
      .name('consent signature', "form->'consent'->>'signedName'")
      .each("form->'contacts'", (c) => c.name('emergency contact name', "el->>'name'").phone('emergency contact phone', "el->>'phone'"))
      .phone('submitter phone', "form->'submitter'->>'phone'")
      .email('submitter e-mail', "form->'submitter'->>'email'")
      .address('address', 'address_text');
    if (sql.empty) return [];
    const { text, labels } = sql.query('id, state, person_name, address_text, submitted_at', 'special_needs_notices', 'id');
    const { rows } = await db.query(text, sql.params);
    return rows.map((r) => ({
      key: String(r.id),
      summary: `${reference(r.id)} · ${r.state} · ${r.person_name} · ${r.address_text} · submitted ${day(r.submitted_at)}`,
      matchedOn: matchedLabels(r, labels),
    }));
  },

  async export(db, keys) {
    const ids = keys.filter(isIdKey).map(Number);
    if (!ids.length) return [];
    const { rows } = await db.query(
      `SELECT n.*, (SELECT count(*)::int FROM special_needs_links l WHERE l.notice_id = n.id) AS links, (SELECT max(created_at) FROM special_needs_links l WHERE l.notice_id = n.id) AS last_link_at
         FROM special_needs_notices n WHERE n.id = ANY($1::int[]) ORDER BY n.id`,
      [ids],
    );
    const cautions = await db.query(
      `SELECT source_id, id, kind, summary, details_by_role, address, lat, lon, radius_m, expires_at, created_at, removed_at
         FROM premise_cautions WHERE source = 'special-needs' AND source_id = ANY($1::text[]) ORDER BY id`,
      [ids.map(String)],
    );
    const messages = await messagesAbout(db, RELATED, ids);
    return rows.map((n) => ({
      ref: `special-needs:${n.id}`,
      reference: reference(n.id),
      state: n.state,
      form: n.form,
      personName: n.person_name,
      address: n.address_text,
      location: n.lat === null ? null : { lat: n.lat, lon: n.lon, label: n.geocode_label, score: n.geocode_score },
      reviewMessage: n.review_message,
      submittedAt: iso(n.submitted_at),
      updatedAt: iso(n.updated_at),
      reviewedAt: iso(n.reviewed_at),
      confirmedAt: iso(n.confirmed_at),
      expiresAt: iso(n.expires_at),
      reminderSentAt: iso(n.reminder_sent_at),
      withdrawnAt: iso(n.withdrawn_at),
      photo: n.photo ? { contentType: 'image/jpeg', base64: (n.photo as Buffer).toString('base64') } : null,
      privateLinks: { issued: n.links, lastIssuedAt: iso(n.last_link_at), note: 'Only a fingerprint of each private link is kept; the links themselves were sent to the submitter.' },
      cautions: cautions.rows
        .filter((c) => c.source_id === String(n.id))
        .map((c) => ({ id: c.id, kind: c.kind, summary: c.summary, detailsByRole: c.details_by_role, address: c.address, lat: c.lat, lon: c.lon, radiusM: c.radius_m, expiresAt: iso(c.expires_at), createdAt: iso(c.created_at), removedAt: iso(c.removed_at) })),
      messages: messages.get(String(n.id)) ?? [],
    }));
  },

  async erase(tx, keys, now) {
    return eraseNotices(tx, keys.filter(isIdKey).map(Number), now);
  },

  retention: [
    noticeRule('special-needs.closed', 'Withdrawn or rejected notices, with their photo, links and messages: erased {days} days after they were withdrawn or rejected.', 90, `state IN ('withdrawn', 'rejected') AND updated_at < ${cutoff}`),
    noticeRule('special-needs.expired', 'Approved notices that were not re-confirmed: erased {days} days after they expired (their caution goes with them).', 365, `state = 'approved' AND expires_at < ${cutoff}`),
  ],
};
