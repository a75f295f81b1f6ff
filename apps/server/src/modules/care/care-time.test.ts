import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, localTimeOf, weekdayOf, windowOn, zonedTimeToInstant } from './care-time';
import { plannedDays } from './care-schedule';
import { WrongCodeGuard } from './care-code-guard';

const NY = 'America/New_York';
const iso = (d: Date) => d.toISOString();

describe('local wall-clock times to instants', () => {
  it('keeps 08:00 at 08:00 local on both sides of the March and November changes', () => {
    expect(iso(zonedTimeToInstant('2026-03-07', '08:00', NY))).toBe('2026-03-07T13:00:00.000Z'); // EST
    expect(iso(zonedTimeToInstant('2026-03-08', '08:00', NY))).toBe('2026-03-08T12:00:00.000Z'); // EDT from 02:00 that day
    expect(iso(zonedTimeToInstant('2026-03-09', '08:00', NY))).toBe('2026-03-09T12:00:00.000Z');
    expect(iso(zonedTimeToInstant('2026-10-31', '08:00', NY))).toBe('2026-10-31T12:00:00.000Z'); // EDT
    expect(iso(zonedTimeToInstant('2026-11-01', '08:00', NY))).toBe('2026-11-01T13:00:00.000Z'); // EST from 02:00 that day
    expect(iso(zonedTimeToInstant('2026-11-02', '10:00', NY))).toBe('2026-11-02T15:00:00.000Z');
  });

  it('moves a time inside the spring gap forward by the gap, and takes the first of a repeated autumn time', () => {
    expect(iso(zonedTimeToInstant('2026-03-08', '02:30', NY))).toBe('2026-03-08T07:30:00.000Z'); // shown as 03:30 EDT
    expect(localTimeOf(zonedTimeToInstant('2026-03-08', '02:30', NY), NY)).toBe('03:30');
    expect(iso(zonedTimeToInstant('2026-11-01', '01:30', NY))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not EST
    // Other zones and directions: London's spring gap, Sydney's autumn overlap (April), India without DST.
    expect(iso(zonedTimeToInstant('2026-03-29', '01:30', 'Europe/London'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(zonedTimeToInstant('2026-04-05', '02:30', 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z');
    expect(iso(zonedTimeToInstant('2026-06-01', '00:00', 'Asia/Kolkata'))).toBe('2026-05-31T18:30:00.000Z');
  });

  it('gives a window swallowed by the spring gap its full length from the moved start', () => {
    const w = windowOn('2026-03-08', '02:00', '03:00', NY);
    expect([iso(w.startAt), iso(w.endAt)]).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z']); // 03:00-04:00 EDT
    const partly = windowOn('2026-03-08', '01:30', '02:30', NY);
    expect([iso(partly.startAt), iso(partly.endAt)]).toEqual(['2026-03-08T06:30:00.000Z', '2026-03-08T07:30:00.000Z']); // 01:30 EST-03:30 EDT
    const normal = windowOn('2026-11-01', '08:00', '10:00', NY);
    expect(normal.endAt.getTime() - normal.startAt.getTime()).toBe(2 * 3_600_000);
  });

  it('names local dates and weekdays', () => {
    expect(localDateOf(new Date('2026-03-08T04:59:59Z'), NY)).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-08T05:00:00Z'), NY)).toBe('2026-03-08');
    expect(localDateOf(new Date('2026-11-02T04:59:59Z'), NY)).toBe('2026-11-01'); // EST: midnight is 05:00Z
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-03-08')).toBe('sun');
    expect(weekdayOf('2026-11-02')).toBe('mon');
  });
});

describe('which days are due', () => {
  const schedule = { id: 1, window_start: '08:00', window_end: '10:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, start_date: '2026-03-01', active_since: new Date('2026-03-01T00:00:00Z') };

  it('plans yesterday and today on scheduled weekdays from the start date', () => {
    const days = plannedDays({ ...schedule, days: [...schedule.days] }, new Date('2026-03-09T16:00:00Z'), NY);
    expect(days.map((d) => d.date)).toEqual(['2026-03-08', '2026-03-09']);
    expect(plannedDays({ ...schedule, days: ['mon'] }, new Date('2026-03-09T16:00:00Z'), NY).map((d) => d.date)).toEqual(['2026-03-09']);
    expect(plannedDays({ ...schedule, days: [...schedule.days], start_date: '2026-03-10' }, new Date('2026-03-09T16:00:00Z'), NY)).toEqual([]);
  });

  it('does not expect a window that opened before the enrolment (or resume) took effect', () => {
    const enrolledAt9 = { ...schedule, days: [...schedule.days], active_since: new Date('2026-03-09T13:00:00Z') }; // 09:00 EDT
    expect(plannedDays(enrolledAt9, new Date('2026-03-09T13:30:00Z'), NY)).toEqual([]);
    expect(plannedDays(enrolledAt9, new Date('2026-03-10T13:30:00Z'), NY).map((d) => d.date)).toEqual(['2026-03-10']);
  });
});

describe('wrong-code cap', () => {
  it('refuses code check-ins once the centre-wide number of wrong codes is reached, until the hour is over', () => {
    let now = 1_000_000;
    const g = new WrongCodeGuard(3, 3_600_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(g.blockedFor()).toBeNull();
      g.recordWrong();
    }
    expect(g.blockedFor()).toBe(60);
    now += 3_600_000;
    expect(g.blockedFor()).toBeNull();
  });
});
