import { withDatabase } from '../../cli/cli-context';
import { UsageError, type Command } from '../../cli/command';
import { isIsoDate } from '@openpsap/contract';
import { addDays } from '../rosters/roster-dates';
import { localDateOf } from '../tours/tour-time';
import { staffingForecast } from './staffing-forecast';

function date(values: Record<string, unknown>, flag: string, required: boolean): string | undefined {
  const v = values[flag];
  if (v === undefined) {
    if (required) throw new UsageError(`--${flag} is required (a date such as 2026-01-31)`);
    return undefined;
  }
  if (typeof v !== 'string' || !isIsoDate(v)) throw new UsageError(`--${flag} must be a date such as 2026-01-31`);
  return v;
}

/** The staffing forecast from the command line: what the schedule tab shows, for scripts and reports. */
export const workforceForecastCommand: Command = {
  path: ['workforce', 'forecast'],
  summary: 'call-takers needed per hour (90% answered in 15 s, Erlang C) against the roster',
  usage: 'psap workforce forecast --dataset D --from DATE --to DATE [--roster-from DATE] [--roster-to DATE] [--aht SECONDS] [--json]',
  options: { dataset: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'roster-from': { type: 'string' }, 'roster-to': { type: 'string' }, aht: { type: 'string' }, json: { type: 'boolean' } },
  flagHelp: [
    ['--dataset D', "call history: 'live' (this centre's calls) or an imported dataset's code"],
    ['--from DATE --to DATE', 'the history to learn hourly arrivals and handling time from'],
    ['--roster-from/--roster-to', 'the schedule to compare (default: 28 days from today)'],
    ['--aht SECONDS', 'handling time to use instead of the history\'s'],
    ['--json', 'print the whole forecast as JSON'],
  ],
  async run({ values }) {
    const dataset = typeof values.dataset === 'string' ? values.dataset : 'live';
    const from = date(values, 'from', true)!;
    const to = date(values, 'to', true)!;
    const aht = values.aht === undefined ? undefined : Number(values.aht);
    if (aht !== undefined && (!Number.isInteger(aht) || aht < 10 || aht > 3600)) throw new UsageError('--aht must be a whole number of seconds from 10 to 3600');
    return withDatabase(async (db, config) => {
      const rosterFrom = date(values, 'roster-from', false) ?? localDateOf(new Date(), config.timeZone);
      const rosterTo = date(values, 'roster-to', false) ?? addDays(rosterFrom, 27);
      const f = await staffingForecast(db.pool, { dataset, from, to, rosterFrom, rosterTo, ahtSeconds: aht }, config.timeZone);
      if (values.json) {
        process.stdout.write(`${JSON.stringify(f)}\n`);
        return 0;
      }
      process.stdout.write(`${f.history.calls} calls over ${f.history.weeks} weeks of ${dataset}; handling time ${f.ahtSeconds} s (${f.ahtSource}); target ${f.target.percent}% in ${f.target.seconds} s\n`);
      const short = f.hours.filter((h) => h.shortfall > 0);
      process.stdout.write(`roster ${f.roster.from} to ${f.roster.to}: ${short.length} of ${f.hours.length} hours short of call-takers\n`);
      for (const h of short.slice(0, 200)) process.stdout.write(`  ${h.date} ${String(h.hour).padStart(2, '0')}:00  needed ${h.needed}  scheduled ${h.scheduled}  short ${h.shortfall}\n`);
      if (short.length > 200) process.stdout.write(`  ... ${short.length - 200} more (use --json)\n`);
      return 0;
    });
  },
};
