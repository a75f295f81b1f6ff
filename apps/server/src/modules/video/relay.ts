import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamKind } from './ffmpeg-args';
import { RelayStream } from './relay-stream';

/** Thrown when every relay slot is taken by cameras someone is watching. */
export class RelayBusy extends Error {}

export interface RelayOptions {
  ffmpeg: string;
  /** A directory of this process's own; removed and recreated at start, so a crash leaves nothing behind for long. */
  dir: string;
  /** Read on every decision, so a running server (or a test) can change them. */
  limits: () => { maxStreams: number; idleSeconds: number };
  log: (msg: string) => void;
}

interface Entry {
  stream: RelayStream;
  holders: Set<string>;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * The cameras being relayed, one ffmpeg per camera however many views hold it. A relay starts
 * with its first view, outlives its last one by the idle period, and counts against the limit
 * until then; an idle relay gives up its slot at once when another camera needs it.
 */
export class VideoRelay {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly opts: RelayOptions) {
    rmSync(opts.dir, { recursive: true, force: true });
  }

  /** The relay of a camera for one more holder (a view id), starting it when needed. */
  async acquire(cameraId: number, source: { url: string; kind: StreamKind }, holder: string): Promise<RelayStream> {
    let e = this.entries.get(cameraId);
    if (e && (e.stream.state === 'failed' || e.stream.state === 'stopped')) {
      // A relay that gave up gets a fresh start when someone asks again.
      await this.drop(cameraId);
      e = undefined;
    }
    if (!e) {
      const { maxStreams } = this.opts.limits();
      if (this.entries.size >= maxStreams) {
        const idle = [...this.entries.entries()].find(([, x]) => x.holders.size === 0);
        if (!idle) throw new RelayBusy(`all ${maxStreams} live streams are in use; stop a view or try again shortly`);
        await this.drop(idle[0]);
      }
      const dir = join(this.opts.dir, `camera-${cameraId}-${randomBytes(6).toString('hex')}`);
      e = { stream: new RelayStream({ cameraId, source, ffmpeg: this.opts.ffmpeg, dir, log: this.opts.log }), holders: new Set(), idleTimer: null };
      this.entries.set(cameraId, e);
    }
    if (e.idleTimer) clearTimeout(e.idleTimer);
    e.idleTimer = null;
    e.holders.add(holder);
    return e.stream;
  }

  /** One holder is done; the relay stops after the idle period if nobody else holds it. */
  release(cameraId: number, holder: string): void {
    const e = this.entries.get(cameraId);
    if (!e || !e.holders.delete(holder) || e.holders.size) return;
    const { idleSeconds } = this.opts.limits();
    if (idleSeconds <= 0) {
      void this.drop(cameraId);
      return;
    }
    e.idleTimer = setTimeout(() => {
      if (this.entries.get(cameraId) === e && !e.holders.size) void this.drop(cameraId);
    }, idleSeconds * 1000);
    e.idleTimer.unref();
  }

  get(cameraId: number): RelayStream | null {
    return this.entries.get(cameraId)?.stream ?? null;
  }

  /** Cameras being relayed now (idle ones included: they hold a slot until they stop). */
  streams(): RelayStream[] {
    return [...this.entries.values()].map((e) => e.stream);
  }

  inUse(): number {
    return this.entries.size;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.drop(id)));
    rmSync(this.opts.dir, { recursive: true, force: true });
  }

  private async drop(cameraId: number): Promise<void> {
    const e = this.entries.get(cameraId);
    if (!e) return;
    this.entries.delete(cameraId);
    if (e.idleTimer) clearTimeout(e.idleTimer);
    await e.stream.stop();
  }
}
