import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Role, StartViewBody, VideoView } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { actorFor, principalOf } from '../../http/route-types';
import type { Principal } from '../../auth/principal';
import { runCommand } from '../../events/run-command';
import { systemActor, type Actor } from '../../events/actor';
import { AppError, notFound } from '../../errors/app-error';
import { checkLiveAccess } from '../cameras/camera-access';
import { cameraStream, getCameraRow } from '../cameras/cameras.queries';
import { findFfmpeg } from './ffmpeg-binary';
import { relayPlaylist, relaySegment } from './hls-files';
import { RelayBusy, VideoRelay } from './relay';
import { closeView, getView, incidentNumber, insertCameraAccess, insertView, staleOpenViews, touchViews, viewerRoles, type ViewRow } from './video-views.queries';

/** How often running views are checked against the live-access rule (consent, role, incident). */
const RECHECK_MS = 1000;
/** How often this server tells the database its views are still watched. */
const FLUSH_MS = 10_000;

interface LiveView {
  id: string;
  cameraId: number;
  cameraName: string;
  userId: number;
  username: string;
  boundTo: string;
  reason: string;
  incidentId: number;
  incidentNumber: string;
  consentId: number | null;
  startedAt: Date;
  /** Last heartbeat or playlist fetch, on the server's clock (ms). */
  lastSeen: number;
  endedAt: Date | null;
  endedWhy: string | null;
}

/** The session (or API token) a view's video is served to. */
function boundTo(p: Principal): string {
  return p.sessionHash ? `session:${p.sessionHash}` : `token:${p.tokenId}`;
}

/**
 * Live views and the relay behind them, for one server process. Starting a view asks the one
 * live-access rule (checkLiveAccess) and records the start or the refusal for the owner and in the
 * audit log; while a view runs the rule is asked again every second, and a view that may no
 * longer run (consent revoked or expired, role changed, incident gone) or whose viewer went
 * quiet is ended at once: its playlist and segments are refused from then on, and the relay
 * stops when no view holds the camera.
 */
export class VideoService {
  readonly relay: VideoRelay;
  private readonly live = new Map<string, LiveView>();
  /** Recently ended views, so their viewer is told why without a database read. */
  private readonly ended = new Map<string, LiveView>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private lastFlush = 0;
  private closed = false;

  constructor(private readonly ctx: AppContext) {
    const base = join(ctx.config.dataDir, 'video-relay');
    removeDeadProcessDirs(base);
    this.relay = new VideoRelay({
      ffmpeg: findFfmpeg(ctx.config.video.ffmpegPath),
      dir: join(base, `${process.pid}-${randomBytes(4).toString('hex')}`),
      limits: () => ({ maxStreams: ctx.config.video.maxStreams, idleSeconds: ctx.config.video.idleSeconds }),
      log: ctx.log,
    });
  }

  /** Starts a view, or refuses it (403 with the reason, recorded as 'view-denied' and audited). */
  async start(req: FastifyRequest, cameraId: number, body: StartViewBody): Promise<VideoView> {
    const p = principalOf(req);
    const actor = actorFor(req);
    const pool = this.ctx.db.pool;
    const reason = body.reason?.trim() || null;
    const incidentId = body.incidentId ?? null;
    const cam = await getCameraRow(pool, cameraId);
    if (!cam || cam.status === 'removed') throw notFound(`camera ${cameraId}`);
    const access = await checkLiveAccess(pool, { role: p.user.role as Role }, cameraId, { text: reason, incidentId });
    if (!access.allowed) {
      await runCommand(pool, actor, async (tx, now) => {
        await insertCameraAccess(tx, { cameraId, at: now, userId: p.user.id, actorLabel: actor.label, action: 'view-denied', reason, incidentId, detail: { why: access.why } });
        return { result: null, audits: [{ action: 'camera.view-denied', entity: 'camera', entityId: cameraId, after: { why: access.why, incidentId }, purpose: reason }] };
      });
      throw new AppError(403, 'forbidden', access.why);
    }
    const source = await cameraStream(pool, cameraId);
    const number = await incidentNumber(pool, incidentId!);
    if (!source || !number) throw new AppError(409, 'conflict', 'the camera or the incident changed while the view was starting; try again');
    const id = randomBytes(24).toString('base64url');
    try {
      await this.relay.acquire(cameraId, source, id);
    } catch (e) {
      if (e instanceof RelayBusy) throw new AppError(503, 'unavailable', e.message);
      throw e;
    }
    try {
      const { result: startedAt } = await runCommand(pool, actor, async (tx, now) => {
        await insertView(tx, { id, cameraId, userId: p.user.id, boundTo: boundTo(p), reason: reason!, incidentId: incidentId!, consentId: access.consentId, at: now });
        await insertCameraAccess(tx, { cameraId, at: now, userId: p.user.id, actorLabel: actor.label, action: 'view-start', reason, incidentId, detail: { viewId: id, consentId: access.consentId } });
        return { result: now, audits: [{ action: 'camera.view-start', entity: 'camera', entityId: cameraId, after: { viewId: id, incidentId, consentId: access.consentId }, purpose: reason }] };
      });
      const v: LiveView = {
        id, cameraId, cameraName: cam.name, userId: p.user.id, username: p.user.username, boundTo: boundTo(p), reason: reason!, incidentId: incidentId!, incidentNumber: number,
        consentId: access.consentId, startedAt, lastSeen: this.now(), endedAt: null, endedWhy: null,
      };
      this.live.set(id, v);
      this.ensureSweeping();
      return this.toView(v);
    } catch (e) {
      this.relay.release(cameraId, id);
      throw e;
    }
  }

  /** The viewer stops their view. */
  async stop(req: FastifyRequest, viewId: string): Promise<VideoView> {
    const v = await this.mine(req, viewId);
    if (!v.endedAt && this.live.has(v.id)) await this.end(v, 'stopped by the viewer', actorFor(req));
    return this.toView(v);
  }

  /** A view's state; also the viewer's heartbeat. */
  async status(req: FastifyRequest, viewId: string): Promise<VideoView> {
    const v = await this.mine(req, viewId);
    if (this.live.has(v.id)) v.lastSeen = this.now();
    return this.toView(v);
  }

  /** A running view of the caller's own session, e.g. the one whose camera they are sharing. */
  async runningView(req: FastifyRequest, viewId: string): Promise<{ id: string; cameraId: number; cameraName: string; incidentId: number; incidentNumber: string }> {
    const v = await this.mine(req, viewId);
    if (!this.live.has(v.id)) throw ended(v);
    return v;
  }

  /** The caller's running views on this server (a reloaded screen picks its tiles up again). */
  viewsOf(p: Principal): VideoView[] {
    return [...this.live.values()].filter((v) => v.userId === p.user.id && v.boundTo === boundTo(p)).map((v) => this.toView(v));
  }

  /** The HLS playlist of a running view; waits for the camera's first segment when it has just started. */
  async playlist(req: FastifyRequest, viewId: string): Promise<string> {
    const v = await this.running(req, viewId);
    return relayPlaylist(this.relay.get(v.cameraId), () => {
      if (!this.live.has(v.id)) throw ended(v);
    });
  }

  /** One segment of a running view. */
  async segment(req: FastifyRequest, viewId: string, name: string): Promise<Buffer> {
    const v = await this.running(req, viewId);
    return relaySegment(this.relay.get(v.cameraId), name);
  }

  /** Checks every running view now; the timer calls this every second. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  /**
   * Closes views the database still has open but nobody has heard from (a server that crashed,
   * a viewer who vanished while their server was down). Run by the 'video-views' job.
   */
  async closeStale(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.ctx.config.video.viewTimeoutSeconds * 3000);
    let n = 0;
    for (const row of await staleOpenViews(this.ctx.db.pool, before)) {
      if (this.live.has(row.id)) continue;
      await this.end(fromRow(row), 'the view was left open (its server stopped or the viewer went away)', systemActor('video-views'), now);
      n++;
    }
    return n;
  }

  /** Ends every view (recorded as stopped) and every relay; called when the server closes. */
  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    for (const v of [...this.live.values()]) await this.end(v, 'the server was stopped', systemActor('video-relay')).catch((e) => this.ctx.log(`video: could not record the end of view on camera ${v.cameraId}: ${(e as Error).message}`));
    await this.relay.stopAll();
  }

  /** Running views and relays, for the RTCC map and status lines. */
  stats(): { inUse: number; max: number; relayed: Set<number> } {
    return { inUse: this.relay.inUse(), max: this.ctx.config.video.maxStreams, relayed: new Set(this.relay.streams().map((s) => s.cameraId)) };
  }

  private async sweepOnce(): Promise<void> {
    const views = [...this.live.values()];
    if (!views.length) return;
    const now = this.now();
    const timeoutMs = this.ctx.config.video.viewTimeoutSeconds * 1000;
    const roles = await viewerRoles(this.ctx.db.pool, [...new Set(views.map((v) => v.userId))]);
    for (const v of views) {
      let why: string | null = null;
      const who = roles.get(v.userId);
      if (now - v.lastSeen > timeoutMs) why = `abandoned: the viewer's screen was not heard from for ${Math.round(timeoutMs / 1000)} s`;
      else if (!who || who.disabled) why = "the viewer's account was disabled";
      else {
        const a = await checkLiveAccess(this.ctx.db.pool, { role: who.role as Role }, v.cameraId, { text: v.reason, incidentId: v.incidentId });
        if (!a.allowed) why = a.why;
      }
      const stream = this.relay.get(v.cameraId);
      if (!why && stream?.state === 'failed') why = `the camera's stream was lost: ${stream.detail ?? 'ffmpeg stopped'}`;
      if (why) await this.end(v, why, systemActor('video-relay')).catch((e) => this.ctx.log(`video: could not record the end of a view: ${(e as Error).message}`));
    }
    if (now - this.lastFlush >= FLUSH_MS && this.live.size) {
      this.lastFlush = now;
      await touchViews(this.ctx.db.pool, [...this.live.keys()], new Date(now));
    }
  }

  /**
   * Ends a view: serving stops first (in memory, at once), then the end is recorded for the owner
   * (camera_access 'view-stop') and in the audit log with the view's reason.
   */
  private async end(v: LiveView, why: string, actor: Actor, at?: Date): Promise<void> {
    const wasLive = this.live.delete(v.id);
    if (wasLive) this.relay.release(v.cameraId, v.id);
    v.endedWhy = why;
    v.endedAt = at ?? new Date(this.now());
    this.remember(v);
    if (!this.live.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    const { result } = await runCommand(this.ctx.db.pool, actor, async (tx, now) => {
      const closed = await closeView(tx, v.id, at ?? now, why);
      if (!closed) return { result: null, audits: [] };
      const seconds = Math.max(0, Math.round(((at ?? now).getTime() - v.startedAt.getTime()) / 1000));
      await insertCameraAccess(tx, { cameraId: v.cameraId, at: at ?? now, userId: v.userId, actorLabel: v.username, action: 'view-stop', reason: v.reason, incidentId: v.incidentId, detail: { viewId: v.id, why, seconds } });
      return { result: at ?? now, audits: [{ action: 'camera.view-stop', entity: 'camera', entityId: v.cameraId, after: { viewId: v.id, why, seconds, incidentId: v.incidentId }, purpose: v.reason }] };
    });
    if (result) v.endedAt = result;
  }

  /** A view of the caller's own session (anyone else's is "not found", so ids cannot be probed). */
  private async mine(req: FastifyRequest, viewId: string): Promise<LiveView> {
    const p = principalOf(req);
    let v = this.live.get(viewId) ?? this.ended.get(viewId);
    if (!v) {
      const row = await getView(this.ctx.db.pool, viewId);
      if (row) v = fromRow(row);
    }
    if (!v || v.userId !== p.user.id || v.boundTo !== boundTo(p)) throw notFound('view');
    return v;
  }

  private async running(req: FastifyRequest, viewId: string): Promise<LiveView> {
    const v = await this.mine(req, viewId);
    if (!this.live.has(v.id)) throw ended(v);
    v.lastSeen = this.now();
    return v;
  }

  private toView(v: LiveView): VideoView {
    const stream = this.relay.get(v.cameraId);
    const running = this.live.has(v.id);
    return {
      id: v.id,
      cameraId: v.cameraId,
      cameraName: v.cameraName,
      incidentId: v.incidentId,
      incidentNumber: v.incidentNumber,
      reason: v.reason,
      startedAt: v.startedAt.toISOString(),
      endedAt: v.endedAt?.toISOString() ?? null,
      state: !running ? 'ended' : stream?.state === 'playing' ? 'live' : 'starting',
      endedWhy: running ? null : v.endedWhy ?? 'ended',
      stream: running && stream ? { state: stream.state, detail: stream.detail } : { state: 'stopped', detail: null },
      playlistUrl: `/api/v1/video/views/${v.id}/index.m3u8`,
    };
  }

  private remember(v: LiveView): void {
    this.ended.set(v.id, v);
    if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value!);
  }

  private ensureSweeping(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.sweep().catch((e) => this.ctx.log(`video: view check failed: ${(e as Error).message}`)), RECHECK_MS);
    this.timer.unref();
  }

  private now(): number {
    return this.ctx.clock.now().getTime();
  }
}

function ended(v: LiveView): AppError {
  return new AppError(403, 'forbidden', `this view has ended: ${v.endedWhy ?? 'stopped'}`);
}

function fromRow(r: ViewRow): LiveView {
  return {
    id: r.id, cameraId: r.camera_id, cameraName: r.camera_name, userId: r.user_id, username: r.username, boundTo: r.bound_to, reason: r.reason,
    incidentId: r.incident_id, incidentNumber: r.incident_number, consentId: r.consent_id, startedAt: r.started_at, lastSeen: r.last_seen_at.getTime(),
    endedAt: r.ended_at, endedWhy: r.end_reason,
  };
}

/** Relay directories of processes that no longer run (a crash or a kill) are deleted at start. */
function removeDeadProcessDirs(base: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    let alive = false;
    try {
      if (pid > 0) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch (e) {
      // EPERM: it runs, as another user.
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) rmSync(join(base, name), { recursive: true, force: true });
  }
}

const services = new WeakMap<AppContext, VideoService>();

/** The video service of a running server, made on first use. */
export function videoFor(ctx: AppContext): VideoService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new VideoService(ctx)));
  return s;
}
