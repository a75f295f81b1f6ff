import type pg from 'pg';
import { withTransaction } from '../db/transaction';
import type { Actor } from './actor';
import { appendLedgerAndCommit, type AuditDraft, type EventDraft } from './ledger';

/** What a command's body produces: its result plus the audit rows and the one event it writes. */
export interface CommandOutcome<T> {
  result: T;
  audits: AuditDraft[];
  event?: EventDraft;
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
      const seq = await appendLedgerAndCommit(tx, actor, now, outcome.audits, outcome.event);
      return { result: outcome.result, seq };
    },
    { bodyCommits: true },
  );
}
