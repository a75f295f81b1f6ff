import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CONTENT_TYPE } from '@openpsap/contract';
import { createTestServer, type SignedInClient, type TestServer } from '../../test/helpers/test-server';
import { ManualClock } from '../scheduler/clock';
import { blobStore, evidenceDirs } from './evidence-store';
import { storeEvidence } from './store-evidence';
import { jpegLike, webmLike } from './testing/media-samples';

let t: TestServer;
let clock: ManualClock;
let dispatcher: SignedInClient;
const DAY = 86_400_000;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestServer({ clock });
  dispatcher = await t.as('dispatcher');
});
afterAll(async () => t?.close());

async function incident(): Promise<number> {
  return (await dispatcher.post('/api/v1/incidents', { type: 'BURGLARY', location: { text: '300 W Lombard St', lat: 39.2874, lon: -76.6195, verified: true } })).body.id;
}

async function runJob(): Promise<void> {
  await t.server.ctx.scheduler!.runOnce('evidence-retention');
  const { rows } = await t.pool.query("SELECT last_error FROM job_runs WHERE job = 'evidence-retention'");
  expect(rows[0].last_error).toBeNull();
}

describe('evidence retention and expiry job', () => {
  it('erases items past their source\'s days once their incident is closed, keeping shared bytes and the record of what existed', async () => {
    const ev = t.server.ctx.config.evidence;
    ev.retentionDays = { ...ev.retentionDays, witness: 30, staff: 365 };
    const closedInc = await incident();
    const openInc = await incident();
    const onlyHere = jpegLike(3000);
    const shared = jpegLike(3000);
    const ctx = t.server.ctx;
    const a = await storeEvidence(ctx, { stream: Readable.from([onlyHere]), declaredName: 'back-door.jpg', source: 'witness', incidentId: closedInc, submittedBy: 'Pat (+14105550100)', how: 'witness upload link 1, texted to +14105550100', location: { lat: 39.28, lon: -76.61 } });
    const b = await storeEvidence(ctx, { stream: Readable.from([shared]), declaredName: 's.jpg', source: 'witness', incidentId: closedInc, submittedBy: 'x', how: 'test' });
    const c = await storeEvidence(ctx, { stream: Readable.from([shared]), declaredName: 's.jpg', source: 'witness', incidentId: openInc, submittedBy: 'x', how: 'test' });
    const staff = await storeEvidence(ctx, { stream: Readable.from([jpegLike(2000)]), declaredName: 'staff.jpg', source: 'staff', incidentId: closedInc, submittedBy: 'x', how: 'test' });
    expect((await dispatcher.post(`/api/v1/incidents/${closedInc}/close`, { disposition: '01' })).status).toBe(200);
    const store = blobStore(ctx.config);

    // Not due yet: nothing happens.
    clock.advance(29 * DAY);
    await runJob();
    expect((await t.pool.query('SELECT count(*)::int AS n FROM evidence_items WHERE erased_at IS NOT NULL')).rows[0].n).toBe(0);

    clock.advance(2 * DAY);
    await runJob();
    const { rows } = await t.pool.query('SELECT id, erased_at, erased_reason, submitted_by, how, declared_name, lat, sha256, size_bytes FROM evidence_items WHERE id = ANY($1) ORDER BY id', [[a.id, b.id, c.id, staff.id]]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ submitted_by: '(erased)', how: '(erased)', declared_name: '(erased)', lat: null, sha256: a.sha256, erased_reason: 'retention: witness items are kept 30 days' });
    expect(byId.get(b.id)!.erased_at).not.toBeNull();
    expect(byId.get(c.id)!.erased_at).toBeNull(); // its incident is open
    expect(byId.get(staff.id)!.erased_at).toBeNull(); // staff items are kept a year
    expect(await store.has(a.sha256)).toBe(false);
    expect(await store.has(b.sha256)).toBe(true); // still evidence on the open incident
    const custody = await t.pool.query("SELECT actor_label, detail FROM evidence_custody WHERE evidence_id = $1 AND action = 'erased'", [a.id]);
    expect(custody.rows).toEqual([{ actor_label: 'system:evidence-retention', detail: { rule: 'witness:30d' } }]);
    const content = await dispatcher.request('GET', `/api/v1/evidence/${a.id}/content?purpose=look`);
    expect(content.status).toBe(410);
    // Running again erases nothing more.
    await runJob();
    expect((await t.pool.query('SELECT count(*)::int AS n FROM evidence_items WHERE erased_at IS NOT NULL')).rows[0].n).toBe(2);
    clock.advance(-31 * DAY);
  });

  it('abandons uploads of dead links and keeps a recording whose console stopped sending', async () => {
    const inc = await incident();
    const link = await dispatcher.post(`/api/v1/incidents/${inc}/upload-links`, { phone: '+14105550100' });
    const token = new URL(link.body.url).pathname.split('/').pop()!;
    const photo = jpegLike(10_000);
    const up = await t.anonymous().post(`/api/v1/public/witness/${token}/uploads`, { name: 'half.jpg', size: photo.length });
    await fetch(`${t.url}/api/v1/public/witness/${token}/uploads/${up.body.key}`, { method: 'PATCH', headers: { 'content-type': CHUNK_CONTENT_TYPE, 'upload-offset': '0' }, body: new Uint8Array(photo.subarray(0, 4000)) });
    const part = `${evidenceDirs(t.server.ctx.config).incoming}/${up.body.key}.part`;
    expect(existsSync(part)).toBe(true);

    const live = await dispatcher.post(`/api/v1/incidents/${inc}/caller-video`, { phone: '+14105550100' });
    expect(live.body.link.record).toBe(true);
    const rec = await dispatcher.post(`/api/v1/caller-video/${live.body.link.id}/recordings`, {});
    expect(rec.status).toBe(201);
    const webm = webmLike(30_000);
    const put = await fetch(`${t.url}/api/v1/caller-video/${live.body.link.id}/recordings/${rec.body.key}`, { method: 'PATCH', headers: { ...dispatcher.headers(), 'content-type': CHUNK_CONTENT_TYPE, 'upload-offset': '0' }, body: new Uint8Array(webm) });
    expect(put.status).toBe(200);

    clock.advance(25 * 3_600_000);
    try {
      await runJob();
    } finally {
      clock.advance(-25 * 3_600_000);
    }
    const states = await t.pool.query('SELECT upload_key, state, evidence_id FROM evidence_uploads WHERE upload_key = ANY($1)', [[up.body.key, rec.body.key]]);
    const byKey = new Map(states.rows.map((r) => [r.upload_key, r]));
    expect(byKey.get(up.body.key)!.state).toBe('abandoned');
    expect(existsSync(part)).toBe(false);
    expect(byKey.get(rec.body.key)!.state).toBe('complete');
    const item = await t.pool.query('SELECT source, content_type, size_bytes, how FROM evidence_items WHERE id = $1', [byKey.get(rec.body.key)!.evidence_id]);
    expect(item.rows[0]).toMatchObject({ source: 'caller-video', content_type: 'video/webm', size_bytes: webm.length });
    expect(item.rows[0].how).toMatch(/finished by the system/);
  });
});
