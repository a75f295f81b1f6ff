import { readFileSync } from 'node:fs';
import { ResponsePlanSetSchema } from '@openpsap/contract';
import { cliActor, withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { importPlans } from '../../modules/response-plans/response-plans.commands';
import { loadPlans } from '../../modules/response-plans/response-plans.queries';

export const plansExportCommand: Command = {
  path: ['plans', 'export'],
  summary: 'print every response plan (run card) as JSON',
  usage: 'psap plans export > plans.json',
  options: {},
  flagHelp: [],
  async run() {
    return withDatabase(async (db) => {
      process.stdout.write(`${JSON.stringify({ plans: await loadPlans(db.pool) }, null, 2)}\n`);
      return 0;
    });
  },
};

export const plansImportCommand: Command = {
  path: ['plans', 'import'],
  summary: 'replace every response plan with those in a JSON file (as exported)',
  usage: 'psap plans import FILE.json',
  options: {},
  flagHelp: [],
  allowPositionals: true,
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.json');
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
    } catch (e) {
      throw new Error(`cannot read ${positionals[0]}: ${(e as Error).message}`);
    }
    const parsed = ResponsePlanSetSchema.safeParse(doc);
    if (!parsed.success) throw new Error(`invalid plans file:\n${parsed.error.issues.slice(0, 20).map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    return withDatabase(async (db) => {
      const n = await importPlans(db.pool, cliActor(), parsed.data.plans);
      process.stdout.write(`${n} response plans imported\n`);
      return 0;
    });
  },
};
