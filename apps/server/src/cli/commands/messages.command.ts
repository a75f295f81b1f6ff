import { cliActor, withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { withTransaction } from '../../db/transaction';
import { appendLedger } from '../../events/ledger';

interface MessageRow {
  id: string;
  created_at: Date;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  purpose: string;
  status: string;
}

/**
 * The centre's outbox. With the local messaging stand-in (the demo) nothing leaves the machine, so
 * this is where the sign-in links, upload links and reminders the public would receive are read.
 * Messages hold personal data: each listing is in the audit log.
 */
export const messagesListCommand: Command = {
  path: ['messages', 'list'],
  summary: 'show the latest text messages and e-mails the centre sent (the demo keeps them here)',
  usage: 'psap messages list [--to ADDRESS] [--limit N] [--json]',
  options: { to: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  flagHelp: [['--to ADDRESS', 'only those to this phone number or e-mail address'], ['--limit N', 'how many, newest first (default 10, at most 500)'], ['--json', 'print JSON']],
  async run({ values }) {
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500');
    const to = typeof values.to === 'string' ? values.to.trim() : null;
    if (to === '') throw new UsageError('--to must name a phone number or e-mail address');
    // Phone numbers are stored as digits; an address is matched without regard to case.
    const digits = to && !to.includes('@') ? to.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '') : null;
    return withDatabase(async (db) => {
      const rows = await withTransaction(db.pool, async (tx, now) => {
        const { rows } = await tx.query<MessageRow>(
          `SELECT id, created_at, channel, recipient, subject, body, purpose, status FROM outbound_messages
            WHERE $1::text IS NULL OR lower(recipient) = lower($1) OR ($2::text <> '' AND recipient = $2)
            ORDER BY id DESC LIMIT $3`,
          [to, digits ?? '', limit],
        );
        await appendLedger(tx, cliActor(), now, [{ action: 'messages.list', entity: 'outbound-messages', entityId: to ?? 'all', after: { count: rows.length } }]);
        return rows;
      });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(rows.map((r) => ({ ...r, id: Number(r.id) })))}\n`);
        return 0;
      }
      if (!rows.length) {
        process.stdout.write(to ? `no messages to ${to}\n` : 'no messages sent yet\n');
        return 0;
      }
      for (const r of rows) {
        process.stdout.write(`#${r.id} ${r.created_at.toISOString()} ${r.channel} to ${r.recipient} (${r.purpose}, ${r.status})\n`);
        if (r.subject) process.stdout.write(`  ${r.subject}\n`);
        process.stdout.write(`${r.body.split('\n').map((l) => `  ${l}`).join('\n')}\n\n`);
      }
      return 0;
    });
  },
};
