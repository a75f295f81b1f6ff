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

// Building an Intl.DateTimeFormat costs far more than using one; a year's roster converts
// thousands of wall-clock times, so one formatter per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallParts(at: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number; weekday: string } {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { y: Number(get('year')), mo: Number(get('month')), d: Number(get('day')), h: Number(get('hour')), mi: Number(get('minute')), s: Number(get('second')), weekday: get('weekday') };
}

function zoneOffsetMs(timeZone: string, at: Date): number {
  const p = wallParts(at, timeZone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens on a local date. A time skipped by the spring change
 * comes out an hour early, an ambiguous autumn time as its first occurrence; shift starts are never there.
 */
export function wallTimeToUtc(date: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const first = wall - zoneOffsetMs(timeZone, new Date(wall));
  return new Date(wall - zoneOffsetMs(timeZone, new Date(first)));
}

const windows = new Map<string, { start: Date; end: Date; hours: number }>();

/**
 * The instants a shift starts and ends. Both ends are local wall-clock times converted on their
 * own dates, so a night over a clock change lasts 11 or 13 hours, as the people working it do.
 */
export function shiftWindow(date: string, shift: ShiftKind, times: ShiftTimes, timeZone: string): { start: Date; end: Date; hours: number } {
  const key = `${timeZone}|${date}|${shift}|${times.dayStart}|${times.nightStart}`;
  const hit = windows.get(key);
  if (hit) return { ...hit };
  const start = wallTimeToUtc(date, shift === 'D' ? times.dayStart : times.nightStart, timeZone);
  const endDate = shift === 'D' ? (times.nightStart > times.dayStart ? date : addDays(date, 1)) : times.dayStart > times.nightStart ? date : addDays(date, 1);
  const end = wallTimeToUtc(endDate, shift === 'D' ? times.nightStart : times.dayStart, timeZone);
  const w = { start, end, hours: (end.getTime() - start.getTime()) / 3_600_000 };
  if (windows.size > 50_000) windows.clear();
  windows.set(key, w);
  return { ...w };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The local date and hour of an instant in the centre's zone. */
export function localDateHour(at: Date, timeZone: string): { date: string; hour: number; weekday: number } {
  const p = wallParts(at, timeZone);
  return { date: `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`, hour: p.h, weekday: WEEKDAYS.indexOf(p.weekday) + 1 };
}
