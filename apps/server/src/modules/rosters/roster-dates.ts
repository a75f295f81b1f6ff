import { localTimeToUtc } from '../tours/tour-time';
import type { ShiftKind } from '@openpsap/contract';

/** Calendar dates as YYYY-MM-DD, counted in whole days with UTC arithmetic (no zone can shift them). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return dateOfDay(dayNumber(date) + n);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(dateOfDay(d));
  return out;
}

export interface ShiftTimes {
  dayStart: string;
  nightStart: string;
}

/**
 * The instants a shift starts and ends. Both ends are local wall-clock times converted on their
 * own dates, so a night over a clock change lasts 11 or 13 hours, as the people working it do.
 */
export function shiftWindow(date: string, shift: ShiftKind, times: ShiftTimes, timeZone: string): { start: Date; end: Date; hours: number } {
  const start = localTimeToUtc(date, shift === 'D' ? times.dayStart : times.nightStart, timeZone);
  const endDate = shift === 'D' ? (times.nightStart > times.dayStart ? date : addDays(date, 1)) : times.dayStart > times.nightStart ? date : addDays(date, 1);
  const end = localTimeToUtc(endDate, shift === 'D' ? times.nightStart : times.dayStart, timeZone);
  return { start, end, hours: (end.getTime() - start.getTime()) / 3_600_000 };
}

/** The local date and hour of an instant in the centre's zone. */
export function localDateHour(at: Date, timeZone: string): { date: string; hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), weekday };
}
