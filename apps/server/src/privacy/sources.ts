import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PersonalDataSource } from './personal-data';

/** Where each program keeps the one file that tells privacy how to find, export and erase its data. */
export const SOURCES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'sources');
const SOURCE_FILE = /^[a-z0-9-]+\.source\.(ts|js|mjs)$/;
const ID = /^[a-z][a-z0-9-]*$/;

let loaded: Promise<PersonalDataSource[]> | null = null;

function check(file: string, s: unknown): PersonalDataSource {
  const src = s as Partial<PersonalDataSource> | undefined;
  const problems: string[] = [];
  if (!src || typeof src !== 'object') problems.push('exports no `source`');
  else {
    if (!src.id || !ID.test(src.id)) problems.push('`id` must be lower-case letters, digits and -');
    for (const f of ['find', 'export', 'erase', 'isKey'] as const) if (typeof src[f] !== 'function') problems.push(`\`${f}\` must be a function`);
    if (!Array.isArray(src.retention)) problems.push('`retention` must be a list of rules');
    else for (const r of src.retention) if (!r.id?.startsWith(`${src.id}.`)) problems.push(`retention rule ${r.id} must be named ${src.id}.<rule>`);
  }
  if (problems.length) throw new Error(`privacy source ${file}: ${problems.join('; ')}`);
  return src as PersonalDataSource;
}

/**
 * Every personal-data source: one file per program in privacy/sources/, each exporting `source`.
 * They are found by listing that folder, so a program joins the privacy tools by adding its file
 * alone. Loaded once; a file that does not fit the interface stops the server at start.
 */
export function personalDataSources(): Promise<PersonalDataSource[]> {
  loaded ??= (async () => {
    const files = readdirSync(SOURCES_DIR).filter((f) => SOURCE_FILE.test(f)).sort();
    const sources: PersonalDataSource[] = [];
    for (const f of files) sources.push(check(f, ((await import(pathToFileURL(join(SOURCES_DIR, f)).href)) as { source?: unknown }).source));
    const ids = sources.map((s) => s.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new Error(`privacy source id ${twice} is used by two files`);
    return sources.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  })();
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** The source with this id, or undefined. */
export async function sourceById(id: string): Promise<PersonalDataSource | undefined> {
  return (await personalDataSources()).find((s) => s.id === id);
}
