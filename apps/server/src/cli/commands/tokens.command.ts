import { cliActor, withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { insertToken, listTokens } from '../../auth/api-tokens';
import { withTransaction } from '../../db/transaction';
import { appendLedger } from '../../events/ledger';
import { findUserByUsername } from '../../modules/users/users.queries';

export const tokensCreateCommand: Command = {
  path: ['tokens', 'create'],
  summary: 'create an API token for a user (for integrations and scripts); printed once',
  usage: 'psap tokens create --username U --name NAME [--days N]',
  options: { username: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
  flagHelp: [['--username U', 'whose rights the token carries'], ['--name NAME', 'what it is for, e.g. "alarm gateway"'], ['--days N', 'expire after N days (default: never)']],
  async run({ values }) {
    if (!values.username || !values.name) throw new UsageError('--username and --name are required');
    const days = values.days === undefined ? null : Number(values.days);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new UsageError('--days must be a whole number from 1 to 3650');
    return withDatabase(async (db) => {
      const user = await findUserByUsername(db.pool, values.username as string);
      if (!user) throw new UsageError(`--username: no user ${values.username}`);
      const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
      const t = await withTransaction(db.pool, async (tx, now) => {
        const created = await insertToken(tx, user.id, values.name as string, expiresAt);
        await appendLedger(tx, cliActor(), now, [{ action: 'token.create', entity: 'api-token', entityId: created.id, after: { user: user.username, name: values.name, expiresAt } }]);
        return created;
      });
      process.stdout.write(`token ${t.id} for ${user.username} (${user.role}):\n${t.token}\n`);
      return 0;
    });
  },
};

export const tokensListCommand: Command = {
  path: ['tokens', 'list'],
  summary: 'list API tokens (prefixes only)',
  usage: 'psap tokens list [--json]',
  options: { json: { type: 'boolean' } },
  flagHelp: [['--json', 'print JSON']],
  async run({ values }) {
    return withDatabase(async (db) => {
      const tokens = await listTokens(db.pool, null);
      if (values.json) process.stdout.write(`${JSON.stringify(tokens)}\n`);
      else process.stdout.write(tokens.map((t) => `${String(t.id).padEnd(5)} ${t.username.padEnd(14)} ${t.prefix}… ${t.name} ${t.revoked ? '(revoked)' : ''}`).join('\n') + '\n');
      return 0;
    });
  },
};

export const tokensRevokeCommand: Command = {
  path: ['tokens', 'revoke'],
  summary: 'revoke an API token at once',
  usage: 'psap tokens revoke ID',
  options: {},
  flagHelp: [],
  allowPositionals: true,
  async run({ positionals }) {
    const id = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError('give the token ID (see psap tokens list)');
    return withDatabase(async (db) => {
      const n = await withTransaction(db.pool, async (tx, now) => {
        const { rowCount } = await tx.query('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
        if (rowCount) await appendLedger(tx, cliActor(), now, [{ action: 'token.revoke', entity: 'api-token', entityId: id }]);
        return rowCount ?? 0;
      });
      if (!n) throw new UsageError(`no active token ${id}`);
      process.stdout.write(`token ${id} revoked\n`);
      return 0;
    });
  },
};
