/**
 * Durations as agencies' own reports write them. "m:ss" also takes "MM:SS:00": a spreadsheet that
 * saw "25:58" read it as 25 hours 58 minutes and wrote it back with ":00" (South Metro Fire's
 * columns do this for every value of 24 minutes or more), so the trailing ":00" is dropped.
 */
export type IntervalFormat = 'm:ss' | 'h:mm:ss' | 'seconds' | 'minutes';

/** Seconds, or null when the text is not a duration in the format. */
export function parseDuration(text: string, format: IntervalFormat): number | null {
  const neg = text.startsWith('-');
  const s = neg ? text.slice(1) : text;
  let v: number | null = null;
  if (format === 'm:ss') {
    const m = /^(\d+):([0-5]\d)(?::00)?$/.exec(s);
    if (m) v = Number(m[1]) * 60 + Number(m[2]);
  } else if (format === 'h:mm:ss') {
    const m = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(s);
    if (m) v = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  } else {
    if (/^\d+(\.\d+)?$/.test(s)) v = Number(s) * (format === 'minutes' ? 60 : 1);
  }
  return v === null ? null : neg ? -v : v;
}
