import { withDatabase } from '../cli-context';
import type { Command } from '../command';
import { listMigrations } from '../../db/migrate';

export const dbMigrateCommand: Command = {
  path: ['db', 'migrate'],
  summary: 'apply pending schema migrations (psap serve also does this at start)',
  usage: 'psap db migrate',
  options: {},
  flagHelp: [],
  async run() {
    await withDatabase(async () => undefined);
    const all = listMigrations();
    process.stdout.write(`schema up to date: ${all.length} migrations, latest ${all.at(-1)?.version}_${all.at(-1)?.name}\n`);
    return 0;
  },
};
