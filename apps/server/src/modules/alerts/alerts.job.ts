import type { AppContext } from '../../http/app-context';
import { systemActor } from '../../events/actor';
import type { EventDraft } from '../../events/ledger';
import { runCommand } from '../../events/run-command';
import type { Job } from '../../scheduler/scheduler';
import { cancelBoloIn } from '../bolos/bolos.commands';

/**
 * Alerts past their expiry: marked expired and their BOLO taken off units' screens. No CAP message
 * is sent; receivers drop an alert at its own `expires`. Decided by the scheduler's clock.
 */
export async function expireAlerts(ctx: AppContext, now: Date): Promise<number> {
  const { rows } = await ctx.db.pool.query<{ id: number }>(`SELECT id FROM alerts WHERE state IN ('issued', 'updated') AND expires_at <= $1 ORDER BY id`, [now]);
  let n = 0;
  for (const { id } of rows) {
    const { result } = await runCommand(ctx.db.pool, systemActor('alerts-expiry'), async (tx) => {
      const { rows: r } = await tx.query<{ bolo_id: number | null }>(`UPDATE alerts SET state = 'expired', updated_at = $2 WHERE id = $1 AND state IN ('issued', 'updated') AND expires_at <= $2 RETURNING bolo_id`, [id, now]);
      if (!r[0]) return { result: false, audits: [] };
      let event: EventDraft | undefined;
      const boloId = r[0].bolo_id;
      if (boloId && (await tx.query('SELECT 1 FROM bolos WHERE id = $1 AND cancelled_at IS NULL', [boloId])).rowCount) event = (await cancelBoloIn(tx, now, boloId, 'public alert expired')).event;
      return { result: true, audits: [{ action: 'alert.expire', entity: 'alert', entityId: id, after: { boloId } }], ...(event ? { event } : {}) };
    });
    if (result) n++;
  }
  return n;
}

// A minute late is within what a public alert's expiry means.
export const alertsExpiryJob = (ctx: AppContext): Job => ({ name: 'alerts-expiry', everyMs: 60_000, run: async (now) => void (await expireAlerts(ctx, now)) });
