import { readFileSync } from 'node:fs';
import { StandardsFileSchema, type StandardsProfile } from '@openpsap/contract';
import { ConfigError } from '../../config/config';

/**
 * Standards are data, keyed by edition, so a new edition or a state's own rule is a file, not a code
 * change. The built-in file holds the figures the centre designs for; PSAP_STANDARDS names a JSON
 * file of the same shape ({"profiles": [...]}) whose profiles are added, replacing a built-in one
 * with the same id.
 */
export const STANDARDS_ENV = 'PSAP_STANDARDS';

const BUILTIN_FILE = new URL('./standards.builtin.json', import.meta.url);

/** Problems named by their path in the file, e.g. "profiles[0].thresholds[2].share: must be at most 1". */
function parseProfiles(text: string, where: string): StandardsProfile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`invalid configuration:\n  - ${STANDARDS_ENV} (${where}) is not JSON: ${(e as Error).message}`);
  }
  const parsed = StandardsFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${STANDARDS_ENV} (${where}) ${pathText(i.path)}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const seen = new Set<string>();
  for (const [n, p] of parsed.data.profiles.entries()) {
    if (seen.has(p.id)) throw new ConfigError(`invalid configuration:\n  - ${STANDARDS_ENV} (${where}) profiles[${n}].id: "${p.id}" is listed twice`);
    seen.add(p.id);
  }
  return parsed.data.profiles;
}

function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(file)';
}

let builtin: StandardsProfile[] | null = null;
export function builtinProfiles(): StandardsProfile[] {
  builtin ??= parseProfiles(readFileSync(BUILTIN_FILE, 'utf8'), 'built-in');
  return builtin;
}

/**
 * The profiles in force: built-in ones, then the operator's file. Throws ConfigError naming the
 * field at fault, so a server refuses to start with a mistyped threshold instead of judging by it.
 */
export function loadStandards(env: Record<string, string | undefined> = process.env): StandardsProfile[] {
  const file = env[STANDARDS_ENV];
  const profiles = new Map(builtinProfiles().map((p) => [p.id, p]));
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`invalid configuration:\n  - ${STANDARDS_ENV}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    for (const p of parseProfiles(text, file)) profiles.set(p.id, p);
  }
  return [...profiles.values()];
}
