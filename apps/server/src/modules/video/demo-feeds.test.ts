import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { processRuns } from '../../../test/helpers/rtsp-camera';
import { DEMO_FEEDS_SOURCE, placeDemoFeedCameras } from '../../seed/demo-camera-feeds';
import { enableDemoFeeds } from './demo-feed.routes';
import { videoFor } from './video-service';

let t: TestServer;
let analyst: SignedInClient;
let incidentId: number;

beforeAll(async () => {
  t = await createTestServer();
  t.server.ctx.config.video.idleSeconds = 0;
  analyst = await t.as('rtcc-analyst');
  const calltaker = await t.as('call-taker');
  incidentId = (await calltaker.post('/api/v1/incidents', { type: 'ROBBERY', location: { text: 'Pratt St and Light St', lat: 39.2866, lon: -76.6133 } })).body.id;
});
afterAll(async () => t?.close());

const demoCameras = async () =>
  (await t.pool.query(`SELECT id, name, owner_kind, stream_url FROM cameras WHERE source = $1 ORDER BY source_id`, [DEMO_FEEDS_SOURCE])).rows as Array<{ id: number; name: string; owner_kind: string; stream_url: string }>;

describe('demo test-pattern cameras', () => {
  it('serves nothing until the demo turns the feeds on', async () => {
    const res = await fetch(`${t.url}/api/v1/demo-feeds/1.mjpg`);
    expect(res.status).toBe(404);
    const bad = await fetch(`${t.url}/api/v1/demo-feeds/9.mjpg`);
    expect(bad.status).toBe(400);
  });

  it('adds three city cameras and a business camera with its owner\'s live consent, once; a restart re-points them', async () => {
    expect(await placeDemoFeedCameras(t.pool, 'http://127.0.0.1:1', null)).toEqual({ created: 4 });
    expect(await placeDemoFeedCameras(t.pool, t.url, null)).toEqual({ created: 0 });
    const cams = await demoCameras();
    expect(cams.map((c) => c.owner_kind)).toEqual(['city', 'city', 'city', 'business']);
    expect(cams.map((c) => c.stream_url)).toEqual([1, 2, 3, 4].map((n) => `${t.url}/api/v1/demo-feeds/${n}.mjpg`));
    const consents = await t.pool.query(`SELECT level, signed_name, terms_text FROM camera_consents WHERE camera_id = $1`, [cams[3]!.id]);
    expect(consents.rows).toHaveLength(1);
    expect(consents.rows[0]).toMatchObject({ level: 'live', signed_name: 'Alex Baker' });
    expect(consents.rows[0].terms_text).toContain('Version');
  });

  it('plays the business camera through the relay and the access rule, like a real MJPEG camera', async () => {
    enableDemoFeeds(t.server.ctx);
    const bakery = (await demoCameras())[3]!;
    const refused = await analyst.post(`/api/v1/cameras/${bakery.id}/views`, { reason: '', incidentId });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/reason/);
    const start = await analyst.post(`/api/v1/cameras/${bakery.id}/views`, { reason: 'robbery suspect ran east on Pratt St', incidentId });
    expect(start.status).toBe(201);
    const pl = await analyst.get(start.body.playlistUrl);
    expect(pl.status).toBe(200);
    expect(String(pl.body)).toMatch(/seg\d+\.ts/);
    const relay = videoFor(t.server.ctx).relay.get(bakery.id)!;
    expect(relay.mode).toBe('transcode');
    const pid = relay.pid!;
    await analyst.post(`/api/v1/video/views/${start.body.id}/stop`);
    await expect.poll(() => processRuns(pid), { timeout: 10_000 }).toBe(false);
    const log = (await t.pool.query(`SELECT action FROM camera_access WHERE camera_id = $1 ORDER BY id`, [bakery.id])).rows.map((r) => r.action);
    expect(log).toEqual(['view-denied', 'view-start', 'view-stop']);
  });
});
