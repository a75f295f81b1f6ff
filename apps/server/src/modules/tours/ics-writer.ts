/**
 * A small iCalendar (RFC 5545) writer for single events: enough for a calendar app to add a
 * booked tour, without a library whose output we would have to check anyway.
 */

export interface IcsEvent {
  /** Globally unique and stable: a re-download updates the entry instead of adding a second one. */
  uid: string;
  /** When this copy was produced. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  /** CONFIRMED or CANCELLED, so a calendar can show a withdrawn booking as such. */
  status?: 'CONFIRMED' | 'CANCELLED';
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A UTC date-time in the form DTSTART wants (19980119T070000Z): no zone table needed. */
export function icsUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function icsEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no line is longer than 75 octets (RFC 5545 3.1): continuation lines
 * start with one space, which counts toward their 75. Splits only between characters, never
 * inside a UTF-8 sequence, so Spanish names survive intact.
 */
export function icsFold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** Control characters other than line breaks are not allowed in TEXT; they are dropped. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** One VCALENDAR with the given events, as the exact bytes to send (CRLF line ends, folded). */
export function writeCalendar(prodId: string, events: IcsEvent[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${prodId}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const e of events) {
    lines.push('BEGIN:VEVENT');
    lines.push(`UID:${clean(e.uid)}`);
    lines.push(`DTSTAMP:${icsUtc(e.stamp)}`);
    lines.push(`DTSTART:${icsUtc(e.start)}`);
    lines.push(`DTEND:${icsUtc(e.end)}`);
    lines.push(`SUMMARY:${icsEscape(clean(e.summary))}`);
    if (e.location) lines.push(`LOCATION:${icsEscape(clean(e.location))}`);
    if (e.description) lines.push(`DESCRIPTION:${icsEscape(clean(e.description))}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(icsFold).join(CRLF) + CRLF;
}
