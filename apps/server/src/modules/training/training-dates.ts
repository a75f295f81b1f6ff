import { addDays, localDateOf } from '../care/care-time';

export { addDays, localDateOf };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole calendar days from a to b (b later is positive); dates as YYYY-MM-DD, no zone involved. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The same day n months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb), as
 * certificates and probation periods count months.
 */
export function addMonths(date: string, n: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const y = Number(m[1]);
  const mon = Number(m[2]) - 1 + n;
  const first = new Date(Date.UTC(y, mon, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), last);
  return `${String(first.getUTCFullYear()).padStart(4, '0')}-${String(first.getUTCMonth() + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A real calendar date (2026-02-30 is not), for validating input. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() === Number(m[2]) - 1 && t.getUTCDate() === Number(m[3]);
}
