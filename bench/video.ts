// Live-video relay benchmark, with the real relay (one ffmpeg per camera) reading a simulated RTSP
// camera (GStreamer's RTSP server, H.264, a key frame every second) on this machine.
//
//   npm run bench -- video [--runs 5] [--size 1280x720] [--fps 15] [--bitrate 2000] [--pattern ball|snow]
//                          [--seconds 15] [--max-copy 16] [--max-encode 8] [--json]
//
// --pattern ball: a small ball moving on black (cheap to encode); snow: noise, an encoder's worst case.
//
// 1. Start: the relay is asked for a camera (as POST /cameras/:id/views does after the access check)
//    and the clock stops when the playlist lists its first segment, which is what the player's
//    first playlist request waits for. Cold each time (ffmpeg started afresh).
// 2. Cost of one relayed stream: ffmpeg's CPU (user+system from /proc) and resident memory over a
//    window, copying the camera's H.264 (the usual case) and encoding it (what an MJPEG or H.265
//    camera costs).
// 3. How many at once: N relays of the camera side by side, copying, then encoding with N rising
//    until the relays fall behind real time (fewer than 0.9 one-second segments per second each).
//    The simulated camera's own encoder runs on the same cores, as does anything else on the machine.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRtspCamera } from '../apps/server/test/helpers/rtsp-camera';
import { findFfmpeg } from '../apps/server/src/modules/video/ffmpeg-binary';
import { VideoRelay } from '../apps/server/src/modules/video/relay';
import type { RelayStream } from '../apps/server/src/modules/video/relay-stream';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    size: { type: 'string', default: '1280x720' },
    fps: { type: 'string', default: '15' },
    bitrate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '15' },
    pattern: { type: 'string', default: 'ball' },
    'max-copy': { type: 'string', default: '16' },
    'max-encode': { type: 'string', default: '8' },
    json: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** The highest segment number written so far. */
function lastSegment(s: RelayStream): number {
  let max = -1;
  for (const f of readdirSync(s.dir)) {
    const m = /^seg(\d+)\.ts$/.exec(f);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** The relayed bit rate: mean size of the one-second segments on disk (complete ones only: ffmpeg renames them when done). */
function segmentKbps(s: RelayStream): number {
  const sizes = readdirSync(s.dir).filter((f) => /^seg\d+\.ts$/.test(f)).map((f) => statSync(join(s.dir, f)).size);
  return sizes.length ? (sizes.reduce((a, b) => a + b, 0) / sizes.length) * 8 / 1000 : 0;
}

interface Window {
  /** Per stream: CPU in cores, resident MB, one-second segments written per second. */
  cpu: number[];
  rss: number[];
  segPerS: number[];
  kbps: number[];
}

/** Measures streams over the window; a stream restarted meanwhile (new pid) counts as fallen behind. */
async function measure(streams: RelayStream[], seconds: number): Promise<Window> {
  const pids = streams.map((s) => s.pid!);
  const c0 = pids.map(cpuSeconds);
  const s0 = streams.map(lastSegment);
  const t0 = performance.now();
  const rssPeak = pids.map(() => 0);
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    await sleep(1000);
    pids.forEach((p, i) => {
      try {
        rssPeak[i] = Math.max(rssPeak[i]!, rssMb(p));
      } catch {
        // restarted; noticed below
      }
    });
  }
  const dt = (performance.now() - t0) / 1000;
  return {
    kbps: streams.map(segmentKbps),
    cpu: pids.map((p, i) => (streams[i]!.pid === p ? (cpuSeconds(p) - c0[i]!) / dt : NaN)),
    rss: rssPeak,
    segPerS: streams.map((s, i) => (s.pid === pids[i] ? (lastSegment(s) - s0[i]!) / dt : 0)),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const camera = await startRtspCamera({ size: values.size, fps: Number(values.fps), pattern: values.pattern as 'ball' | 'snow', bitrateKbps: Number(values.bitrate) });
  const base = mkdtempSync(join(tmpdir(), 'psap-bench-video-'));
  const relay = new VideoRelay({ ffmpeg: findFfmpeg(null), dir: join(base, 'relay'), limits: () => ({ maxStreams: 256, idleSeconds: 0 }), log: () => undefined });
  const source = { url: camera.url, kind: 'rtsp' as const };
  let nextCamera = 1;
  const open = async (n: number, encode: boolean): Promise<{ ids: number[]; streams: RelayStream[] }> => {
    const ids = Array.from({ length: n }, () => nextCamera++);
    const streams = await Promise.all(ids.map((id) => relay.acquire(id, source, 'bench')));
    if (encode) for (const s of streams) (s as unknown as { switchTo(m: string, why: string): void }).switchTo('transcode', 'benchmark');
    await sleep(encode ? 1500 : 200);
    const ok = await Promise.all(streams.map((s) => s.waitPlayable(60_000)));
    if (ok.some((x) => !x)) log(`  ${ok.filter((x) => !x).length} of ${n} relays never produced a segment`);
    return { ids, streams };
  };
  const close = async (ids: number[]) => {
    for (const id of ids) relay.release(id, 'bench');
    await sleep(1500);
  };
  try {
    // Warm the camera once, so the first measured start does not include the camera's own start.
    const warm = await open(1, false);
    await close(warm.ids);

    log('start to first segment…');
    const startMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const id = nextCamera++;
      const t0 = performance.now();
      const s = await relay.acquire(id, source, 'bench');
      if (!(await s.waitPlayable(30_000))) throw new Error(`no segment: ${s.detail}`);
      startMs.push(performance.now() - t0);
      await close([id]);
    }

    log('one stream, copy and encode…');
    const one = { copy: null as Window | null, encode: null as Window | null };
    for (const mode of ['copy', 'encode'] as const) {
      const o = await open(1, mode === 'encode');
      await sleep(2000);
      one[mode] = await measure(o.streams, SECONDS);
      await close(o.ids);
    }

    log(`${values['max-copy']} streams copying…`);
    const nCopy = Number(values['max-copy']);
    const copies = await open(nCopy, false);
    await sleep(2000);
    const many = await measure(copies.streams, SECONDS);
    await close(copies.ids);

    log('encoding, rising until the relays fall behind…');
    const encodeSteps: { n: number; totalCpu: number; minSegPerS: number; keepsUp: boolean }[] = [];
    for (let n = 1; n <= Number(values['max-encode']); n++) {
      const o = await open(n, true);
      await sleep(3000);
      // The camera's own encoder and everything else on the machine compete for the same cores.
      const cam0 = cpuSeconds(camera.pid);
      const t0 = performance.now();
      const w = await measure(o.streams, SECONDS);
      const cameraCpu = (cpuSeconds(camera.pid) - cam0) / ((performance.now() - t0) / 1000);
      const load1 = loadavg()[0]!;
      await close(o.ids);
      const minSeg = Math.min(...w.segPerS);
      const step = {
        n,
        totalCpu: round(w.cpu.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0), 2),
        minSegPerS: round(minSeg, 2),
        keepsUp: minSeg >= 0.9 && w.cpu.every((c) => !Number.isNaN(c)),
        cameraCpu: round(cameraCpu, 2),
        loadAverage1m: round(load1, 1),
      };
      log(`  ${n}: ${JSON.stringify(step)}`);
      encodeSteps.push(step);
      if (!step.keepsUp) break;
    }

    const result = {
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB`,
      camera: `${values.size} @ ${values.fps} fps H.264 ${values.bitrate} kbit/s (${values.pattern}), key frame every 1 s, RTSP over TCP on loopback`,
      startToFirstSegmentMs: { runs: RUNS, min: Math.round(Math.min(...startMs)), median: Math.round(median(startMs)), max: Math.round(Math.max(...startMs)) },
      oneStream: {
        copy: { cpuCores: round(one.copy!.cpu[0]!, 3), rssMb: round(one.copy!.rss[0]!), segPerS: round(one.copy!.segPerS[0]!, 2), kbps: Math.round(one.copy!.kbps[0]!) },
        encode: { cpuCores: round(one.encode!.cpu[0]!, 3), rssMb: round(one.encode!.rss[0]!), segPerS: round(one.encode!.segPerS[0]!, 2), kbps: Math.round(one.encode!.kbps[0]!) },
      },
      copying: {
        streams: nCopy,
        totalCpuCores: round(many.cpu.reduce((a, b) => a + b, 0), 2),
        medianCpuCoresPerStream: round(median(many.cpu), 3),
        medianRssMbPerStream: round(median(many.rss)),
        minSegPerS: round(Math.min(...many.segPerS), 2),
      },
      encoding: encodeSteps,
      maxEncodedStreamsKeepingUp: encodeSteps.filter((s) => s.keepsUp).at(-1)?.n ?? 0,
    };
    console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
  } finally {
    await relay.stopAll();
    await camera.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
