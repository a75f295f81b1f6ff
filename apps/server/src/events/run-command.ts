import type pg from 'pg';
import { withTransaction } from '../db/transaction';
import type { Actor } from './actor';
import { appendLedgerAndCommit, type AuditDraft, type EventDraft, type LateValue } from './ledger';

/** What a command's body produces: its result plus the audit rows and the one event it writes. */
export interface CommandOutcome<T> {
  result: T;
  audits: AuditDraft[];
  event?: EventDraft;
  /** A value computed in the final round trip; its token in `result` is replaced too. */
  late?: LateValue;
}

/**
 * The one way state changes: business rules and rows in one transaction, then the audit rows
 * and the event appended last (holding the ledger lock only for the append and the commit).
 * Returns after COMMIT, so a caller never acknowledges a write that could still be lost.
 */
export async function runCommand<T>(
  pool: pg.Pool,
  actor: Actor,
  body: (tx: pg.PoolClient, now: Date) => Promise<CommandOutcome<T>>,
): Promise<{ result: T; seq: number }> {
  return withTransaction(
    pool,
    async (tx, now) => {
      const outcome = await body(tx, now);
      const { seq, late } = await appendLedgerAndCommit(tx, actor, now, outcome.audits, outcome.event, outcome.late);
      const result = late !== null && outcome.late ? (JSON.parse(JSON.stringify(outcome.result).replaceAll(outcome.late.token, late)) as T) : outcome.result;
      return { result, seq };
    },
    { bodyCommits: true },
  );
}
