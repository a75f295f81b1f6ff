import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CONTENT_TYPE } from '@openpsap/contract';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { ManualClock } from '../../scheduler/clock';
import { exeLike, jpegLike, mp4Like } from '../../evidence/testing/media-samples';

let t: TestServer;
let clock: ManualClock;
let dispatcher: SignedInClient;
let incidentId: number;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestServer({ clock });
  dispatcher = await t.as('dispatcher');
  incidentId = (await dispatcher.post('/api/v1/incidents', { type: 'ASSAULT', location: { text: '100 N Charles St', lat: 39.2911, lon: -76.6152, verified: true } })).body.id;
});
afterAll(async () => t?.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

async function sendLink(phone = '+14105550123'): Promise<{ token: string; id: number; url: string }> {
  const res = await dispatcher.post(`/api/v1/incidents/${incidentId}/upload-links`, { phone, name: 'Dana Witness', language: 'en' });
  expect(res.status).toBe(201);
  return { token: tokenOf(res.body.url), id: res.body.link.id, url: res.body.url };
}

/** Sends bytes as one chunk at an offset, the way the witness page does. */
async function patch(token: string, key: string, offset: number, bytes: Buffer) {
  const res = await fetch(`${t.url}/api/v1/public/witness/${token}/uploads/${key}`, { method: 'PATCH', headers: { 'content-type': CHUNK_CONTENT_TYPE, 'upload-offset': String(offset) }, body: new Uint8Array(bytes) });
  return { status: res.status, body: (await res.json()) as any, offset: res.headers.get('upload-offset') };
}

/** A chunk whose connection drops after `sendBytes` of `declared` bytes have left. */
function patchAndDrop(token: string, key: string, offset: number, bytes: Buffer, sendBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const u = new URL(`${t.url}/api/v1/public/witness/${token}/uploads/${key}`);
    const req = request({ method: 'PATCH', hostname: u.hostname, port: u.port, path: u.pathname, headers: { 'content-type': CHUNK_CONTENT_TYPE, 'upload-offset': String(offset), 'content-length': String(bytes.length) } });
    req.on('error', () => resolve());
    req.on('response', (r) => (r.resume(), resolve()));
    req.write(bytes.subarray(0, sendBytes), () => setTimeout(() => (req.destroy(), resolve()), 200));
  });
}

describe('upload links', () => {
  it('texts a one-time link and shows it once, with a code to read out', async () => {
    const res = await dispatcher.post(`/api/v1/incidents/${incidentId}/upload-links`, { phone: '(410) 555-0199', language: 'es' });
    expect(res.status).toBe(201);
    expect(res.body.url).toMatch(/\/w\/[0-9a-z]{16}\?lang=es$/);
    expect(res.body.code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect(res.body.link).toMatchObject({ purpose: 'upload', state: 'waiting', recipientPhone: '4105550199', language: 'es' });
    const sms = await t.pool.query("SELECT channel, recipient, body, purpose, related FROM outbound_messages WHERE purpose = 'evidence.upload-link' ORDER BY id DESC LIMIT 1");
    expect(sms.rows[0]).toMatchObject({ channel: 'sms', recipient: '4105550199', related: `incident:${incidentId}` });
    expect(sms.rows[0].body).toContain(res.body.url);
    expect(sms.rows[0].body).toMatch(/envíe sus fotos/);
    // Only the token's hash is kept.
    const stored = await t.pool.query('SELECT token_hash FROM evidence_links WHERE id = $1', [res.body.link.id]);
    expect(stored.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].token_hash).not.toContain(tokenOf(res.body.url));
    // Read aloud: dashes, capitals and look-alike letters still open it.
    const info = await t.anonymous().get(`/api/v1/public/witness/${res.body.code.toUpperCase()}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ language: 'es', finished: false, maxFiles: 20, uploads: [] });
  });

  it('tells the incident\'s screens when the witness first opens the link and when they are done, once each', async () => {
    const { token, id } = await sendLink('+14105550177');
    const anon = t.anonymous();
    expect((await anon.get(`/api/v1/public/witness/${token}`)).status).toBe(200);
    expect((await anon.get(`/api/v1/public/witness/${token}`)).status).toBe(200); // a reload is not a second opening
    expect((await anon.post(`/api/v1/public/witness/${token}/finish`)).status).toBe(200);
    const events = await t.pool.query("SELECT rooms, data FROM events WHERE type = 'evidence.link-updated' AND (data->>'linkId')::int = $1 ORDER BY seq", [id]);
    expect(events.rows.map((r) => r.data)).toEqual([
      { linkId: id, incidentId, state: 'opened' },
      { linkId: id, incidentId, state: 'finished' },
    ]);
    expect(events.rows[0].rooms).toEqual(['centre', `incident:${incidentId}`]);
    const row = (await t.pool.query('SELECT opened_at, finished_at FROM evidence_links WHERE id = $1', [id])).rows[0];
    expect(row.opened_at).not.toBeNull();
    expect(row.finished_at).not.toBeNull();
  });

  it('refuses a bad phone number, naming the field, and links for closed or unknown incidents', async () => {
    const bad = await dispatcher.post(`/api/v1/incidents/${incidentId}/upload-links`, { phone: 'call me' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.phone).toMatch(/phone number/);
    expect((await dispatcher.post('/api/v1/incidents/99999999/upload-links', { phone: '+14105550100' })).status).toBe(404);
    const responder = await t.as('responder');
    expect((await responder.post(`/api/v1/incidents/${incidentId}/upload-links`, { phone: '+14105550100' })).status).toBe(403);
  });

  it('answers 404 to a wrong token and to a live-video token (single purpose), 410 once expired, finished or withdrawn', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/v1/public/witness/0000000000000000')).status).toBe(404);
    expect((await anon.get('/api/v1/public/witness/%00%01')).status).toBe(404);
    const live = await dispatcher.post(`/api/v1/incidents/${incidentId}/caller-video`, { phone: '+14105550100' });
    const liveToken = tokenOf(live.body.url);
    expect((await anon.get(`/api/v1/public/witness/${liveToken}`)).status).toBe(404);
    expect((await anon.post(`/api/v1/public/witness/${liveToken}/uploads`, { name: 'a.jpg', size: 10 })).status).toBe(404);
    // And the other way round: an upload token does not open live video.
    const up = await sendLink();
    expect((await anon.get(`/api/v1/public/caller-video/${up.token}`)).status).toBe(404);

    const expiring = await sendLink();
    expect((await anon.get(`/api/v1/public/witness/${expiring.token}`)).status).toBe(200);
    clock.advance(25 * 3_600_000);
    try {
      const gone = await anon.get(`/api/v1/public/witness/${expiring.token}`);
      expect(gone.status).toBe(410);
      expect(gone.body.error.message).toMatch(/expired/);
      const links = await dispatcher.request('GET', `/api/v1/incidents/${incidentId}/evidence?purpose=test`);
      expect(links.body.links.find((l: any) => l.id === expiring.id).state).toBe('expired');
    } finally {
      clock.advance(-25 * 3_600_000);
    }

    const finished = await sendLink();
    expect((await anon.post(`/api/v1/public/witness/${finished.token}/finish`)).body).toEqual({ files: 0 });
    expect((await anon.get(`/api/v1/public/witness/${finished.token}`)).status).toBe(410);
    expect((await anon.post(`/api/v1/public/witness/${finished.token}/uploads`, { name: 'a.jpg', size: 10 })).status).toBe(410);

    const withdrawn = await sendLink();
    const r = await dispatcher.post(`/api/v1/evidence-links/${withdrawn.id}/revoke`);
    expect(r.body.state).toBe('revoked');
    expect((await anon.get(`/api/v1/public/witness/${withdrawn.token}`)).body.error.message).toMatch(/withdrawn/);
    expect((await dispatcher.post(`/api/v1/evidence-links/${withdrawn.id}/revoke`)).status).toBe(409);
  });
});

describe('resumable uploads', () => {
  it('resumes after a dropped connection and ends with the SHA-256 of the whole file', async () => {
    const { token, id } = await sendLink('+14105550111');
    const anon = t.anonymous();
    const file = mp4Like(600_000);
    const start = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'IMG_0042.MOV', size: file.length, type: 'video/quicktime', location: { lat: 39.29, lon: -76.61, accuracyM: 12 } });
    expect(start.status).toBe(201);
    const key = start.body.key;
    expect(start.body).toMatchObject({ offset: 0, state: 'open', size: file.length });
    // First chunk arrives whole.
    const first = await patch(token, key, 0, file.subarray(0, 200_000));
    expect(first.status).toBe(200);
    expect(first.body.offset).toBe(200_000);
    expect(first.offset).toBe('200000');
    // The second chunk's connection drops part-way.
    await patchAndDrop(token, key, 200_000, file.subarray(200_000, 400_000), 70_000);
    const where = await anon.get(`/api/v1/public/witness/${token}/uploads/${key}`);
    expect(where.status).toBe(200);
    const resumeAt = where.body.offset;
    expect(resumeAt).toBeGreaterThan(200_000);
    expect(resumeAt).toBeLessThan(400_000);
    // A chunk at the wrong offset is refused with the offset to use.
    const wrong = await patch(token, key, 200_000, file.subarray(200_000, 300_000));
    expect(wrong.status).toBe(409);
    expect(wrong.offset).toBe(String(resumeAt));
    expect(wrong.body.error.fields.offset).toBe(`must be ${resumeAt}`);
    // Resume from there to the end.
    const rest = await patch(token, key, resumeAt, file.subarray(resumeAt));
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ state: 'complete', offset: file.length, sha256: sha(file) });
    const evidenceId = rest.body.evidenceId;
    // The item: who sent it (the link's recipient), how, when, where, and its hash.
    const item = await dispatcher.request('GET', `/api/v1/evidence/${evidenceId}?purpose=${encodeURIComponent('reviewing witness video')}`);
    expect(item.status).toBe(200);
    expect(item.body.item).toMatchObject({ incidentId, sha256: sha(file), sizeBytes: file.length, contentType: 'video/mp4', mediaKind: 'video', declaredName: 'IMG_0042.MOV', source: 'witness', submittedBy: 'Dana Witness (+14105550111)', location: { lat: 39.29, lon: -76.61, accuracyM: 12 } });
    expect(item.body.item.how).toMatch(new RegExp(`witness upload link ${id}, texted to \\+14105550111 by ${dispatcher.username}`));
    expect(item.body.custody.map((c: any) => c.action)).toEqual(['received']);
    expect(item.body.custody[0].actor).toBe(`public:witness-link-${id}`);
    // A chunk after completion changes nothing.
    expect((await patch(token, key, file.length, Buffer.from('x'))).body.state).toBe('complete');
    // The witness is done; the link is spent.
    expect((await anon.post(`/api/v1/public/witness/${token}/finish`)).body).toEqual({ files: 1 });
    expect((await anon.get(`/api/v1/public/witness/${token}/uploads/${key}`)).status).toBe(410);
  });

  it('refuses a renamed program after its first chunk, and oversize files by declared and by actual size, naming the field', async () => {
    const { token } = await sendLink();
    const anon = t.anonymous();
    const exe = exeLike(50_000);
    const s1 = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'party.mp4', size: exe.length, type: 'video/mp4' });
    const r1 = await patch(token, s1.body.key, 0, exe.subarray(0, 20_000));
    expect(r1.status).toBe(415);
    expect(r1.body.error.fields.file).toMatch(/not a photo or video: its content is a Windows program/);
    const after = await anon.get(`/api/v1/public/witness/${token}/uploads/${s1.body.key}`);
    expect(after.body.state).toBe('refused');
    expect((await patch(token, s1.body.key, 0, exe.subarray(0, 100))).status).toBe(409);

    const ev = t.server.ctx.config.evidence;
    const big = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'huge.mp4', size: ev.maxVideoBytes + 1 });
    expect(big.status).toBe(413);
    expect(big.body.error.fields.size).toMatch(/larger than the 2048 MB allowed for a video/);
    const bigPhoto = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'huge.jpg', size: ev.maxPhotoBytes + 1, type: 'image/jpeg' });
    expect(bigPhoto.body.error.fields.size).toMatch(/allowed for a photo/);
    // A "video" that turns out to be a photo is held to the photo limit.
    const old = ev.maxPhotoBytes;
    ev.maxPhotoBytes = 50_000;
    try {
      const photo = jpegLike(80_000);
      const s2 = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'clip.mp4', size: photo.length, type: 'video/mp4' });
      const r2 = await patch(token, s2.body.key, 0, photo);
      expect(r2.status).toBe(413);
      expect(r2.body.error.fields.file).toMatch(/allowed for a photo/);
    } finally {
      ev.maxPhotoBytes = old;
    }
    // More bytes than declared.
    const small = jpegLike(1000);
    const s3 = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'a.jpg', size: 500 });
    const r3 = await patch(token, s3.body.key, 0, small);
    expect(r3.status).toBe(413);
    expect(r3.body.error.fields.file).toMatch(/more bytes than the 500 declared/);
    // A chunk that is not a chunk.
    const s4 = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'b.jpg', size: 1000 });
    const json = await anon.request('PATCH', `/api/v1/public/witness/${token}/uploads/${s4.body.key}`, { offset: 0 });
    expect(json.status).toBe(415);
    const noOffset = await fetch(`${t.url}/api/v1/public/witness/${token}/uploads/${s4.body.key}`, { method: 'PATCH', headers: { 'content-type': CHUNK_CONTENT_TYPE }, body: new Uint8Array(small) });
    expect(noOffset.status).toBe(400);
    const { rows } = await t.pool.query("SELECT count(*)::int AS n FROM evidence_items WHERE declared_name IN ('party.mp4', 'clip.mp4', 'a.jpg')");
    expect(rows[0].n).toBe(0);
  });

  it('takes several files on one link up to its limit', async () => {
    const { token } = await sendLink();
    const anon = t.anonymous();
    const ev = t.server.ctx.config.evidence;
    const old = ev.maxFilesPerLink;
    ev.maxFilesPerLink = 2;
    try {
      const files = [jpegLike(3000), mp4Like(5000)];
      for (const [i, f] of files.entries()) {
        const s = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: `f${i}`, size: f.length });
        expect((await patch(token, s.body.key, 0, f)).body.sha256).toBe(sha(f));
      }
      const third = await anon.post(`/api/v1/public/witness/${token}/uploads`, { name: 'f3', size: 100 });
      expect(third.status).toBe(422);
      expect(third.body.error.fields.files).toMatch(/at most 2 files/);
      const info = await anon.get(`/api/v1/public/witness/${token}`);
      expect(info.body.uploads.map((u: any) => u.state)).toEqual(['complete', 'complete']);
    } finally {
      ev.maxFilesPerLink = old;
    }
  });
});

describe('chain of custody', () => {
  it('records every view and download with who and why, and refuses a look without a purpose', async () => {
    const { token } = await sendLink();
    const photo = jpegLike(5000);
    const s = await t.anonymous().post(`/api/v1/public/witness/${token}/uploads`, { name: 'door.jpg', size: photo.length });
    const done = await patch(token, s.body.key, 0, photo);
    const id = done.body.evidenceId;
    const analyst = await t.as('rtcc-analyst');
    expect((await analyst.get(`/api/v1/evidence/${id}/content`)).status).toBe(422);
    const view = await fetch(`${t.url}/api/v1/evidence/${id}/content?purpose=${encodeURIComponent('identify the vehicle')}`, { headers: analyst.headers() });
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toBe('image/jpeg');
    expect(view.headers.get('x-evidence-sha256')).toBe(sha(photo));
    expect(Buffer.from(await view.arrayBuffer()).equals(photo)).toBe(true);
    // A range (a video seeking) in the same window is not another "view".
    const part = await fetch(`${t.url}/api/v1/evidence/${id}/content?purpose=${encodeURIComponent('identify the vehicle')}`, { headers: { ...analyst.headers(), range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${photo.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(photo.subarray(100, 200))).toBe(true);
    const dl = await fetch(`${t.url}/api/v1/evidence/${id}/content?download=1&purpose=${encodeURIComponent('case file for detectives')}`, { headers: dispatcher.headers() });
    expect(dl.headers.get('content-disposition')).toBe('attachment; filename="door.jpg"');
    await dl.arrayBuffer();
    const verify = await dispatcher.post(`/api/v1/evidence/${id}/verify`);
    expect(verify.body.intact).toBe(true);
    const detail = await dispatcher.request('GET', `/api/v1/evidence/${id}?purpose=audit`);
    const custody = detail.body.custody.map((c: any) => [c.action, c.actor, c.purpose]);
    expect(custody).toEqual([
      ['received', expect.stringMatching(/^public:witness-link-/), null],
      ['view', analyst.username, 'identify the vehicle'],
      ['download', dispatcher.username, 'case file for detectives'],
      ['verified', dispatcher.username, null],
    ]);
    // Each custody row has its twin in the chained audit log, with the purpose.
    const audit = await t.pool.query("SELECT action, actor_label, purpose FROM audit_log WHERE entity = 'evidence' AND entity_id = $1 ORDER BY seq", [String(id)]);
    expect(audit.rows.map((a) => [a.action.replace('evidence.', ''), a.actor_label, a.purpose])).toEqual(custody);
    // The custody log cannot be edited.
    await expect(t.pool.query('UPDATE evidence_custody SET purpose = $1 WHERE evidence_id = $2', ['x', id])).rejects.toThrow(/append-only/);
    await expect(t.pool.query('DELETE FROM evidence_custody WHERE evidence_id = $1', [id])).rejects.toThrow(/append-only/);
    // The incident lists it; the list is itself a purpose-stated read.
    expect((await dispatcher.get(`/api/v1/incidents/${incidentId}/evidence`)).status).toBe(422);
    const list = await dispatcher.request('GET', `/api/v1/incidents/${incidentId}/evidence?purpose=working%20the%20incident`);
    expect(list.body.items.some((i: any) => i.id === id)).toBe(true);
  });

  it('refuses to show a file altered in the store, and records the failure', async () => {
    const { token } = await sendLink();
    const photo = jpegLike(4000);
    const s = await t.anonymous().post(`/api/v1/public/witness/${token}/uploads`, { name: 'x.jpg', size: photo.length });
    const id = (await patch(token, s.body.key, 0, photo)).body.evidenceId;
    const { blobStore } = await import('../../evidence/evidence-store');
    const { LocalBlobStore } = await import('../../evidence/local-blob-store');
    const store = blobStore(t.server.ctx.config) as InstanceType<typeof LocalBlobStore>;
    const { writeFileSync, chmodSync } = await import('node:fs');
    const path = store.pathOf(sha(photo));
    chmodSync(path, 0o640);
    const altered = Buffer.from(photo);
    altered[3000] = altered[3000]! ^ 0xff;
    writeFileSync(path, altered);
    const res = await dispatcher.request('GET', `/api/v1/evidence/${id}/content?purpose=look`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/failed its integrity check/);
    const detail = await dispatcher.request('GET', `/api/v1/evidence/${id}?purpose=audit`);
    expect(detail.body.custody.map((c: any) => c.action)).toEqual(['received', 'view', 'integrity-failed']);
  });
});
