import { CreateUserBodySchema, ROLES } from '@openpsap/contract';
import { cliActor, withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import { createUser, resetPassword } from '../../modules/users/users.commands';
import { listUsers, publicUser } from '../../modules/users/users.queries';

export const usersAddCommand: Command = {
  path: ['users', 'add'],
  summary: 'create a user; prints the password once (generated unless given)',
  usage: 'psap users add --username U --role R [--password P] [--name "Full Name"] [--agency CODE] [--unit CALLSIGN]',
  options: { username: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' }, unit: { type: 'string' } },
  flagHelp: [
    ['--username U', 'sign-in name (lower case letters, digits, . _ -)'],
    ['--role R', ROLES.join(', ')],
    ['--password P', 'at least 12 characters; omit to generate one'],
    ['--name "Full Name"', 'name shown in the console and audit log'],
    ['--agency CODE', 'agency code, e.g. BPD or BCFD (responders and analysts)'],
    ['--unit CALLSIGN', 'unit a responder is signed on to, e.g. E-23'],
  ],
  async run({ values }) {
    if (!values.username || !values.role) throw new UsageError('--username and --role are required');
    return withDatabase(async (db) => {
      let agencyId: number | undefined;
      let unitId: number | undefined;
      if (values.agency) {
        const { rows } = await db.pool.query<{ id: number }>('SELECT id FROM agencies WHERE code = upper($1)', [values.agency]);
        if (!rows[0]) throw new UsageError(`--agency: no agency with code ${values.agency}`);
        agencyId = rows[0].id;
      }
      if (values.unit) {
        const { rows } = await db.pool.query<{ id: number; agency_id: number }>('SELECT id, agency_id FROM units WHERE upper(call_sign) = upper($1)', [values.unit]);
        if (!rows[0]) throw new UsageError(`--unit: no unit with call sign ${values.unit}`);
        unitId = rows[0].id;
        agencyId ??= rows[0].agency_id;
      }
      const parsed = CreateUserBodySchema.safeParse({
        username: values.username,
        role: values.role,
        displayName: values.name,
        password: values.password,
        agencyId,
        unitId,
      });
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n'));
      const { user, password } = await createUser(db.pool, cliActor(), parsed.data);
      process.stdout.write(`created ${user.role} ${user.username}\npassword: ${password}\n`);
      return 0;
    });
  },
};

export const usersListCommand: Command = {
  path: ['users', 'list'],
  summary: 'list users, their roles and whether they are locked out',
  usage: 'psap users list [--json]',
  options: { json: { type: 'boolean' } },
  flagHelp: [['--json', 'print JSON']],
  async run({ values }) {
    return withDatabase(async (db) => {
      const users = (await listUsers(db.pool)).map(publicUser);
      if (values.json) {
        process.stdout.write(`${JSON.stringify(users)}\n`);
        return 0;
      }
      const rows = users.map((u) => `${u.username.padEnd(16)} ${u.role.padEnd(18)} ${u.displayName.padEnd(28)} ${u.totpEnabled ? 'totp' : '    '} ${u.lockedUntil && new Date(u.lockedUntil) > new Date() ? `locked until ${u.lockedUntil}` : ''}`.trimEnd());
      process.stdout.write(`${'USERNAME'.padEnd(16)} ${'ROLE'.padEnd(18)} NAME\n${rows.join('\n')}\n`);
      return 0;
    });
  },
};

export const usersResetPasswordCommand: Command = {
  path: ['users', 'reset-password'],
  summary: 'set a new password (generated unless given), clear a lock-out and end the user\'s sessions',
  usage: 'psap users reset-password USERNAME [--password P]',
  options: { password: { type: 'string' } },
  flagHelp: [['--password P', 'at least 12 characters; omit to generate one']],
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one USERNAME');
    return withDatabase(async (db) => {
      const { user, password } = await resetPassword(db.pool, cliActor(), positionals[0]!, values.password as string | undefined);
      process.stdout.write(`password for ${user.username} reset; sessions ended\npassword: ${password}\n`);
      return 0;
    });
  },
};
