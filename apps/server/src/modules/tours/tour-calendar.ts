import { addDays, isoWeekday, tourDateWindow, TOUR_PERIODS, type TourAvailability, type TourMonth, type TourRules } from '@openpsap/contract';
import type { Queryable } from './tours.queries';
import { blockedBetween, confirmedBetween, toTourSummary } from './tours.queries';

/**
 * One month for the officers' calendar: every day with its slots, the confirmed tour in each, and
 * which slots a waiting request could still be confirmed into today.
 */
export async function tourMonth(db: Queryable, rules: TourRules, month: string, today: string): Promise<TourMonth> {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const [blocked, tours] = await Promise.all([blockedBetween(db, first, last), confirmedBetween(db, first, last)]);
  const blockedOn = new Map(blocked.map((b) => [b.date, b.reason]));
  const days: TourMonth['days'] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const open = rules.weekdays.includes(isoWeekday(date));
    const dayTours = tours.filter((t) => t.tour_date === date);
    const reason = blockedOn.get(date) ?? null;
    const bookable = open && reason === null && date > today && dayTours.length < rules.maxPerDay;
    days.push({
      date,
      open,
      blocked: reason,
      slots: TOUR_PERIODS.map((period) => {
        const tour = dayTours.find((t) => t.period === period);
        return { period, start: rules.slots[period].start, end: rules.slots[period].end, tour: tour ? toTourSummary(tour, rules) : null, free: bookable && !tour };
      }),
    });
  }
  return { month, today, rules, days };
}

/**
 * What the public form needs to warn before sending: today, the window a request made today may
 * ask for, and the days and slots no longer possible. Says nothing about who booked them.
 */
export async function tourAvailability(db: Queryable, rules: TourRules, today: string): Promise<TourAvailability> {
  const { earliest, latest } = tourDateWindow(rules, today);
  const [blocked, tours] = await Promise.all([blockedBetween(db, today, latest), confirmedBetween(db, today, latest)]);
  return {
    rules,
    today,
    earliest,
    latest,
    blockedDates: blocked.map((b) => b.date),
    booked: tours.map((t) => ({ date: t.tour_date!, period: t.period! })),
  };
}
