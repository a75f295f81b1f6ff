import type { TourRules } from '@openpsap/contract';

/**
 * The booking rules for education tours, in one place. Change a value here and both the server's
 * checks and the public form (which reads them from GET /api/v1/public/tours/availability) follow.
 *
 * - weekdays:       ISO weekdays tours run on (1 = Monday ... 7 = Sunday): weekdays only, because
 *                   the community services officers work office hours.
 * - slots:          local start and end (HH:MM, in the server's PSAP_TIME_ZONE) of the morning and
 *                   afternoon slot; one group per slot, so the floor is never shown to two at once.
 * - maxPerDay:      tours a day at most, whatever the number of slots (an officer runs each one).
 * - min/maxGroupSize: the visitor room seats 25; fewer than 4 is better served by a phone call.
 * - minNoticeDays:  days between the request and the earliest date it may ask for, to arrange
 *                   staff cover; counted from the centre's local date the request was made.
 * - maxMonthsAhead: the floor roster is not known further out.
 * - maxPreferences: dates a requester may offer, each with morning or afternoon.
 * - venue:          where visitors report; written into the calendar entry.
 *
 * Blocked dates (drills, holidays) are data, not rules: officers keep them in tour_blocked_dates.
 */
export const TOUR_RULE_DEFAULTS: Omit<TourRules, 'timeZone'> = {
  weekdays: [1, 2, 3, 4, 5],
  slots: { morning: { start: '10:00', end: '11:30' }, afternoon: { start: '14:00', end: '15:30' } },
  maxPerDay: 2,
  minGroupSize: 4,
  maxGroupSize: 25,
  minNoticeDays: 7,
  maxMonthsAhead: 6,
  maxPreferences: 3,
  venue: '9-1-1 Communications Center, visitor entrance',
};

/** The rules with the centre's time zone, which decides what "today" and "10:00" mean. */
export function tourRules(timeZone: string): TourRules {
  return { ...TOUR_RULE_DEFAULTS, timeZone };
}
