/** Counts with thousands separators, as the analyst reads them. */
export const count = (n: number) => n.toLocaleString('en-US');

/** A change as a signed percentage: -0.512 -> "−51%", small ones with a decimal. */
export function percent(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  const v = x * 100;
  const digits = Math.abs(v) < 10 ? 1 : 0;
  const s = Math.abs(v).toFixed(digits);
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${s}%`;
}

/** Place names as datasets often give them, in capitals, read as names: "UPPER MERION" -> "Upper Merion". */
export const placeName = (s: string) => s.replace(/\b([A-Z])([A-Z]+)\b/g, (_, a: string, b: string) => a + b.toLowerCase());

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const DAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Colours of the legend's classes, quietest first: readable on the dark map and in daylight. */
export const CLASS_COLOURS = ['#3b2a6b', '#7a2e8e', '#c33d6f', '#f07a4a', '#fcd86b'];

/** Approximate cell sizes for the resolution picker (H3 average hexagon areas). */
export const RESOLUTIONS: { value: number; label: string }[] = [
  { value: 6, label: 'Very large (about 36 km²)' },
  { value: 7, label: 'Large (about 5 km²)' },
  { value: 8, label: 'Medium (about 0.7 km²)' },
  { value: 9, label: 'Small (about 0.1 km², a few blocks)' },
  { value: 10, label: 'Very small (about 0.015 km², a block face)' },
];

/** Legend rows from the class upper bounds: "1–2", "3–5", ..., with one colour each from the top. */
export function legendRows(breaks: number[]): { colour: string; label: string }[] {
  const colours = CLASS_COLOURS.slice(CLASS_COLOURS.length - breaks.length);
  return breaks.map((b, i) => {
    const lo = i === 0 ? 1 : breaks[i - 1]! + 1;
    return { colour: colours[i]!, label: lo === b ? count(b) : `${count(lo)}–${count(b)}` };
  });
}

/** What a result counted, in words, from the filters the server applied (not the form's unsent ones). */
export function describeCounted(meta: { categories: string[]; types: string[]; days: number[] | null; hourFrom: number | null; hourTo: number | null; from: string | null; to: string | null }): string {
  const what = [...meta.categories, ...meta.types];
  const parts = [what.length ? what.join(', ') : 'all types'];
  if (meta.from || meta.to) parts.push(`${meta.from ?? 'the start'} to ${meta.to ?? 'the end'}`);
  if (meta.days && meta.days.length < 7) parts.push(meta.days.map((d) => DAY_SHORT[d - 1]).join(', '));
  if (meta.hourFrom !== null || meta.hourTo !== null) parts.push(`${hourLabel(meta.hourFrom ?? 0)}–${hourLabel(meta.hourTo ?? 23).replace(':00', ':59')}`);
  return parts.join('; ');
}
