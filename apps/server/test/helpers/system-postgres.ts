import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

// Throwaway clusters of the machine's own PostgreSQL (Debian's postgresql-15) for the tests that
// need what the embedded one cannot show: several `psap serve` on one external database, and a
// streaming-replication standby taking over from a killed primary.

export interface SystemPostgres {
  version: number;
  bin: string;
}

/** The oldest installed PostgreSQL 15 or newer: the oldest version the server supports is the one to prove. */
export function findSystemPostgres(): SystemPostgres | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const v of readdirSync(base).map(Number).filter((x) => x >= 15).sort((a, b) => a - b)) {
    const bin = join(base, String(v), 'bin');
    if (['postgres', 'initdb', 'pg_ctl', 'pg_basebackup'].every((b) => existsSync(join(bin, b)))) return { version: v, bin };
  }
  return null;
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL tool as the postgres user when we are root (the server refuses to run as root). */
function pgRun(args: string[], opts: { allowFail?: boolean } = {}): string {
  const [cmd, rest] = asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0]!, args.slice(1)];
  const r = spawnSync(cmd, rest, { encoding: 'utf8' });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return `${r.stdout}${r.stderr}`;
}

export interface PgCluster {
  dir: string;
  data: string;
  port: number;
  /** A node-postgres URL reaching it over its Unix socket. */
  url: string;
  start(): void;
  /** The postmaster's pid, from postmaster.pid. */
  pid(): number | null;
  /** kill -9 of the postmaster: what a power cut or an OOM kill does to a primary. */
  kill9(): void;
  promote(): void;
  /** Stops it if running and removes its files. */
  destroy(): void;
  log(): string;
}

function cluster(pg: SystemPostgres, dir: string, port: number): PgCluster {
  const data = join(dir, 'data');
  const c: PgCluster = {
    dir,
    data,
    port,
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    start() {
      pgRun([join(pg.bin, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-c listen_addresses= -c unix_socket_directories=${dir} -p ${port}`, 'start']);
    },
    pid() {
      const f = join(data, 'postmaster.pid');
      return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : null;
    },
    kill9() {
      const pid = c.pid();
      if (pid) process.kill(pid, 'SIGKILL');
    },
    promote() {
      pgRun([join(pg.bin, 'pg_ctl'), '-D', data, '-w', '-t', '60', 'promote']);
    },
    destroy() {
      if (existsSync(join(data, 'postmaster.pid'))) pgRun([join(pg.bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], { allowFail: true });
      rmSync(dir, { recursive: true, force: true });
    },
    log() {
      try {
        return readFileSync(join(dir, 'log'), 'utf8');
      } catch {
        return '';
      }
    },
  };
  return c;
}

function clusterDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'psap-pgsys-'));
  chmodSync(dir, 0o777); // the postgres user writes its data, socket and log here
  if (asRoot) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    }
  }
  return dir;
}

/** A new primary, started, with fsync on and room for a replication standby. */
export function startPrimary(pg: SystemPostgres, port: number, settings: string[] = []): PgCluster {
  const dir = clusterDir();
  const c = cluster(pg, dir, port);
  pgRun([join(pg.bin, 'initdb'), '-D', c.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  appendFileSync(join(c.data, 'postgresql.conf'), ['', 'fsync = on', 'max_connections = 200', 'wal_level = replica', 'max_wal_senders = 5', 'hot_standby = on', ...settings, ''].join('\n'));
  c.start();
  return c;
}

/** A streaming-replication standby of `primary` made with pg_basebackup -R, started. */
export function startStandby(pg: SystemPostgres, primary: PgCluster, port: number, name = 'standby1'): PgCluster {
  const dir = clusterDir();
  const c = cluster(pg, dir, port);
  pgRun([join(pg.bin, 'pg_basebackup'), '-h', primary.dir, '-p', String(primary.port), '-U', 'postgres', '-D', c.data, '-R', '-X', 'stream', '--checkpoint=fast']);
  // application_name names the standby for synchronous_standby_names on the primary.
  appendFileSync(join(c.data, 'postgresql.auto.conf'), `\nprimary_conninfo = 'host=${primary.dir} port=${primary.port} user=postgres application_name=${name}'\n`);
  c.start();
  return c;
}
