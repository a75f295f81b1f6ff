import { addDays, addMonths, daysBetween } from '../training/training-dates';

export type CertificationStatus = 'valid' | 'expiring' | 'expired' | 'revoked';

/** Days before expiry from which a certification counts as expiring when its kind sets no reminders. */
export const DEFAULT_EXPIRING_DAYS = 60;

/**
 * A certification's standing on a day. `expiresOn` is the last valid day: on it the holder is
 * still certified, the day after not. Expiring = within the kind's earliest reminder of that day.
 */
export function certificationStatus(c: { expiresOn: string | null; revokedAt: string | Date | null }, today: string, expiringDays = DEFAULT_EXPIRING_DAYS): { status: CertificationStatus; daysLeft: number | null } {
  if (c.revokedAt) return { status: 'revoked', daysLeft: null };
  if (!c.expiresOn) return { status: 'valid', daysLeft: null };
  const daysLeft = daysBetween(today, c.expiresOn);
  if (daysLeft < 0) return { status: 'expired', daysLeft };
  return { status: daysLeft <= expiringDays ? 'expiring' : 'valid', daysLeft };
}

/**
 * The reminder threshold due on a day, if any: the smallest of the kind's days-before that the
 * certification has come within (so one recorded 20 days before expiry gets the 30-day reminder,
 * not the 60-day one as well).
 */
export function dueReminder(expiresOn: string, today: string, reminderDays: number[]): number | null {
  const left = daysBetween(today, expiresOn);
  if (left < 0) return null;
  const within = reminderDays.filter((d) => left <= d);
  return within.length ? Math.min(...within) : null;
}

/** The last valid day of a certification issued on a date, by the kind's default validity. */
export function defaultExpiry(issuedOn: string, validityMonths: number | null): string | null {
  return validityMonths ? addDays(addMonths(issuedOn, validityMonths), -1) : null;
}
