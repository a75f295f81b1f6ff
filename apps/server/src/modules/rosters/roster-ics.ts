import { POSITION_LABELS } from '@openpsap/contract';
import { writeCalendar } from '../tours/ics-writer';
import type { ComputedShift } from './roster-assignments';

/** One member's shifts as an iCalendar file; UIDs name member, date and shift, so re-imports update in place. */
export function memberCalendar(shifts: ComputedShift[], stamp: Date, centre: string): string {
  return writeCalendar(
    '-//OpenPSAP//Roster//EN',
    shifts.map((s) => ({
      uid: `shift-${s.staffId}-${s.date}-${s.shift}@openpsap`,
      stamp,
      start: s.start,
      end: s.end,
      summary: `${s.shift === 'D' ? 'Day' : 'Night'} shift, ${POSITION_LABELS[s.position]}${s.source === 'overtime' ? ' (overtime)' : s.source === 'swap' ? ' (swap)' : ''}`,
      location: centre,
      description: `${s.name}${s.team ? `, team ${s.team}` : ''}; ${s.hours} h`,
      status: 'CONFIRMED' as const,
    })),
  );
}
