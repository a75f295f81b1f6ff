import type { CareContact } from '@openpsap/contract';
import { systemActor } from '../../events/actor';
import { nothingToDo, runCareCommand } from './care-command-runner';
import type { CareContext } from './care-context';
import { contactText, reminderText } from './care-messages';
import { checkInLink } from './care-codes';
import { datesInScope, plannedDays } from './care-schedule';
import { localTimeOf } from './care-time';
import { activeSchedules, getAlertRow, getEnrolmentRow, insertDays, lockDay, toAlert } from './care.queries';

// Each step below takes its stamp with UPDATE ... WHERE <stamp> IS NULL before anything leaves
// the building. The gateway records a message on its own connection, so it cannot share the
// stamp's transaction: the stamp commits first and the message is sent after. A crash in between
// loses that one message (its audit row has no outbound_messages row beside it) but nothing is
// ever sent twice, and a second server running the same step finds the stamp taken.

/** Who the scheduler's CARE steps are recorded as in events, audit rows and incident narratives. */
export const careActor = systemActor('care');
const CARE_ROOMS = ['centre'];

/** Lays out the due days (today and yesterday) of every active enrolment; existing rows are kept. */
export async function planDays(ctx: CareContext, now: Date): Promise<void> {
  const schedules = await activeSchedules(ctx.db.pool);
  await insertDays(ctx.db.pool, schedules.flatMap((s) => plannedDays(s, now, ctx.config.timeZone)));
}

async function send(ctx: CareContext, m: { to: string; body: string; purpose: string; enrolmentId: number }): Promise<void> {
  try {
    const r = await ctx.messages.send({ channel: 'sms', to: m.to, body: m.body, purpose: m.purpose, related: `care:${m.enrolmentId}` });
    if (r.status === 'failed') ctx.log(`CARE ${m.purpose} to enrolment ${m.enrolmentId} failed: ${r.error ?? 'unknown error'}`);
  } catch (e) {
    ctx.log(`CARE ${m.purpose} to enrolment ${m.enrolmentId} could not be sent: ${(e as Error).message}`);
  }
}

/**
 * Sends the reminder of every window open now, once: only while the window is open (a reminder
 * after it closed would only confuse), and not to someone who already checked in today.
 */
export async function sendReminders(ctx: CareContext, now: Date): Promise<number> {
  type Due = { enrolment_id: number; local_date: string; person_name: string; phone: string; language: 'en' | 'es'; link_token: string; window_end: string };
  const outcome = await runCareCommand<Due[]>(ctx.db.pool, careActor, async (tx) => {
    const { rows } = await tx.query<Due>(
      `UPDATE care_days d SET reminder_sent_at = $1
         FROM care_enrolments e
        WHERE e.id = d.enrolment_id AND e.active AND e.phone IS NOT NULL AND d.window_start_at >= e.active_since
          AND d.local_date = ANY($2::date[]) AND d.window_start_at <= $1 AND d.window_end_at > $1
          AND d.reminder_sent_at IS NULL AND d.checked_in_at IS NULL
        RETURNING d.enrolment_id, d.local_date::text AS local_date, e.person_name, e.phone, e.language, e.link_token, to_char(e.window_end, 'HH24:MI') AS window_end`,
      [now, datesInScope(now, ctx.config.timeZone)],
    );
    if (rows.length === 0) nothingToDo(null);
    return { result: rows, audits: rows.map((r) => ({ action: 'care.reminder', entity: 'care-enrolment', entityId: r.enrolment_id, after: { date: r.local_date, channel: 'sms' } })) };
  });
  if (!outcome.done) return 0;
  for (const r of outcome.result) {
    await send(ctx, { to: r.phone, body: reminderText(r.language, r.person_name, r.window_end, checkInLink(ctx.publicUrl, r.link_token)), purpose: 'care.reminder', enrolmentId: r.enrolment_id });
  }
  return outcome.result.length;
}

/**
 * Opens an alert for every window that closed without a check-in, one command (and one
 * care.alert-opened event) per day. A check-in on a later day also answers the question, so a
 * server back from an outage does not raise yesterday's alert for someone who checked in today.
 */
export async function openMissedAlerts(ctx: CareContext, now: Date): Promise<number> {
  const { rows } = await ctx.db.pool.query<{ enrolment_id: number; local_date: string }>(
    `SELECT d.enrolment_id, d.local_date::text AS local_date
       FROM care_days d JOIN care_enrolments e ON e.id = d.enrolment_id
      WHERE e.active AND d.window_start_at >= e.active_since AND d.local_date = ANY($2::date[])
        AND d.window_end_at <= $1 AND d.missed_at IS NULL AND d.checked_in_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM care_days later WHERE later.enrolment_id = d.enrolment_id AND later.checked_in_at > d.window_end_at)
      ORDER BY d.window_end_at, d.enrolment_id`,
    [now, datesInScope(now, ctx.config.timeZone)],
  );
  let opened = 0;
  for (const c of rows) {
    const outcome = await runCareCommand(ctx.db.pool, careActor, async (tx) => {
      const day = await lockDay(tx, c.enrolment_id, c.local_date);
      if (!day || day.missed_at || day.checked_in_at) nothingToDo(null);
      const e = await getEnrolmentRow(tx, c.enrolment_id);
      if (!e?.active) nothingToDo(null);
      await tx.query('UPDATE care_days SET missed_at = $3 WHERE enrolment_id = $1 AND local_date = $2::date AND missed_at IS NULL', [c.enrolment_id, c.local_date, now]);
      const { rows: ins } = await tx.query<{ id: number }>(
        `INSERT INTO care_alerts (enrolment_id, local_date, state, opened_at, escalates_at)
         VALUES ($1, $2::date, 'open', $3, $3::timestamptz + make_interval(mins => $4)) RETURNING id`,
        [c.enrolment_id, c.local_date, now, e!.escalation_minutes],
      );
      const alert = toAlert((await getAlertRow(tx, ins[0]!.id))!);
      return {
        result: alert,
        audits: [{ action: 'care.missed', entity: 'care-alert', entityId: alert.id, after: { enrolmentId: alert.enrolmentId, date: alert.date, state: alert.state, escalatesAt: alert.escalatesAt } }],
        event: { type: 'care.alert-opened', agencyId: null, rooms: CARE_ROOMS, data: { alert } },
      };
    }).catch((err: Error) => (ctx.log(`CARE miss of enrolment ${c.enrolment_id} on ${c.local_date} not recorded: ${err.message}`), { done: false as const }));
    if (outcome.done) opened++;
  }
  return opened;
}

/**
 * Texts the contacts of every day whose alert is open and whose contacts were not told yet. A
 * separate step from opening the alert so that a crash right after the alert still tells them.
 */
export async function notifyContacts(ctx: CareContext, now: Date): Promise<number> {
  type Due = { enrolment_id: number; local_date: string; person_name: string; language: 'en' | 'es'; contacts: CareContact[]; window_start: string; window_end: string; escalates_at: Date };
  const outcome = await runCareCommand<Due[]>(ctx.db.pool, careActor, async (tx) => {
    const { rows } = await tx.query<Due>(
      `UPDATE care_days d SET contacts_notified_at = $1
         FROM care_enrolments e, care_alerts a
        WHERE e.id = d.enrolment_id AND a.enrolment_id = d.enrolment_id AND a.local_date = d.local_date AND a.state = 'open'
          AND d.local_date = ANY($2::date[]) AND d.missed_at IS NOT NULL AND d.contacts_notified_at IS NULL AND d.checked_in_at IS NULL
        RETURNING d.enrolment_id, d.local_date::text AS local_date, e.person_name, e.language, e.contacts,
                  to_char(e.window_start, 'HH24:MI') AS window_start, to_char(e.window_end, 'HH24:MI') AS window_end, a.escalates_at`,
      [now, datesInScope(now, ctx.config.timeZone)],
    );
    if (rows.length === 0) nothingToDo(null);
    return {
      result: rows,
      audits: rows.map((r) => ({ action: 'care.contacts-notified', entity: 'care-enrolment', entityId: r.enrolment_id, after: { date: r.local_date, contacts: r.contacts.length } })),
    };
  });
  if (!outcome.done) return 0;
  for (const r of outcome.result) {
    const body = contactText(r.language, r.person_name, `${r.window_start}-${r.window_end}`, localTimeOf(r.escalates_at, ctx.config.timeZone));
    for (const c of r.contacts) await send(ctx, { to: c.phone, body, purpose: 'care.contacts-notified', enrolmentId: r.enrolment_id });
  }
  return outcome.result.length;
}
