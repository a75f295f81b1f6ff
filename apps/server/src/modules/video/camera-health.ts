import { connect } from 'node:net';
import type { AppContext } from '../../http/app-context';
import type { Job } from '../../scheduler/scheduler';
import { runCommand } from '../../events/run-command';
import { systemActor } from '../../events/actor';

export type Health = 'online' | 'offline' | 'degraded';
export interface ProbeResult {
  health: Health;
  detail: string;
}

const PROBE_TIMEOUT_MS = 4000;
const PARALLEL = 8;

/**
 * Asks an RTSP camera to describe its stream, without credentials and without taking any video:
 * an answer of 200 (or 401, which only says the stream needs the password the relay has) means
 * online; another answer means the camera is there but the stream is not (degraded); no answer
 * means offline.
 */
export function probeRtsp(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve({ health: 'degraded', detail: 'the stream address is not a URL' });
      return;
    }
    const clean = `rtsp://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}${u.search}`;
    const socket = connect({ host: u.hostname, port: Number(u.port || 554) });
    let answer = '';
    const done = (r: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ health: 'offline', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.on('connect', () => socket.write(`DESCRIBE ${clean} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\nUser-Agent: OpenPSAP health probe\r\n\r\n`));
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      const m = /^RTSP\/1\.\d (\d{3})/.exec(answer);
      if (m) {
        const code = Number(m[1]);
        done(code === 200 || code === 401 ? { health: 'online', detail: `RTSP ${code}` } : { health: 'degraded', detail: `the camera answered RTSP ${code}` });
      } else if (answer.length > 64) done({ health: 'degraded', detail: 'the camera did not answer in RTSP' });
    });
    socket.on('error', (e) => done({ health: 'offline', detail: e.message }));
    socket.on('close', () => done({ health: 'offline', detail: 'the camera closed the connection' }));
  });
}

/** An HTTP stream (HLS playlist, MJPEG): the status line is enough; the body is not read. */
export async function probeHttp(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctl.signal, redirect: 'follow' });
    ctl.abort();
    return res.ok ? { health: 'online', detail: `HTTP ${res.status}` } : { health: 'degraded', detail: `the camera answered HTTP ${res.status}` };
  } catch (e) {
    return { health: 'offline', detail: ctl.signal.aborted ? `no answer within ${timeoutMs} ms` : (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function probeStream(url: string, kind: 'rtsp' | 'hls' | 'mjpeg'): Promise<ProbeResult> {
  return kind === 'rtsp' ? probeRtsp(url) : probeHttp(url);
}

/**
 * Probes every active camera that has a stream and records its health. A change of health is
 * audited; the check time is stored on every camera probed, with the scheduler's clock.
 */
export async function checkCameraHealth(ctx: AppContext, now: Date): Promise<{ probed: number; changed: number }> {
  const { rows } = await ctx.db.pool.query<{ id: number; stream_url: string; stream_kind: 'rtsp' | 'hls' | 'mjpeg'; health: string }>(
    `SELECT id, stream_url, stream_kind, health FROM cameras WHERE status = 'active' AND stream_url IS NOT NULL ORDER BY id`,
  );
  const results: { id: number; before: string; r: ProbeResult }[] = [];
  for (let i = 0; i < rows.length; i += PARALLEL) {
    const batch = rows.slice(i, i + PARALLEL);
    results.push(...(await Promise.all(batch.map(async (c) => ({ id: c.id, before: c.health, r: await probeStream(c.stream_url, c.stream_kind) })))));
  }
  if (!results.length) return { probed: 0, changed: 0 };
  const changed = results.filter((x) => x.before !== x.r.health);
  await runCommand(ctx.db.pool, systemActor('camera-health'), async (tx) => {
    await tx.query(
      `UPDATE cameras c SET health = x.health, health_checked_at = $3 FROM unnest($1::int[], $2::text[]) AS x(id, health) WHERE c.id = x.id`,
      [results.map((x) => x.id), results.map((x) => x.r.health), now],
    );
    return { result: null, audits: changed.map((x) => ({ action: 'camera.health', entity: 'camera', entityId: x.id, before: { health: x.before }, after: { health: x.r.health, detail: x.r.detail } })) };
  });
  return { probed: results.length, changed: changed.length };
}

/** The scheduler job: every minute is often enough to show a dead camera before someone needs it. */
export function cameraHealthJob(ctx: AppContext): Job {
  return { name: 'camera-health', everyMs: 60_000, run: async (now) => void (await checkCameraHealth(ctx, now)) };
}
