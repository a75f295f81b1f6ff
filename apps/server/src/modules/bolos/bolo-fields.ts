import type { BoloUpdateBody } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';

const PERSON: Record<string, string> = { name: 'person_name', age: 'person_age', sex: 'person_sex', height: 'person_height', build: 'person_build', clothing: 'person_clothing' };
const VEHICLE: Record<string, string> = {
  plate: 'vehicle_plate',
  plateState: 'vehicle_plate_state',
  make: 'vehicle_make',
  model: 'vehicle_model',
  colour: 'vehicle_colour',
  year: 'vehicle_year',
  direction: 'vehicle_direction',
};
const PLAIN: Record<string, string> = { kind: 'kind', subject: 'subject', title: 'title', body: 'body', caution: 'caution', description: 'description', incidentId: 'incident_id', alertId: 'alert_id' };

// An empty box on the form means "not known", stored as null rather than as ''.
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** The columns for the fields given (a PATCH names only what changes). Plates are kept upper case, as read out on the radio. */
export function columnsFor(b: BoloUpdateBody): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(PLAIN)) {
    const v = (b as Record<string, unknown>)[k];
    if (v !== undefined) cols[col] = k === 'body' || k === 'title' ? v : blank(v);
  }
  for (const [group, map] of [[b.person, PERSON], [b.vehicle, VEHICLE]] as const) {
    if (group === undefined) continue;
    for (const [k, col] of Object.entries(map)) {
      const v = group === null ? null : (group as Record<string, unknown>)[k];
      if (group === null || v !== undefined) cols[col] = blank(v ?? null);
    }
  }
  if (typeof cols.vehicle_plate === 'string') cols.vehicle_plate = cols.vehicle_plate.toUpperCase();
  return cols;
}

const has = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** A vehicle nobody can recognise is no look-out: it needs a plate or a description. */
export function mustHaveSubject(b: { subject: string; description?: string | null | undefined; vehicle?: { plate?: string | null | undefined } | null | undefined }): void {
  if (b.subject === 'vehicle' && !has(b.vehicle?.plate) && !has(b.description)) throw invalid('vehicle.plate', 'a vehicle BOLO needs a plate or a description');
}

/** A title a unit can read at a glance, when the writer left it out. */
export function titleFor(b: BoloUpdateBody): string {
  const p = b.person ?? {};
  const v = b.vehicle ?? {};
  if (b.subject === 'vehicle') {
    const what = [v.colour, v.year ? String(v.year) : null, v.make, v.model].filter(has).join(' ') || 'Vehicle';
    return `${what}${has(v.plate) ? `, plate ${v.plate!.toUpperCase()}${has(v.plateState) ? ` (${v.plateState})` : ''}` : ''}`;
  }
  if (b.subject === 'person') return [has(p.name) ? p.name : 'Unknown person', has(p.age) ? `age ${p.age}` : null, p.sex].filter(has).join(', ');
  return (b.description ?? '').slice(0, 80) || 'BOLO';
}
