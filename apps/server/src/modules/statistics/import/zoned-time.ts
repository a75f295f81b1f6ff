/**
 * Local wall-clock times of an export turned into instants in the export's own zone. Offsets come
 * from the runtime's time-zone database, cached per UTC day (and per quarter-hour on the days a zone
 * changes its offset, which it does on a quarter-hour), so ten years of times ask Intl a few
 * thousand times.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const dayOffsets = new Map<string, number>();

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

function exactOffset(zone: string, quarter: number): number {
  const key = `${zone}|${quarter}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const at = quarter * 900_000;
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const off = Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at) / 60_000);
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/**
 * The zone's offset from UTC in minutes at an instant. A UTC day whose first and last quarter-hours
 * have the same offset has it throughout (no zone changes twice in a day), so most days cost two
 * lookups however many times fall on them; only the few days with a change go by quarter-hour.
 */
export function offsetMinutes(zone: string, utcMs: number): number {
  const quarter = Math.floor(utcMs / 900_000);
  const day = Math.floor(quarter / 96);
  const key = `${zone}|${day}`;
  let d = dayOffsets.get(key);
  if (d === undefined) {
    const a = exactOffset(zone, day * 96);
    d = a === exactOffset(zone, day * 96 + 95) ? a : Number.NaN;
    if (dayOffsets.size > 200_000) dayOffsets.clear();
    dayOffsets.set(key, d);
  }
  return Number.isNaN(d) ? exactOffset(zone, quarter) : d;
}

/**
 * The instant of a local date and time in a zone. In the autumn hour that happens twice the
 * earlier one is taken (CAD exports rarely say which); a time in the spring gap, which no clock
 * showed, is read with the offset before the change (02:30 becomes 03:30 daylight time).
 */
export function localToInstant(zone: string, y: number, mo: number, d: number, secondOfDay: number): number {
  const wall = Date.UTC(y, mo - 1, d) + secondOfDay * 1000;
  const before = offsetMinutes(zone, wall - 12 * 3600_000);
  const after = offsetMinutes(zone, wall + 12 * 3600_000);
  let best: number | null = null;
  for (const off of before === after ? [before] : [before, after]) {
    const t = wall - off * 60_000;
    if (offsetMinutes(zone, t) === off && (best === null || t < best)) best = t;
  }
  return best ?? wall - before * 60_000;
}

/** The local calendar date of an instant in a zone (for time-of-day columns keyed to a date). */
export function localDateOf(zone: string, utcMs: number): { y: number; mo: number; d: number } {
  const t = new Date(utcMs + offsetMinutes(zone, utcMs) * 60_000);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
