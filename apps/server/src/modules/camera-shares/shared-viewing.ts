import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { SharedView } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { runCommand } from '../../events/run-command';
import { systemActor, type Actor } from '../../events/actor';
import { AppError } from '../../errors/app-error';
import { checkSharedLiveAccess } from '../cameras/camera-access';
import { cameraStream } from '../cameras/cameras.queries';
import { relayPlaylist, relaySegment } from '../video/hls-files';
import { RelayBusy } from '../video/relay';
import { videoFor } from '../video/video-service';
import { insertCameraAccess } from '../video/video-views.queries';
import { closeShareView, getShare, grantOf, insertShareView, shareActorLabel, shareByTokenHash, shareState, staleShareViews, touchShareViews, type CameraShareRow } from './camera-shares.queries';

/** Running shared views are checked against the access rule this often, like analysts' views. */
const RECHECK_MS = 1000;
const FLUSH_MS = 10_000;
/** People watching through one link at once: an agency's duty desk and a few officers, not a broadcast. */
export const MAX_VIEWERS_PER_LINK = 5;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

interface SharedSession {
  id: string;
  share: CameraShareRow;
  startedAt: Date;
  lastSeen: number;
  endedAt: Date | null;
  endedWhy: string | null;
}

/** The public holder of a link, as recorded in the audit and the owner's access log. */
const linkActor = (share: CameraShareRow, ip: string | null): Actor => ({ userId: null, label: shareActorLabel(share), role: 'system', ip });

/**
 * Live video through share links, on the same relay as the analysts' views (one ffmpeg per camera
 * whoever watches). Each opening is checked by checkSharedLiveAccess (the link's expiry and
 * revocation, then the one live-access rule with the sharing analyst's authority) when it starts,
 * on every playlist reload (each segment window of the player) and every second by a sweep, so a
 * revoked consent or link stops the picture within a second. Starts, stops and refusals are
 * recorded for the owner (camera_access) and audited.
 */
export class SharedViewing {
  private readonly live = new Map<string, SharedSession>();
  private readonly ended = new Map<string, SharedSession>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private lastFlush = 0;
  private closed = false;

  constructor(private readonly ctx: AppContext) {}

  /** The share behind a token if the link itself still works: 404 unknown, 410 expired or revoked. */
  async linkFor(token: string): Promise<CameraShareRow> {
    const share = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await shareByTokenHash(this.ctx.db.pool, tokenHash(token)) : null;
    if (!share) throw new AppError(404, 'not_found', 'this camera link is not valid');
    const state = shareState(share, this.ctx.clock.now());
    if (state === 'revoked') throw new AppError(410, 'not_found', 'this camera link was revoked by the centre');
    if (state === 'expired') throw new AppError(410, 'not_found', 'this camera link has expired; ask the centre for a new one');
    return share;
  }

  /** Starts playing a link: checked, recorded as a view start for the owner, or refused and recorded. */
  async open(req: FastifyRequest, token: string): Promise<SharedView> {
    const share = await this.linkFor(token);
    const pool = this.ctx.db.pool;
    const ip = req.ip ?? null;
    const actor = linkActor(share, ip);
    const access = await checkSharedLiveAccess(pool, grantOf(share), this.ctx.clock.now());
    if (!access.allowed) {
      await runCommand(pool, actor, async (tx, now) => {
        await insertCameraAccess(tx, { cameraId: share.camera_id, at: now, userId: null, actorLabel: actor.label, action: 'view-denied', reason: share.reason, incidentId: share.incident_id, detail: { shareId: share.id, why: access.why } });
        return { result: null, audits: [{ action: 'camera.shared-view-denied', entity: 'camera', entityId: share.camera_id, after: { shareId: share.id, why: access.why }, purpose: share.reason }] };
      });
      throw new AppError(403, 'forbidden', access.why);
    }
    if (this.watching(share.id) >= MAX_VIEWERS_PER_LINK) throw new AppError(429, 'rate_limited', `at most ${MAX_VIEWERS_PER_LINK} people can watch through one link at a time`);
    const source = await cameraStream(pool, share.camera_id);
    if (!source) throw new AppError(409, 'conflict', 'the camera changed while the video was starting; try again');
    const id = randomBytes(24).toString('base64url');
    const relay = videoFor(this.ctx).relay;
    try {
      await relay.acquire(share.camera_id, source, `share:${id}`);
    } catch (e) {
      if (e instanceof RelayBusy) throw new AppError(503, 'unavailable', 'the centre is relaying as many cameras as it can; try again shortly');
      throw e;
    }
    try {
      const userAgent = req.headers['user-agent']?.slice(0, 200) ?? null;
      const { result: startedAt } = await runCommand(pool, actor, async (tx, now) => {
        await insertShareView(tx, { id, shareId: share.id, at: now, ip, userAgent });
        await insertCameraAccess(tx, { cameraId: share.camera_id, at: now, userId: null, actorLabel: actor.label, action: 'view-start', reason: share.reason, incidentId: share.incident_id, detail: { shareId: share.id, sharedViewId: id, consentId: access.consentId } });
        return { result: now, audits: [{ action: 'camera.shared-view-start', entity: 'camera', entityId: share.camera_id, after: { shareId: share.id, sharedViewId: id, recipient: share.recipient, consentId: access.consentId }, purpose: share.reason }] };
      });
      const s: SharedSession = { id, share, startedAt, lastSeen: this.now(), endedAt: null, endedWhy: null };
      this.live.set(id, s);
      this.ensureSweeping();
      return this.toView(s, token);
    } catch (e) {
      relay.release(share.camera_id, `share:${id}`);
      throw e;
    }
  }

  /** An opening's state; also its heartbeat. */
  status(token: string, viewId: string): SharedView {
    const s = this.session(token, viewId);
    if (this.live.has(s.id)) s.lastSeen = this.now();
    return this.toView(s, token);
  }

  async stop(token: string, viewId: string, ip: string | null): Promise<SharedView> {
    const s = this.session(token, viewId);
    if (this.live.has(s.id)) await this.end(s, 'closed by the viewer', linkActor(s.share, ip));
    return this.toView(s, token);
  }

  /** The playlist, after asking the whole rule again: each reload is a new segment window. */
  async playlist(token: string, viewId: string): Promise<string> {
    const s = this.running(token, viewId);
    const fresh = await getShare(this.ctx.db.pool, s.share.id);
    const a = fresh ? await checkSharedLiveAccess(this.ctx.db.pool, grantOf(fresh), this.ctx.clock.now()) : { allowed: false as const, why: 'the link is gone' };
    if (!a.allowed) {
      await this.end(s, a.why, systemActor('video-relay'));
      throw gone(s);
    }
    return relayPlaylist(videoFor(this.ctx).relay.get(s.share.camera_id), () => {
      if (!this.live.has(s.id)) throw gone(s);
    });
  }

  async segment(token: string, viewId: string, name: string): Promise<Buffer> {
    const s = this.running(token, viewId);
    return relaySegment(videoFor(this.ctx).relay.get(s.share.camera_id), name);
  }

  /** Ends every opening of a link at once (it was just revoked on this server). */
  async endShare(shareId: number, why: string, actor: Actor): Promise<void> {
    for (const s of [...this.live.values()]) if (s.share.id === shareId) await this.end(s, why, actor);
  }

  /** People watching through a link now, on this server. */
  watching(shareId: number): number {
    let n = 0;
    for (const s of this.live.values()) if (s.share.id === shareId) n++;
    return n;
  }

  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  /** Closes openings the database still has open but nobody hears from (a stopped server's). */
  async closeStale(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.ctx.config.video.viewTimeoutSeconds * 3000);
    let n = 0;
    for (const row of await staleShareViews(this.ctx.db.pool, before)) {
      if (this.live.has(row.id)) continue;
      const share = await getShare(this.ctx.db.pool, row.share_id);
      if (!share) continue;
      await this.end({ id: row.id, share, startedAt: row.started_at, lastSeen: row.last_seen_at.getTime(), endedAt: null, endedWhy: null }, 'the view was left open (its server stopped or the viewer went away)', systemActor('video-views'), now);
      n++;
    }
    return n;
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    for (const s of [...this.live.values()]) await this.end(s, 'the server was stopped', systemActor('video-relay')).catch((e) => this.ctx.log(`video: could not record the end of a shared view: ${(e as Error).message}`));
  }

  private async sweepOnce(): Promise<void> {
    const sessions = [...this.live.values()];
    if (!sessions.length) return;
    const now = this.now();
    const timeoutMs = this.ctx.config.video.viewTimeoutSeconds * 1000;
    // One rule check per link, however many watch through it.
    const verdicts = new Map<number, string | null>();
    for (const shareId of new Set(sessions.map((s) => s.share.id))) {
      const fresh = await getShare(this.ctx.db.pool, shareId);
      const a = fresh ? await checkSharedLiveAccess(this.ctx.db.pool, grantOf(fresh), new Date(now)) : { allowed: false as const, why: 'the link is gone' };
      verdicts.set(shareId, a.allowed ? null : a.why);
    }
    const relay = videoFor(this.ctx).relay;
    for (const s of sessions) {
      let why = verdicts.get(s.share.id) ?? null;
      if (!why && now - s.lastSeen > timeoutMs) why = `abandoned: the viewer's page was not heard from for ${Math.round(timeoutMs / 1000)} s`;
      const stream = relay.get(s.share.camera_id);
      if (!why && stream?.state === 'failed') why = `the camera's stream was lost: ${stream.detail ?? 'ffmpeg stopped'}`;
      if (why) await this.end(s, why, systemActor('video-relay')).catch((e) => this.ctx.log(`video: could not record the end of a shared view: ${(e as Error).message}`));
    }
    if (now - this.lastFlush >= FLUSH_MS && this.live.size) {
      this.lastFlush = now;
      await touchShareViews(this.ctx.db.pool, [...this.live.keys()], new Date(now));
    }
  }

  /** Serving stops first (in memory), then the stop is recorded for the owner and audited. */
  private async end(s: SharedSession, why: string, actor: Actor, at?: Date): Promise<void> {
    if (this.live.delete(s.id)) videoFor(this.ctx).relay.release(s.share.camera_id, `share:${s.id}`);
    s.endedWhy = why;
    s.endedAt = at ?? new Date(this.now());
    this.ended.set(s.id, s);
    if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value!);
    if (!this.live.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await runCommand(this.ctx.db.pool, actor, async (tx, now) => {
      const when = at ?? now;
      if (!(await closeShareView(tx, s.id, when, why))) return { result: null, audits: [] };
      const seconds = Math.max(0, Math.round((when.getTime() - s.startedAt.getTime()) / 1000));
      await insertCameraAccess(tx, { cameraId: s.share.camera_id, at: when, userId: null, actorLabel: shareActorLabel(s.share), action: 'view-stop', reason: s.share.reason, incidentId: s.share.incident_id, detail: { shareId: s.share.id, sharedViewId: s.id, why, seconds } });
      return { result: null, audits: [{ action: 'camera.shared-view-stop', entity: 'camera', entityId: s.share.camera_id, after: { shareId: s.share.id, sharedViewId: s.id, why, seconds }, purpose: s.share.reason }] };
    });
  }

  /** An opening of this very link (another link's, or a made-up id, is "not found"). */
  private session(token: string, viewId: string): SharedSession {
    const s = this.live.get(viewId) ?? this.ended.get(viewId);
    if (!s || s.share.token_hash !== tokenHash(token)) throw new AppError(404, 'not_found', 'this video is not known here; open the link again');
    return s;
  }

  private running(token: string, viewId: string): SharedSession {
    const s = this.session(token, viewId);
    if (!this.live.has(s.id)) throw gone(s);
    s.lastSeen = this.now();
    return s;
  }

  private toView(s: SharedSession, token: string): SharedView {
    const stream = videoFor(this.ctx).relay.get(s.share.camera_id);
    const running = this.live.has(s.id);
    return {
      id: s.id,
      state: !running ? 'ended' : stream?.state === 'playing' ? 'live' : 'starting',
      endedWhy: running ? null : s.endedWhy ?? 'ended',
      expiresAt: s.share.expires_at.toISOString(),
      playlistUrl: `/api/v1/public/camera-shares/${token}/views/${s.id}/index.m3u8`,
    };
  }

  private ensureSweeping(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.sweep().catch((e) => this.ctx.log(`video: shared view check failed: ${(e as Error).message}`)), RECHECK_MS);
    this.timer.unref();
  }

  private now(): number {
    return this.ctx.clock.now().getTime();
  }
}

function gone(s: SharedSession): AppError {
  return new AppError(403, 'forbidden', `this video has stopped: ${s.endedWhy ?? 'stopped'}`);
}

const services = new WeakMap<AppContext, SharedViewing>();

/** The shared-view service of a running server, made on first use. */
export function sharedViewingFor(ctx: AppContext): SharedViewing {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new SharedViewing(ctx)));
  return s;
}
