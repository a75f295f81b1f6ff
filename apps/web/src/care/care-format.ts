import type { CareTodayEntry, CareTodayState } from '@openpsap/contract';

/** HH:MM in the browser's zone (the centre's, on the floor), or nothing for no time. */
export function localTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }) : '';
}

/** The words and badge colour of each state on today's board. */
export const STATE_LABELS: Record<CareTodayState, { text: string; tone: 'ok' | 'warn' | 'danger' | '' }> = {
  'welfare-check': { text: 'Welfare check', tone: 'danger' },
  missed: { text: 'Missed – alert open', tone: 'danger' },
  waiting: { text: 'Waiting', tone: 'warn' },
  upcoming: { text: 'Not yet open', tone: '' },
  'checked-in': { text: 'Checked in', tone: 'ok' },
  resolved: { text: 'Resolved by staff', tone: 'ok' },
  'not-today': { text: 'No check-in today', tone: '' },
  paused: { text: 'Paused', tone: '' },
};

/** One line saying what happened today, for the board's details column. */
export function todayDetails(e: CareTodayEntry): string {
  const parts: string[] = [];
  if (e.reminderSentAt) parts.push(`reminder sent ${localTime(e.reminderSentAt)}`);
  if (e.checkedInAt) parts.push(`checked in ${localTime(e.checkedInAt)} ${e.checkedInVia === 'staff' ? `by phone call (${e.checkedInBy})` : e.checkedInVia === 'code' ? 'with the code' : 'by link'}`);
  if (e.alert?.state === 'open') parts.push(`alert since ${localTime(e.alert.openedAt)}; welfare check at ${localTime(e.alert.escalatesAt)}`);
  if (e.alert?.state === 'welfare-check') parts.push(`welfare check: incident ${e.incidentNumber ?? e.alert.incidentId}`);
  if (e.alert?.resolution) parts.push(e.alert.resolution);
  return parts.join(' · ');
}
