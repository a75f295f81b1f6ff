import { resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from '../../db/backup';
import { withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';

export const backupCommand: Command = {
  path: ['backup'],
  summary: 'write a consistent backup of the whole database to FILE (gzip; safe while servers run)',
  usage: 'psap backup FILE',
  options: {},
  flagHelp: [],
  allowPositionals: true,
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError('name the file to write: psap backup FILE');
    const file = resolve(positionals[0]!);
    const h = await withDatabase((db) => backupDatabase(db.pool, file));
    process.stdout.write(`backup written to ${file}: ${h.tables.reduce((n, t) => n + t.rows, 0)} rows in ${h.tables.length} tables, schema ${h.migrations.at(-1)}\n`);
    return 0;
  },
};

export const restoreCommand: Command = {
  path: ['restore'],
  summary: 'replace the whole database with a backup made by psap backup (stop every psap serve first)',
  usage: 'psap restore FILE',
  options: {},
  flagHelp: [],
  allowPositionals: true,
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError('name the backup file: psap restore FILE');
    const file = resolve(positionals[0]!);
    try {
      await withDatabase((db) => restoreDatabase(db.pool, file, (m) => process.stdout.write(`${m}\n`)));
    } catch (e) {
      process.stderr.write(`not restored: ${(e as Error).message}\n`);
      return 1;
    }
    return 0;
  },
};
