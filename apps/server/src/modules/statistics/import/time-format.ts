/**
 * Date and time formats as profiles write them ("M/D/YYYY h:mm:ss A", "HH:mm:ss", "ISO"), compiled
 * once per column into a regular expression, so a 100k-row file is read without a date library.
 */

/** A wall-clock reading: a date and a time, or (for time-only columns) a time of day. */
export interface LocalReading {
  date: { y: number; mo: number; d: number } | null;
  /** Seconds after midnight, with milliseconds; null for date-only formats. */
  secondOfDay: number | null;
  /** The text carried its own UTC offset (ISO with Z or +hh:mm): this is the instant. */
  instant?: number;
}

export interface CompiledFormat {
  text: string;
  hasDate: boolean;
  hasTime: boolean;
  parse(value: string): LocalReading | null;
}

const TOKEN = /YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|hh|h|mm|ss|S{1,3}|A|\s+|./g;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function isoFormat(): CompiledFormat {
  return {
    text: 'ISO',
    hasDate: true,
    hasTime: true,
    parse(value) {
      const m = ISO.exec(value);
      if (!m) return null;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!validDate(y, mo, d)) return null;
      const h = Number(m[4] ?? 0);
      const mi = Number(m[5] ?? 0);
      const s = Number(m[6] ?? 0);
      if (h > 23 || mi > 59 || s > 59) return null;
      const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
      const secondOfDay = h * 3600 + mi * 60 + s + ms / 1000;
      const reading: LocalReading = { date: { y, mo, d }, secondOfDay };
      if (m[8]) {
        const z = m[8].toUpperCase();
        const off = z === 'Z' ? 0 : (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)));
        reading.instant = Date.UTC(y, mo - 1, d) + secondOfDay * 1000 - off * 60_000;
      }
      return reading;
    },
  };
}

/** "Jan", "january", "Sept" -> 1..12, or 0 (which no date accepts). */
function monthNumber(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.indexOf(n.slice(0, 3));
  if (i < 0) return 0;
  const full = new Date(Date.UTC(2000, i, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }).toLowerCase();
  return n.length === 3 || full.startsWith(n) ? i + 1 : 0;
}

/** Seconds (EPOCH) or milliseconds (EPOCH_MS) since 1970 UTC: the text is the instant itself. */
function epochFormat(text: 'EPOCH' | 'EPOCH_MS'): CompiledFormat {
  return {
    text,
    hasDate: true,
    hasTime: true,
    parse(value) {
      if (!/^\d{9,13}(\.\d+)?$/.test(value)) return null;
      const instant = Math.round(Number(value) * (text === 'EPOCH' ? 1000 : 1));
      const d = new Date(instant);
      return { date: { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate() }, secondOfDay: (instant % 86_400_000) / 1000, instant };
    },
  };
}

/** Compiles a format; throws with the reason when it has an unknown shape (a profile error). */
export function compileFormat(text: string): CompiledFormat {
  if (text.toUpperCase() === 'ISO') return isoFormat();
  if (text === 'EPOCH' || text === 'EPOCH_MS') return epochFormat(text);
  const parts: string[] = [];
  const slots: string[] = [];
  for (const tok of text.match(TOKEN) ?? []) {
    switch (tok) {
      case 'YYYY':
        parts.push('(\\d{4})');
        slots.push('Y4');
        break;
      case 'YY':
        parts.push('(\\d{2})');
        slots.push('Y2');
        break;
      case 'MMM':
      case 'MMMM':
        parts.push('([A-Za-z]{3,9})\\.?');
        slots.push('Mon');
        break;
      case 'M':
      case 'MM':
        parts.push('(\\d{1,2})');
        slots.push('M');
        break;
      case 'D':
      case 'DD':
        parts.push('(\\d{1,2})');
        slots.push('D');
        break;
      case 'H':
      case 'HH':
        parts.push('(\\d{1,2})');
        slots.push('H');
        break;
      case 'h':
      case 'hh':
        parts.push('(\\d{1,2})');
        slots.push('h');
        break;
      case 'mm':
        parts.push('(\\d{2})');
        slots.push('m');
        break;
      case 'ss':
        parts.push('(\\d{2})');
        slots.push('s');
        break;
      case 'A':
        parts.push('([AaPp][Mm])');
        slots.push('A');
        break;
      default:
        if (/^S+$/.test(tok)) {
          parts.push('(\\d{1,6})');
          slots.push('S');
        } else if (/^\s+$/.test(tok)) parts.push('\\s+');
        else parts.push(escape(tok));
    }
  }
  const has = (k: string) => slots.includes(k) || (k === 'M' && slots.includes('Mon'));
  const hasDate = has('Y4') || has('Y2');
  const hasTime = has('H') || has('h');
  if (hasDate && !(has('M') && has('D'))) throw new Error(`"${text}" has a year but not both a month (M) and a day (D)`);
  if (!hasDate && (has('M') || has('D'))) throw new Error(`"${text}" has a month or day but no year (YYYY or YY)`);
  if (!hasDate && !hasTime) throw new Error(`"${text}" has neither a date (YYYY, M, D) nor a time (H or h, mm)`);
  if (has('h') !== has('A')) throw new Error(`"${text}": a 12-hour clock (h) needs AM/PM (A), and A needs h`);
  if (hasTime && !has('m')) throw new Error(`"${text}" has an hour but no minutes (mm)`);
  const re = new RegExp(`^${parts.join('')}$`);
  return {
    text,
    hasDate,
    hasTime,
    parse(value) {
      const m = re.exec(value);
      if (!m) return null;
      let y = 0;
      let mo = 0;
      let d = 0;
      let h = 0;
      let mi = 0;
      let s = 0;
      let ms = 0;
      let pm: boolean | null = null;
      slots.forEach((slot, i) => {
        const v = m[i + 1]!;
        if (slot === 'Y4') y = Number(v);
        else if (slot === 'Y2') y = Number(v) + (Number(v) < 70 ? 2000 : 1900);
        else if (slot === 'M') mo = Number(v);
        else if (slot === 'Mon') mo = monthNumber(v);
        else if (slot === 'D') d = Number(v);
        else if (slot === 'H' || slot === 'h') h = Number(v);
        else if (slot === 'm') mi = Number(v);
        else if (slot === 's') s = Number(v);
        else if (slot === 'S') ms = Math.round(Number(`0.${v}`) * 1000);
        else if (slot === 'A') pm = v.toUpperCase() === 'PM';
      });
      if (pm !== null) {
        if (h < 1 || h > 12) return null;
        h = (h % 12) + (pm ? 12 : 0);
      }
      if (h > 23 || mi > 59 || s > 59) return null;
      if (hasDate && !validDate(y, mo, d)) return null;
      return { date: hasDate ? { y, mo, d } : null, secondOfDay: hasTime ? h * 3600 + mi * 60 + s + ms / 1000 : null };
    },
  };
}

/** Reads a value with the first of several formats that fits, or null. */
export function readLocal(value: string, formats: CompiledFormat[]): LocalReading | null {
  for (const f of formats) {
    const r = f.parse(value);
    if (r) return r;
  }
  return null;
}
