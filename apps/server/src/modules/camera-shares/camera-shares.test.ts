import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';
import { processRuns, startRtspCamera, type SimulatedCamera } from '../../../test/helpers/rtsp-camera';
import { ManualClock } from '../../scheduler/clock';
import { videoFor } from '../video/video-service';
import { sharedViewingFor } from './shared-viewing';

let t: TestServer;
let cam: SimulatedCamera;
let analyst: SignedInClient;
let pub: TestClient;
let incidentId: number;
let agency: { id: number; name: string };
let unit: { id: number; call_sign: string };
const clock = new ManualClock(new Date());
const HERE = { lat: 39.2904, lon: -76.6122 };

async function addCamera(name: string, owner: 'city' | 'business' = 'city'): Promise<{ id: number; consentId: number | null }> {
  let ownerId: number | null = null;
  if (owner === 'business') ownerId = (await t.pool.query(`INSERT INTO camera_owners (kind, name, email) VALUES ('business', $1, $2) RETURNING id`, [name, `${name.replace(/\W/g, '')}${Math.random()}@example.org`])).rows[0].id;
  const id = (await t.pool.query(
    `INSERT INTO cameras (name, owner_kind, owner_id, lat, lon, range_m, stream_url, stream_kind) VALUES ($1, $2, $3, $4, $5, 80, $6, 'rtsp') RETURNING id`,
    [name, owner, ownerId, HERE.lat, HERE.lon, cam.url],
  )).rows[0].id;
  const consentId = ownerId
    ? (await t.pool.query(`INSERT INTO camera_consents (camera_id, owner_id, level, terms_version, terms_text, signed_name, signed_date) VALUES ($1, $2, 'live', 'v1', 'terms', 'Owner', current_date) RETURNING id`, [id, ownerId])).rows[0].id
    : null;
  return { id, consentId };
}

async function watch(cameraId: number, reason = 'robbery suspect on foot'): Promise<string> {
  const r = await analyst.post(`/api/v1/cameras/${cameraId}/views`, { reason, incidentId });
  expect(r.status).toBe(201);
  return r.body.id;
}

async function share(viewId: string, extra: Record<string, unknown> = {}): Promise<{ id: number; token: string; url: string }> {
  const r = await analyst.post('/api/v1/camera-shares', { viewId, recipientKind: 'agency', agencyId: agency.id, reason: 'county units searching for the suspect', ...extra });
  expect(r.status).toBe(201);
  const token = /\/c\/([A-Za-z0-9_-]+)$/.exec(r.body.url)![1]!;
  return { id: r.body.share.id, token, url: r.body.url };
}

const pubBase = (token: string) => `/api/v1/public/camera-shares/${token}`;
const access = async (cameraId: number) => (await t.pool.query(`SELECT action, user_id, actor_label, reason, incident_id, detail FROM camera_access WHERE camera_id = $1 ORDER BY id`, [cameraId])).rows;
const audits = async (cameraId: number) => (await t.pool.query(`SELECT action, purpose, after FROM audit_log WHERE entity = 'camera' AND entity_id = $1 ORDER BY seq`, [String(cameraId)])).rows;

async function firstSegment(token: string, viewId: string): Promise<Uint8Array> {
  const pl = await pub.get(`${pubBase(token)}/views/${viewId}/index.m3u8`);
  expect(pl.status).toBe(200);
  expect(pl.headers.get('cache-control')).toMatch(/no-store/);
  const seg = String(pl.body).split('\n').find((l) => l.endsWith('.ts'))!;
  const res = await fetch(`${t.url}${pubBase(token)}/views/${viewId}/${seg}`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function waitFor(pred: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  cam = await startRtspCamera();
  t = await createTestServer({ clock });
  t.server.ctx.config.video.idleSeconds = 0;
  analyst = await t.as('rtcc-analyst');
  pub = t.anonymous();
  const inc = await (await t.as('call-taker')).post('/api/v1/incidents', { type: 'ROBBERY', location: { text: 'Pratt and Light', ...HERE } });
  expect(inc.status).toBe(201);
  incidentId = inc.body.id;
  agency = (await t.pool.query('SELECT id, name FROM agencies ORDER BY id LIMIT 1')).rows[0];
  unit = (await t.pool.query('SELECT id, call_sign FROM units ORDER BY id LIMIT 1')).rows[0];
});
afterAll(async () => {
  await t?.close();
  await cam?.stop();
});

describe('creating a share link', () => {
  it('needs a live view of my own, a reason, a recipient that exists and at most 12 hours', async () => {
    const { id } = await addCamera('Share refusals');
    const viewId = await watch(id);
    const body = { viewId, recipientKind: 'agency', agencyId: agency.id, reason: 'county units searching' };
    const noView = await analyst.post('/api/v1/camera-shares', { ...body, viewId: 'x'.repeat(32) });
    expect(noView.status).toBe(422);
    expect(noView.body.error.fields.viewId).toMatch(/not one of your live views/);
    const other = await t.as('rtcc-analyst');
    expect((await other.post('/api/v1/camera-shares', body)).status).toBe(422);
    expect((await analyst.post('/api/v1/camera-shares', { ...body, reason: 'abc' })).status).toBe(400);
    expect((await analyst.post('/api/v1/camera-shares', { ...body, minutes: 721 })).status).toBe(400);
    const noUnit = await analyst.post('/api/v1/camera-shares', { ...body, recipientKind: 'unit', agencyId: undefined });
    expect(noUnit.status).toBe(422);
    expect(noUnit.body.error.fields.unitId).toMatch(/name the unit/);
    const badAgency = await analyst.post('/api/v1/camera-shares', { ...body, agencyId: 999999 });
    expect(badAgency.body.error.fields.agencyId).toMatch(/no agency 999999/);
    const badPhone = await analyst.post('/api/v1/camera-shares', { ...body, sendTo: 'call me' });
    expect(badPhone.body.error.fields.sendTo).toMatch(/phone number or an e-mail/);
    expect((await (await t.as('dispatcher')).post('/api/v1/camera-shares', body)).status).toBe(403);
    await analyst.post(`/api/v1/video/views/${viewId}/stop`);
    const ended = await analyst.post('/api/v1/camera-shares', body);
    expect(ended.body.error.fields.viewId).toMatch(/ended/);
    expect((await access(id)).filter((a) => a.action === 'share')).toEqual([]);
  });

  it('makes an hour-long link by default, texts it when asked, and tells the owner', async () => {
    const { id } = await addCamera('Share defaults', 'business');
    const viewId = await watch(id);
    const r = await analyst.post('/api/v1/camera-shares', { viewId, recipientKind: 'unit', unitId: unit.id, reason: 'unit on scene needs eyes on the alley', sendTo: '+1 (410) 555-0101' });
    expect(r.status).toBe(201);
    const s = r.body.share;
    expect(s.recipient).toBe(`unit ${unit.call_sign} (${(await t.pool.query('SELECT a.name FROM units u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1', [unit.id])).rows[0].name})`);
    expect(Date.parse(s.expiresAt) - Date.parse(s.createdAt)).toBe(3_600_000);
    expect(s.state).toBe('active');
    expect(r.body.url).toMatch(/\/c\/[A-Za-z0-9_-]{32}$/);
    expect(r.body.messageStatus).toBe('sent');
    const msg = (await t.pool.query(`SELECT body, recipient FROM outbound_messages WHERE purpose = 'camera.share-link' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(msg.body).toContain(r.body.url);
    // Only the token's hash is kept.
    const token = r.body.url.split('/c/')[1];
    expect((await t.pool.query('SELECT count(*)::int AS n FROM camera_shares WHERE token_hash = $1', [token])).rows[0].n).toBe(0);
    const row = (await access(id)).find((a) => a.action === 'share')!;
    expect(row.reason).toBe('unit on scene needs eyes on the alley');
    expect(row.detail.step).toBe('live-shared');
    expect(row.incident_id).toBe(incidentId);
    expect((await audits(id)).map((a) => a.action)).toContain('camera.share');
    // The owner's portal lists it with the step.
    const owner = await t.pool.query(`SELECT a.detail->>'step' AS step FROM camera_access a WHERE a.camera_id = $1 AND a.action = 'share'`, [id]);
    expect(owner.rows.map((x) => x.step)).toEqual(['live-shared']);
    await analyst.post(`/api/v1/video/views/${viewId}/stop`);
  });
});

describe('watching through a link', () => {
  it('plays the camera to anyone holding the link, records each opening for the owner, and outlives the analyst\'s own view', async () => {
    const { id } = await addCamera('Shared harbor camera');
    const viewId = await watch(id);
    const { token } = await share(viewId);
    const info = await pub.get(pubBase(token));
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ cameraName: 'Shared harbor camera', recipient: agency.name, reason: 'county units searching for the suspect', sharedBy: analyst.username });
    expect(JSON.stringify(info.body)).not.toContain('rtsp://');

    const open = await pub.post(`${pubBase(token)}/views`);
    expect(open.status).toBe(201);
    const v = open.body;
    expect(v.playlistUrl).toBe(`${pubBase(token)}/views/${v.id}/index.m3u8`);
    const bytes = await firstSegment(token, v.id);
    expect(bytes[0]).toBe(0x47);
    // The relay is the analysts' one: one ffmpeg for the camera.
    const pid = videoFor(t.server.ctx).relay.get(id)!.pid!;
    await analyst.post(`/api/v1/video/views/${viewId}/stop`);
    expect(processRuns(pid)).toBe(true);
    expect((await pub.get(`${pubBase(token)}/views/${v.id}/index.m3u8`)).status).toBe(200);

    // The view id alone is nothing: another token, or a made-up one, gets "not found".
    const other = await share(await watch(id));
    expect((await pub.get(`${pubBase(other.token)}/views/${v.id}/index.m3u8`)).status).toBe(404);
    expect((await pub.get(`${pubBase('A'.repeat(32))}/views/${v.id}/index.m3u8`)).status).toBe(404);
    expect((await pub.get(pubBase('A'.repeat(32)))).status).toBe(404);

    const stop = await pub.post(`${pubBase(token)}/views/${v.id}/stop`);
    expect(stop.body.state).toBe('ended');
    expect(stop.body.endedWhy).toBe('closed by the viewer');
    const log = (await access(id)).filter((a) => a.detail?.shareId !== undefined && a.action !== 'share' && a.detail.shareId !== other.id);
    expect(log.map((a) => a.action)).toEqual(['view-start', 'view-stop']);
    expect(log[0].user_id).toBeNull();
    expect(log[0].actor_label).toBe(`${agency.name}, by link ${log[0].detail.shareId} shared by ${analyst.username}`);
    expect(log[0].reason).toBe('county units searching for the suspect');
    expect(log[1].detail.why).toBe('closed by the viewer');
    const a = (await audits(id)).map((x) => x.action);
    expect(a).toEqual(expect.arrayContaining(['camera.share', 'camera.shared-view-start', 'camera.shared-view-stop']));
    const listed = (await analyst.get(`/api/v1/camera-shares?cameraId=${id}`)).body;
    expect(listed.find((s: { recipient: string; opens: number }) => s.opens === 1)).toBeTruthy();
    const row = (await t.pool.query('SELECT ended_at IS NOT NULL AS ended, end_reason FROM camera_share_views WHERE id = $1', [v.id])).rows[0];
    expect(row).toEqual({ ended: true, end_reason: 'closed by the viewer' });
  });

  it('stops the shared picture within a second of the owner revoking consent, and refuses new openings', async () => {
    const { id, consentId } = await addCamera('Shared bakery', 'business');
    const viewId = await watch(id);
    const { token } = await share(viewId);
    const v = (await pub.post(`${pubBase(token)}/views`)).body;
    await firstSegment(token, v.id);
    await t.pool.query(`UPDATE camera_consents SET revoked_at = now(), revoked_reason = 'owner changed their mind' WHERE id = $1`, [consentId]);
    // The server's own once-a-second check ends it; wait for that, not a fixed time.
    await waitFor(async () => (await pub.get(`${pubBase(token)}/views/${v.id}`)).body.state === 'ended', 'the shared view to end');
    expect((await pub.get(`${pubBase(token)}/views/${v.id}`)).body.endedWhy).toMatch(/consent is missing, revoked or expired/);
    const pl = await pub.get(`${pubBase(token)}/views/${v.id}/index.m3u8`);
    expect(pl.status).toBe(403);
    expect(pl.body.error.message).toMatch(/stopped: the owner's consent/);
    const again = await pub.post(`${pubBase(token)}/views`);
    expect(again.status).toBe(403);
    const shared = (await access(id)).filter((a) => a.user_id === null);
    expect(shared.map((a) => a.action)).toEqual(['view-start', 'view-stop', 'view-denied']);
    expect(shared[1].detail.why).toMatch(/consent/);
  });

  it('cuts everyone off at once when the analyst revokes the link; a supervisor may revoke too', async () => {
    const { id } = await addCamera('Revoked link camera');
    const viewId = await watch(id);
    const { id: shareId, token } = await share(viewId);
    const v1 = (await pub.post(`${pubBase(token)}/views`)).body;
    const v2 = (await t.anonymous().post(`${pubBase(token)}/views`)).body;
    await firstSegment(token, v1.id);
    const listed = (await analyst.get(`/api/v1/camera-shares?incidentId=${incidentId}`)).body.find((s: { id: number }) => s.id === shareId);
    expect(listed.watchingNow).toBe(2);
    expect((await (await t.as('responder')).post(`/api/v1/camera-shares/${shareId}/revoke`)).status).toBe(403);
    const r = await analyst.post(`/api/v1/camera-shares/${shareId}/revoke`);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('revoked');
    expect(r.body.revokedBy).toBe(analyst.username);
    // No waiting: the revocation ended both before it answered.
    for (const v of [v1, v2]) {
      const st = (await pub.get(`${pubBase(token)}/views/${v.id}`)).body;
      expect(st.state).toBe('ended');
      expect(st.endedWhy).toBe('the link was revoked by the centre');
    }
    expect((await pub.get(`${pubBase(token)}/views/${v1.id}/index.m3u8`)).status).toBe(403);
    const info = await pub.get(pubBase(token));
    expect(info.status).toBe(410);
    expect(info.body.error.message).toMatch(/revoked/);
    expect((await pub.post(`${pubBase(token)}/views`)).status).toBe(410);
    expect((await analyst.post(`/api/v1/camera-shares/${shareId}/revoke`)).status).toBe(409);
    const steps = (await access(id)).filter((a) => a.action === 'share').map((a) => a.detail.step);
    expect(steps).toEqual(['live-shared', 'live-share-revoked']);

    const supervisor = await t.as('supervisor');
    const s2 = await share(viewId);
    expect((await supervisor.post(`/api/v1/camera-shares/${s2.id}/revoke`)).status).toBe(200);
    await analyst.post(`/api/v1/video/views/${viewId}/stop`);
  });

  it('lets at most five watch through one link at a time', async () => {
    const { id } = await addCamera('Busy link camera');
    const viewId = await watch(id);
    const { id: shareId, token } = await share(viewId);
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push((await t.anonymous().post(`${pubBase(token)}/views`)).body.id);
    const sixth = await t.anonymous().post(`${pubBase(token)}/views`);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.message).toMatch(/at most 5 people/);
    await pub.post(`${pubBase(token)}/views/${opened[0]}/stop`);
    expect((await t.anonymous().post(`${pubBase(token)}/views`)).status).toBe(201);
    await analyst.post(`/api/v1/camera-shares/${shareId}/revoke`);
    await analyst.post(`/api/v1/video/views/${viewId}/stop`);
  });

  it('stops at the link\'s expiry, checked on the next playlist reload', async () => {
    const { id } = await addCamera('Expiring link camera');
    const viewId = await watch(id);
    const { token } = await share(viewId, { minutes: 5 });
    const v = (await pub.post(`${pubBase(token)}/views`)).body;
    await firstSegment(token, v.id);
    clock.advance(5 * 60_000 + 1000);
    const pl = await pub.get(`${pubBase(token)}/views/${v.id}/index.m3u8`);
    expect(pl.status).toBe(403);
    expect(pl.body.error.message).toMatch(/link has expired/);
    expect((await pub.get(`${pubBase(token)}/views/${v.id}`)).body.state).toBe('ended');
    expect((await pub.get(pubBase(token))).status).toBe(410);
    const last = (await access(id)).filter((a) => a.user_id === null).at(-1);
    expect(last.action).toBe('view-stop');
    expect(last.detail.why).toBe('the link has expired');
    // The analyst's own view was left quiet by the jump in time; the sweep closes it.
    await videoFor(t.server.ctx).sweep();
  });

  it('ends a link when the analyst who made it loses the right to watch, and closes openings left behind', async () => {
    const { id } = await addCamera('Disabled analyst camera');
    const viewId = await watch(id);
    const { token } = await share(viewId);
    const v = (await pub.post(`${pubBase(token)}/views`)).body;
    await t.pool.query(`UPDATE users SET role = 'dispatcher' WHERE id = $1`, [analyst.userId]);
    try {
      await sharedViewingFor(t.server.ctx).sweep();
      const st = (await pub.get(`${pubBase(token)}/views/${v.id}`)).body;
      expect(st.state).toBe('ended');
      expect(st.endedWhy).toMatch(/may no longer watch live video/);
    } finally {
      await t.pool.query(`UPDATE users SET role = 'rtcc-analyst' WHERE id = $1`, [analyst.userId]);
    }
    // An opening a stopped server left open is closed by the job, for the owner too.
    const shareId = (await t.pool.query('SELECT id FROM camera_shares WHERE view_id = $1', [viewId])).rows[0].id;
    await t.pool.query(`INSERT INTO camera_share_views (id, share_id, started_at, last_seen_at) VALUES ('leftopenleftopen1234', $1, now() - interval '1 hour', now() - interval '1 hour')`, [shareId]);
    await t.server.ctx.scheduler!.runOnce('video-views');
    expect((await t.pool.query(`SELECT end_reason FROM camera_share_views WHERE id = 'leftopenleftopen1234'`)).rows[0].end_reason).toMatch(/left open/);
  });
});
