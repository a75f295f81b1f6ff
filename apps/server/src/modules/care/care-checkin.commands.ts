import type { CareCheckInResult, CareCheckInVia } from '@openpsap/contract';
import { conflict, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { addNarrative } from '../incidents/incidents.commands';
import { nothingToDo, runCareCommand } from './care-command-runner';
import type { CareContext } from './care-context';
import { localDateOf, localTimeOf, windowOn } from './care-time';
import { alertForDay, getAlertRow, getEnrolmentRow, incidentNumbers, insertDays, lockDay, toAlert, type EnrolmentRow } from './care.queries';

const CARE_ROOMS = ['centre'];

function howText(via: CareCheckInVia, by: string): string {
  return via === 'link' ? 'by link' : via === 'code' ? 'with the check-in code' : `by phone call (${by})`;
}

/**
 * Records that the senior is OK today. A check-in counts for the centre's local date it is made
 * on, any time that day (before the window too): the question is "is she OK today". A check-in
 * after a missed window resolves the open alert; one after the welfare check was created adds a
 * line to that incident so responders learn it, and leaves the incident to them.
 */
export async function checkIn(ctx: CareContext, actor: Actor, enrolment: EnrolmentRow, via: CareCheckInVia, by: string, note: string | null): Promise<CareCheckInResult> {
  if (!enrolment.active) throw conflict('daily check-ins are paused for this person; call the centre to resume them');
  const at = ctx.clock.now();
  const tz = ctx.config.timeZone;
  const date = localDateOf(at, tz);
  const how = howText(via, by);
  const outcome = await runCareCommand<{ result: CareCheckInResult; welfareIncidentId: number | null }, CareCheckInResult>(ctx.db.pool, actor, async (tx) => {
    // The day may not be laid out yet (a check-in before the scheduler's first run of the day).
    const w = windowOn(date, enrolment.window_start, enrolment.window_end, tz);
    await insertDays(tx, [{ enrolmentId: enrolment.id, date, startAt: w.startAt, endAt: w.endAt }]);
    const day = (await lockDay(tx, enrolment.id, date))!;
    if (day.checked_in_at) nothingToDo({ date, checkedInAt: day.checked_in_at.toISOString(), alreadyCheckedIn: true });
    await tx.query(
      'UPDATE care_days SET checked_in_at = $3, checked_in_via = $4, checked_in_by = $5, checked_in_note = $6 WHERE enrolment_id = $1 AND local_date = $2::date',
      [enrolment.id, date, at, via, by, note],
    );
    const result: CareCheckInResult = { date, checkedInAt: at.toISOString(), alreadyCheckedIn: false };
    const audits = [{ action: 'care.check-in', entity: 'care-enrolment', entityId: enrolment.id, after: { date, via, by, at: result.checkedInAt, note: note !== null } }];
    const alert = await alertForDay(tx, enrolment.id, date, true);
    if (!alert || alert.state === 'resolved') return { result: { result, welfareIncidentId: null }, audits };
    const resolution = alert.state === 'open' ? `checked in ${how} at ${localTimeOf(at, tz)}` : `checked in ${how} at ${localTimeOf(at, tz)}, after the welfare check was created`;
    if (alert.state === 'open') {
      await tx.query("UPDATE care_alerts SET state = 'resolved', resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1", [alert.id, at, actor.userId, resolution]);
    } else {
      await tx.query('UPDATE care_alerts SET resolution = $2 WHERE id = $1', [alert.id, resolution]);
    }
    const updated = toAlert((await getAlertRow(tx, alert.id))!);
    return {
      result: { result, welfareIncidentId: alert.state === 'welfare-check' ? alert.incident_id : null },
      audits: [...audits, { action: 'care.alert-resolve', entity: 'care-alert', entityId: alert.id, before: { state: alert.state }, after: { state: updated.state, by: 'check-in', via } }],
      event: { type: 'care.alert-updated', agencyId: null, rooms: CARE_ROOMS, data: { alert: updated } },
    };
  });
  if (!outcome.done) return outcome.value;
  const { result, welfareIncidentId } = outcome.result;
  if (welfareIncidentId !== null) {
    // After the check-in committed: the check-in stands even if the incident cannot take a line.
    await addNarrative(ctx.db.pool, actor, welfareIncidentId, `CARE: ${enrolment.person_name} checked in ${how} at ${localTimeOf(at, tz)} on ${date}.`).catch((e: Error) =>
      ctx.log(`CARE check-in of enrolment ${enrolment.id} not added to incident ${welfareIncidentId}: ${e.message}`),
    );
  }
  return result;
}

/** Staff close an open alert: they reached the senior, or know why no check is needed ("in hospital"). */
export async function resolveAlert(ctx: CareContext, actor: Actor, alertId: number, note: string) {
  const first = await getAlertRow(ctx.db.pool, alertId);
  if (!first) throw notFound(`CARE alert ${alertId}`);
  const at = ctx.clock.now();
  return runCommand(ctx.db.pool, actor, async (tx) => {
    await lockDay(tx, first.enrolment_id, first.local_date);
    const alert = (await getAlertRow(tx, alertId, true))!;
    if (alert.state === 'resolved') throw conflict(`CARE alert ${alertId} was already resolved at ${alert.resolved_at!.toISOString()}: ${alert.resolution ?? ''}`.trim());
    if (alert.state === 'welfare-check') {
      const number = (await incidentNumbers(tx, [alert.incident_id!])).get(alert.incident_id!) ?? String(alert.incident_id);
      throw conflict(`CARE alert ${alertId} is already welfare-check incident ${number}; add what you learned to that incident`);
    }
    await tx.query("UPDATE care_alerts SET state = 'resolved', resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1", [alertId, at, actor.userId, note]);
    const updated = toAlert((await getAlertRow(tx, alertId))!);
    return {
      result: updated,
      audits: [{ action: 'care.alert-resolve', entity: 'care-alert', entityId: alertId, before: { state: 'open' }, after: { state: 'resolved', by: 'staff', note: true } }],
      event: { type: 'care.alert-updated', agencyId: null, rooms: CARE_ROOMS, data: { alert: updated } },
    };
  });
}

/** Staff record a check-in after speaking to the senior on the phone. */
export async function checkInByStaff(ctx: CareContext, actor: Actor, enrolmentId: number, note: string | null): Promise<CareCheckInResult> {
  const enrolment = await getEnrolmentRow(ctx.db.pool, enrolmentId);
  if (!enrolment) throw notFound(`CARE enrolment ${enrolmentId}`);
  return checkIn(ctx, actor, enrolment, 'staff', actor.label, note);
}
