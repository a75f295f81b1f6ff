import { cliActor, withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { centreDomain } from '../../modules/eido/emergency-ids';
import { writeI3Log } from '../../modules/i3-log/i3-log.job';
import { listLogEvents } from '../../modules/i3-log/i3-log.queries';
import { registerAlarmCompany } from '../../modules/alarm-intake/alarm-intake.commands';

function time(flag: string, v: string | boolean | undefined): Date | null {
  if (v === undefined) return null;
  const d = new Date(String(v));
  if (typeof v !== 'string' || Number.isNaN(d.getTime()) || !/\d{4}-\d{2}-\d{2}/.test(v)) throw new UsageError(`${flag} must be a date or time such as 2026-11-21 or 2026-11-21T08:00:00Z`);
  return d;
}

export const i3LogExportCommand: Command = {
  path: ['i3-log', 'export'],
  summary: 'export the NENA i3 log (call and agent events) for a time range',
  usage: 'psap i3-log export [--from TIME] [--to TIME] [--json]',
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  flagHelp: [['--from TIME', 'first moment included (ISO 8601, e.g. 2026-11-01)'], ['--to TIME', 'first moment excluded'], ['--json', 'print the LoggingService JSON (LogEventContainerArray)']],
  async run({ values }) {
    const from = time('--from', values.from);
    const to = time('--to', values.to);
    if (from && to && to < from) throw new UsageError('--to is before --from');
    return withDatabase(async (db, config) => {
      // The log follows the ledger; bring it up to date so the export misses nothing committed.
      await writeI3Log(db.pool, centreDomain(config));
      const containers: { logEventId: string; logEvent: Record<string, unknown> }[] = [];
      let total = 0;
      for (let offset = 0; ; offset += 5000) {
        const { rows, total: t } = await listLogEvents(db.pool, { from, to, type: null, callId: null, incidentId: null }, { limit: 5000, offset });
        total = t;
        for (const r of rows) containers.push({ logEventId: r.log_event_id, logEvent: r.body });
        if (rows.length < 5000) break;
      }
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ count: containers.length, totalCount: total, logEventContainers: containers })}\n`);
      } else {
        for (const c of containers) {
          const e = c.logEvent as Record<string, string | undefined>;
          process.stdout.write(`${e.timestamp}  ${String(e.logEventType).padEnd(26)} ${e.callId ?? e.incidentId ?? ''} ${e.agencyAgentId ?? ''} ${e.state ?? e.primaryAgentState ?? ''}\n`);
        }
        process.stderr.write(`${containers.length} log events\n`);
      }
      return 0;
    });
  },
};

export const alarmCompaniesAddCommand: Command = {
  path: ['alarm-companies', 'add'],
  summary: 'register an alarm company; its key is printed once',
  usage: 'psap alarm-companies add NAME --callback URL',
  options: { callback: { type: 'string' } },
  flagHelp: [['--callback URL', 'where updates (accepted, dispatched, arrived, closed) are posted']],
  allowPositionals: true,
  async run({ values, positionals }) {
    const name = positionals.join(' ').trim();
    if (!name || name.length > 200) throw new UsageError('give the company name (at most 200 characters)');
    if (typeof values.callback !== 'string') throw new UsageError('--callback URL is required');
    return withDatabase(async (db) => {
      const { result } = await registerAlarmCompany(db.pool, cliActor(), name, values.callback as string);
      process.stdout.write(`alarm company ${result.id} ${result.name}, updates to ${result.callbackUrl}\nkey (shown once; send as "Authorization: Bearer <key>"):\n${result.key}\n`);
      return 0;
    });
  },
};
