// Intake benchmark: incidents created through the API as fast as it accepts them while N
// WebSocket subscribers listen. Reports throughput and, per incident, the time from sending the
// create request to the event having arrived at every subscriber (p50/p99).
//
//   npm run bench -- intake [--subscribers 100] [--concurrency 32] [--seconds 20] [--json]
//
// It runs `psap serve` as a separate process on a fresh embedded PostgreSQL (as an operator
// would), so the figures include the real HTTP, validation, transaction, fsync and fan-out.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { freePort, waitReady, type PsapProcess } from '../apps/server/test/helpers/psap-process';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);

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
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const proc: PsapProcess = { child, output: () => out, exited: new Promise((r) => child.on('exit', r)) };
  try {
    await waitReady(url, proc);
    const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const cookie = /psap_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];

    // seq -> number of subscribers that have it, and when the last one got it.
    const arrivals = new Map<number, { count: number; last: number }>();
    const sockets: WebSocket[] = [];
    await Promise.all(
      Array.from({ length: SUBSCRIBERS }, () =>
        new Promise<void>((res, rej) => {
          const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/stream`, { headers: { cookie } });
          ws.on('message', (raw: Buffer) => {
            const s = raw.toString();
            if (s.startsWith('{"type":"caught-up"')) return res();
            if (!s.startsWith('{"type":"event"')) return;
            const seq = Number(/"seq":(\d+)/.exec(s)![1]);
            const now = performance.now();
            const a = arrivals.get(seq);
            if (a) {
              a.count++;
              a.last = now;
            } else arrivals.set(seq, { count: 1, last: now });
          });
          ws.on('error', rej);
          sockets.push(ws);
        }),
      ),
    );

    const sent = new Map<number, { t0: number; ack: number }>();
    let errors = 0;
    let stop = false;
    let measuring = false;
    let created = 0;
    const serverCpu0 = { v: 0 };
    const worker = async (w: number) => {
      let i = 0;
      while (!stop) {
        const t0 = performance.now();
        const res = await fetch(`${url}/api/v1/incidents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ type: i % 3 ? 'SUSP' : 'FALL', location: { text: `${100 + (i % 900)} N Charles St`, lat: 39.29 + (w % 10) / 1000, lon: -76.61 } }),
        });
        await res.arrayBuffer();
        const ack = performance.now();
        i++;
        if (res.status !== 201) {
          errors++;
          continue;
        }
        if (measuring) {
          sent.set(Number(res.headers.get('x-event-seq')), { t0, ack });
          created++;
        }
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, WARMUP * 1000));
    measuring = true;
    serverCpu0.v = cpuSeconds(child.pid!);
    const start = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const elapsed = (performance.now() - start) / 1000;
    const serverCpu = cpuSeconds(child.pid!) - serverCpu0.v;
    stop = true;
    await Promise.all(workers);
    // Let the tail of events reach everyone before judging.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && [...sent.keys()].some((s) => (arrivals.get(s)?.count ?? 0) < SUBSCRIBERS)) await new Promise((r) => setTimeout(r, 50));

    const endToEnd: number[] = [];
    const ackMs: number[] = [];
    const fanout: number[] = [];
    let incomplete = 0;
    for (const [seq, s] of sent) {
      ackMs.push(s.ack - s.t0);
      const a = arrivals.get(seq);
      if (!a || a.count < SUBSCRIBERS) {
        incomplete++;
        continue;
      }
      endToEnd.push(a.last - s.t0);
      fanout.push(Math.max(0, a.last - s.ack));
    }
    for (const arr of [endToEnd, ackMs, fanout]) arr.sort((x, y) => x - y);
    const result = {
      benchmark: 'intake',
      subscribers: SUBSCRIBERS,
      concurrency: CONCURRENCY,
      seconds: round(elapsed),
      incidents: created,
      incidents_per_s: round(created / elapsed),
      create_to_all_subscribers_ms_p50: round(pct(endToEnd, 50)),
      create_to_all_subscribers_ms_p99: round(pct(endToEnd, 99)),
      http_ack_ms_p50: round(pct(ackMs, 50)),
      http_ack_ms_p99: round(pct(ackMs, 99)),
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
    for (const ws of sockets) ws.terminate();
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
