import {
  ANSWER_SECONDS,
  INTERVAL_LEVEL,
  incidentType,
  type AnswerTimes,
  type IntervalName,
  type PercentileDimension,
  type PercentileRow,
  type StatisticsFilter,
  type ThresholdResult,
  type UnitUtilisationRow,
  type VolumeDimension,
  type VolumeRow,
  type WorkloadRow,
} from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import type { StatsContext } from './statistics-context';
import { resolveFilter } from './statistics-filter';
import { SqlParams, statsQuery } from './statistics-sql';
import { callRows, incidentRows, unitRows } from './statistics-sources';
import { ABANDONED, ANSWER_INTERVAL, ANSWER_SOURCE, GROUPED_UNIT_INTERVALS, INCIDENT_INTERVALS, INITIAL_FLAG, UNIT_INTERVALS } from './interval-definitions';
import { thresholdsOf } from './interval-summaries';

/*
 * The statistics the API, the CLI and the annual report share. Every function takes a StatsContext
 * (statistics-context.ts) and a StatisticsFilter (local days, agency, priority, zone, discipline,
 * dataset 'live' | code | 'all'), and computes exactly over every record: no pre-averaged groups.
 */
export { intervalSummaries } from './interval-summaries';

const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(Number(x) * 1000) / 1000);

/**
 * Share of 9-1-1 calls answered within 10, 15, 20, 40 and 60 s (of answered calls with a valid
 * answer time), abandoned calls (released unanswered), and the answer-time percentiles.
 */
export async function answerTimes(sc: StatsContext, filter: StatisticsFilter): Promise<AnswerTimes> {
  const rf = await resolveFilter(sc, filter);
  const q = new SqlParams();
  const limits = [...new Set([...ANSWER_SECONDS.map(Number), ...(thresholdsOf(rf).get('answer') ?? []).map((t) => t.seconds)])];
  const rows = await statsQuery(
    sc,
    `SELECT count(*) AS calls, count(answered_at) AS answered, count(*) FILTER (WHERE ${ABANDONED}) AS abandoned,
       count(*) FILTER (WHERE answered_at IS NULL AND released_at IS NULL) AS unresolved,
       count(*) FILTER (WHERE v >= 0) AS counted,
       ${limits.map((s, i) => `count(*) FILTER (WHERE v >= 0 AND v <= ${s}) AS w${i}`).join(', ')},
       percentile_disc(ARRAY[0.5, 0.9, 0.95]) WITHIN GROUP (ORDER BY v) FILTER (WHERE v >= 0) AS p
     FROM (SELECT *, ${ANSWER_INTERVAL} AS v FROM (${callRows(rf, q)}) c WHERE ${ANSWER_SOURCE}) x`,
    q.values,
  );
  const r = rows[0]!;
  const counted = Number(r.counted);
  const share = (s: number) => (counted ? Number(r[`w${limits.indexOf(s)}`]) / counted : 0);
  const within = Object.fromEntries(ANSWER_SECONDS.map((s) => [s, share(Number(s))])) as AnswerTimes['within'];
  const thresholds: ThresholdResult[] = (thresholdsOf(rf).get('answer') ?? []).map((t) => {
    const w = counted ? share(t.seconds) : null;
    return { profile: t.profile, label: t.label, seconds: t.seconds, targetShare: t.share, withinShare: w, met: w === null ? null : w >= t.share };
  });
  const p = (r.p as number[] | null) ?? null;
  return {
    calls: Number(r.calls),
    answered: Number(r.answered),
    abandoned: Number(r.abandoned),
    unresolved: Number(r.unresolved),
    within,
    p50: round(p?.[0]),
    p90: round(p?.[1]),
    p95: round(p?.[2]),
    thresholds,
  };
}

/** A dimension as an SQL expression over incident rows; hours, days and months are local to the centre. */
function dimension(by: VolumeDimension | PercentileDimension, q: SqlParams, timeZone: string): string {
  // The zone is bound only where used: an unused parameter has no type and fails the statement.
  const local = () => `(received_at AT TIME ZONE ${q.p(timeZone)}::text)`;
  switch (by) {
    case 'type':
      return 'type_code';
    case 'agency':
      return 'agency';
    case 'priority':
      return 'priority';
    case 'zone':
      return 'zone';
    case 'discipline':
      return 'discipline';
    case 'hour':
      return `extract(hour FROM ${local()})::int::text`;
    case 'dow':
      return `extract(dow FROM ${local()})::int::text`;
    case 'month':
      return `to_char(${local()}, 'YYYY-MM')`;
    case 'day':
      return `to_char(${local()}, 'YYYY-MM-DD')`;
  }
}

const NUMERIC_KEYS = new Set(['hour', 'dow']);
const DOW = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Incidents counted by one dimension. Hours (0-23), days of the week (0 = Sunday) and months are
 * local to the centre; a missing value is the key "(none)".
 */
export async function volumes(sc: StatsContext, filter: StatisticsFilter, by: VolumeDimension): Promise<VolumeRow[]> {
  const rf = await resolveFilter(sc, filter);
  const q = new SqlParams();
  const key = dimension(by, q, sc.timeZone);
  const rows = await statsQuery<{ key: string | null; label: string | null; incidents: string }>(
    sc,
    `SELECT ${key} AS key, ${by === 'type' ? 'min(type_text)' : 'NULL::text'} AS label, count(*) AS incidents
     FROM (${incidentRows(rf, q)}) inc GROUP BY 1`,
    q.values,
  );
  const out = rows.map((r) => ({
    key: r.key ?? '(none)',
    label: by === 'type' ? (r.label ?? (r.key ? incidentType(r.key)?.name ?? null : null)) : by === 'dow' && r.key !== null ? DOW[Number(r.key)]! : null,
    incidents: Number(r.incidents),
  }));
  if (NUMERIC_KEYS.has(by)) out.sort((a, b) => Number(a.key) - Number(b.key));
  else if (by === 'month' || by === 'day') out.sort((a, b) => a.key.localeCompare(b.key));
  else out.sort((a, b) => b.incidents - a.incidents || a.key.localeCompare(b.key));
  return out;
}

/**
 * One interval's percentiles per agency, zone, priority, discipline or month, each group computed
 * from its own records. The answer interval (calls) can be grouped by agency or month only.
 */
export async function percentilesBy(sc: StatsContext, filter: StatisticsFilter, interval: IntervalName, by: PercentileDimension): Promise<PercentileRow[]> {
  const rf = await resolveFilter(sc, filter);
  const q = new SqlParams();
  const ts = (thresholdsOf(rf).get(interval) ?? []).filter((t) => !t.discipline || t.discipline === rf.filter.discipline);
  const limit = ts[0]?.seconds ?? null;
  let from: string;
  if (INTERVAL_LEVEL[interval] === 'call') {
    if (by !== 'agency' && by !== 'month') throw invalid('by', 'answer times can be grouped by agency or month');
    const key = by === 'agency' ? 'agency' : `to_char(presented_at AT TIME ZONE ${q.p(sc.timeZone)}::text, 'YYYY-MM')`;
    from = `SELECT ${key} AS key, ${ANSWER_INTERVAL} AS v FROM (${callRows(rf, q)}) c WHERE ${ANSWER_SOURCE} AND NOT (${ABANDONED})`;
  } else if (interval in INCIDENT_INTERVALS) {
    const key = dimension(by, q, sc.timeZone);
    from = `SELECT ${key} AS key, ${INCIDENT_INTERVALS[interval as keyof typeof INCIDENT_INTERVALS]} AS v FROM (${incidentRows(rf, q)}) inc`;
  } else if (interval in UNIT_INTERVALS) {
    const key = dimension(by, q, sc.timeZone);
    from = `SELECT ${key} AS key, ${UNIT_INTERVALS[interval as keyof typeof UNIT_INTERVALS]} AS v FROM (${unitRows(rf, q)}) u`;
  } else {
    // Per incident from its units; incidents without units stay in the population as excluded.
    const key = dimension(by, q, sc.timeZone);
    const expr = GROUPED_UNIT_INTERVALS[interval as keyof typeof GROUPED_UNIT_INTERVALS];
    from = `SELECT inc.key, g.v FROM (SELECT dataset, incident_key, ${key} AS key FROM (${incidentRows(rf, q)}) i) inc
      LEFT JOIN (SELECT dataset, incident_key, ${expr} AS v FROM (SELECT *, ${INITIAL_FLAG} AS initial FROM (${unitRows(rf, q)}) u) u GROUP BY dataset, incident_key) g
      USING (dataset, incident_key)`;
  }
  const rows = await statsQuery(
    sc,
    `SELECT COALESCE(key, '(none)') AS key, count(*) AS n, count(*) FILTER (WHERE v >= 0) AS c,
       ${limit === null ? 'NULL' : `count(*) FILTER (WHERE v >= 0 AND v <= ${Number(limit)})`} AS w,
       percentile_disc(ARRAY[0.5, 0.9, 0.95]) WITHIN GROUP (ORDER BY v) FILTER (WHERE v >= 0) AS p
     FROM (${from}) x GROUP BY 1 ORDER BY 1`,
    q.values,
  );
  return rows.map((r) => {
    const c = Number(r.c);
    const p = (r.p as number[] | null) ?? null;
    return {
      key: r.key,
      count: c,
      excluded: Number(r.n) - c,
      p50: round(p?.[0]),
      p90: round(p?.[1]),
      p95: round(p?.[2]),
      withinThreshold: limit === null || !c ? null : Number(r.w) / c,
      thresholdSeconds: limit,
    };
  });
}

/**
 * Share of the period each unit was committed (dispatched -> cleared), clipped to the period.
 * Responses to incidents received from the day before the period are read, so a commitment that
 * runs over midnight into the period counts; a response without a clear time, or cleared before
 * it was dispatched, is left out and counted in `excluded`.
 */
export async function unitUtilisation(sc: StatsContext, filter: StatisticsFilter): Promise<UnitUtilisationRow[]> {
  const rf = await resolveFilter(sc, filter);
  const q = new SqlParams();
  const lo = q.p(rf.lo);
  const hi = q.p(rf.hi);
  const periodSeconds = (rf.hi.getTime() - rf.lo.getTime()) / 1000;
  const rows = await statsQuery(
    sc,
    `SELECT dataset, unit, min(unit_type) AS unit_type, min(agency) AS agency, count(*) AS responses,
       COALESCE(sum(date_part('epoch', LEAST(u_cleared_at, ${hi}::timestamptz) - GREATEST(u_dispatched_at, ${lo}::timestamptz))) FILTER (WHERE ok), 0) AS committed,
       count(*) FILTER (WHERE NOT ok) AS excluded
     FROM (SELECT *, (u_cleared_at IS NOT NULL AND u_dispatched_at IS NOT NULL AND u_cleared_at >= u_dispatched_at) AS ok
           FROM (${unitRows(rf, q, { lo: new Date(rf.lo.getTime() - 86_400_000) })}) u) u
     WHERE u_dispatched_at < ${hi}::timestamptz AND (u_cleared_at IS NULL OR u_cleared_at > ${lo}::timestamptz)
       AND (received_at >= ${lo}::timestamptz OR u_cleared_at > ${lo}::timestamptz)
     GROUP BY dataset, unit ORDER BY committed DESC, unit`,
    q.values,
  );
  return rows.map((r) => ({
    dataset: r.dataset,
    unit: r.unit,
    unitType: r.unit_type,
    agency: r.agency,
    responses: Number(r.responses),
    committedSeconds: Math.round(Number(r.committed) * 1000) / 1000,
    share: Number(r.committed) / periodSeconds,
    excluded: Number(r.excluded),
  }));
}

/**
 * What each person did in the period. Call-takers: calls answered (live: the user who took the
 * call; imported: the export's taker) and incidents created (live). Dispatchers: units dispatched
 * (live: each assignment's dispatcher) or, for imported history, incidents dispatched by the
 * export's dispatcher. Roles are what was done, not the account's role.
 */
export async function workload(sc: StatsContext, filter: StatisticsFilter): Promise<WorkloadRow[]> {
  const rf = await resolveFilter(sc, filter);
  const q = new SqlParams();
  const rows = await statsQuery(
    sc,
    `WITH c AS (${callRows(rf, q)}), i AS (${incidentRows(rf, q)}), u AS (${unitRows(rf, q)})
     SELECT dataset, role, person, sum(answered) AS answered, sum(created) AS created, sum(dispatches) AS dispatches FROM (
       SELECT dataset, 'call-taker' AS role, taker AS person, count(*) FILTER (WHERE answered_at IS NOT NULL) AS answered, 0 AS created, 0 AS dispatches FROM c WHERE taker IS NOT NULL GROUP BY 1, 3
       UNION ALL SELECT dataset, 'call-taker', creator, 0, count(*), 0 FROM i WHERE creator IS NOT NULL GROUP BY 1, 3
       UNION ALL SELECT dataset, 'dispatcher', inc_dispatcher, 0, 0, count(*) FILTER (WHERE first_dispatch_at IS NOT NULL) FROM i WHERE inc_dispatcher IS NOT NULL GROUP BY 1, 3
       UNION ALL SELECT dataset, 'dispatcher', dispatcher, 0, 0, count(*) FROM u WHERE dispatcher IS NOT NULL GROUP BY 1, 3
     ) w GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    q.values,
  );
  return rows.map((r) => ({ dataset: r.dataset, role: r.role, person: r.person, callsAnswered: Number(r.answered), incidentsCreated: Number(r.created), dispatches: Number(r.dispatches) }));
}
