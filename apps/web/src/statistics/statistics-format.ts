/** Numbers as the dashboard and the annual report print them, so the two read alike. */
export const count = (n: number) => Math.round(n).toLocaleString('en-US');
export const share = (s: number | null | undefined) => (s === null || s === undefined ? '–' : `${(Math.round(s * 1000) / 10).toFixed(1)}%`);

/** "12.4 s" under a minute, "1:04" above, "1:02:03" above an hour. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export { INTERVAL_LABELS } from '@openpsap/contract';
