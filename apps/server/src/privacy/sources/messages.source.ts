import type pg from 'pg';
import type { Db, PersonalDataSource } from '../personal-data';
import { MESSAGE_COLUMNS, toExportedMessage } from '../related-messages';

// One key per recipient: 'sms-<national digits>' or 'email-<address>'. Such keys are personal in
// themselves, so this source has no audit entity: audit rows count its records instead.
const SMS_KEY = /^sms-(\d{3,20})$/;
const EMAIL_KEY = /^email-([^\s@]+@[^\s@]+)$/;
const KEY_OF = `CASE WHEN channel = 'sms' THEN 'sms-' || privacy_phone_digits(recipient) ELSE 'email-' || lower(trim(recipient)) END`;

function splitKeys(keys: string[]): { phones: string[]; emails: string[] } {
  const phones: string[] = [];
  const emails: string[] = [];
  for (const k of keys) {
    const p = SMS_KEY.exec(k)?.[1];
    const e = EMAIL_KEY.exec(k)?.[1];
    if (p) phones.push(p);
    else if (e) emails.push(e.toLowerCase());
  }
  return { phones, emails };
}

const BY_KEYS = `((channel = 'sms' AND privacy_phone_digits(recipient) = ANY($1::text[])) OR (channel = 'email' AND lower(trim(recipient)) = ANY($2::text[])))`;

/** Every SMS and e-mail the centre sent to the public, found by the number or address it went to. */
export const source: PersonalDataSource = {
  id: 'messages',
  label: 'Messages sent',
  purpose:
    'Text messages and e-mails the centre sent to members of the public: acknowledgements, reminders, confirmations and alerts of the programs above. They are kept as a record of what the centre told whom.',
  order: 90,
  isKey: (key) => SMS_KEY.test(key) || EMAIL_KEY.test(key),

  async find(db: Db, q) {
    if (!q.phoneDigits && !q.email) return [];
    const { rows } = await db.query(
      `SELECT ${KEY_OF} AS key, min(recipient) AS recipient, count(*)::int AS n, min(created_at) AS first_at, max(created_at) AS last_at,
              array_agg(DISTINCT purpose ORDER BY purpose) AS purposes
         FROM outbound_messages
        WHERE (channel = 'sms' AND $1::text IS NOT NULL AND privacy_phone_digits(recipient) LIKE '%' || $1)
           OR (channel = 'email' AND $2::text IS NOT NULL AND lower(trim(recipient)) = $2)
        GROUP BY 1 ORDER BY 1 LIMIT 50`,
      [q.phoneDigits, q.email],
    );
    return rows.map((r) => ({
      key: r.key as string,
      summary: `${r.n} ${String(r.key).startsWith('sms-') ? 'text message' : 'e-mail'}${r.n === 1 ? '' : 's'} to ${r.recipient}, ${(r.first_at as Date).toISOString().slice(0, 10)} to ${(r.last_at as Date).toISOString().slice(0, 10)}: ${(r.purposes as string[]).join(', ')}`,
      matchedOn: [String(r.key).startsWith('sms-') ? 'recipient phone' : 'recipient e-mail'],
    }));
  },

  async export(db, keys) {
    const { phones, emails } = splitKeys(keys);
    if (!phones.length && !emails.length) return [];
    const { rows } = await db.query(`SELECT ${MESSAGE_COLUMNS}, related, ${KEY_OF} AS key FROM outbound_messages WHERE ${BY_KEYS} ORDER BY id`, [phones, emails]);
    return rows.map((r) => ({ ref: `messages:${r.key}`, about: r.related, ...toExportedMessage(r) }));
  },

  async erase(tx: pg.PoolClient, keys) {
    const { phones, emails } = splitKeys(keys);
    if (!phones.length && !emails.length) return { messages: 0 };
    const { rowCount } = await tx.query(`DELETE FROM outbound_messages WHERE ${BY_KEYS}`, [phones, emails]);
    return { messages: rowCount ?? 0 };
  },

  retention: [
    {
      id: 'messages.sent',
      description: 'Text messages and e-mails sent to the public: erased {days} days after they were sent.',
      defaultDays: 365,
      async count(db, days, now) {
        const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbound_messages WHERE created_at < $1::timestamptz - make_interval(days => $2::int)", [now, days]);
        return rows[0]!.n;
      },
      async purge(tx, days, now, limit) {
        const { rowCount } = await tx.query(
          `DELETE FROM outbound_messages WHERE id IN (SELECT id FROM outbound_messages WHERE created_at < $1::timestamptz - make_interval(days => $2::int) ORDER BY id LIMIT ${Number(limit)} FOR UPDATE)`,
          [now, days],
        );
        return rowCount ?? 0;
      },
    },
  ],
};
