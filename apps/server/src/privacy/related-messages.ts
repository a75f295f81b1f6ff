import type pg from 'pg';
import type { Db } from './personal-data';

/** A message as an export shows it: everything the centre recorded of it. */
export interface ExportedMessage {
  id: number;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  purpose: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

export const MESSAGE_COLUMNS = 'id::int AS id, channel, recipient, subject, body, purpose, status, created_at, sent_at';

export function toExportedMessage(r: Record<string, unknown>): ExportedMessage {
  return {
    id: r.id as number,
    channel: r.channel as string,
    recipient: r.recipient as string,
    subject: (r.subject as string | null) ?? null,
    body: r.body as string,
    purpose: r.purpose as string,
    status: r.status as string,
    createdAt: (r.created_at as Date).toISOString(),
    sentAt: (r.sent_at as Date | null)?.toISOString() ?? null,
  };
}

const relatedKeys = (prefix: string, ids: Array<number | string>) => ids.map((id) => `${prefix}:${id}`);

/** The messages sent about records of a program (outbound_messages.related = '<prefix>:<id>'), by record. */
export async function messagesAbout(db: Db, prefix: string, ids: Array<number | string>): Promise<Map<string, ExportedMessage[]>> {
  const out = new Map<string, ExportedMessage[]>();
  if (!ids.length) return out;
  const { rows } = await db.query(`SELECT ${MESSAGE_COLUMNS}, related FROM outbound_messages WHERE related = ANY($1::text[]) ORDER BY id`, [relatedKeys(prefix, ids)]);
  for (const r of rows) {
    const id = String(r.related).slice(prefix.length + 1);
    out.set(id, [...(out.get(id) ?? []), toExportedMessage(r)]);
  }
  return out;
}

/** Erases the messages sent about those records: they repeat the person's name and details. */
export async function deleteMessagesAbout(tx: pg.PoolClient, prefix: string, ids: Array<number | string>): Promise<number> {
  if (!ids.length) return 0;
  const { rowCount } = await tx.query('DELETE FROM outbound_messages WHERE related = ANY($1::text[])', [relatedKeys(prefix, ids)]);
  return rowCount ?? 0;
}
