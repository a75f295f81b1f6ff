import { createServer, type Server } from 'node:http';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { processRuns, startRtspCamera, type SimulatedCamera } from '../../../test/helpers/rtsp-camera';
import { ManualClock } from '../../scheduler/clock';
import { findFfmpeg } from './ffmpeg-binary';
import { videoFor } from './video-service';

let t: TestServer;
let cam: SimulatedCamera;
let analyst: SignedInClient;
let incidentId: number;
const clock = new ManualClock(new Date());
const HERE = { lat: 39.2904, lon: -76.6122 };

async function addCamera(pool: TestServer['pool'], c: { name: string; url?: string | null; kind?: string; owner?: 'city' | 'business'; lat?: number; lon?: number; dir?: number | null; fov?: number | null; range?: number }): Promise<{ id: number; ownerId: number | null }> {
  let ownerId: number | null = null;
  if (c.owner === 'business') {
    const o = await pool.query(`INSERT INTO camera_owners (kind, name, email) VALUES ('business', $1, $2) RETURNING id`, [`${c.name} owner`, `${c.name.replace(/\W/g, '')}${Math.random()}@example.org`]);
    ownerId = o.rows[0].id;
  }
  const r = await pool.query(
    `INSERT INTO cameras (name, owner_kind, owner_id, lat, lon, direction_deg, fov_deg, range_m, stream_url, stream_kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [c.name, c.owner ?? 'city', ownerId, c.lat ?? HERE.lat, c.lon ?? HERE.lon, c.dir ?? null, c.fov ?? null, c.range ?? 80, c.url === undefined ? cam.url : c.url, c.url === null ? null : c.kind ?? 'rtsp'],
  );
  return { id: r.rows[0].id, ownerId };
}

async function consent(pool: TestServer['pool'], cameraId: number, ownerId: number, level: 'registry' | 'footage' | 'live'): Promise<number> {
  const r = await pool.query(
    `INSERT INTO camera_consents (camera_id, owner_id, level, terms_version, terms_text, signed_name, signed_date) VALUES ($1, $2, $3, 'v1', 'terms', 'Owner Name', current_date) RETURNING id`,
    [cameraId, ownerId, level],
  );
  return r.rows[0].id;
}

const access = async (cameraId: number) => (await t.pool.query(`SELECT action, reason, incident_id, detail FROM camera_access WHERE camera_id = $1 ORDER BY id`, [cameraId])).rows;
const audits = async (cameraId: number) => (await t.pool.query(`SELECT action, purpose, after FROM audit_log WHERE entity = 'camera' AND entity_id = $1 ORDER BY seq`, [String(cameraId)])).rows;

beforeAll(async () => {
  cam = await startRtspCamera();
  t = await createTestServer({ clock });
  t.server.ctx.config.video.idleSeconds = 0;
  analyst = await t.as('rtcc-analyst');
  const calltaker = await t.as('call-taker');
  const inc = await calltaker.post('/api/v1/incidents', { type: 'LARCENY', location: { text: 'Pratt and Light', ...HERE } });
  expect(inc.status).toBe(201);
  incidentId = inc.body.id;
});
afterAll(async () => {
  await t?.close();
  await cam?.stop();
});

describe('starting a view', () => {
  it('refuses a view without a reason, says why, and records the refusal for the owner and the audit', async () => {
    const { id } = await addCamera(t.pool, { name: 'Refusal corner' });
    const r = await analyst.post(`/api/v1/cameras/${id}/views`, { incidentId });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/reason/);
    const r2 = await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'watch the suspect leave' });
    expect(r2.status).toBe(403);
    expect(r2.body.error.message).toMatch(/incident/);
    expect((await access(id)).map((a) => a.action)).toEqual(['view-denied', 'view-denied']);
    const a = await audits(id);
    expect(a.map((x) => x.action)).toEqual(['camera.view-denied', 'camera.view-denied']);
    expect(a[1].purpose).toBe('watch the suspect leave');
    expect(a[0].after.why).toMatch(/reason/);
  });

  it('refuses a private camera without a consent covering live view', async () => {
    const { id, ownerId } = await addCamera(t.pool, { name: 'Corner store', owner: 'business' });
    const none = await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'robbery in progress', incidentId });
    expect(none.status).toBe(403);
    expect(none.body.error.message).toMatch(/consent/);
    await consent(t.pool, id, ownerId!, 'footage');
    const footage = await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'robbery in progress', incidentId });
    expect(footage.status).toBe(403);
    expect(footage.body.error.message).toMatch(/not live view/);
    expect((await access(id)).map((a) => [a.action, a.incident_id])).toEqual([['view-denied', incidentId], ['view-denied', incidentId]]);
  });

  it('is for RTCC analysts only', async () => {
    const { id } = await addCamera(t.pool, { name: 'Dispatcher try' });
    const dispatcher = await t.as('dispatcher');
    expect((await dispatcher.post(`/api/v1/cameras/${id}/views`, { reason: 'curious about it', incidentId })).status).toBe(403);
    expect((await analyst.post('/api/v1/cameras/999999/views', { reason: 'no such camera', incidentId })).status).toBe(404);
    expect((await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'x'.repeat(501), incidentId })).status).toBe(400);
  });
});

describe('a running view', () => {
  it('relays the camera as HLS to the session that started it only, and records start and stop', async () => {
    const { id } = await addCamera(t.pool, { name: 'Harbor east' });
    const start = await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'follow the reported fight', incidentId });
    expect(start.status).toBe(201);
    const view = start.body;
    expect(view.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(view.playlistUrl).toBe(`/api/v1/video/views/${view.id}/index.m3u8`);

    const pl = await analyst.get(view.playlistUrl);
    expect(pl.status).toBe(200);
    expect(pl.headers.get('content-type')).toMatch(/mpegurl/);
    expect(pl.headers.get('cache-control')).toMatch(/no-store/);
    const text = String(pl.body);
    expect(text).toMatch(/^#EXTM3U/);
    expect(text).not.toContain('/'); // file names only: no server paths
    const seg = text.split('\n').find((l) => l.endsWith('.ts'))!;
    const res = await fetch(`${t.url}/api/v1/video/views/${view.id}/${seg}`, { headers: analyst.headers() });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte

    // Another analyst, and the same analyst signed in elsewhere, get nothing.
    const other = await t.as('rtcc-analyst');
    expect((await other.get(view.playlistUrl)).status).toBe(404);
    const sameUserOtherSession = t.anonymous();
    await sameUserOtherSession.post('/api/v1/auth/login', { username: analyst.username, password: analyst.password });
    expect((await sameUserOtherSession.get(view.playlistUrl)).status).toBe(404);
    expect((await analyst.get(`/api/v1/video/views/${view.id}/../../x.ts`)).status).toBe(404);

    const mine = await analyst.get('/api/v1/video/views');
    expect(mine.body.map((v: { id: string }) => v.id)).toContain(view.id);
    const status = await analyst.post(`/api/v1/video/views/${view.id}/heartbeat`);
    expect(status.body.state).toBe('live');

    const pid = videoFor(t.server.ctx).relay.get(id)!.pid!;
    expect(processRuns(pid)).toBe(true);
    const stop = await analyst.post(`/api/v1/video/views/${view.id}/stop`);
    expect(stop.body.state).toBe('ended');
    expect(stop.body.endedWhy).toBe('stopped by the viewer');
    const after = await analyst.get(view.playlistUrl);
    expect(after.status).toBe(403);
    expect(after.body.error.message).toMatch(/ended: stopped by the viewer/);
    await waitFor(() => !processRuns(pid), 'the relay to stop');
    expect(videoFor(t.server.ctx).relay.get(id)).toBeNull();

    const log = await access(id);
    expect(log.map((a) => a.action)).toEqual(['view-start', 'view-stop']);
    expect(log[1].reason).toBe('follow the reported fight');
    expect(log[1].detail.why).toBe('stopped by the viewer');
    const a = await audits(id);
    expect(a.map((x) => [x.action, x.purpose])).toEqual([['camera.view-start', 'follow the reported fight'], ['camera.view-stop', 'follow the reported fight']]);
    const row = (await t.pool.query('SELECT ended_at, end_reason FROM video_views WHERE id = $1', [view.id])).rows[0];
    expect(row.end_reason).toBe('stopped by the viewer');
  });

  it('stops serving at once when the owner revokes consent, and tells the viewer why', async () => {
    const { id, ownerId } = await addCamera(t.pool, { name: 'Bakery door', owner: 'business' });
    const consentId = await consent(t.pool, id, ownerId!, 'live');
    const view = (await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'suspect walked past the bakery', incidentId })).body;
    expect((await analyst.get(view.playlistUrl)).status).toBe(200);
    await t.pool.query(`UPDATE camera_consents SET revoked_at = now(), revoked_reason = 'owner changed their mind' WHERE id = $1`, [consentId]);
    // The server checks every running view each second on its own; wait for that, not a fixed time.
    await waitFor(async () => (await analyst.get(`/api/v1/video/views/${view.id}`)).body.state === 'ended', 'the view to end after revocation');
    const st = (await analyst.get(`/api/v1/video/views/${view.id}`)).body;
    expect(st.endedWhy).toMatch(/consent is missing, revoked or expired/);
    const pl = await analyst.get(view.playlistUrl);
    expect(pl.status).toBe(403);
    expect(pl.body.error.message).toMatch(/consent/);
    const stopRow = (await access(id)).at(-1);
    expect(stopRow.action).toBe('view-stop');
    expect(stopRow.detail.why).toMatch(/consent/);
  });

  it('ends a view when its consent expires, checked by the sweep directly', async () => {
    const { id, ownerId } = await addCamera(t.pool, { name: 'Garage exit', owner: 'business' });
    await t.pool.query(
      `INSERT INTO camera_consents (camera_id, owner_id, level, terms_version, terms_text, signed_name, signed_date, expires_at) VALUES ($1, $2, 'live', 'v1', 'terms', 'Owner', current_date, now() + interval '2 seconds')`,
      [id, ownerId],
    );
    const view = (await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'car leaving the garage', incidentId })).body;
    expect(view.state).not.toBe('ended');
    await new Promise((r) => setTimeout(r, 2100));
    await videoFor(t.server.ctx).sweep();
    expect((await analyst.get(`/api/v1/video/views/${view.id}`)).body.state).toBe('ended');
  });

  it('shares one ffmpeg between viewers of a camera and stops it when the last one leaves', async () => {
    const { id } = await addCamera(t.pool, { name: 'Shared view' });
    const second = await t.as('rtcc-analyst');
    const v1 = (await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'two analysts on one scene', incidentId })).body;
    const v2 = (await second.post(`/api/v1/cameras/${id}/views`, { reason: 'two analysts on one scene', incidentId })).body;
    expect((await second.get(v2.playlistUrl)).status).toBe(200);
    const pid = videoFor(t.server.ctx).relay.get(id)!.pid!;
    await analyst.post(`/api/v1/video/views/${v1.id}/stop`);
    expect(processRuns(pid)).toBe(true);
    expect((await second.get(v2.playlistUrl)).status).toBe(200);
    await second.post(`/api/v1/video/views/${v2.id}/stop`);
    await waitFor(() => !processRuns(pid), 'ffmpeg to stop after the last viewer left');
  });

  it('closes a view whose screen went quiet and records it as stopped', async () => {
    const { id } = await addCamera(t.pool, { name: 'Quiet screen' });
    const view = (await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'left the tab open', incidentId })).body;
    clock.advance(t.server.ctx.config.video.viewTimeoutSeconds * 1000 + 1000);
    await videoFor(t.server.ctx).sweep();
    const st = (await analyst.get(`/api/v1/video/views/${view.id}`)).body;
    expect(st.state).toBe('ended');
    expect(st.endedWhy).toMatch(/abandoned/);
    expect((await access(id)).map((a) => a.action)).toEqual(['view-start', 'view-stop']);
  });

  it('refuses politely beyond the stream limit, and a second viewer of a relayed camera still gets in', async () => {
    const cfg = t.server.ctx.config.video;
    cfg.maxStreams = 1;
    try {
      const a = await addCamera(t.pool, { name: 'Limit A' });
      const b = await addCamera(t.pool, { name: 'Limit B' });
      const va = (await analyst.post(`/api/v1/cameras/${a.id}/views`, { reason: 'first of two cameras', incidentId })).body;
      const vb = await analyst.post(`/api/v1/cameras/${b.id}/views`, { reason: 'second of two cameras', incidentId });
      expect(vb.status).toBe(503);
      expect(vb.body.error.message).toMatch(/all 1 live streams are in use/);
      const again = await (await t.as('rtcc-analyst')).post(`/api/v1/cameras/${a.id}/views`, { reason: 'same camera, other analyst', incidentId });
      expect(again.status).toBe(201);
      const cams = await analyst.get('/api/v1/video/cameras');
      expect(cams.body.streams).toEqual({ inUse: 1, max: 1 });
      await analyst.post(`/api/v1/video/views/${va.id}/stop`);
    } finally {
      cfg.maxStreams = 6;
    }
  });

  it('relays an MJPEG camera by encoding it to H.264', async () => {
    const mjpeg = await mjpegServer();
    try {
      const { id } = await addCamera(t.pool, { name: 'Old MJPEG camera', url: mjpeg.url, kind: 'mjpeg' });
      const view = (await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'old camera at the park', incidentId })).body;
      const pl = await analyst.get(view.playlistUrl);
      expect(pl.status).toBe(200);
      expect(videoFor(t.server.ctx).relay.get(id)!.mode).toBe('transcode');
      await analyst.post(`/api/v1/video/views/${view.id}/stop`);
    } finally {
      await mjpeg.stop();
    }
  });
});

describe('what the relay will read', () => {
  it('never reads the server\'s own files, even when a camera\'s HLS playlist names one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psap-hls-'));
    const secret = join(dir, 'secret.ts');
    // A valid video segment on the server's disk: if ffmpeg read it, the view would play. ffmpeg's
    // default for a playlist fetched over HTTP refuses it too; the relay's own list keeps that true
    // for any ffmpeg configured with PSAP_FFMPEG.
    execFileSync(findFfmpeg(null), ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=5', '-t', '3', '-c:v', 'libx264', '-g', '5', '-f', 'mpegts', secret]);
    const playlist = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:3', '#EXT-X-MEDIA-SEQUENCE:0', '#EXTINF:3.0,', `file://${secret}`, '#EXT-X-ENDLIST', ''].join('\n');
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(playlist));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { id } = await addCamera(t.pool, { name: 'Playlist pointing home', url: `http://127.0.0.1:${(server.address() as { port: number }).port}/live.m3u8`, kind: 'hls' });
      const view = (await analyst.post(`/api/v1/cameras/${id}/views`, { reason: 'check the corner', incidentId })).body;
      const pl = await analyst.get(view.playlistUrl);
      expect(pl.status).toBe(503);
      await analyst.post(`/api/v1/video/views/${view.id}/stop`);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('cameras that can see a point', () => {
  it('lists those within range whose sector holds the point, nearest first, with distance', async () => {
    const p = { lat: 39.3, lon: -76.6 };
    const north = await addCamera(t.pool, { name: 'Looks north at it', lat: p.lat - 0.0003, lon: p.lon, dir: 0, fov: 60, range: 60 });
    await addCamera(t.pool, { name: 'Looks away', lat: p.lat - 0.0003, lon: p.lon, dir: 180, fov: 60, range: 60 });
    const around = await addCamera(t.pool, { name: 'Dome', lat: p.lat + 0.0002, lon: p.lon, dir: null, fov: null, range: 40 });
    await addCamera(t.pool, { name: 'Too far', lat: p.lat + 0.002, lon: p.lon, dir: null, fov: null, range: 40 });
    const dispatcher = await t.as('dispatcher');
    const r = await dispatcher.get(`/api/v1/cameras/seeing?lat=${p.lat}&lon=${p.lon}`);
    expect(r.status).toBe(200);
    expect(r.body.map((s: { camera: { id: number } }) => s.camera.id)).toEqual([around.id, north.id]);
    expect(r.body[0].distanceM).toBeCloseTo(22.2, 0);
    expect(r.body[1].bearingDeg).toBe(0);
    const near = await dispatcher.get(`/api/v1/cameras/seeing?lat=${p.lat}&lon=${p.lon}&nearM=50`);
    expect(near.body.map((s: { sees: boolean }) => s.sees)).toEqual([true, true, false]);
    expect((await dispatcher.get(`/api/v1/cameras/seeing?lat=91&lon=0`)).status).toBe(400);
    expect((await (await t.as('responder')).get(`/api/v1/cameras/seeing?lat=${p.lat}&lon=${p.lon}`)).status).toBe(403);
    // A camera added later is found once the index notices (it checks the registry every 2 s).
    const late = await addCamera(t.pool, { name: 'Added later', lat: p.lat, lon: p.lon + 0.0001, dir: 270, fov: 90, range: 30 });
    await waitFor(async () => (await dispatcher.get(`/api/v1/cameras/seeing?lat=${p.lat}&lon=${p.lon}`)).body.some((s: { camera: { id: number } }) => s.camera.id === late.id), 'the new camera');
  });

  it('gives the RTCC map every camera with its field-of-view outline', async () => {
    const r = await analyst.get('/api/v1/video/cameras');
    expect(r.status).toBe(200);
    const dome = r.body.cameras.find((c: { name: string }) => c.name === 'Dome');
    expect(dome.sector.length).toBe(37);
    expect(dome.sector[0]).toEqual(dome.sector.at(-1));
    expect(JSON.stringify(r.body)).not.toContain('rtsp://');
    expect((await (await t.as('dispatcher')).get('/api/v1/video/cameras')).status).toBe(403);
  });
});

describe('camera health', () => {
  it('probes each active camera and records online, offline and the time checked', async () => {
    const live = await addCamera(t.pool, { name: 'Health live' });
    const dead = await addCamera(t.pool, { name: 'Health dead', url: 'rtsp://127.0.0.1:9/stream' });
    const now = clock.advance(1000);
    await t.server.ctx.scheduler!.runOnce('camera-health');
    const rows = (await t.pool.query('SELECT id, health, health_checked_at FROM cameras WHERE id = ANY($1) ORDER BY id', [[live.id, dead.id]])).rows;
    expect(rows.map((r) => r.health)).toEqual(['online', 'offline']);
    expect(rows[0].health_checked_at.getTime()).toBe(now.getTime());
    const a = (await t.pool.query(`SELECT after FROM audit_log WHERE action = 'camera.health' AND entity_id = $1`, [String(dead.id)])).rows;
    expect(a[0].after.health).toBe('offline');
  });
});

async function waitFor(pred: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An MJPEG-over-HTTP camera: ffmpeg draws a test pattern as multipart JPEG frames. */
async function mjpegServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const procs = new Set<ChildProcess>();
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace;boundary=ffmpeg' });
    const p = spawn(findFfmpeg(null), ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=5', '-f', 'mpjpeg', '-q:v', '8', '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
    procs.add(p);
    p.stdout!.pipe(res);
    const end = () => p.kill('SIGKILL');
    req.on('close', end);
    p.on('exit', () => procs.delete(p));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/video.mjpg`,
    stop: async () => {
      for (const p of procs) p.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
