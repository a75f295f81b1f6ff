import type { AppContext } from '../../http/app-context';
import { systemActor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { Job } from '../../scheduler/scheduler';
import { cancelBoloIn } from './bolos.commands';

/**
 * BOLOs past their expiry come off every unit's screen, decided by the scheduler's clock. A BOLO
 * of a public alert still out is left to the alert's own expiry, which may have been extended.
 */
export async function expireBolos(ctx: AppContext, now: Date): Promise<number> {
  const due = `b.cancelled_at IS NULL AND b.expires_at <= $1 AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = b.alert_id AND a.state IN ('issued', 'updated'))`;
  const { rows } = await ctx.db.pool.query<{ id: number }>(`SELECT b.id FROM bolos b WHERE ${due} ORDER BY b.id`, [now]);
  let n = 0;
  for (const { id } of rows) {
    const { result } = await runCommand(ctx.db.pool, systemActor('bolo-expiry'), async (tx) => {
      const still = await tx.query(`SELECT 1 FROM bolos b WHERE b.id = $2 AND ${due} FOR UPDATE OF b`, [now, id]);
      if (!still.rowCount) return { result: false, audits: [] };
      const { event } = await cancelBoloIn(tx, now, id, 'expired', { expired: true });
      return { result: true, audits: [{ action: 'bolo.expire', entity: 'bolo', entityId: id }], event };
    });
    if (result) n++;
  }
  return n;
}

// A minute late is within what a BOLO's expiry means to a unit.
export const boloExpiryJob = (ctx: AppContext): Job => ({ name: 'bolo-expiry', everyMs: 60_000, run: async (now) => void (await expireBolos(ctx, now)) });
