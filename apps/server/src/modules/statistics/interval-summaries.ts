import { INTERVAL_LEVEL, INTERVAL_NAMES, type IntervalName, type IntervalSummary, type StandardThreshold, type StatisticsFilter, type ThresholdResult } from '@openpsap/contract';
import type { StatsContext } from './statistics-context';
import { resolveFilter, type ResolvedFilter } from './statistics-filter';
import { SqlParams, statsQuery } from './statistics-sql';
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

/** What one summary row is computed over: every record, or one discipline's. */
interface Part {
  interval: IntervalName;
  discipline: Disc | null;
  limits: number[];
}
const tag = (p: { interval: string; discipline: string | null }) => `${p.interval}|${p.discipline ?? 'all'}`;

/**
 * Aggregates for one interval over one part: how many records are valid, how many negative, the
 * three percentiles from one sort, and how many are within each threshold. A part is a FILTER on
 * the same scan, so each record is read once and sorted only for the parts it belongs to.
 */
function aggregates(part: Part, v: string, n: number): string {
  const only = part.discipline ? ` AND discipline = '${part.discipline}'` : '';
  const cols = [
    `count(*) FILTER (WHERE ${v} >= 0${only}) AS c${n}`,
    `count(*) FILTER (WHERE ${v} < 0${only}) AS neg${n}`,
    `percentile_disc(ARRAY[0.5, 0.9, 0.95]) WITHIN GROUP (ORDER BY ${v}) FILTER (WHERE ${v} >= 0${only}) AS p${n}`,
    ...part.limits.map((s, i) => `count(*) FILTER (WHERE ${v} >= 0 AND ${v} <= ${Number(s)}${only}) AS w${n}_${i}`),
  ];
  return cols.join(', ');
}

type Row = Record<string, unknown>;
const DISCS: Disc[] = ['police', 'fire', 'ems'];

/**
 * One pass over a level's rows: population counts per discipline, then each part's aggregates.
 * OFFSET 0 keeps the subquery whole, so each interval is computed once per record rather than once
 * per aggregate that mentions it (the planner would otherwise inline the expression everywhere).
 */
async function levelQuery(sc: StatsContext, q: SqlParams, from: string, values: Record<string, string>, parts: Part[]): Promise<Map<string, Row>> {
  const inner = Object.entries(values).map(([k, e]) => `${e} AS "v_${k}"`).join(', ');
  const mine = parts.filter((p) => p.interval in values);
  const sql = `SELECT count(*) AS n_all, ${DISCS.map((d) => `count(*) FILTER (WHERE discipline = '${d}') AS n_${d}`).join(', ')}
    ${mine.map((p, i) => `, ${aggregates(p, `"v_${p.interval}"`, i)}`).join('\n    ')}
  FROM (SELECT discipline, ${inner} FROM (${from}) src OFFSET 0) x`;
  const [row] = await statsQuery(sc, sql, q.values);
  const out = new Map<string, Row>();
  mine.forEach((p, i) => {
    const pick: Row = { n: row![p.discipline ? `n_${p.discipline}` : 'n_all'], c: row![`c${i}`], neg: row![`neg${i}`], p: row![`p${i}`] };
    p.limits.forEach((_, j) => (pick[`w_${j}`] = row![`w${i}_${j}`]));
    out.set(tag(p), pick);
  });
  out.set('population', { all: row!.n_all, police: row!.n_police, fire: row!.n_fire, ems: row!.n_ems });
  return out;
}

const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);

function summaryOf(part: Part, row: Row | undefined, population: number, applied: Applied[]): IntervalSummary {
  const count = Number(row?.c ?? 0);
  const p = (row?.p as number[] | null | undefined) ?? null;
  const thresholds: ThresholdResult[] = applied.map((t) => {
    const within = count ? Number(row![`w_${part.limits.indexOf(t.seconds)}`]) / count : null;
    return { profile: t.profile, label: t.label, seconds: t.seconds, targetShare: t.share, withinShare: within, met: within === null ? null : within >= t.share };
  });
  const first = thresholds[0];
  return {
    interval: part.interval,
    level: INTERVAL_LEVEL[part.interval],
    discipline: part.discipline,
    count,
    excluded: Math.max(0, population - count),
    negative: Number(row?.neg ?? 0),
    p50: round(p?.[0]),
    p90: round(p?.[1]),
    p95: round(p?.[2]),
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
 * Percentiles are exact (percentile_disc over every record), never averaged from groups. Four
 * statements (calls, incidents, units, units grouped by incident) run side by side.
 */
export async function intervalSummaries(sc: StatsContext, filter: StatisticsFilter): Promise<IntervalSummary[]> {
  const rf = await resolveFilter(sc, filter);
  const applied = thresholdsOf(rf);
  const only = rf.filter.discipline && rf.filter.discipline !== 'other' ? (rf.filter.discipline as Disc) : null;

  // The rows to produce, each with the thresholds that judge it.
  const parts: (Part & { applied: Applied[] })[] = [];
  for (const interval of INTERVAL_NAMES) {
    const ts = applied.get(interval) ?? [];
    const overall = ts.filter((t) => !t.discipline || t.discipline === only);
    parts.push({ interval, discipline: only, limits: [...new Set(overall.map((t) => t.seconds))], applied: overall });
    if (only || INTERVAL_LEVEL[interval] === 'call') continue;
    for (const d of [...new Set(ts.filter((t) => t.discipline).map((t) => t.discipline as Disc))]) {
      const own = ts.filter((t) => !t.discipline || t.discipline === d);
      parts.push({ interval, discipline: d, limits: [...new Set(own.map((t) => t.seconds))], applied: own });
    }
  }

  // Calls: the answer interval over 9-1-1 calls that were not abandoned.
  const qc = new SqlParams();
  const calls = `SELECT NULL::text AS discipline, * FROM (${callRows(rf, qc)}) c WHERE ${ANSWER_SOURCE} AND NOT (${ABANDONED})`;
  const qi = new SqlParams();
  const incFrom = incidentRows(rf, qi);
  const qu = new SqlParams();
  const unitFrom = unitRows(rf, qu);
  // Only the units that can matter: the first on scene and the initial assignment.
  const qg = new SqlParams();
  // Grouped by the incident's key alone (its discipline is one per incident), so the rows can arrive
  // in key order from both primary keys and be grouped without a sort.
  const groupedFrom = `SELECT min(discipline) AS discipline, ${Object.entries(GROUPED_UNIT_INTERVALS).map(([k, e]) => `${e} AS "${k}"`).join(', ')}
    FROM (SELECT *, ${INITIAL_FLAG} AS initial FROM (${unitRows(rf, qg)}) u) u
    WHERE initial OR u_onscene_at = first_onscene_at
    GROUP BY dataset, incident_key`;
  const grouped = Object.fromEntries(Object.keys(GROUPED_UNIT_INTERVALS).map((k) => [k, `"${k}"`]));

  const [callRes, incRes, unitRes, groupedRes] = await Promise.all([
    levelQuery(sc, qc, calls, { answer: ANSWER_INTERVAL }, parts),
    levelQuery(sc, qi, incFrom, INCIDENT_INTERVALS, parts),
    levelQuery(sc, qu, unitFrom, UNIT_INTERVALS, parts),
    levelQuery(sc, qg, groupedFrom, grouped, parts),
  ]);
  const incidentsBy = incRes.get('population')!;
  return parts.map((part) => {
    const res = part.interval === 'answer' ? callRes : part.interval in INCIDENT_INTERVALS ? incRes : part.interval in UNIT_INTERVALS ? unitRes : groupedRes;
    // Grouped-unit intervals exist only for incidents with units; incidents without stay in the
    // population (as excluded), so the population is every incident of the part.
    const pop = (res === groupedRes ? incidentsBy : res.get('population')!)[part.discipline ?? 'all'];
    return summaryOf(part, res.get(tag(part)), Number(pop ?? 0), part.applied);
  });
}
