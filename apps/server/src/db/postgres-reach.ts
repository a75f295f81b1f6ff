import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * When psap runs as root, PostgreSQL runs as the system user "postgres" (it refuses root). That
 * user must be able to walk down to its binaries and its cluster. A checkout in a private
 * directory (a 0700 home, `mktemp -d`) blocks it, and initdb then fails with a bare EACCES.
 * These helpers find such a block and place what PostgreSQL needs where it can reach it.
 */

export interface RunAsIds {
  uid: number;
  gid: number;
}

/** Root-owned home for relocated binaries and clusters; root creates it 0755 so "postgres" can enter. */
export const SYSTEM_HOME = process.env.PSAP_SYSTEM_DIR ?? '/var/lib/openpsap';

/**
 * The first directory on the way to `path` (the path itself included when it exists) that the
 * given user cannot pass through, or null when every step is open to it. Mode bits only: ACLs and
 * supplementary groups are not consulted, which can only make us relocate when not strictly needed.
 */
export function blockingDirectory(path: string, ids: RunAsIds): string | null {
  const steps: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    steps.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const dir of steps) {
    let st;
    try {
      st = statSync(dir);
    } catch {
      return null; // not created yet: whoever creates it decides its mode
    }
    if (!st.isDirectory()) continue;
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return null;
}

function systemDir(...parts: string[]): string {
  let dir = SYSTEM_HOME;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  for (const part of parts) {
    dir = join(dir, part);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
  }
  return dir;
}

/**
 * The PostgreSQL binaries as "postgres" can run them: where the npm package put them when that is
 * reachable, else a copy of the package's native folder under SYSTEM_HOME, made once per version
 * (the binaries find their libraries and share files relative to themselves, so a copy works).
 */
export function reachableBinaries(bins: { initdb: string; postgres: string }, ids: RunAsIds, version: string, log: (m: string) => void): { initdb: string; postgres: string } {
  const nativeDir = dirname(dirname(bins.postgres));
  const blocked = blockingDirectory(bins.postgres, ids);
  if (!blocked) return bins;
  const key = createHash('sha256').update(`${version}:${nativeDir}`).digest('hex').slice(0, 12);
  const target = join(systemDir('postgres'), `${version}-${key}`);
  const marker = join(target, '.complete');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== version) {
    log(`user "postgres" cannot reach ${nativeDir} (${blocked} is private); copying the PostgreSQL binaries to ${target}`);
    const staging = `${target}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(staging, '.complete'), version);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  }
  const rel = (p: string) => join(target, p.slice(nativeDir.length + 1));
  return { initdb: rel(bins.initdb), postgres: rel(bins.postgres) };
}

/**
 * Where the cluster of `dataDir` lives: inside it when "postgres" can reach it, else in a
 * directory of its own under SYSTEM_HOME named after the data directory, with a note left in the
 * data directory saying where, so nobody deletes ./var believing the data went with it.
 */
export function clusterHome(dataDir: string, ids: RunAsIds, log: (m: string) => void): string {
  const blocked = blockingDirectory(dataDir, ids);
  if (!blocked) return dataDir;
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  const home = systemDir('clusters', key);
  const note = join(dataDir, 'postgres-location.txt');
  const text = `The PostgreSQL cluster of this data directory is in ${home}\n(user "postgres" cannot enter ${blocked}).\n`;
  if (!existsSync(note) || readFileSync(note, 'utf8') !== text) {
    log(`user "postgres" cannot enter ${blocked}; the cluster of ${dataDir} lives in ${home}`);
    writeFileSync(note, text);
  }
  return home;
}
