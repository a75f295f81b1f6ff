/** A date as YYYY-MM-DD in the browser's own calendar (the centre's floor). */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface Period {
  from: string;
  to: string;
}

export const PRESETS = ['today', 'last-7-days', 'last-month', 'year-to-date'] as const;
export type Preset = (typeof PRESETS)[number] | `year-${number}` | 'custom';

export const PRESET_LABELS: Record<(typeof PRESETS)[number], string> = {
  today: 'Today',
  'last-7-days': 'Last 7 days',
  'last-month': 'Last month',
  'year-to-date': 'Year to date',
};

/** The days a preset covers, counted back from `today` (last month = the previous calendar month). */
export function presetPeriod(p: Exclude<Preset, 'custom'>, today = new Date()): Period {
  const y = today.getFullYear();
  const m = today.getMonth();
  switch (p) {
    case 'today':
      return { from: isoDay(today), to: isoDay(today) };
    case 'last-7-days':
      return { from: isoDay(new Date(y, m, today.getDate() - 6)), to: isoDay(today) };
    case 'last-month':
      return { from: isoDay(new Date(y, m - 1, 1)), to: isoDay(new Date(y, m, 0)) };
    case 'year-to-date':
      return { from: `${y}-01-01`, to: isoDay(today) };
    default: {
      const year = Number(p.slice(5));
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
  }
}

/** The years offered as presets: this one and the five before. */
export function recentYears(today = new Date()): number[] {
  return Array.from({ length: 6 }, (_, i) => today.getFullYear() - i);
}
