import type { CareAlertDetail, CareEnrolment } from '@openpsap/contract';
import { withTransaction } from '../../db/transaction';
import { notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { appendLedger } from '../../events/ledger';
import type { CareContext } from './care-context';
import { getAlertRow, getEnrolmentRow, recentDays, toAlert, toEnrolment } from './care.queries';

/**
 * A senior's whole record (contacts, notes for responders, check-in code) for someone who said
 * why they need it. The read and its purpose go into the audit chain in the same transaction, so
 * there is no read without its audit row.
 */
export async function readEnrolment(ctx: CareContext, actor: Actor, id: number, purpose: string): Promise<CareEnrolment> {
  return withTransaction(ctx.db.pool, async (tx, now) => {
    const row = await getEnrolmentRow(tx, id);
    if (!row) throw notFound(`CARE enrolment ${id}`);
    const enrolment = toEnrolment(row, ctx.publicUrl, await recentDays(tx, id));
    await appendLedger(tx, actor, now, [{ action: 'care.view', entity: 'care-enrolment', entityId: id, purpose }]);
    return enrolment;
  });
}

/** An alert with the senior's whole record, as the call-taker working it needs; audited like readEnrolment. */
export async function readAlertDetail(ctx: CareContext, actor: Actor, alertId: number, purpose: string): Promise<CareAlertDetail> {
  return withTransaction(ctx.db.pool, async (tx, now) => {
    const alert = await getAlertRow(tx, alertId);
    if (!alert) throw notFound(`CARE alert ${alertId}`);
    const row = (await getEnrolmentRow(tx, alert.enrolment_id))!;
    const detail = { alert: toAlert(alert), enrolment: toEnrolment(row, ctx.publicUrl, await recentDays(tx, row.id)) };
    await appendLedger(tx, actor, now, [{ action: 'care.view', entity: 'care-enrolment', entityId: row.id, purpose, after: { alertId } }]);
    return detail;
  });
}
