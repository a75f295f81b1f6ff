import { addDays, localDateOf, weekdayOf, windowOn } from './care-time';
import type { PlannedDay, ScheduleRow } from './care.queries';

/**
 * The local dates the scheduler looks at: yesterday and today. Yesterday is there because a late
 * window's alert and escalation run past midnight, and because a server that was down at a
 * window's end still owes that day its alert when it comes back; older days are history.
 */
export function datesInScope(now: Date, timeZone: string): string[] {
  const today = localDateOf(now, timeZone);
  return [addDays(today, -1), today];
}

/**
 * The days an enrolment is due to check in, among the dates in scope: on one of its weekdays, on
 * or after its start date, and with a window that opens after it was enrolled or resumed (someone
 * enrolled at 09:00 is not expected in that morning's 08:00-10:00 window).
 */
export function plannedDays(s: ScheduleRow, now: Date, timeZone: string): PlannedDay[] {
  const out: PlannedDay[] = [];
  for (const date of datesInScope(now, timeZone)) {
    if (date < s.start_date || !s.days.includes(weekdayOf(date))) continue;
    const w = windowOn(date, s.window_start, s.window_end, timeZone);
    if (w.startAt.getTime() < s.active_since.getTime()) continue;
    out.push({ enrolmentId: s.id, date, startAt: w.startAt, endAt: w.endAt });
  }
  return out;
}
