import { withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';

/**
 * Prints an issued alert's CAP message, for handing to another system or checking by hand. The
 * latest message is the one in force (an Update or Cancel after the first Alert); --first gives
 * the Alert as issued.
 */
export const capExportCommand: Command = {
  path: ['cap', 'export'],
  summary: "print an issued alert's CAP 1.2 message (the latest: Alert, Update or Cancel)",
  usage: 'psap cap export ALERT_ID [--first] > alert.xml',
  options: { first: { type: 'boolean' } },
  flagHelp: [['--first', 'the Alert message as first issued, not the latest']],
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give one alert id, e.g. psap cap export 12 > alert.xml');
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1) throw new UsageError(`"${positionals[0]}" is not an alert id (a whole number)`);
    return withDatabase(async (db) => {
      const alert = await db.pool.query<{ state: string }>('SELECT state FROM alerts WHERE id = $1', [id]);
      if (!alert.rows[0]) {
        process.stderr.write(`psap: no alert ${id}\n`);
        return 1;
      }
      const { rows } = await db.pool.query<{ xml: string }>(`SELECT xml FROM alert_messages WHERE alert_id = $1 ORDER BY id ${values.first ? 'ASC' : 'DESC'} LIMIT 1`, [id]);
      if (!rows[0]) {
        process.stderr.write(`psap: alert ${id} is ${alert.rows[0].state} and has not been issued, so it has no CAP message yet\n`);
        return 1;
      }
      process.stdout.write(rows[0].xml);
      return 0;
    });
  },
};
