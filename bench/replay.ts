// Replay benchmark: a real call history (Montgomery County PA, Dec 2015 - Aug 2016) replayed through
// the API at N times its real pace while consoles listen. Each call is what a centre does with it:
// the call created, an incident of the mapped APCO type created on it, the first recommended unit
// dispatched, the unit en route, on scene and cleared, the incident closed.
//
//   npm run bench -- replay --file ../shared/data/cfs/montco_pa_911_2015-12_2016-08.csv --speed 100
//        [--minutes 5 | --limit N] [--consoles 20] [--from '2016-01-23 09:00'] [--json]
//
// Reports throughput, the time from sending a create (incident, dispatch) to its event at every
// console (p50/p99), the database's execution time (pg_stat_statements, loaded for the run), and
// the server's memory. `psap serve` runs as its own process on a fresh embedded PostgreSQL.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { CallReplayDriver, readMontcoCalls, type ReplayWrite } from '../apps/server/test/helpers/call-replay';
import { freePort, waitReady, type PsapProcess } from '../apps/server/test/helpers/psap-process';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/data/cfs/montco_pa_911_2015-12_2016-08.csv' },
    speed: { type: 'string', default: '100' },
    minutes: { type: 'string' },
    limit: { type: 'string' },
    from: { type: 'string' },
    consoles: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const SPEED = Number(values.speed);
const CONSOLES = Number(values.consoles);
const LIMIT = values.limit ? Number(values.limit) : undefined;
// Without a bound a replay at 100x would run for days: five minutes unless told otherwise.
const MAX_MS = values.minutes ? Number(values.minutes) * 60_000 : LIMIT ? Infinity : 5 * 60_000;

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (x: number) => Math.round(x * 10) / 10;
function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return NaN;
  }
}
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) / 100;
}

function startServer(dataDir: string, port: number): PsapProcess {
  const bin = resolve(import.meta.dirname, '../apps/server/bin/psap.mjs');
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exited: new Promise((r) => child.on('exit', r)) };
}

async function main() {
  const file = resolve(values.file!);
  const t0 = performance.now();
  const calls = readMontcoCalls(file, { from: values.from, limit: LIMIT });
  const readMs = performance.now() - t0;
  if (calls.length === 0) throw new Error(`no calls read from ${file}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'psap-replay-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // First start seeds the demo (and loads the analysis data); the second runs with
  // pg_stat_statements preloaded, which needs a restart of PostgreSQL.
  let proc = startServer(dataDir, port);
  try {
    await waitReady(url, proc);
    proc.child.kill('SIGTERM');
    await proc.exited;
    appendFileSync(join(dataDir, 'pg', 'postgresql.auto.conf'), "\nshared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = 'top'\n");
    proc = startServer(dataDir, port);
    await waitReady(url, proc);
    const owner = JSON.parse(readFileSync(join(dataDir, 'postgres-owner.json'), 'utf8').toString()) as { socketDir: string; port: number };
    const db = new pg.Client({ host: owner.socketDir, port: owner.port, user: 'postgres', database: 'postgres' });
    await db.connect();
    let statements = true;
    try {
      await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await db.query('SELECT pg_stat_statements_reset()');
    } catch {
      statements = false;
    }

    const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const cookie = /psap_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];

    const workerCount = Math.min(2, CONSOLES);
    const workers = Array.from({ length: workerCount }, (_, k) => {
      const count = Math.floor(CONSOLES / workerCount) + (k < CONSOLES % workerCount ? 1 : 0);
      return new Worker(new URL('./intake-subscribers.mjs', import.meta.url), { workerData: { url, cookie, count } });
    });
    await Promise.all(workers.map((w) => new Promise<void>((res, rej) => {
      w.on('message', (m: { type: string; message?: string }) => (m.type === 'ready' ? res() : m.type === 'error' ? rej(new Error(m.message)) : undefined));
      w.on('error', rej);
    })));
    const collect = async () => {
      const merged = new Map<number, { count: number; last: number }>();
      const parts = await Promise.all(workers.map((w) => new Promise<[number, [number, number]][]>((res) => {
        const on = (m: { type: string; arrivals?: [number, [number, number]][] }) => {
          if (m.type !== 'report') return;
          w.off('message', on);
          res(m.arrivals!);
        };
        w.on('message', on);
        w.postMessage({ type: 'report' });
      })));
      for (const part of parts) for (const [seq, [count, last]] of part) {
        const a = merged.get(seq);
        if (a) {
          a.count += count;
          a.last = Math.max(a.last, last);
        } else merged.set(seq, { count, last });
      }
      return merged;
    };

    let peakRss = rssMb(proc.child.pid!);
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(proc.child.pid!))), 500);
    const cpu0 = cpuSeconds(proc.child.pid!);
    const driver = new CallReplayDriver({ baseUrl: url, headers: { cookie }, speed: SPEED });
    const started = performance.now();
    const { started: callsStarted, elapsedMs: sendingMs } = await driver.replay(calls, MAX_MS);
    const totalMs = performance.now() - started;
    clearInterval(rssTimer);
    const cpu = cpuSeconds(proc.child.pid!) - cpu0;
    const writes = driver.writes;

    let arrivals = await collect();
    const withSeq = writes.filter((w) => w.seq !== null && w.status < 300);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && withSeq.some((w) => (arrivals.get(w.seq!)?.count ?? 0) < CONSOLES)) {
      await new Promise((r) => setTimeout(r, 200));
      arrivals = await collect();
    }
    await new Promise((r) => setTimeout(r, 1500)); // statistics are flushed about once a second
    let dbStatementMs = NaN;
    let dbCalls = NaN;
    let topStatements: { query: string; calls: number; total_ms: number; mean_ms: number }[] = [];
    if (statements) {
      const r = await db.query<{ total: number; calls: number }>("SELECT coalesce(sum(total_exec_time), 0)::float8 AS total, coalesce(sum(calls), 0)::float8 AS calls FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%'");
      dbStatementMs = r.rows[0]!.total;
      dbCalls = r.rows[0]!.calls;
      topStatements = (await db.query("SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query, calls::int, round(total_exec_time::numeric, 1)::float8 AS total_ms, round(mean_exec_time::numeric, 3)::float8 AS mean_ms FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%' ORDER BY total_exec_time DESC LIMIT 5")).rows;
    }

    const e2e = (step: ReplayWrite['step']) => {
      const lat: number[] = [];
      let incomplete = 0;
      for (const w of writes) {
        if (w.step !== step || w.seq === null || w.status >= 300) continue;
        const a = arrivals.get(w.seq);
        if (!a || a.count < CONSOLES) incomplete++;
        else lat.push(a.last - w.sentAt);
      }
      lat.sort((x, y) => x - y);
      return { lat, incomplete };
    };
    const inc = e2e('incident');
    const disp = e2e('dispatch');
    const ack = writes.filter((w) => w.status > 0 && w.status < 300).map((w) => w.ackAt - w.sentAt).sort((x, y) => x - y);
    const server = writes.filter((w) => Number.isFinite(w.serverMs)).map((w) => w.serverMs).sort((x, y) => x - y);
    const byStep = Object.fromEntries((['call', 'incident', 'dispatch', 'status', 'close'] as const).map((s) => [s, writes.filter((w) => w.step === s && w.status > 0 && w.status < 300).length]));
    const conflicts = writes.filter((w) => w.step === 'dispatch' && w.status === 409).length;
    const errors = writes.filter((w) => w.status === 0 || (w.status >= 400 && !(w.step === 'dispatch' && w.status === 409)));
    const historySpanMin = calls.length ? Math.min(calls[calls.length - 1]!.offsetMs, MAX_MS * SPEED) / 60_000 : 0;
    const result = {
      benchmark: 'replay',
      command: `npm run bench -- replay ${process.argv.slice(2).join(' ')}`,
      file,
      speed: SPEED,
      consoles: CONSOLES,
      calls_read: calls.length,
      read_ms: Math.round(readMs),
      calls_replayed: callsStarted,
      history_replayed_min: round(historySpanMin),
      wall_s: round(totalMs / 1000),
      sending_s: round(sendingMs / 1000),
      writes_ok: writes.filter((w) => w.status > 0 && w.status < 300).length,
      writes_by_step: byStep,
      writes_per_s: round(writes.length / (totalMs / 1000)),
      calls_per_s: round(callsStarted / (sendingMs / 1000)),
      dispatch_refused_unit_taken: conflicts,
      http_errors: errors.length,
      http_error_statuses: [...new Set(errors.map((e) => e.status))],
      incident_create_to_all_consoles_ms_p50: round(pct(inc.lat, 50)),
      incident_create_to_all_consoles_ms_p99: round(pct(inc.lat, 99)),
      dispatch_to_all_consoles_ms_p50: round(pct(disp.lat, 50)),
      dispatch_to_all_consoles_ms_p99: round(pct(disp.lat, 99)),
      incomplete_deliveries: inc.incomplete + disp.incomplete,
      http_ack_ms_p50: round(pct(ack, 50)),
      http_ack_ms_p99: round(pct(ack, 99)),
      server_handling_ms_p50: round(pct(server, 50)),
      server_handling_ms_p99: round(pct(server, 99)),
      db_statement_ms_total: round(dbStatementMs),
      db_statements: dbCalls,
      db_statement_ms_per_call: round(dbStatementMs / Math.max(1, callsStarted)),
      db_top_statements: topStatements,
      server_cpu_cores_used: Math.round((cpu / (totalMs / 1000)) * 100) / 100,
      server_cpu_ms_per_call: round((cpu * 1000) / Math.max(1, callsStarted)),
      server_rss_mb_peak: round(peakRss),
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, node ${process.version}`,
    };
    await Promise.all(workers.map((w) => w.terminate()));
    await db.end();
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(40)} ${typeof v === 'object' ? JSON.stringify(v) : v}\n`);
  } finally {
    if (proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
