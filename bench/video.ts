// Live-video relay benchmark: how long from asking for a camera to the first playable HLS segment,
// and what one relayed stream costs in CPU, with the real relay (ffmpeg) reading a simulated RTSP
// camera (GStreamer's RTSP server, H.264 test pattern, a key frame every second).
//
//   npm run bench -- video [--runs 5] [--size 1280x720] [--fps 15] [--seconds 20] [--pattern ball|snow] [--json]
//
// --pattern ball is a small ball moving on black (cheap to encode); snow is noise, an encoder's worst case.
//
// Start: the relay is asked for the camera (as POST /cameras/:id/views does after the access
// check) and the clock stops when the playlist lists its first segment, which is what the
// player's first request waits for. CPU: ffmpeg's user+system time from /proc over a window,
// once copying the camera's H.264 (the usual case) and once encoding (what an MJPEG or H.265
// camera costs).
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRtspCamera } from '../apps/server/test/helpers/rtsp-camera';
import { findFfmpeg } from '../apps/server/src/modules/video/ffmpeg-binary';
import { VideoRelay } from '../apps/server/src/modules/video/relay';
import type { RelayStream } from '../apps/server/src/modules/video/relay-stream';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, size: { type: 'string', default: '1280x720' }, fps: { type: 'string', default: '15' }, seconds: { type: 'string', default: '20' }, pattern: { type: 'string', default: 'ball' }, json: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function cpuOver(stream: RelayStream, seconds: number): Promise<number> {
  await stream.waitPlayable(30_000);
  const pid = stream.pid!;
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return (cpuSeconds(pid) - c0) / ((performance.now() - t0) / 1000);
}

async function main() {
  const camera = await startRtspCamera({ size: values.size, fps: Number(values.fps), pattern: values.pattern as 'ball' | 'snow' });
  const relay = new VideoRelay({ ffmpeg: findFfmpeg(null), dir: join(mkdtempSync(join(tmpdir(), 'psap-bench-video-')), 'relay'), limits: () => ({ maxStreams: 4, idleSeconds: 0 }), log: () => undefined });
  const source = { url: camera.url, kind: 'rtsp' as const };
  try {
    const startMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const s = await relay.acquire(1, source, `run-${i}`);
      if (!(await s.waitPlayable(30_000))) throw new Error(`no segment: ${s.detail}`);
      startMs.push(performance.now() - t0);
      relay.release(1, `run-${i}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const copy = await relay.acquire(2, source, 'cpu-copy');
    const copyCpu = await cpuOver(copy, SECONDS);
    relay.release(2, 'cpu-copy');
    const enc = await relay.acquire(3, source, 'cpu-encode');
    // Force the encoding path, as an MJPEG or H.265 camera would.
    (enc as unknown as { switchTo(m: string, why: string): void }).switchTo('transcode', 'benchmark');
    await new Promise((r) => setTimeout(r, 1500));
    const encCpu = await cpuOver(enc, SECONDS);
    relay.release(3, 'cpu-encode');
    startMs.sort((a, b) => a - b);
    const result = {
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`,
      camera: `${values.size} @ ${values.fps} fps H.264 (${values.pattern}), key frame every 1 s`,
      startToFirstSegmentMs: { runs: RUNS, min: Math.round(startMs[0]!), median: Math.round(startMs[Math.floor(RUNS / 2)]!), max: Math.round(startMs.at(-1)!) },
      cpuPerStream: { copy: `${(copyCpu * 100).toFixed(1)} % of one core`, encode: `${(encCpu * 100).toFixed(1)} % of one core` },
    };
    if (values.json) console.log(JSON.stringify(result));
    else console.log(JSON.stringify(result, null, 2));
  } finally {
    await relay.stopAll();
    await camera.stop();
  }
}

await main();
