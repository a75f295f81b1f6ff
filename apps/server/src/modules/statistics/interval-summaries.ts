import { INTERVAL_LEVEL, INTERVAL_NAMES, type IntervalName, type IntervalSummary, type StandardThreshold, type StatisticsFilter, type ThresholdResult } from '@openpsap/contract';
import type { StatsContext } from './statistics-context';
import { resolveFilter, type ResolvedFilter } from './statistics-filter';
import { SqlParams } from './statistics-sql';
import { callRows, incidentRows, unitRows } from './statistics-sources';
import { ABANDONED, ANSWER_INTERVAL, ANSWER_SOURCE, GROUPED_UNIT_INTERVALS, INCIDENT_INTERVALS, INITIAL_FLAG, UNIT_INTERVALS } from './interval-definitions';

type Disc = 'police' | 'fire' | 'ems';
type Applied = StandardThreshold & { profile: string };

/** Thresholds of the chosen profiles, by interval. */
export function thresholdsOf(rf: ResolvedFilter): Map<IntervalName, Applied[]> {
  const m = new Map<IntervalName, Applied[]>();
  for (const p of rf.profiles) for (const t of p.thresholds) m.set(t.interval, [...(m.get(t.interval) ?? []), { ...t, profile: p.id }]);
  return m;
}

/** Aggregates for one interval value column: counts, the three percentiles in one sort, and counts within each threshold. */
function aggregates(key: string, v: string, limits: number[]): string {
  const cols = [
    `count(${v}) FILTER (WHERE ${v} >= 0) AS "c_${key}"`,
    `count(*) FILTER (WHERE ${v} < 0) AS "neg_${key}"`,
    `percentile_disc(ARRAY[0.5, 0.9, 0.95]) WITHIN GROUP (ORDER BY ${v}) FILTER (WHERE ${v} >= 0) AS "p_${key}"`,
    ...limits.map((s, i) => `count(*) FILTER (WHERE ${v} >= 0 AND ${v} <= ${Number(s)}) AS "w_${key}_${i}"`),
  ];
  return cols.join(',\n  ');
}

type Row = Record<string, unknown> & { discipline: string | null; grouped: number; n: string };

/** One pass over a level's rows, grouped overall and by discipline. */
async function levelQuery(sc: StatsContext, q: SqlParams, from: string, values: Record<string, string>, limits: Map<string, number[]>): Promise<Row[]> {
  const inner = Object.entries(values).map(([k, e]) => `${e} AS "v_${k}"`).join(', ');
  const aggs = Object.keys(values).map((k) => aggregates(k, `"v_${k}"`, limits.get(k) ?? [])).join(',\n  ');
  const sql = `SELECT GROUPING(discipline) AS grouped, discipline, count(*) AS n,
  ${aggs}
FROM (SELECT discipline, ${inner} FROM (${from}) src) x
GROUP BY GROUPING SETS ((), (discipline))`;
  const { rows } = await sc.pool.query<Row>(sql, q.values);
  return rows;
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

function summaryOf(interval: IntervalName, discipline: Disc | null, row: Row | undefined, population: number, applied: Applied[], limitList: number[]): IntervalSummary {
  const k = interval;
  const count = row ? Number(row[`c_${k}`]) : 0;
  const negative = row ? Number(row[`neg_${k}`]) : 0;
  const p = (row?.[`p_${k}`] as number[] | null) ?? null;
  const thresholds: ThresholdResult[] = applied.map((t) => {
    const within = count ? Number(row![`w_${k}_${limitList.indexOf(t.seconds)}`]) / count : null;
    return { profile: t.profile, label: t.label, seconds: t.seconds, targetShare: t.share, withinShare: within, met: within === null ? null : within >= t.share };
  });
  const first = thresholds[0];
  return {
    interval,
    level: INTERVAL_LEVEL[interval],
    discipline,
    count,
    excluded: Math.max(0, population - count),
    negative,
    p50: round(p?.[0] ?? null),
    p90: round(p?.[1] ?? null),
    p95: round(p?.[2] ?? null),
    thresholdSeconds: first?.seconds ?? null,
    withinThreshold: first?.withinShare ?? null,
    targetShare: first?.targetShare ?? null,
    met: first?.met ?? null,
    thresholds,
  };
}

/**
 * Every interval over the filter's period: a row for all disciplines and, where a standard sets a
 * discipline's own threshold (NFPA turnout: 60 s EMS, 80 s fire), a row for that discipline.
 * Percentiles are exact (percentile_disc over every record), never averaged from groups.
 */
export async function intervalSummaries(sc: StatsContext, filter: StatisticsFilter): Promise<IntervalSummary[]> {
  const rf = await resolveFilter(sc, filter);
  const applied = thresholdsOf(rf);
  const limits = new Map<string, number[]>();
  for (const [k, ts] of applied) limits.set(k, [...new Set(ts.map((t) => t.seconds))]);

  // Calls: the answer interval over 9-1-1 calls that were not abandoned.
  const qc = new SqlParams();
  const calls = callRows(rf, qc);
  const callSql = `SELECT count(*) AS n, ${aggregates('answer', '"v_answer"', limits.get('answer') ?? [])}
    FROM (SELECT ${ANSWER_INTERVAL} AS "v_answer" FROM (${calls}) c WHERE ${ANSWER_SOURCE} AND NOT (${ABANDONED})) x`;
  const qi = new SqlParams();
  const incFrom = incidentRows(rf, qi);
  const qu = new SqlParams();
  const unitFrom = unitRows(rf, qu);
  const qg = new SqlParams();
  const groupedFrom = `SELECT dataset, incident_key, discipline, ${Object.entries(GROUPED_UNIT_INTERVALS).map(([k, e]) => `${e} AS "${k}"`).join(', ')}
    FROM (SELECT *, ${INITIAL_FLAG} AS initial FROM (${unitRows(rf, qg)}) u) u
    GROUP BY dataset, incident_key, discipline`;

  const callQuery = sc.pool.query<Row>(callSql, qc.values);
  const [callRes, incRows, unitRowsRes, groupedRows] = await Promise.all([
    callQuery,
    levelQuery(sc, qi, incFrom, INCIDENT_INTERVALS, limits),
    levelQuery(sc, qu, unitFrom, UNIT_INTERVALS, limits),
    levelQuery(sc, qg, groupedFrom, Object.fromEntries(Object.keys(GROUPED_UNIT_INTERVALS).map((k) => [k, `"${k}"`])), limits),
  ]);

  const pick = (rows: Row[], d: Disc | null) => rows.find((r) => (d === null ? Number(r.grouped) === 1 : Number(r.grouped) === 0 && r.discipline === d));
  const out: IntervalSummary[] = [];
  const only = rf.filter.discipline && rf.filter.discipline !== 'other' ? (rf.filter.discipline as Disc) : null;
  for (const interval of INTERVAL_NAMES) {
    const ts = applied.get(interval) ?? [];
    const limitList = limits.get(interval) ?? [];
    const level = INTERVAL_LEVEL[interval];
    const rowsOf = level === 'call' ? callRes.rows.map((r) => ({ ...r, grouped: 1, discipline: null })) : interval in UNIT_INTERVALS ? unitRowsRes : interval in INCIDENT_INTERVALS ? incRows : groupedRows;
    // Grouped-unit intervals exist only for incidents with units; the others are excluded, so the
    // population is every incident of the group.
    const population = (d: Disc | null) => {
      const own = pick(rowsOf, d);
      if (rowsOf === groupedRows) return Number(pick(incRows, d)?.n ?? 0);
      return Number(own?.n ?? 0);
    };
    const overall = ts.filter((t) => !t.discipline || t.discipline === only);
    out.push(summaryOf(interval, only, pick(rowsOf, null), population(null), overall, limitList));
    if (only || level === 'call') continue;
    const discs = [...new Set(ts.filter((t) => t.discipline).map((t) => t.discipline as Disc))];
    for (const d of discs) out.push(summaryOf(interval, d, pick(rowsOf, d), population(d), ts.filter((t) => !t.discipline || t.discipline === d), limitList));
  }
  return out;
}
