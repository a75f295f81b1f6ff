import { INCIDENT_TYPES, LIVE_SOURCE } from '@openpsap/contract';

/** Which calls an analysis counts; dates are local to the source, `to` included. */
export interface CallFilter {
  categories: string[];
  types: string[];
  from: string | null;
  to: string | null;
  days?: number[] | null;
  hourFrom?: number | null;
  hourTo?: number | null;
}

/** Where a source's calls live: the live incidents table or one dataset of analysis_calls. */
export interface CallTable {
  source: string;
  timeZone: string;
}

/** Numbered parameters for one statement, added as the text is built. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** Live incidents are grouped by their type's owning discipline, the categories of the live source. */
export function liveTypesOfCategories(categories: string[]): string[] {
  const wanted = new Set(categories.map((c) => c.toLowerCase()));
  return INCIDENT_TYPES.filter((t) => wanted.has(t.discipline)).map((t) => t.code);
}

/**
 * The FROM and WHERE of a statement over a source's calls, with columns named alike for both
 * tables: received_at, type, category (datasets only), area, lat, lon, and `how` (hour of the
 * week in the source's zone, Monday 00:00 = 0); `tz` is the zone's parameter. Categories and types are a union: "all Traffic
 * calls plus EMS: VEHICLE ACCIDENT".
 */
export function callsFrom(t: CallTable, f: CallFilter, p: SqlParams): { from: string; where: string; local: string; tz: string } {
  const live = t.source === LIVE_SOURCE;
  const tz = p.add(t.timeZone);
  const local = `(received_at AT TIME ZONE ${tz})`;
  const conds: string[] = [];
  if (!live) conds.push(`dataset = ${p.add(t.source)}`);
  const typeCol = live ? 'type_code' : 'type';
  if (f.categories.length || f.types.length) {
    if (live) conds.push(`${typeCol} = ANY(${p.add([...new Set([...liveTypesOfCategories(f.categories), ...f.types.map((x) => x.toUpperCase())])])}::text[])`);
    else conds.push(`(category = ANY(${p.add(f.categories)}::text[]) OR type = ANY(${p.add(f.types)}::text[]))`);
  }
  if (f.from) conds.push(`received_at >= (${p.add(f.from)}::date)::timestamp AT TIME ZONE ${tz}`);
  if (f.to) conds.push(`received_at < (${p.add(f.to)}::date + 1)::timestamp AT TIME ZONE ${tz}`);
  if (f.days?.length) conds.push(`extract(isodow FROM ${local})::int = ANY(${p.add(f.days)}::int[])`);
  if (f.hourFrom != null || f.hourTo != null) {
    const a = f.hourFrom ?? 0;
    const b = f.hourTo ?? 23;
    const hour = `extract(hour FROM ${local})::int`;
    conds.push(a <= b ? `${hour} BETWEEN ${p.add(a)} AND ${p.add(b)}` : `(${hour} >= ${p.add(a)} OR ${hour} <= ${p.add(b)})`);
  }
  return { from: live ? 'incidents' : 'analysis_calls', where: conds.length ? conds.map((c) => `(${c})`).join(' AND ') : 'true', local, tz };
}

/** SQL for the hour of the week of a call, given the `local` expression from callsFrom. */
export const hourOfWeekSql = (local: string) => `((extract(isodow FROM ${local})::int - 1) * 24 + extract(hour FROM ${local})::int)`;
