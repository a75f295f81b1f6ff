import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ImportInputError } from '../../jurisdiction/importers/read-input';
import { ProfileSchema, type Profile } from './profile.schema';

/** Where the built-in profiles live (one JSON file per export this project has seen). */
export const BUILTIN_PROFILE_DIR = resolve(import.meta.dirname, '../profiles');

/** Names of the built-in profiles, for messages and help. */
export function builtinProfileNames(): string[] {
  return readdirSync(BUILTIN_PROFILE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .sort();
}

/** Checks a parsed profile; the error names every bad field by its path (e.g. "incident.received"). */
export function parseProfile(doc: unknown, origin: string): Profile {
  const r = ProfileSchema.safeParse(doc);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(profile)'}: ${i.message}`);
  throw new ImportInputError(`profile ${origin} is not usable:\n  ${problems.join('\n  ')}`);
}

/** A profile by built-in name ("sf-fire") or by the path of a JSON file. */
export function loadProfile(nameOrPath: string): { profile: Profile; origin: string } {
  const isPath = nameOrPath.endsWith('.json') || nameOrPath.includes('/');
  const path = isPath ? nameOrPath : resolve(BUILTIN_PROFILE_DIR, `${nameOrPath}.json`);
  if (!isPath && !/^[a-z][a-z0-9-]*$/.test(nameOrPath)) throw new ImportInputError(`--profile "${nameOrPath}" is neither a built-in profile (${builtinProfileNames().join(', ')}) nor a .json file`);
  if (!existsSync(path)) throw new ImportInputError(isPath ? `cannot read profile ${nameOrPath}: no such file` : `--profile ${nameOrPath} is not built in; use one of ${builtinProfileNames().join(', ')} or give a .json file`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ImportInputError(`profile ${nameOrPath} is not valid JSON: ${(e as Error).message}`);
  }
  return { profile: parseProfile(doc, nameOrPath), origin: isPath ? basename(path) : nameOrPath };
}
