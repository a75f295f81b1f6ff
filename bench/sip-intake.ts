// SIP intake benchmark: NG9-1-1 calls from sipp into `psap serve --sip` (auto-answer), at a fixed
// call rate. Reports, per call, the time from sipp sending the INVITE to it receiving 180 Ringing,
// which the listener sends right after the call (with its PIDF-LO shape) is committed and its
// call.created event is in the ledger: the INVITE -> presented latency as the network sees it.
//
//   npm run bench -- sip-intake [--calls 300] [--rate 30] [--transport udp|tcp] [--json]
//
// The scenario is ../shared's CALLS/SIP_basic_call.xml (point in PIDF-LO, answer, ACK, BYE after
// 1 s), with the closing 999 wait removed and the INVITE/180 pair timed by sipp (rtd).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, waitReady, type PsapProcess } from '../apps/server/test/helpers/psap-process';
import { sharedScenario, writeScenario } from '../apps/server/test/helpers/sipp';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '300' },
    rate: { type: 'string', default: '30' },
    transport: { type: 'string', default: 'udp' },
    json: { type: 'boolean', default: false },
  },
});

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-bench-sip-'));
  const port = await freePort();
  const sipPort = await freePort();
  const bin = resolve(import.meta.dirname, '../apps/server/bin/psap.mjs');
  const child = spawn(process.execPath, [bin, 'serve', '--sip', '--no-seed'], {
    env: { ...process.env, PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_SIP_PORT: String(sipPort), PSAP_SIP_AUTO_ANSWER: '1', PSAP_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const proc: PsapProcess = { child, output: () => out, exited: new Promise((r) => child.on('exit', r)) };
  try {
    await waitReady(`http://127.0.0.1:${port}`, proc);
    const xml = sharedScenario('CALLS/SIP_basic_call.xml')
      .replace('<send>', '<send start_rtd="invite">')
      .replace(/<recv response="180" optional="true">/, '<recv response="180" rtd="invite">');
    const file = writeScenario(xml);
    const dir = file.slice(0, file.lastIndexOf('/'));
    const started = Date.now();
    const code = await new Promise<number | null>((res) => {
      const p = spawn('sipp', [`127.0.0.1:${sipPort}`, '-sf', file, '-m', values.calls!, '-r', values.rate!, '-l', '500', '-i', '127.0.0.1', '-t', values.transport === 'tcp' ? 't1' : 'u1', '-nostdin', '-timeout', '300s', '-trace_rtt', '-rtt_freq', '1'], { cwd: dir, stdio: 'ignore' });
      p.on('close', res);
    });
    const rttFile = readdirSync(dir).filter((f) => f.startsWith(file.split('/').pop()!.replace('.xml', '')) && f.endsWith('_rtt.csv')).pop();
    const times = rttFile
      ? readFileSync(join(dir, rttFile), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(';')[1])).filter(Number.isFinite).sort((a, b) => a - b)
      : [];
    const result = {
      calls: Number(values.calls), rate: Number(values.rate), transport: values.transport, sippExit: code, timed: times.length,
      inviteToRingingMs: { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), max: times[times.length - 1] ?? NaN },
      wallSeconds: (Date.now() - started) / 1000,
    };
    if (values.json) console.log(JSON.stringify(result));
    else console.log(`${result.calls} calls at ${result.rate}/s over ${result.transport}: sipp exit ${code}; INVITE -> 180 (presented) p50 ${result.inviteToRingingMs.p50} ms, p95 ${result.inviteToRingingMs.p95} ms, p99 ${result.inviteToRingingMs.p99} ms, max ${result.inviteToRingingMs.max} ms`);
  } finally {
    child.kill('SIGTERM');
    await proc.exited;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
