import type { CareWeekday } from '@openpsap/contract';

// Local wall-clock arithmetic for CARE windows. The windows are promises made in local time
// ("between 08:00 and 10:00"), so they are converted to instants per date, never by adding 24 h.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant, in ms (negative west of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(new Date(ms), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar date (YYYY-MM-DD) an instant falls on in the zone: "today" for the centre. */
export function localDateOf(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The wall-clock time (HH:MM) of an instant in the zone, for messages and narratives. */
export function localTimeOf(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

function parseDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The date n days after (or before) a calendar date; calendar days, unaffected by DST. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

const WEEKDAYS_FROM_SUNDAY: CareWeekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Which day of the week a calendar date is (the same everywhere, so no zone is needed). */
export function weekdayOf(date: string): CareWeekday {
  const [y, m, d] = parseDate(date);
  return WEEKDAYS_FROM_SUNDAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/**
 * The instant a local date and wall-clock time (HH:MM) name in the zone. A time that happens
 * twice (the autumn change) is the first one; a time that does not exist (inside the spring gap)
 * moves forward by the gap, as a wall clock would show it (02:30 becomes 03:30 in New York).
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = parseDate(date);
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets in force a day either side cover any single transition near this time.
  const before = offsetAt(wanted - 86_400_000, timeZone);
  const after = offsetAt(wanted + 86_400_000, timeZone);
  const matches = [...new Set([before, after])]
    .map((off) => wanted - off)
    .filter((t) => wanted - offsetAt(t, timeZone) === t)
    .sort((a, b) => a - b);
  if (matches.length > 0) return new Date(matches[0]!);
  // In the gap: the offset before the change, applied to the wanted wall time, lands past the gap.
  return new Date(wanted - before);
}

/**
 * A day's check-in window as instants. Normally the two local times converted; when the spring
 * change swallows a window (02:00-03:00 becomes 03:00-03:00) it keeps its length from the moved
 * start, so a senior never gets an empty window.
 */
export function windowOn(date: string, start: string, end: string, timeZone: string): { startAt: Date; endAt: Date } {
  const startAt = zonedTimeToInstant(date, start, timeZone);
  let endAt = zonedTimeToInstant(date, end, timeZone);
  if (endAt.getTime() <= startAt.getTime()) {
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    endAt = new Date(startAt.getTime() + (minutes(end) - minutes(start)) * 60_000);
  }
  return { startAt, endAt };
}
