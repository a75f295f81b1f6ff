import { agesIn, type TourRules } from '@openpsap/contract';
import { writeCalendar } from './ics-writer';
import { humanSlot } from './tour-messages';
import { slotInstants, type TourRow } from './tours.queries';

/**
 * The calendar file for a confirmed tour. The UID is the reference at this server's host, so a
 * second download updates the entry in the requester's calendar instead of adding another.
 * Contact details stay out: the file is forwarded to teachers and parents.
 */
export function tourCalendarFile(rules: TourRules, row: TourRow, publicUrl: string, stamp: Date): string {
  const { start, end } = slotInstants(rules, row.tour_date!, row.period!);
  const host = new URL(publicUrl).hostname || 'openpsap.local';
  const en = row.lang === 'en';
  const description = en
    ? [
        `Reference ${row.reference}.`,
        `${row.organisation}: ${row.group_size} people, ages ${row.ages}.`,
        `${humanSlot(rules, row.tour_date!, row.period!, 'en')}.`,
        'Please arrive ten minutes early; adults bring photo ID.',
      ]
    : [
        `Referencia ${row.reference}.`,
        `${row.organisation}: ${row.group_size} personas, edades ${agesIn(row.ages, 'es')}.`,
        `${humanSlot(rules, row.tour_date!, row.period!, 'es')}.`,
        'Por favor llegue diez minutos antes; los adultos deben traer una identificación con foto.',
      ];
  return writeCalendar('-//OpenPSAP//Community tours//EN', [
    {
      uid: `tour-${row.reference}@${host}`,
      stamp,
      start,
      end,
      summary: en ? `9-1-1 centre tour: ${row.organisation}` : `Visita al centro 9-1-1: ${row.organisation}`,
      location: rules.venue,
      description: description.join('\n'),
      status: 'CONFIRMED',
    },
  ]);
}

/** A file name for the download: the reference, which the requester can quote. */
export function tourCalendarFileName(row: TourRow): string {
  return `tour-${row.reference}.ics`;
}
