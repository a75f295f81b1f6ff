import { describe, expect, it } from 'vitest';
import { icsEscape, icsFold, icsUtc, writeCalendar } from './ics-writer';
import { parseIcs } from './tour-test-fixtures';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('iCalendar writer (RFC 5545)', () => {
  it('escapes backslashes, semicolons, commas and every kind of line break', () => {
    expect(icsEscape('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(icsEscape('plain text: colons stay')).toBe('plain text: colons stay');
  });

  it('writes UTC times with a Z and no fractions', () => {
    expect(icsUtc(new Date('2031-03-18T14:00:00.000Z'))).toBe('20310318T140000Z');
    expect(icsUtc(new Date('2031-12-31T23:59:59.999Z'))).toBe('20311231T235959Z');
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    expect(icsFold('X'.repeat(75))).toBe('X'.repeat(75));
    const folded = icsFold(`DESCRIPTION:${'ñ'.repeat(60)}🚒${'a'.repeat(100)}`);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
    for (const line of physical.slice(1)) expect(line.startsWith(' ')).toBe(true);
    // The first line is full up to the last whole character: 12 + 31 x 2 = 74, and one more ñ would make 76.
    expect(octets(physical[0]!)).toBe(74);
    expect(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`DESCRIPTION:${'ñ'.repeat(60)}🚒${'a'.repeat(100)}`);
    expect(folded).not.toContain('\uFFFD');
  });

  it('writes a calendar a reader can parse back to the same values', () => {
    const summary = 'Tour: St. Mary\'s School; grades 3, 4 \\ 5';
    const description = `Line one, with a comma;\nline two – accents: señora, niños.\n${'Long text '.repeat(20)}`;
    const text = writeCalendar('-//Test//EN', [
      {
        uid: 'tour-T-ABCDEF@example.org',
        stamp: new Date('2031-03-03T15:00:00Z'),
        start: new Date('2031-03-18T14:00:00Z'),
        end: new Date('2031-03-18T15:30:00Z'),
        summary,
        location: '9-1-1 Center, visitor entrance',
        description,
        status: 'CONFIRMED',
      },
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare line breaks anywhere
    const { lines, events } = parseIcs(text);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // the description was folded
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      UID: 'tour-T-ABCDEF@example.org',
      DTSTAMP: '20310303T150000Z',
      DTSTART: '20310318T140000Z',
      DTEND: '20310318T153000Z',
      SUMMARY: summary,
      LOCATION: '9-1-1 Center, visitor entrance',
      DESCRIPTION: description,
      STATUS: 'CONFIRMED',
    });
  });

  it('drops control characters that TEXT may not carry', () => {
    const text = writeCalendar('-//Test//EN', [{ uid: 'u', stamp: new Date(0), start: new Date(0), end: new Date(0), summary: 'a\u0000b\u0007c\td' }]);
    expect(parseIcs(text).events[0]!.SUMMARY).toBe('abc\td');
  });
});
