/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone: what "today" is at the centre. */
export function localDateOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The instant a local wall-clock time happens on a local date, so that a 10:00 tour is 10:00 at the
 * centre in winter and in summer. A time that does not exist (02:30 on the spring change) comes out an
 * hour early and an ambiguous one (01:30 on the autumn change) as its first occurrence; no slot is near either.
 */
export function localTimeToUtc(date: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the wall time read as UTC is right except within hours of a change; one more
  // look at the offset at the first guess settles it.
  const first = wall - zoneOffsetMs(timeZone, new Date(wall));
  const second = wall - zoneOffsetMs(timeZone, new Date(first));
  return new Date(second);
}
