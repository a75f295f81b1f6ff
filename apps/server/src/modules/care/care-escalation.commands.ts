import type pg from 'pg';
import type { CareAlert } from '@openpsap/contract';
import { createIncident } from '../incidents/incidents.commands';
import { locate } from '../incidents/locate';
import type { Actor } from '../../events/actor';
import { nothingToDo, runCareCommand } from './care-command-runner';
import type { CareContext } from './care-context';
import { careActor } from './care-schedule.commands';
import { localTimeOf } from './care-time';
import { getAlertRow, getEnrolmentRow, lockDay, toAlert, type AlertRow, type DayRow, type EnrolmentRow } from './care.queries';

const CARE_ROOMS = ['centre'];

// The first narrative line of a welfare incident names its alert. It is written in the same
// transaction as the incident, so after a crash between creating the incident and linking it to
// the alert the next run finds it by this line instead of creating a second one.
const markerOf = (alertId: number) => `CARE alert #${alertId}:`;

/** What responders need on a welfare check: who, where, what was missed, who to call, how to get in. */
export function welfareNarrative(alert: AlertRow, e: EnrolmentRow, day: DayRow, timeZone: string): string {
  const t = (d: Date | null) => (d ? localTimeOf(d, timeZone) : null);
  const lines = [
    `${markerOf(alert.id)} ${e.person_name} missed the daily check-in window ${e.window_start}-${e.window_end} on ${alert.local_date} and no one confirmed they are OK.`,
    `Person: ${e.person_name}${e.phone ? `, phone ${e.phone}` : ''}. Address: ${e.address_text}.`,
    `Reminder: ${day.reminder_sent_at ? `sent at ${t(day.reminder_sent_at)}` : 'none sent'}. Alert opened at ${t(alert.opened_at)}; contacts ${day.contacts_notified_at ? `texted at ${t(day.contacts_notified_at)}` : 'not texted'}.`,
    `Contacts: ${e.contacts.map((c) => `${c.name} (${c.relation}) ${c.phone}`).join('; ')}.`,
    `Notes: ${e.notes ?? 'none'}`,
  ];
  return lines.join('\n').slice(0, 8000);
}

/**
 * A welfare incident already created for this alert by a run that stopped before linking it. The
 * marker (alert id) decides; the day of slack only narrows the scan, since incident times come from
 * the database clock and alert times from the scheduler's.
 */
async function findWelfareIncident(db: pg.PoolClient, alert: AlertRow): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT i.id FROM incidents i
      WHERE i.created_at >= $2::timestamptz - interval '1 day' AND i.type_code = 'WELFARE'
        AND EXISTS (SELECT 1 FROM incident_narrative n WHERE n.incident_id = i.id AND n.author_label = $3 AND n.text LIKE $1)
      ORDER BY i.id LIMIT 1`,
    [`${markerOf(alert.id)}%`, alert.created_at, careActor.label],
  );
  return rows[0]?.id ?? null;
}

/**
 * Creates the WELFARE incident at the senior's address, through the same command a call-taker
 * uses (numbering, zones, the incident.created event). Exported so the crash test can stop here.
 */
export async function createWelfareIncident(ctx: CareContext, alert: AlertRow, e: EnrolmentRow, day: DayRow): Promise<number> {
  const location = e.lat !== null && e.lon !== null ? { text: e.address_text, lat: e.lat, lon: e.lon, verified: false } : { text: e.address_text };
  const engine = ctx.geo?.ready ? ctx.geo.current : null;
  const { result } = await createIncident(ctx.db.pool, careActor, { type: 'WELFARE', location, narrative: welfareNarrative(alert, e, day, ctx.config.timeZone) }, locate(engine, location));
  return result.id;
}

/**
 * Turns one alert still open at its escalation time into a welfare check, exactly once. The day
 * row stays locked while the incident is created on another connection, so a check-in, a staff
 * resolution or another server's run of the same alert waits and then finds it done.
 */
export async function escalateAlert(ctx: CareContext, alertId: number, now: Date, opts: { force?: boolean; actor?: Actor } = {}): Promise<CareAlert | null> {
  const first = await getAlertRow(ctx.db.pool, alertId);
  if (!first) return null;
  // A call-taker may send the welfare check before the delay runs out ("no answer, go now").
  const outcome = await runCareCommand<CareAlert>(ctx.db.pool, opts.actor ?? careActor, async (tx) => {
    const day = await lockDay(tx, first.enrolment_id, first.local_date);
    const alert = (await getAlertRow(tx, alertId, true))!;
    if (!day || alert.state !== 'open' || (!opts.force && alert.escalates_at.getTime() > now.getTime())) nothingToDo(null);
    const e = (await getEnrolmentRow(tx, alert.enrolment_id))!;
    const incidentId = (await findWelfareIncident(tx, alert)) ?? (await createWelfareIncident(ctx, alert, e, day!));
    await tx.query("UPDATE care_alerts SET state = 'welfare-check', incident_id = $2 WHERE id = $1", [alertId, incidentId]);
    await tx.query('UPDATE care_days SET escalated_at = $3 WHERE enrolment_id = $1 AND local_date = $2::date AND escalated_at IS NULL', [alert.enrolment_id, alert.local_date, now]);
    const updated = toAlert((await getAlertRow(tx, alertId))!);
    return {
      result: updated,
      audits: [{ action: 'care.escalate', entity: 'care-alert', entityId: alertId, before: { state: 'open' }, after: { state: 'welfare-check', incidentId } }],
      event: { type: 'care.alert-updated', agencyId: null, rooms: CARE_ROOMS, data: { alert: updated } },
    };
  });
  return outcome.done ? outcome.result : null;
}

/** Escalates every open alert whose time has come, oldest first; one failure does not stop the rest. */
export async function escalateDueAlerts(ctx: CareContext, now: Date): Promise<number> {
  const { rows } = await ctx.db.pool.query<{ id: number }>("SELECT id FROM care_alerts WHERE state = 'open' AND escalates_at <= $1 ORDER BY escalates_at, id", [now]);
  let n = 0;
  for (const r of rows) {
    try {
      if (await escalateAlert(ctx, r.id, now)) n++;
    } catch (e) {
      ctx.log(`CARE alert ${r.id} not escalated (will retry): ${(e as Error).message}`);
    }
  }
  return n;
}
