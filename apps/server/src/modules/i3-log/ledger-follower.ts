import type pg from 'pg';
import type { AnyStreamEvent } from '@openpsap/contract';
import { withTransaction } from '../../db/transaction';
import { eventFromRow, EVENT_COLUMNS, type EventRow } from '../../realtime/event-row';

export interface AuditRow {
  seq: number;
  at: Date;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  after: Record<string, unknown> | null;
}

export interface FollowerBatch {
  events: AnyStreamEvent[];
  audits: AuditRow[];
}

const BATCH = 500;

/**
 * Reads the ledger (events, and optionally the audit log) after a named cursor and hands each
 * batch to `handle` inside the transaction that moves the cursor. Both logs are numbered
 * gap-free in commit order, so a cursor is an exact bookmark: what `handle` writes commits with
 * the cursor or not at all, and nothing is handled twice or skipped, across restarts and servers
 * (the cursor row is locked while a batch is worked).
 */
export async function followLedger(
  pool: pg.Pool,
  name: string,
  opts: { audit: boolean },
  handle: (tx: pg.PoolClient, batch: FollowerBatch, now: Date) => Promise<void>,
): Promise<number> {
  let handled = 0;
  for (;;) {
    const n = await withTransaction(pool, async (tx, now) => {
      await tx.query('INSERT INTO ledger_followers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
      const { rows } = await tx.query<{ event_seq: string; audit_seq: string }>('SELECT event_seq, audit_seq FROM ledger_followers WHERE name = $1 FOR UPDATE', [name]);
      const cursor = { event: Number(rows[0]!.event_seq), audit: Number(rows[0]!.audit_seq) };
      const ev = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`, [cursor.event]);
      const au = opts.audit
        ? await tx.query<AuditRow>(`SELECT seq, at, actor_user_id, actor_label, action, entity, entity_id, after FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`, [cursor.audit])
        : { rows: [] as AuditRow[] };
      if (ev.rows.length === 0 && au.rows.length === 0) return 0;
      await handle(tx, { events: ev.rows.map(eventFromRow), audits: au.rows }, now);
      const lastEvent = ev.rows.at(-1)?.seq ?? cursor.event;
      const lastAudit = au.rows.at(-1)?.seq ?? cursor.audit;
      await tx.query('UPDATE ledger_followers SET event_seq = $2, audit_seq = $3, updated_at = $4 WHERE name = $1', [name, lastEvent, lastAudit, now]);
      return ev.rows.length + au.rows.length;
    });
    handled += n;
    if (n === 0) return handled;
  }
}
