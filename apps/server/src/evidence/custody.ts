import type pg from 'pg';
import type { CustodyAction } from '@openpsap/contract';
import type { Actor } from '../events/actor';
import type { AuditDraft } from '../events/ledger';
import { runCommand } from '../events/run-command';
import type { AppContext } from '../http/app-context';

export interface CustodyDraft {
  evidenceId: number;
  action: CustodyAction;
  purpose?: string | null;
  /** Ids, states and numbers only: the audit twin of this row is kept forever. */
  detail?: Record<string, unknown> | null;
}

/**
 * Writes chain-of-custody rows inside the caller's transaction and returns their audit twins, so
 * the custody log and the chained audit log always say the same thing about who touched what.
 */
export async function writeCustody(tx: pg.PoolClient, now: Date, actor: Actor, entries: CustodyDraft[]): Promise<AuditDraft[]> {
  for (const e of entries) {
    await tx.query(
      `INSERT INTO evidence_custody (evidence_id, at, action, user_id, actor_label, ip, purpose, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.evidenceId, now, e.action, actor.userId, actor.label, actor.ip, e.purpose ?? null, e.detail ? JSON.stringify(e.detail) : null],
    );
  }
  return entries.map((e) => ({ action: `evidence.${e.action}`, entity: 'evidence', entityId: e.evidenceId, after: e.detail ?? null, purpose: e.purpose ?? null }));
}

/** Records accesses that change nothing else (a view, a download, a share link used). */
export async function logCustody(ctx: AppContext, actor: Actor, entries: CustodyDraft[]): Promise<void> {
  await runCommand(ctx.db.pool, actor, async (tx, now) => ({ result: null, audits: await writeCustody(tx, now, actor, entries) }));
}
