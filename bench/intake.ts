// Intake benchmark: incidents created through the API as fast as it accepts them while N
// WebSocket subscribers listen. Reports throughput and, per incident, the time from sending the
// create request to the event having arrived at every subscriber (p50/p99).
//
//   npm run bench -- intake [--subscribers 100] [--concurrency 32] [--seconds 20] [--json]
//   npm run bench -- intake --rate 300      (open loop: 300 creates/s whatever the latency)
//
// Closed loop (the default) finds the most the API accepts; open loop at a fixed rate shows the
// latency a centre would see at that load, without the queueing a closed loop adds.
// BENCH_SERVER_PRELOAD=bench/event-loop-lag.mjs also prints the server's event-loop delay.
//
// It runs `psap serve` as a separate process on a fresh embedded PostgreSQL (as an operator
// would), so the figures include the real HTTP, validation, transaction, fsync and fan-out.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { freePort, waitReady, type PsapProcess } from '../apps/server/test/helpers/psap-process';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    rate: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const RATE = values.rate ? Number(values.rate) : null;

/** The server's own handling time, from its Server-Timing header. */
function serverMs(res: Response): number {
  const m = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
  return m ? Number(m[1]) : NaN;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (x: number) => Math.round(x * 10) / 10;

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  } catch {
    return NaN;
  }
}

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) / 100;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = resolve(import.meta.dirname, '../apps/server/bin/psap.mjs');
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_PRELOAD ? ['--import', resolve(process.env.BENCH_SERVER_PRELOAD)] : []), bin, 'serve'], { env: { ...process.env, PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => { out += d; if (process.env.BENCH_SERVER_PRELOAD) process.stderr.write(d); });
  const proc: PsapProcess = { child, output: () => out, exited: new Promise((r) => child.on('exit', r)) };
  try {
    await waitReady(url, proc);
    const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const cookie = /psap_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];

    // Subscribers live in worker threads, so parsing their messages does not delay this thread's
    // timing of requests.
    const workerCount = Math.min(2, SUBSCRIBERS);
    const workers = Array.from({ length: workerCount }, (_, k) => {
      const count = Math.floor(SUBSCRIBERS / workerCount) + (k < SUBSCRIBERS % workerCount ? 1 : 0);
      return new Worker(new URL('./intake-subscribers.mjs', import.meta.url), { workerData: { url, cookie, count } });
    });
    await Promise.all(workers.map((w) => new Promise<void>((res, rej) => {
      w.on('message', (m: { type: string; message?: string }) => {
        if (m.type === 'ready') res();
        if (m.type === 'error') rej(new Error(m.message));
      });
      w.on('error', rej);
    })));
    const collect = async (): Promise<Map<number, { count: number; last: number }>> => {
      const merged = new Map<number, { count: number; last: number }>();
      const parts = await Promise.all(workers.map((w) => new Promise<[number, [number, number]][]>((res) => {
        const on = (m: { type: string; arrivals?: [number, [number, number]][] }) => {
          if (m.type === 'report') {
            w.off('message', on);
            res(m.arrivals!);
          }
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
    const clock = () => performance.timeOrigin + performance.now();

    const sent = new Map<number, { t0: number; ack: number; server: number }>();
    let errors = 0;
    let stop = false;
    let measuring = false;
    let created = 0;
    const serverCpu0 = { v: 0 };
    let sequence = 0;
    const createOne = async (w: number, i: number) => {
      const t0 = clock();
      const res = await fetch(`${url}/api/v1/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ type: i % 3 ? 'SUSP' : 'FALL', location: { text: `${100 + (i % 900)} N Charles St`, lat: 39.29 + (w % 10) / 1000, lon: -76.61 } }),
      });
      await res.arrayBuffer();
      const ack = clock();
      if (res.status !== 201) {
        errors++;
        return;
      }
      if (measuring && t0 >= measureStart) {
        sent.set(Number(res.headers.get('x-event-seq')), { t0, ack, server: serverMs(res) });
        created++;
      }
    };
    let measureStart = Infinity;
    // Open loop: fire on a fixed schedule, in-flight requests or not (capped to stay sane).
    const openLoop = async () => {
      let inFlight = 0;
      const pending = new Set<Promise<void>>();
      const t0 = performance.now();
      let fired = 0;
      while (!stop) {
        const due = Math.floor(((performance.now() - t0) / 1000) * RATE!);
        while (fired < due && inFlight < 2000) {
          inFlight++;
          const p = createOne(fired % 32, sequence++).finally(() => {
            inFlight--;
            pending.delete(p);
          });
          pending.add(p);
          fired++;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      await Promise.all(pending);
    };
    const worker = async (w: number) => {
      let i = 0;
      while (!stop) {
        const t0 = clock();
        const res = await fetch(`${url}/api/v1/incidents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ type: i % 3 ? 'SUSP' : 'FALL', location: { text: `${100 + (i % 900)} N Charles St`, lat: 39.29 + (w % 10) / 1000, lon: -76.61 } }),
        });
        await res.arrayBuffer();
        const ack = clock();
        i++;
        if (res.status !== 201) {
          errors++;
          continue;
        }
        if (measuring) {
          sent.set(Number(res.headers.get('x-event-seq')), { t0, ack, server: serverMs(res) });
          created++;
        }
        void sequence;
      }
    };
    const loops = RATE ? [openLoop()] : Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, WARMUP * 1000));
    measuring = true;
    measureStart = clock();
    serverCpu0.v = cpuSeconds(child.pid!);
    const start = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const elapsed = (performance.now() - start) / 1000;
    const serverCpu = cpuSeconds(child.pid!) - serverCpu0.v;
    stop = true;
    await Promise.all(loops);
    // Let the tail of events reach everyone before judging.
    let arrivals = await collect();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && [...sent.keys()].some((s) => (arrivals.get(s)?.count ?? 0) < SUBSCRIBERS)) {
      await new Promise((r) => setTimeout(r, 200));
      arrivals = await collect();
    }

    const endToEnd: number[] = [];
    const ackMs: number[] = [];
    const fanout: number[] = [];
    const serverTimes: number[] = [];
    let incomplete = 0;
    for (const [seq, s] of sent) {
      ackMs.push(s.ack - s.t0);
      if (Number.isFinite(s.server)) serverTimes.push(s.server);
      const a = arrivals.get(seq);
      if (!a || a.count < SUBSCRIBERS) {
        incomplete++;
        continue;
      }
      endToEnd.push(a.last - s.t0);
      fanout.push(Math.max(0, a.last - s.ack));
    }
    for (const arr of [endToEnd, ackMs, fanout, serverTimes]) arr.sort((x, y) => x - y);
    const result = {
      benchmark: 'intake',
      mode: RATE ? `open loop at ${RATE}/s` : `closed loop, ${CONCURRENCY} concurrent`,
      subscribers: SUBSCRIBERS,
      seconds: round(elapsed),
      incidents: created,
      incidents_per_s: round(created / elapsed),
      create_to_all_subscribers_ms_p50: round(pct(endToEnd, 50)),
      create_to_all_subscribers_ms_p99: round(pct(endToEnd, 99)),
      http_ack_ms_p50: round(pct(ackMs, 50)),
      http_ack_ms_p99: round(pct(ackMs, 99)),
      server_handling_ms_p50: round(pct(serverTimes, 50)),
      server_handling_ms_p99: round(pct(serverTimes, 99)),
      ack_to_all_subscribers_ms_p50: round(pct(fanout, 50)),
      ack_to_all_subscribers_ms_p99: round(pct(fanout, 99)),
      events_delivered: endToEnd.length * SUBSCRIBERS,
      incomplete_deliveries: incomplete,
      http_errors: errors,
      server_cpu_s_per_incident_ms: round((serverCpu / Math.max(1, created)) * 1000 * 100) / 100,
      server_cpu_cores_used: round(serverCpu / elapsed),
      server_rss_mb: round(rssMb(child.pid!)),
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
    };
    await Promise.all(workers.map((w) => w.terminate()));
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(36)} ${v}\n`);
  } finally {
    child.kill('SIGTERM');
    await proc.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
