import type { CareToday, CareTodayEntry, CareTodayState } from '@openpsap/contract';
import type { CareContext } from './care-context';
import { localDateOf, weekdayOf, windowOn } from './care-time';
import { boardRows, incidentNumbers, toAlert, type AlertRow, type DayRow, type EnrolmentRow } from './care.queries';

// What needs someone first: a welfare check under way, then missed windows, then those waiting.
const ORDER: CareTodayState[] = ['welfare-check', 'missed', 'waiting', 'upcoming', 'checked-in', 'resolved', 'not-today', 'paused'];

function stateOf(e: EnrolmentRow, day: DayRow | null, alert: AlertRow | null, date: string, now: Date, timeZone: string): CareTodayState {
  if (alert?.state === 'welfare-check') return 'welfare-check';
  if (day?.checked_in_at) return 'checked-in';
  if (alert?.state === 'open') return 'missed';
  if (alert?.state === 'resolved') return 'resolved';
  if (!e.active) return 'paused';
  const w = day ? { startAt: day.window_start_at } : windowOn(date, e.window_start, e.window_end, timeZone);
  const scheduled = date >= e.start_date && e.days.includes(weekdayOf(date)) && e.active_since !== null && w.startAt.getTime() >= e.active_since.getTime();
  if (!scheduled) return 'not-today';
  return now.getTime() < w.startAt.getTime() ? 'upcoming' : 'waiting';
}

/** Today's check-ins for every enrolment, most urgent first, for the dashboard. */
export async function todayBoard(ctx: CareContext): Promise<CareToday> {
  const now = ctx.clock.now();
  const tz = ctx.config.timeZone;
  const date = localDateOf(now, tz);
  const rows = await boardRows(ctx.db.pool, date);
  const numbers = await incidentNumbers(ctx.db.pool, rows.flatMap((r) => (r.alert?.incident_id ? [r.alert.incident_id] : [])));
  const entries: CareTodayEntry[] = rows.map(({ enrolment: e, day, alert }) => ({
    enrolmentId: e.id,
    personName: e.person_name,
    address: e.address_text,
    windowStart: e.window_start,
    windowEnd: e.window_end,
    state: stateOf(e, day, alert, date, now, tz),
    reminderSentAt: day?.reminder_sent_at?.toISOString() ?? null,
    checkedInAt: day?.checked_in_at?.toISOString() ?? null,
    checkedInVia: day?.checked_in_via ?? null,
    checkedInBy: day?.checked_in_by ?? null,
    alert: alert ? toAlert(alert) : null,
    incidentNumber: alert?.incident_id ? numbers.get(alert.incident_id) ?? null : null,
  }));
  entries.sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.windowStart.localeCompare(b.windowStart) || a.personName.localeCompare(b.personName));
  return { date, timeZone: tz, entries };
}
