import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initialMode, PLAYLIST_NAME, relayArgs, SEGMENT_PATTERN, SEGMENT_SECONDS, videoCodecIn, type RelayMode, type StreamKind } from './ffmpeg-args';

export type StreamState = 'starting' | 'playing' | 'restarting' | 'failed' | 'stopped';

/** Crashes tolerated within CRASH_WINDOW_MS before the relay gives up on a camera. */
const MAX_CRASHES = 4;
const CRASH_WINDOW_MS = 2 * 60_000;
/** No playlist this long after starting, or no new segment this long while playing: ffmpeg is stuck. */
const START_TIMEOUT_MS = 20_000;
const STALL_MS = Math.max(12_000, SEGMENT_SECONDS * 8_000);
const WATCH_MS = 250;

export interface RelayStreamOptions {
  cameraId: number;
  source: { url: string; kind: StreamKind };
  ffmpeg: string;
  dir: string;
  log: (msg: string) => void;
}

/**
 * One camera relayed: an ffmpeg process reading the camera and writing a rolling HLS playlist
 * into its own directory. Restarts ffmpeg when it dies or stalls (continuing the segment numbers
 * so players carry on), switches from copying to encoding when the camera's codec cannot be
 * copied into HLS for browsers, gives up after repeated crashes, and deletes its files on stop.
 */
export class RelayStream {
  state: StreamState = 'starting';
  /** What went wrong last, for the viewer (the last error line of ffmpeg, or our own words). */
  detail: string | null = null;
  mode: RelayMode;
  readonly startedAt = Date.now();
  /** When the first playable playlist appeared (for the start-to-picture figure). */
  firstPlayableAt: number | null = null;
  pid: number | null = null;
  private proc: ChildProcess | null = null;
  private crashes: number[] = [];
  private lastLines: string[] = [];
  private lastProgressAt = Date.now();
  private lastPlaylistMtime = 0;
  private timer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;
  private waiters: (() => void)[] = [];
  /** Set when we kill ffmpeg on purpose to restart it another way (not a crash). */
  private switching = false;

  constructor(private readonly opts: RelayStreamOptions) {
    this.mode = initialMode(opts.source.kind);
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    this.spawn();
    this.timer = setInterval(() => this.watch(), WATCH_MS);
    this.timer.unref();
  }

  get cameraId(): number {
    return this.opts.cameraId;
  }

  get dir(): string {
    return this.opts.dir;
  }

  /** Resolves once a playlist with at least one segment exists, or the relay failed/stopped, or time ran out. */
  async waitPlayable(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.state !== 'playing') {
      if (this.state === 'failed' || this.state === 'stopped' || Date.now() >= deadline) return false;
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(500, Math.max(1, deadline - Date.now())));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return true;
  }

  async playlist(): Promise<string | null> {
    try {
      return await readFile(join(this.opts.dir, PLAYLIST_NAME), 'utf8');
    } catch {
      return null;
    }
  }

  /** The path of a segment file, or null for a name that is not one of ours. */
  segmentPath(name: string): string | null {
    return SEGMENT_PATTERN.test(name) ? join(this.opts.dir, name) : null;
  }

  /** Stops ffmpeg (politely, then by force) and deletes the segment files. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer) clearInterval(this.timer);
      if (this.restartTimer) clearTimeout(this.restartTimer);
      const proc = this.proc;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill('SIGTERM');
        const force = setTimeout(() => proc.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(force);
      }
      this.setState('stopped');
      rmSync(this.opts.dir, { recursive: true, force: true });
    })();
    return this.stopping;
  }

  private spawn(): void {
    const args = relayArgs(this.opts.source, this.mode, this.opts.dir, this.nextSegmentNumber());
    const proc = spawn(this.opts.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc = proc;
    this.pid = proc.pid ?? null;
    this.lastProgressAt = Date.now();
    let inInput = true;
    let buf = '';
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.search(/[\r\n]/)) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        this.remember(line);
        if (line.startsWith('Output #0')) inInput = false;
        if (inInput && this.mode === 'copy') {
          const codec = videoCodecIn(line);
          // Browsers play H.264 in HLS; anything else (H.265, MJPEG, MPEG-4) is encoded instead.
          if (codec && codec !== 'h264') this.switchTo('transcode', `the camera sends ${codec}; encoding to H.264`);
        }
      }
    });
    proc.on('error', (e) => this.remember(`cannot run ${this.opts.ffmpeg}: ${e.message}`));
    proc.on('exit', (code, signal) => {
      if (this.proc !== proc) return;
      this.proc = null;
      this.pid = null;
      if (this.stopping) return;
      if (this.switching) {
        this.switching = false;
        this.spawn();
        return;
      }
      this.crashed(`ffmpeg ended (${signal ?? `exit ${code}`}): ${this.lastError()}`);
    });
  }

  private switchTo(mode: RelayMode, why: string): void {
    if (this.mode === mode || this.switching) return;
    this.opts.log(`video relay: camera ${this.opts.cameraId}: ${why}`);
    this.mode = mode;
    this.switching = true;
    this.proc?.kill('SIGKILL');
  }

  private crashed(why: string): void {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    this.detail = why;
    this.opts.log(`video relay: camera ${this.opts.cameraId}: ${why}`);
    if (this.crashes.length > MAX_CRASHES) {
      this.setState('failed');
      return;
    }
    this.setState('restarting');
    // Back off 1, 2, 4, 8 s: a camera that is rebooting gets time, a flapping one is not hammered.
    const delay = 1000 * 2 ** (this.crashes.length - 1);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.spawn();
    }, delay);
    this.restartTimer.unref();
  }

  /** Watches the playlist: first segment (playing), new segments (alive), none for too long (stuck). */
  private watch(): void {
    if (this.stopping || !this.proc) return;
    let mtime = 0;
    try {
      mtime = statSync(join(this.opts.dir, PLAYLIST_NAME)).mtimeMs;
    } catch {
      // not written yet
    }
    const now = Date.now();
    if (mtime && mtime !== this.lastPlaylistMtime) {
      this.lastPlaylistMtime = mtime;
      this.lastProgressAt = now;
      if (this.state !== 'playing') {
        this.firstPlayableAt ??= now;
        this.detail = null;
        this.setState('playing');
      }
      return;
    }
    const limit = this.state === 'playing' ? STALL_MS : START_TIMEOUT_MS;
    if (now - this.lastProgressAt > limit) {
      this.remember(this.state === 'playing' ? 'no new video from the camera' : 'the camera did not start sending video');
      this.lastProgressAt = now;
      this.proc.kill('SIGKILL');
    }
  }

  /** After a restart, segment numbers continue past the highest one on disk. */
  private nextSegmentNumber(): number {
    let max = -1;
    try {
      for (const f of readdirSync(this.opts.dir)) {
        const m = /^seg(\d+)\.ts/.exec(f);
        if (m) max = Math.max(max, Number(m[1]));
      }
    } catch {
      // a fresh directory
    }
    return max + 1;
  }

  private remember(line: string): void {
    this.lastLines.push(line);
    if (this.lastLines.length > 30) this.lastLines.shift();
  }

  private lastError(): string {
    const errorLine = [...this.lastLines].reverse().find((l) => /error|fail|refused|timed out|not found|invalid|unauthori[sz]ed|no new video|did not start|cannot/i.test(l));
    return (errorLine ?? this.lastLines.at(-1) ?? 'no output').replace(/\/\/[^@\s/]*@/g, '//').slice(0, 300);
  }

  private setState(s: StreamState): void {
    this.state = s;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
