import { ANSWER_SECONDS, StatisticsFilterSchema, type AnswerTimes, type IntervalSummary, type StatisticsFilter } from '@openpsap/contract';
import { withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { statsContext } from '../../modules/statistics/statistics-context';
import { answerTimes, intervalSummaries } from '../../modules/statistics/statistics.queries';
import { AppError } from '../../errors/app-error';
import { annualReportCommandRun } from '../../modules/statistics/annual-report-cli';

const FILTER_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  agency: { type: 'string' },
  priority: { type: 'string' },
  zone: { type: 'string' },
  discipline: { type: 'string' },
  dataset: { type: 'string' },
  standards: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FILTER_HELP: [string, string][] = [
  ['--from YYYY-MM-DD', 'first day (local to the centre); default: 1 January of this year'],
  ['--to YYYY-MM-DD', 'last day, inclusive; default: today'],
  ['--agency CODE', 'one agency'],
  ['--priority P', 'one priority as recorded'],
  ['--zone Z', 'one zone'],
  ['--discipline D', 'police, fire, ems or other'],
  ['--dataset D', "'live' (default), an imported dataset's code, or 'all'"],
  ['--standards IDS', 'standards profiles to judge by, comma-separated (default: all in force)'],
  ['--json', 'print JSON instead of a table'],
];

function localToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Flags to a StatisticsFilter, with the same field-named errors as the API. */
function filterFrom(values: Record<string, string | boolean | undefined>, timeZone: string): StatisticsFilter {
  const today = localToday(timeZone);
  const raw: Record<string, unknown> = { from: values.from ?? `${today.slice(0, 4)}-01-01`, to: values.to ?? today };
  for (const k of ['agency', 'priority', 'zone', 'discipline', 'dataset', 'standards'] as const) if (typeof values[k] === 'string') raw[k] = values[k];
  const parsed = StatisticsFilterSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** An error about the filter (unknown dataset, to before from) is the user's to fix: exit 2. */
async function guarded(fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.status < 500) {
      const fields = e.fields ? Object.entries(e.fields).map(([f, m]) => `--${f}: ${m}`).join('; ') : e.message;
      throw new UsageError(fields);
    }
    throw e;
  }
}

const sec = (x: number | null) => (x === null ? '-' : x.toFixed(1));
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

export function intervalsTable(rows: IntervalSummary[]): string {
  const head = ['interval', 'discipline', 'count', 'excluded', 'p50 s', 'p90 s', 'p95 s', 'threshold', 'within', 'target', 'met'];
  const body = rows.map((r) => [
    r.interval,
    r.discipline ?? 'all',
    String(r.count),
    String(r.excluded),
    sec(r.p50),
    sec(r.p90),
    sec(r.p95),
    r.thresholdSeconds === null ? '-' : `${r.thresholdSeconds} s`,
    pct(r.withinThreshold),
    pct(r.targetShare),
    r.met === null ? '-' : r.met ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n') + '\n';
}

export function answerTimesText(a: AnswerTimes): string {
  const lines = [
    `9-1-1 calls: ${a.calls}  answered: ${a.answered}  abandoned: ${a.abandoned}  unresolved: ${a.unresolved}`,
    ...ANSWER_SECONDS.map((s) => `  answered within ${s.padStart(2)} s: ${pct(a.within[s])}`),
    `  answer time p50 ${sec(a.p50)} s, p90 ${sec(a.p90)} s, p95 ${sec(a.p95)} s`,
    ...a.thresholds.map((t) => `  ${t.profile}: ${t.label}: ${pct(t.withinShare)} ${t.met === null ? '' : t.met ? '(met)' : '(not met)'}`),
  ];
  return lines.join('\n') + '\n';
}

export const reportIntervalsCommand: Command = {
  path: ['report', 'intervals'],
  summary: 'interval percentiles (p50/p90/p95) and the share within each standard threshold',
  usage: 'psap report intervals --from 2026-01-01 --to 2026-12-31 [--agency BCFD] [--dataset all] [--json]',
  options: FILTER_OPTIONS,
  flagHelp: FILTER_HELP,
  async run({ values }) {
    return withDatabase(async (db, config) =>
      guarded(async () => {
        const filter = filterFrom(values, config.timeZone);
        const rows = await intervalSummaries(statsContext(db.pool, config.timeZone), filter);
        process.stdout.write(values.json ? `${JSON.stringify({ filter, timeZone: config.timeZone, intervals: rows }, null, 2)}\n` : `Intervals ${filter.from} to ${filter.to} (${config.timeZone}), dataset ${filter.dataset ?? 'live'}\n${intervalsTable(rows)}`);
        return 0;
      }),
    );
  },
};

export const reportAnswerTimesCommand: Command = {
  path: ['report', 'answer-times'],
  summary: 'share of 9-1-1 calls answered within 10, 15, 20, 40 and 60 s, and abandoned calls',
  usage: 'psap report answer-times [--from 2026-01-01 --to 2026-12-31] [--dataset D] [--json]',
  options: FILTER_OPTIONS,
  flagHelp: FILTER_HELP,
  async run({ values }) {
    return withDatabase(async (db, config) =>
      guarded(async () => {
        const filter = filterFrom(values, config.timeZone);
        const a = await answerTimes(statsContext(db.pool, config.timeZone), filter);
        process.stdout.write(values.json ? `${JSON.stringify({ filter, timeZone: config.timeZone, ...a }, null, 2)}\n` : `Answer times ${filter.from} to ${filter.to} (${config.timeZone}), dataset ${filter.dataset ?? 'live'}\n${answerTimesText(a)}`);
        return 0;
      }),
    );
  },
};

/**
 * `psap report annual`: the annual report is built in modules/statistics/annual-report-cli.ts,
 * which owns its flags; this entry only hands the arguments over.
 */
export const reportAnnualCommand: Command = {
  path: ['report', 'annual'],
  summary: 'the annual report as PDF or HTML (--year YYYY --out report.pdf|report.html)',
  usage: 'psap report annual --year 2026 --out report.pdf',
  options: { year: { type: 'string' }, out: { type: 'string' }, dataset: { type: 'string' }, agency: { type: 'string' }, standards: { type: 'string' } },
  flagHelp: [
    ['--year YYYY', 'the calendar year (local to the centre)'],
    ['--out FILE', 'report.pdf or report.html'],
    ['--dataset D', "'live' (default), an imported dataset's code, or 'all'"],
    ['--agency CODE', "one agency's report instead of the centre's"],
    ['--standards IDS', 'standards profiles to judge by, comma-separated (default: every profile in force)'],
  ],
  async run(args) {
    return annualReportCommandRun(args);
  },
};

export const REPORT_COMMANDS: Command[] = [reportIntervalsCommand, reportAnswerTimesCommand, reportAnnualCommand];
