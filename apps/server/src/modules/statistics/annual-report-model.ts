import { INTERVAL_LABELS, type AnswerTimes, type IntervalName, type IntervalSummary, type StandardsProfile } from '@openpsap/contract';
import type { Canvas } from './annual-report-canvas';
import { drawBarChart, drawHorizontalBars, drawLineChart } from './annual-report-charts';
import { drawDensityMap } from './annual-report-density';
import type { DatasetInfo, DensityGrid, YearVolumes } from './annual-report.queries';

/** One year's figures: counts from one pass, intervals and answer times from the statistics engine. */
export interface AnnualFigures {
  year: number;
  volumes: YearVolumes;
  answer: AnswerTimes;
  /** Every interval over every discipline (discipline null), plus per-discipline rows where a standard sets them. */
  intervals: IntervalSummary[];
}

export interface AnnualReportData {
  centreName: string;
  year: number;
  timeZone: string;
  generatedAt: Date;
  /** 'live', 'all' or one imported dataset's code. */
  dataset: string;
  /** One agency's report, or null for the whole centre. */
  agency: string | null;
  /** Imported datasets that contributed records to either year. */
  datasets: DatasetInfo[];
  current: AnnualFigures;
  previous: AnnualFigures;
  profiles: StandardsProfile[];
  map: { grid: DensityGrid; outline: Array<Array<[number, number]>>; area: string } | null;
}

export type Block =
  | { kind: 'heading'; text: string; id: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'figures'; items: Array<{ label: string; value: string; note: string }> }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: 'chart'; id: string; title: string; description: string; width: number; height: number; draw: (c: Canvas) => void }
  | { kind: 'list'; items: Array<{ term: string; text: string }> }
  | { kind: 'break' };

export const CURRENT = '#1f5fa8';
export const PREVIOUS = '#9fb3c8';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];


export const INTERVAL_DEFINITIONS: Record<IntervalName, string> = {
  answer: 'From the moment a call is presented to the centre (rings at a position) to the moment a call-taker answers it. One record per call; abandoned calls have no answer time and are counted separately.',
  'call-processing': 'From the answer of the first call of an incident to the creation of the incident record. One record per incident.',
  'dispatch-processing': 'From the creation of the incident record to the dispatch of the first unit. One record per incident.',
  'alarm-processing': 'From the answer of the first call (or, when the call has no answer time, the time the incident was received) to the dispatch of the first unit: NFPA\'s alarm processing time. One record per incident.',
  turnout: 'From a unit\'s dispatch to the moment it reports en route. One record per unit response.',
  travel: 'From a unit reporting en route to its arrival on scene. One record per unit response.',
  'first-unit-travel': 'Travel time of the unit that arrived first: from its en route to its arrival. One record per incident.',
  'first-alarm-travel': 'From the first unit of the initial assignment going en route to the arrival of the last unit of that assignment. One record per incident.',
  response: 'From the time the incident was received (the first call presented) to the arrival of the first unit. One record per incident.',
  'on-scene': 'From the arrival of the first unit to the closing of the incident. One record per incident.',
  total: 'From the time the incident was received to its closing. One record per incident.',
};

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const pct = (share: number | null) => (share === null ? '–' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`);

/** Seconds as people read them: "12.4 s" under a minute, "1:04" (m:ss) above, "1:02:03" above an hour. */
export function dur(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${(Math.round(seconds * 10) / 10).toString()} s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A change between years: "+12.5%" for counts, "+4 s" for times; "–" without a base. */
export function changeCount(now: number, before: number): string {
  if (!before) return '–';
  const c = ((now - before) / before) * 100;
  return `${c >= 0 ? '+' : '-'}${Math.abs(Math.round(c * 10) / 10).toFixed(1)}%`;
}
export function changeSeconds(now: number | null, before: number | null): string {
  if (now === null || before === null) return '–';
  const d = Math.round((now - before) * 10) / 10;
  return `${d >= 0 ? '+' : '-'}${Math.abs(d) < 60 ? `${Math.abs(d)} s` : dur(Math.abs(d))}`;
}

/** A share within n seconds, or null when no call was answered (a 0% there would be untrue). */
const within = (a: AnswerTimes, s: keyof AnswerTimes['within']) => (a.answered ? a.within[s] : null);

const yesNo = (met: boolean | null) => (met === null ? 'no data' : met ? 'met' : 'not met');

function summaryOf(f: AnnualFigures, interval: IntervalName, discipline: IntervalSummary['discipline'] = null): IntervalSummary | undefined {
  return f.intervals.find((s) => s.interval === interval && s.discipline === discipline);
}

function profileName(d: AnnualReportData, prefix: string): string {
  return d.profiles.find((p) => p.id.startsWith(prefix))?.id ?? prefix;
}

/** The sources in words, for the cover and the data sources section. */
export function sourcesLine(d: AnnualReportData): string {
  const live = d.dataset === 'live' || d.dataset === 'all';
  const names = d.datasets.map((s) => `${s.name} (imported, "${s.code}")`);
  return [live ? "the centre's own live CAD records" : null, ...names].filter(Boolean).join('; ') || 'none';
}

/** The whole report as blocks, in order; the HTML and PDF writers only lay them out. */
export function reportBlocks(d: AnnualReportData): Block[] {
  const cur = d.current;
  const prev = d.previous;
  const y = d.year;
  const py = d.year - 1;
  const nena = profileName(d, 'NENA');
  const nfpa = profileName(d, 'NFPA');
  const b: Block[] = [];

  // Summary
  const resp = summaryOf(cur, 'response');
  const alarm = summaryOf(cur, 'alarm-processing');
  const nena15 = cur.answer.thresholds.find((t) => t.seconds === 15) ?? null;
  const nena20 = cur.answer.thresholds.find((t) => t.seconds === 20) ?? null;
  b.push({ kind: 'heading', text: 'Summary', id: 'summary' });
  b.push({
    kind: 'figures',
    items: [
      { label: 'Incidents', value: int(cur.volumes.incidents), note: `${changeCount(cur.volumes.incidents, prev.volumes.incidents)} on ${py} (${int(prev.volumes.incidents)})` },
      { label: '9-1-1 calls presented', value: int(cur.answer.calls), note: `${int(cur.answer.answered)} answered, ${int(cur.answer.abandoned)} abandoned` },
      { label: 'Answered within 15 s', value: pct(within(cur.answer, '15')), note: `target 90% (${nena}): ${yesNo(nena15?.met ?? null)}` },
      { label: 'Answered within 20 s', value: pct(within(cur.answer, '20')), note: `target 95%: ${yesNo(nena20?.met ?? null)}` },
      { label: '90th percentile response', value: dur(resp?.p90 ?? null), note: `received to first unit on scene; ${changeSeconds(resp?.p90 ?? null, summaryOf(prev, 'response')?.p90 ?? null)} on ${py}` },
      { label: '90th percentile alarm processing', value: dur(alarm?.p90 ?? null), note: `answer to first dispatch; ${changeSeconds(alarm?.p90 ?? null, summaryOf(prev, 'alarm-processing')?.p90 ?? null)} on ${py}` },
    ],
  });
  b.push({
    kind: 'para',
    text:
      `In ${y} the centre recorded ${int(cur.volumes.incidents)} incidents and ${int(cur.answer.calls)} 9-1-1 calls. ` +
      `${pct(within(cur.answer, '15'))} of answered calls were answered within 15 seconds and ${pct(within(cur.answer, '20'))} within 20 seconds, ` +
      `against the ${nena} targets of 90% and 95%. Half of all incidents had a first unit on scene within ${dur(resp?.p50 ?? null)} of the call, and nine in ten within ${dur(resp?.p90 ?? null)}. ` +
      `Figures are exact percentiles over every record of the year; no average of averages is used. Times are local to ${d.timeZone}.`,
  });

  // Volumes
  b.push({ kind: 'heading', text: 'Call and incident volumes', id: 'volumes' });
  b.push({
    kind: 'chart', id: 'chart-month', title: `Incidents by month, ${y} and ${py}`, width: 500, height: 170,
    description: `Line chart. ${MONTHS.map((m, i) => `${m}: ${int(cur.volumes.byMonth[i]!)} (${py}: ${int(prev.volumes.byMonth[i]!)})`).join('; ')}.`,
    draw: (c) => drawLineChart(c, { width: 500, height: 170, labels: MONTHS, series: [{ name: String(py), colour: PREVIOUS, values: prev.volumes.byMonth }, { name: String(y), colour: CURRENT, values: cur.volumes.byMonth }] }),
  });
  b.push({
    kind: 'table', caption: 'Incidents by month', head: ['Month', String(y), String(py), 'Change'], numeric: [false, true, true, true],
    rows: [...MONTHS.map((m, i) => [m, int(cur.volumes.byMonth[i]!), int(prev.volumes.byMonth[i]!), changeCount(cur.volumes.byMonth[i]!, prev.volumes.byMonth[i]!)]), ['Year', int(cur.volumes.incidents), int(prev.volumes.incidents), changeCount(cur.volumes.incidents, prev.volumes.incidents)]],
  });
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  b.push({
    kind: 'chart', id: 'chart-hour', title: `Incidents by hour of the day, ${y}`, width: 500, height: 150,
    description: `Bar chart. ${hours.map((h, i) => `${h}:00 ${int(cur.volumes.byHour[i]!)}`).join('; ')}.`,
    draw: (c) => drawBarChart(c, { width: 500, height: 150, labels: hours, labelEvery: 2, series: [{ name: String(y), colour: CURRENT, values: cur.volumes.byHour }] }),
  });
  b.push({
    kind: 'table', caption: 'Incidents by hour of the day (local time)', head: ['Hour', 'Incidents', 'Hour', 'Incidents', 'Hour', 'Incidents'], numeric: [false, true, false, true, false, true],
    rows: Array.from({ length: 8 }, (_, r) => [0, 8, 16].flatMap((o) => [`${hours[r + o]}:00`, int(cur.volumes.byHour[r + o]!)])),
  });
  const wd = [1, 2, 3, 4, 5, 6, 0];
  b.push({
    kind: 'chart', id: 'chart-dow', title: `Incidents by day of the week, ${y} and ${py}`, width: 500, height: 140,
    description: `Bar chart. ${wd.map((i) => `${WEEKDAYS[i]}: ${int(cur.volumes.byWeekday[i]!)}`).join('; ')}.`,
    draw: (c) => drawBarChart(c, { width: 500, height: 140, labels: wd.map((i) => WEEKDAYS[i]!), series: [{ name: String(py), colour: PREVIOUS, values: wd.map((i) => prev.volumes.byWeekday[i]!) }, { name: String(y), colour: CURRENT, values: wd.map((i) => cur.volumes.byWeekday[i]!) }] }),
  });
  const prevType = new Map(prev.volumes.byType.map((t) => [t.key, t.count]));
  const topTypes = cur.volumes.byType.slice(0, 15);
  if (topTypes.length) {
    const rows = topTypes.map((t) => ({ label: t.label, values: [t.count, prevType.get(t.key) ?? 0] }));
    const height = 14 + rows.length * 16 + 4;
    b.push({
      kind: 'chart', id: 'chart-type', title: `The ${topTypes.length} most frequent incident types, ${y}`, width: 500, height,
      description: `Horizontal bar chart. ${topTypes.map((t) => `${t.label}: ${int(t.count)}`).join('; ')}.`,
      draw: (c) => void drawHorizontalBars(c, { width: 500, rows, series: [{ name: String(y), colour: CURRENT }, { name: String(py), colour: PREVIOUS }] }),
    });
  }
  b.push({
    kind: 'table', caption: `Incidents by type (${cur.volumes.byType.length} types${cur.volumes.byType.length > 40 ? '; the 40 most frequent shown' : ''})`, head: ['Type', 'Code', String(y), String(py), 'Change'], numeric: [false, false, true, true, true],
    rows: cur.volumes.byType.slice(0, 40).map((t) => [t.label, t.key, int(t.count), int(prevType.get(t.key) ?? 0), changeCount(t.count, prevType.get(t.key) ?? 0)]),
  });
  const prevAgency = new Map(prev.volumes.byAgency.map((t) => [t.key, t.count]));
  b.push({ kind: 'table', caption: 'Incidents by agency', head: ['Agency', String(y), String(py), 'Change'], numeric: [false, true, true, true], rows: cur.volumes.byAgency.map((a) => [a.key, int(a.count), int(prevAgency.get(a.key) ?? 0), changeCount(a.count, prevAgency.get(a.key) ?? 0)]) });
  const prevPrio = new Map(prev.volumes.byPriority.map((t) => [t.key, t.count]));
  b.push({ kind: 'table', caption: 'Incidents by priority', head: ['Priority', String(y), String(py), 'Change'], numeric: [false, true, true, true], rows: cur.volumes.byPriority.map((a) => [a.key, int(a.count), int(prevPrio.get(a.key) ?? 0), changeCount(a.count, prevPrio.get(a.key) ?? 0)]) });

  // Answer times
  b.push({ kind: 'break' });
  b.push({ kind: 'heading', text: `Call answering against ${nena}`, id: 'answer' });
  b.push({ kind: 'para', text: `The NENA standard asks that 90% of 9-1-1 calls be answered within 15 seconds and 95% within 20 seconds. Shares are of answered calls; abandoned calls (released before an answer) are counted apart.` });
  const secs = ['10', '15', '20', '40', '60'] as const;
  b.push({
    kind: 'chart', id: 'chart-answer', title: `Share of calls answered within 10 to 60 seconds, ${y} and ${py}`, width: 500, height: 150,
    description: `Bar chart. ${secs.map((s) => `within ${s} s: ${pct(within(cur.answer, s))} (${py}: ${pct(within(prev.answer, s))})`).join('; ')}. The 90% target line is drawn.`,
    draw: (c) => drawBarChart(c, { width: 500, height: 150, labels: secs.map((s) => `${s} s`), max: 1, format: (v) => `${Math.round(v * 100)}%`, reference: { value: 0.9, label: '90% within 15 s' }, series: [{ name: String(py), colour: PREVIOUS, values: secs.map((s) => prev.answer.within[s]) }, { name: String(y), colour: CURRENT, values: secs.map((s) => cur.answer.within[s]) }] }),
  });
  b.push({
    kind: 'table', caption: `Compliance with ${nena}`, head: ['Measure', 'Target', String(y), String(py), 'Result'], numeric: [false, true, true, true, false],
    rows: cur.answer.thresholds.map((t) => [t.label, pct(t.targetShare), pct(t.withinShare), pct(prev.answer.thresholds.find((p) => p.label === t.label)?.withinShare ?? null), yesNo(t.met)]),
  });
  b.push({
    kind: 'table', caption: 'Answer times', head: ['Measure', String(y), String(py), 'Change'], numeric: [false, true, true, true],
    rows: [
      ['9-1-1 calls presented', int(cur.answer.calls), int(prev.answer.calls), changeCount(cur.answer.calls, prev.answer.calls)],
      ['9-1-1 calls answered', int(cur.answer.answered), int(prev.answer.answered), changeCount(cur.answer.answered, prev.answer.answered)],
      ['Abandoned calls', int(cur.answer.abandoned), int(prev.answer.abandoned), changeCount(cur.answer.abandoned, prev.answer.abandoned)],
      ['Median answer time', dur(cur.answer.p50), dur(prev.answer.p50), changeSeconds(cur.answer.p50, prev.answer.p50)],
      ['90th percentile', dur(cur.answer.p90), dur(prev.answer.p90), changeSeconds(cur.answer.p90, prev.answer.p90)],
      ['95th percentile', dur(cur.answer.p95), dur(prev.answer.p95), changeSeconds(cur.answer.p95, prev.answer.p95)],
      ...secs.map((s) => [`Answered within ${s} s`, pct(within(cur.answer, s)), pct(within(prev.answer, s)), '']),
    ],
  });

  // NFPA
  b.push({ kind: 'break' });
  b.push({ kind: 'heading', text: `Processing, turnout and travel against ${nfpa}`, id: 'nfpa' });
  b.push({ kind: 'para', text: `NFPA 1710 sets, for fire and emergency medical responses, alarm processing within 64 seconds (90%) and 106 seconds (95%), turnout within 60 seconds for EMS and 80 seconds for fire, first-unit travel within 240 seconds and full first alarm travel within 480 seconds, each at the 90th percentile. Each row below counts only the records of that discipline with both times present.` });
  for (const disc of ['fire', 'ems'] as const) {
    const rows = cur.intervals.filter((s) => s.discipline === disc);
    if (!rows.length) continue;
    b.push({ kind: 'subheading', text: disc === 'fire' ? 'Fire' : 'Emergency medical services' });
    // One bar per threshold the standard sets at 90%: the share within it, this year beside last.
    const bars = rows.flatMap((r) => r.thresholds.filter((t) => t.targetShare === 0.9).map((t) => ({ r, t })));
    if (bars.length) {
      const shortName: Partial<Record<IntervalName, string>> = { 'alarm-processing': 'Alarm processing', turnout: 'Turnout', 'first-unit-travel': 'First unit travel', 'first-alarm-travel': 'First alarm travel', travel: 'Travel', response: 'Response' };
      const labels = bars.map(({ r, t }) => `${shortName[r.interval] ?? INTERVAL_LABELS[r.interval]} ${dur(t.seconds)}`);
      const before = bars.map(({ r, t }) => prev.intervals.find((p) => p.interval === r.interval && p.discipline === disc)?.thresholds.find((x) => x.seconds === t.seconds && x.targetShare === t.targetShare)?.withinShare ?? 0);
      const now = bars.map(({ t }) => t.withinShare ?? 0);
      b.push({
        kind: 'chart', id: `chart-nfpa-${disc}`, title: `${disc === 'fire' ? 'Fire' : 'EMS'}: share within each NFPA 1710 time, ${y} and ${py}`, width: 500, height: 150,
        description: `Bar chart against a 90% target line. ${labels.map((l, i) => `${l}: ${pct(now[i]!)} (${py}: ${pct(before[i]!)})`).join('; ')}.`,
        draw: (c) => drawBarChart(c, { width: 500, height: 150, labels, max: 1, format: (v) => `${Math.round(v * 100)}%`, reference: { value: 0.9, label: '90% target' }, series: [{ name: String(py), colour: PREVIOUS, values: before }, { name: String(y), colour: CURRENT, values: now }] }),
      });
    }
    b.push({
      kind: 'table', caption: `${disc === 'fire' ? 'Fire' : 'EMS'} intervals, ${y}`, head: ['Interval', 'Records', 'Median', '90th', 'Standard', 'Within', 'Result', `90th in ${py}`], numeric: [false, true, true, true, false, true, false, true],
      rows: rows.flatMap((s) => {
        const before = prev.intervals.find((p) => p.interval === s.interval && p.discipline === disc);
        const ts = s.thresholds.length ? s.thresholds : [null];
        return ts.map((t, i) => [i === 0 ? INTERVAL_LABELS[s.interval] : '', i === 0 ? int(s.count) : '', i === 0 ? dur(s.p50) : '', i === 0 ? dur(s.p90) : '', t ? `${dur(t.seconds)} for ${pct(t.targetShare)}` : '–', t ? pct(t.withinShare) : '–', t ? yesNo(t.met) : '', i === 0 ? dur(before?.p90 ?? null) : '']);
      }),
    });
  }
  b.push({ kind: 'subheading', text: 'Every interval, all disciplines' });
  b.push({
    kind: 'table', caption: `All intervals, ${y}`, head: ['Interval', 'Records', 'Left out', 'Median', '90th', '95th'], numeric: [false, true, true, true, true, true],
    rows: cur.intervals.filter((s) => s.discipline === null).map((s) => [INTERVAL_LABELS[s.interval], int(s.count), int(s.excluded), dur(s.p50), dur(s.p90), dur(s.p95)]),
  });

  // Trends
  b.push({ kind: 'heading', text: `Trends: ${y} against ${py}`, id: 'trends' });
  const trendRow = (label: string, a: number, p: number) => [label, int(a), int(p), changeCount(a, p)];
  const pRow = (interval: IntervalName, label: string) => {
    const a = summaryOf(cur, interval);
    const p = summaryOf(prev, interval);
    return [`${label}, 90th percentile`, dur(a?.p90 ?? null), dur(p?.p90 ?? null), changeSeconds(a?.p90 ?? null, p?.p90 ?? null)];
  };
  b.push({
    kind: 'table', caption: 'Change on the previous year', head: ['Measure', String(y), String(py), 'Change'], numeric: [false, true, true, true],
    rows: [
      trendRow('Incidents', cur.volumes.incidents, prev.volumes.incidents),
      trendRow('9-1-1 calls presented', cur.answer.calls, prev.answer.calls),
      trendRow('Abandoned calls', cur.answer.abandoned, prev.answer.abandoned),
      ['Answered within 15 s', pct(within(cur.answer, '15')), pct(within(prev.answer, '15')), cur.answer.answered && prev.answer.answered ? `${((cur.answer.within['15'] - prev.answer.within['15']) * 100 >= 0 ? '+' : '-')}${Math.abs(Math.round((cur.answer.within['15'] - prev.answer.within['15']) * 1000) / 10).toFixed(1)} points` : '–'],
      ['Answer time, 90th percentile', dur(cur.answer.p90), dur(prev.answer.p90), changeSeconds(cur.answer.p90, prev.answer.p90)],
      pRow('alarm-processing', 'Alarm processing'),
      pRow('turnout', 'Turnout'),
      pRow('travel', 'Travel'),
      pRow('response', 'Response'),
    ],
  });

  // Map
  if (d.map) {
    const map = d.map;
    b.push({ kind: 'break' });
    b.push({ kind: 'heading', text: 'Where incidents happened', id: 'map' });
    b.push({ kind: 'para', text: `Incidents of ${y} with a recorded position, counted in square cells about ${int(map.grid.cellMetres)} m wide over ${map.area}. Darker cells had more incidents; the classes split the cells that had any incident into fifths. ${int(cur.volumes.inGrid)} of ${int(cur.volumes.incidents)} incidents had a position inside the area shown.` });
    b.push({
      kind: 'chart', id: 'chart-map', title: `Incident density, ${y}`, width: 500, height: 420,
      description: `Map of ${map.area} with ${map.grid.cols} by ${map.grid.rows} cells; ${cur.volumes.cells.size} cells had at least one incident, the busiest ${int(Math.max(0, ...cur.volumes.cells.values()))}.`,
      draw: (c) => drawDensityMap(c, { width: 500, height: 420, grid: map.grid, cells: cur.volumes.cells, outline: map.outline }),
    });
  }

  // Sources and definitions
  b.push({ kind: 'break' });
  b.push({ kind: 'heading', text: 'Data sources', id: 'sources' });
  b.push({ kind: 'para', text: `This report reads ${sourcesLine(d)}. Imported history is kept apart from live records and marked with its dataset; each dataset was read with a named column-mapping profile, recorded with it.` });
  const byDs = new Map(cur.volumes.byDataset.map((r) => [r.key, r.count]));
  const prevDs = new Map(prev.volumes.byDataset.map((r) => [r.key, r.count]));
  b.push({
    kind: 'table', caption: 'Datasets', head: ['Dataset', 'Kind', 'Profile', 'Rows imported', 'Rejected', `Incidents ${y}`, `Incidents ${py}`], numeric: [false, false, false, true, true, true, true],
    rows: [
      ...(d.dataset === 'live' || d.dataset === 'all' ? [['Live CAD records (live)', 'live', '–', '–', '–', int(byDs.get('live') ?? 0), int(prevDs.get('live') ?? 0)]] : []),
      ...d.datasets.map((s) => [`${s.name} (${s.code})${s.sourceFile ? `, file ${s.sourceFile}` : ''}`, `imported ${s.importedAt.toISOString().slice(0, 10)}`, s.profile, int(s.rowsImported), int(s.rowsRejected), int(byDs.get(s.code) ?? 0), int(prevDs.get(s.code) ?? 0)]),
    ],
  });
  b.push({ kind: 'heading', text: 'Definitions', id: 'definitions' });
  b.push({
    kind: 'list',
    items: [
      { term: 'Standards', text: d.profiles.map((p) => `${p.name} [${p.id}]`).join('; ') + '.' },
      { term: 'Percentiles', text: 'Exact percentiles over every record in the period (the median is the 50th). A record counts when both of its times are present and the later is not before the earlier; the others are left out and counted.' },
      { term: 'Share within a threshold', text: 'Records at or under the threshold, divided by the records counted. A standard is met when that share reaches the share it asks for.' },
      { term: 'Local time', text: `Days, hours and months are those of ${d.timeZone}; the year runs from local midnight on 1 January.` },
      ...(Object.keys(INTERVAL_LABELS) as IntervalName[]).map((k) => ({ term: INTERVAL_LABELS[k], text: INTERVAL_DEFINITIONS[k] })),
    ],
  });
  return b;
}
