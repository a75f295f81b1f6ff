import { createHash } from 'node:crypto';
import type pg from 'pg';
import { auditCanonicalText } from '../events/ledger';

export interface ChainReport {
  ok: boolean;
  rows: number;
  head: string;
  /** The first row that does not match, and why. */
  firstBad: { seq: number; reason: string } | null;
}

const ZERO = '0'.repeat(64);
const PAGE = 5_000;

/**
 * Re-derives every audit row's hash from its stored fields and the previous row's hash, and
 * checks the ledger's head. An edited field, a deleted or inserted row, or a truncated tail
 * all show up as the first row (or the head) where the chain stops matching.
 */
export async function verifyAuditChain(pool: pg.Pool): Promise<ChainReport> {
  let prev = ZERO;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT seq, at, actor_user_id, actor_label, ip, action, entity, entity_id, before, after, purpose, prev_hash, hash
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, PAGE],
    );
    for (const r of rows) {
      if (r.seq !== expectedSeq) return bad(count, prev, expectedSeq, `row ${expectedSeq} is missing (next row is ${r.seq})`);
      if (r.prev_hash !== prev) return bad(count, prev, r.seq, 'prev_hash does not match the hash of the row before it');
      const canon = auditCanonicalText({
        at: (r.at as Date).toISOString(),
        actorUserId: r.actor_user_id,
        actorLabel: r.actor_label,
        ip: r.ip,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        purpose: r.purpose,
      });
      const h = createHash('sha256').update(`${prev}|${r.seq}|${canon}`, 'utf8').digest('hex');
      if (h !== r.hash) return bad(count, prev, r.seq, 'contents do not match its hash (the row was altered)');
      prev = h;
      expectedSeq++;
      count++;
    }
    if (rows.length < PAGE) break;
  }
  const { rows: head } = await pool.query<{ audit_seq: number; audit_hash: string }>('SELECT audit_seq, audit_hash FROM ledger WHERE id = 1');
  const l = head[0]!;
  if (l.audit_seq !== count) return bad(count, prev, count + 1, `the ledger records ${l.audit_seq} rows but ${count} are present (rows were deleted or added)`);
  if (l.audit_hash !== prev) return bad(count, prev, count, 'the last row does not match the ledger head hash');
  return { ok: true, rows: count, head: prev, firstBad: null };
}

function bad(rows: number, head: string, seq: number, reason: string): ChainReport {
  return { ok: false, rows, head, firstBad: { seq, reason } };
}
