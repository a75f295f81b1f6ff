import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** One `psap` subcommand: its words, its flags, its help and what it does. */
export interface Command {
  /** e.g. ['users', 'add'] */
  path: string[];
  summary: string;
  usage: string;
  options: Options;
  /** Help lines for the flags, in order. */
  flagHelp: [string, string][];
  allowPositionals?: boolean;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number>;
}

export class UsageError extends Error {}

export function helpText(c: Command): string {
  const flags = c.flagHelp.map(([f, d]) => `  ${f.padEnd(28)} ${d}`).join('\n');
  return `psap ${c.path.join(' ')}: ${c.summary}\n\nUsage: ${c.usage}\n${flags ? `\nOptions:\n${flags}\n` : ''}  ${'--help'.padEnd(28)} show this help\n`;
}

/** Parses flags strictly: an unknown or malformed flag is a usage error naming it. */
export function parse(c: Command, argv: string[]) {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...c.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: c.allowPositionals ?? false, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}
