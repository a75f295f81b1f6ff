import { ConfigError } from '../config/config';
import { helpText, parse, UsageError, type Command } from './command';
import { auditVerifyCommand } from './commands/audit.command';
import { backupCommand, restoreCommand } from './commands/backup.command';
import { dbMigrateCommand } from './commands/db.command';
import { serveCommand } from './commands/serve.command';
import { tokensCreateCommand, tokensListCommand, tokensRevokeCommand } from './commands/tokens.command';
import { messagesListCommand } from './commands/messages.command';
import { usersAddCommand, usersListCommand, usersResetPasswordCommand } from './commands/users.command';
import { importCommand } from './commands/import.command';
import { geocodeCommand, recommendCommand, routeCommand } from './commands/geography.command';
import { plansExportCommand, plansImportCommand } from './commands/plans.command';
import { benchGeocodeCommand, benchRoutingCommand } from './commands/bench.command';
import { capExportCommand } from './commands/alert-export.command';
import { capImportCommand, capValidateCommand } from './commands/cap.command';
import { alarmCompaniesAddCommand, i3LogExportCommand } from './commands/interop.command';
import { workforceForecastCommand } from '../modules/staffing-forecast/forecast.command';
import { REPORT_COMMANDS } from './commands/report.command';

const COMMANDS: Command[] = [
  serveCommand,
  dbMigrateCommand,
  usersAddCommand,
  usersListCommand,
  usersResetPasswordCommand,
  tokensCreateCommand,
  tokensListCommand,
  tokensRevokeCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  messagesListCommand,
  importCommand,
  geocodeCommand,
  routeCommand,
  recommendCommand,
  plansExportCommand,
  plansImportCommand,
  benchRoutingCommand,
  benchGeocodeCommand,
  capExportCommand,
  capValidateCommand,
  capImportCommand,
  i3LogExportCommand,
  alarmCompaniesAddCommand,
  workforceForecastCommand,
  ...REPORT_COMMANDS,
];

function overview(): string {
  const lines = COMMANDS.map((c) => `  ${`psap ${c.path.join(' ')}`.padEnd(28)} ${c.summary}`);
  return `psap: the OpenPSAP server and its administration commands\n\nCommands:\n${lines.join('\n')}\n\nRun "psap <command> --help" for a command's options.\n`;
}

/** Runs the command line and returns the exit code; usage and configuration errors exit 2. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(overview());
    return argv.length === 0 ? 2 : 0;
  }
  const cmd = COMMANDS.filter((c) => c.path.every((w, i) => argv[i] === w)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!cmd) {
    const group = COMMANDS.filter((c) => c.path[0] === argv[0]);
    if (group.length && (argv.length === 1 || argv[1]?.startsWith('-'))) {
      process.stdout.write(`psap ${argv[0]}:\n${group.map((c) => `  ${`psap ${c.path.join(' ')}`.padEnd(28)} ${c.summary}`).join('\n')}\n`);
      return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
    }
    process.stderr.write(`psap: unknown command "${argv.join(' ')}"\n\n${overview()}`);
    return 2;
  }
  const rest = argv.slice(cmd.path.length);
  try {
    const args = parse(cmd, rest);
    if (args.values.help) {
      process.stdout.write(helpText(cmd));
      return 0;
    }
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`psap ${cmd.path.join(' ')}: ${e.message}\n\n${helpText(cmd)}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`psap: ${e.message}\n`);
      return 2;
    }
    const err = e as Error & { status?: number };
    process.stderr.write(`psap ${cmd.path.join(' ')}: ${err.message}\n`);
    return 1;
  }
}
