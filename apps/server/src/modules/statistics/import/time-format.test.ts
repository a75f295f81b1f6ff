import { describe, expect, it } from 'vitest';
import { CsvChunkParser, type CsvRecord } from './csv-stream';
import { parseDuration } from './source-intervals';
import { compileFormat } from './time-format';
import { localToInstant } from './zoned-time';

describe('time formats of CAD exports', () => {
  it('reads 12- and 24-hour clocks, two-digit years, ISO, and refuses impossible dates', () => {
    expect(compileFormat('M/D/YYYY h:mm:ss A').parse('12/31/2016 11:57:56 PM')).toEqual({ date: { y: 2016, mo: 12, d: 31 }, secondOfDay: 23 * 3600 + 57 * 60 + 56 });
    expect(compileFormat('M/D/YYYY h:mm:ss A').parse('1/1/2017 12:01:47 AM')?.secondOfDay).toBe(107);
    expect(compileFormat('M/D/YY H:mm').parse('12/31/20 0:00')).toEqual({ date: { y: 2020, mo: 12, d: 31 }, secondOfDay: 0 });
    expect(compileFormat('HH:mm:ss').parse('07:05:17')).toEqual({ date: null, secondOfDay: 7 * 3600 + 5 * 60 + 17 });
    expect(compileFormat('ISO').parse('2019-01-02T00:00:00Z')?.instant).toBe(Date.UTC(2019, 0, 2));
    expect(compileFormat('M/D/YYYY h:mm:ss A').parse('13/45/2016 10:02:00 AM')).toBeNull();
    expect(compileFormat('M/D/YYYY H:mm').parse('2/29/2019 10:02')).toBeNull();
    expect(compileFormat('M/D/YYYY h:mm A').parse('2/28/2019 13:02 PM')).toBeNull();
    expect(compileFormat('MMM D, YYYY h:mm A').parse('Sept 5, 2019 3:04 PM')).toEqual({ date: { y: 2019, mo: 9, d: 5 }, secondOfDay: 15 * 3600 + 4 * 60 });
    expect(compileFormat('DD-MMM-YY HH:mm').parse('05-Jan-19 03:04')?.date).toEqual({ y: 2019, mo: 1, d: 5 });
    expect(compileFormat('DD-MMM-YY HH:mm').parse('05-Jab-19 03:04')).toBeNull();
    expect(compileFormat('EPOCH').parse('1546300800')?.instant).toBe(Date.UTC(2019, 0, 1));
    expect(compileFormat('EPOCH_MS').parse('1546300800123')?.instant).toBe(Date.UTC(2019, 0, 1) + 123);
    expect(() => compileFormat('M/D h:mm')).toThrow(/no year/);
    expect(() => compileFormat('M/D/YYYY h:mm')).toThrow(/AM\/PM/);
  });

  it('turns local times into instants across daylight-saving changes', () => {
    // 2016-03-13 02:30 did not happen in New York: read with the offset before the change.
    expect(new Date(localToInstant('America/New_York', 2016, 3, 13, 2.5 * 3600)).toISOString()).toBe('2016-03-13T07:30:00.000Z');
    // 2016-11-06 01:30 happened twice: the earlier (daylight) one is taken.
    expect(new Date(localToInstant('America/New_York', 2016, 11, 6, 1.5 * 3600)).toISOString()).toBe('2016-11-06T05:30:00.000Z');
    expect(new Date(localToInstant('America/Denver', 2019, 7, 1, 12 * 3600)).toISOString()).toBe('2019-07-01T18:00:00.000Z');
  });

  it('reads agencies\' m:ss durations, including a spreadsheet\'s "MM:SS:00"', () => {
    expect(parseDuration('0:38', 'm:ss')).toBe(38);
    expect(parseDuration('25:58:00', 'm:ss')).toBe(25 * 60 + 58);
    expect(parseDuration('15662:54', 'm:ss')).toBe(15662 * 60 + 54);
    expect(parseDuration('1:02:03', 'h:mm:ss')).toBe(3723);
    expect(parseDuration('0:7', 'm:ss')).toBeNull();
  });

  it('parses CSV split anywhere across chunks, quotes and CRLF included', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\r\n"multi\nline",,\n4,5"in,6';
    for (let cut = 1; cut < text.length; cut++) {
      const p = new CsvChunkParser();
      const out: CsvRecord[] = [];
      p.push(text.slice(0, cut), out);
      p.push(text.slice(cut), out);
      p.end(out);
      expect(out).toEqual([
        { line: 1, values: ['a', 'b', 'c'] },
        { line: 2, values: ['1', 'x, "y"', '3'] },
        { line: 3, values: ['multi\nline', '', ''] },
        { line: 5, values: ['4', '5"in', '6'] },
      ]);
    }
  });
});
