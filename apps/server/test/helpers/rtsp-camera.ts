import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../fixtures/rtsp_camera.py', import.meta.url));
// Debian's python3 carries python3-gi; a python from elsewhere on the PATH may not.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface SimulatedCamera {
  /** rtsp://127.0.0.1:<port>/stream */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A real RTSP camera for tests: GStreamer's RTSP server (Debian packages gir1.2-gst-rtsp-server-1.0,
 * gstreamer1.0-plugins-{base,good,ugly}, python3-gi; scripts/test.mjs installs them) serving a
 * moving test pattern in H.264, one key frame a second.
 */
export async function startRtspCamera(opts: { fps?: number; size?: string; path?: string; pattern?: 'ball' | 'snow' | 'smpte'; bitrateKbps?: number } = {}): Promise<SimulatedCamera> {
  const args = [SCRIPT, '--port', '0', '--fps', String(opts.fps ?? 10), '--size', opts.size ?? '320x240', '--path', opts.path ?? '/stream', '--pattern', opts.pattern ?? 'ball', '--bitrate', String(opts.bitrateKbps ?? 300)];
  const proc: ChildProcess = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not report READY within 20 s'), 20_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new Error(`simulated RTSP camera ${why}: ${err.trim() || out.trim()}\n(needs Debian packages gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly python3-gi)`));
    };
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.stderr!.on('data', (d) => (err += String(d)));
    proc.on('error', (e) => fail(`could not start (${e.message})`));
    proc.on('exit', (code) => fail(`exited with ${code}`));
  });
  return {
    url,
    pid: proc.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** Whether a process still runs (for "the relay's ffmpeg has stopped"). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
