/**
 * Local wall-clock times of an export turned into instants in the export's own zone. Offsets come
 * from the runtime's time-zone database and are cached per quarter-hour (every zone's offset changes
 * on a quarter-hour), so a file of 100k rows asks Intl a few thousand times at most.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

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

/** The zone's offset from UTC in minutes at an instant. */
export function offsetMinutes(zone: string, utcMs: number): number {
  const key = `${zone}|${Math.floor(utcMs / 900_000)}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(Math.floor(utcMs / 900_000) * 900_000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const off = Math.round((asUtc - Math.floor(utcMs / 900_000) * 900_000) / 60_000);
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, off);
  return off;
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
