import type pg from 'pg';
import { invalid } from '../../errors/app-error';
import { addDays } from '../rosters/roster-dates';
import { hoursBetween } from '../rosters/roster-assignments';
import { localDateOf, localTimeToUtc } from '../tours/tour-time';

export interface ArrivalHistory {
  timeZone: string;
  calls: number;
  /** Average calls per hour for each hour of the week: index (isoWeekday - 1) * 24 + hour. */
  perHourOfWeek: number[];
  /** How many times each hour of the week occurred in the range (weeks, allowing for clock changes). */
  occurrences: number[];
  weeks: number;
  /** Mean answered -> released seconds of the calls, when the history has them. */
  ahtSeconds: number | null;
}

/**
 * Calls presented per local hour of the week over [from, to] (dates in the dataset's zone), from
 * the live calls table (dataset 'live') or an imported dataset: its call rows, or its incidents'
 * received times when the export had no call-level rows.
 */
export async function arrivalHistory(pool: pg.Pool, dataset: string, from: string, to: string, liveTimeZone: string): Promise<ArrivalHistory> {
  let timeZone = liveTimeZone;
  if (dataset !== 'live') {
    const { rows } = await pool.query<{ time_zone: string }>('SELECT time_zone FROM stat_datasets WHERE code = $1', [dataset]);
    if (!rows[0]) throw invalid('dataset', `no imported dataset "${dataset}" (use "live" for this centre's own calls)`);
    timeZone = rows[0].time_zone;
  }
  const start = localTimeToUtc(from, '00:00', timeZone);
  const end = localTimeToUtc(addDays(to, 1), '00:00', timeZone);
  const grouped = (table: string, column: string, where: string) => `
    SELECT extract(isodow FROM ${column} AT TIME ZONE $3)::int AS dow, extract(hour FROM ${column} AT TIME ZONE $3)::int AS hour, count(*)::int AS n
      FROM ${table} WHERE ${where} ${column} >= $1 AND ${column} < $2 GROUP BY 1, 2`;
  const aht = (table: string, where: string) => `
    SELECT avg(extract(epoch FROM released_at - answered_at))::float8 AS aht FROM ${table}
     WHERE ${where} presented_at >= $1 AND presented_at < $2 AND answered_at IS NOT NULL AND released_at > answered_at`;
  let counts: { dow: number; hour: number; n: number }[];
  let ahtSeconds: number | null;
  if (dataset === 'live') {
    counts = (await pool.query(grouped('calls', 'presented_at', ''), [start, end, timeZone])).rows;
    ahtSeconds = (await pool.query(aht('calls', ''), [start, end])).rows[0]?.aht ?? null;
  } else {
    counts = (await pool.query(grouped('stat_calls', 'presented_at', 'dataset = $4 AND'), [start, end, timeZone, dataset])).rows;
    ahtSeconds = (await pool.query(aht('stat_calls', 'dataset = $3 AND'), [start, end, dataset])).rows[0]?.aht ?? null;
    if (!counts.length) counts = (await pool.query(grouped('stat_incidents', 'received_at', 'dataset = $4 AND'), [start, end, timeZone, dataset])).rows;
  }
  const occurrences = new Array<number>(168).fill(0);
  for (const h of hoursBetween(from, to, timeZone)) occurrences[(h.weekday - 1) * 24 + h.hour]!++;
  const totals = new Array<number>(168).fill(0);
  let calls = 0;
  for (const c of counts) {
    totals[(c.dow - 1) * 24 + c.hour]! += c.n;
    calls += c.n;
  }
  return {
    timeZone,
    calls,
    perHourOfWeek: totals.map((n, i) => (occurrences[i] ? n / occurrences[i]! : 0)),
    occurrences,
    weeks: Math.round((occurrences.reduce((a, b) => a + b, 0) / 168) * 100) / 100,
    ahtSeconds: ahtSeconds === null ? null : Math.round(ahtSeconds * 10) / 10,
  };
}

/** The histories to choose from, with the local dates their calls (or incidents) span. */
export async function forecastDatasets(pool: pg.Pool, liveTimeZone: string): Promise<{ code: string; name: string; timeZone: string; from: string | null; to: string | null }[]> {
  const live = await pool.query('SELECT min(presented_at) AS lo, max(presented_at) AS hi FROM calls');
  const { rows } = await pool.query(
    `SELECT d.code, d.name, d.time_zone,
            coalesce((SELECT min(presented_at) FROM stat_calls c WHERE c.dataset = d.code), (SELECT min(received_at) FROM stat_incidents i WHERE i.dataset = d.code)) AS lo,
            coalesce((SELECT max(presented_at) FROM stat_calls c WHERE c.dataset = d.code), (SELECT max(received_at) FROM stat_incidents i WHERE i.dataset = d.code)) AS hi
       FROM stat_datasets d ORDER BY d.imported_at DESC`,
  );
  const day = (d: Date | null, tz: string) => (d ? localDateOf(d, tz) : null);
  return [
    { code: 'live', name: "This centre's calls", timeZone: liveTimeZone, from: day(live.rows[0].lo, liveTimeZone), to: day(live.rows[0].hi, liveTimeZone) },
    ...rows.map((r) => ({ code: r.code, name: r.name, timeZone: r.time_zone, from: day(r.lo, r.time_zone), to: day(r.hi, r.time_zone) })),
  ];
}
