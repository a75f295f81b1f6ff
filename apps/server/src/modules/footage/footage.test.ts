import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { ManualClock } from '../../scheduler/clock';
import { exeLike, mp4Like } from '../../evidence/testing/media-samples';
import { CONSENT_TERMS_VERSION } from '../camera-owners/consent-terms';
import { signedUpOwner, TODAY_IN_NEW_YORK, type OwnerClient } from '../camera-owners/owner-test-kit';

const clock = new ManualClock(new Date());
let t: TestServer;
let analyst: SignedInClient;
let owner: OwnerClient;
let cameraId: number;
let incidentId: number;

const HOUR = 3_600_000;
const window = (startHoursAgo: number, minutes: number) => {
  const from = new Date(clock.now().getTime() - startHoursAgo * HOUR);
  return { from: from.toISOString(), to: new Date(from.getTime() + minutes * 60_000).toISOString() };
};
const ask = (extra: Record<string, unknown> = {}) => analyst.post('/api/v1/footage-requests', { cameraId, incidentId, reason: 'a robbery suspect ran past this corner', ...window(3, 60), ...extra });
const OWNER = '/api/v1/public/camera-owners/me/footage-requests';
const upload = (id: number, bytes: Buffer, type = 'video/mp4') =>
  fetch(`${t.url}${OWNER}/${id}/file`, { method: 'PUT', headers: { cookie: owner.cookie!, 'content-type': type, 'x-file-name': encodeURIComponent('porta do frente.mp4') }, body: bytes });
const steps = async (requestId: number) =>
  (await t.pool.query("SELECT action, detail->>'step' AS step FROM camera_access WHERE (detail->>'requestId')::int = $1 ORDER BY id", [requestId])).rows.map((r) => `${r.action}:${r.step}`);

beforeAll(async () => {
  t = await createTestServer({ clock });
  analyst = await t.as('rtcc-analyst');
  const ct = await t.as('call-taker');
  incidentId = (await ct.post('/api/v1/incidents', { type: 'ROBBERY', location: { text: '200 E Pratt St', lat: 39.2866, lon: -76.6106 } })).body.id;
  owner = await signedUpOwner(t, 'footage@shop.example', { kind: 'business', name: 'Flo Footage', organisation: 'Flo Shoes' });
  cameraId = (await owner.post('/api/v1/public/camera-owners/me/cameras', { name: 'Shop window', lat: 39.2867, lon: -76.6105, kind: 'fixed' })).body.id;
  await owner.post(`/api/v1/public/camera-owners/me/cameras/${cameraId}/consents`, { level: 'footage', termsVersion: CONSENT_TERMS_VERSION, signedName: 'Flo Footage', signedDate: TODAY_IN_NEW_YORK(), agree: true });
});
afterAll(() => t.close());

describe('footage requests', () => {
  it('refuses a window over 2 hours naming the field, and cameras whose owner has not agreed', async () => {
    const long = await ask(window(5, 121));
    expect(long.status).toBe(400);
    expect(long.body.error.fields.to).toMatch(/at most 2 hours/);
    expect((await ask(window(3, 120))).status).toBe(201); // exactly two hours is allowed
    const future = await ask(window(-1, 30));
    expect(future.status).toBe(422);
    expect(future.body.error.fields).toHaveProperty('to');
    const city = (await t.pool.query("SELECT id FROM cameras WHERE owner_kind = 'city' LIMIT 1")).rows[0].id;
    expect((await ask({ cameraId: city })).status).toBe(409);
    const other = await signedUpOwner(t, 'contact-only@example.org', { kind: 'resident', name: 'Cole Contact' });
    const contactOnly = (await other.post('/api/v1/public/camera-owners/me/cameras', { name: 'Gate', lat: 39.28, lon: -76.61, kind: 'fixed' })).body.id;
    await other.post(`/api/v1/public/camera-owners/me/cameras/${contactOnly}/consents`, { level: 'registry', termsVersion: CONSENT_TERMS_VERSION, signedName: 'Cole Contact', signedDate: TODAY_IN_NEW_YORK(), agree: true });
    const refused = await ask({ cameraId: contactOnly });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/agreed to be contacted only/);
    expect((await (await t.as('dispatcher')).post('/api/v1/footage-requests', { cameraId, incidentId, reason: 'a robbery suspect ran past', ...window(3, 30) })).status).toBe(403);
  });

  it('goes requested -> approved -> uploaded, with the file in the evidence store and every step visible to both sides', async () => {
    const created = await ask();
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ state: 'requested', cameraName: 'Shop window', file: null });
    const mail = (await t.pool.query("SELECT subject, body FROM outbound_messages WHERE recipient = 'footage@shop.example' AND purpose = 'footage.requested' ORDER BY id DESC LIMIT 1")).rows[0];
    expect(mail.subject).toBe('Footage request: Shop window');
    expect(mail.body).toContain('/public/cameras?lang=en');

    const mine = await owner.get(OWNER);
    expect(mine.body.find((f: { id: number }) => f.id === id)).toMatchObject({ state: 'requested', reason: 'a robbery suspect ran past this corner' });
    // Uploading something that is not a video is refused and changes nothing.
    expect((await owner.post(`${OWNER}/${id}/approve`, { note: 'happy to help' })).body.state).toBe('approved');
    const exe = await upload(id, exeLike(), 'application/octet-stream');
    expect(exe.status).toBe(415);
    const video = mp4Like(300_000);
    const up = await upload(id, video);
    expect(up.status).toBe(200);
    const done = (await up.json()) as { state: string; file: { sha256: string; bytes: number; name: string; evidenceId: string } };
    expect(done.state).toBe('uploaded');
    expect(done.file).toMatchObject({ sha256: createHash('sha256').update(video).digest('hex'), bytes: video.length, name: 'porta do frente.mp4' });
    const item = (await t.pool.query('SELECT source, incident_id, sha256 FROM evidence_items WHERE id = $1', [Number(done.file.evidenceId)])).rows[0];
    expect({ ...item, incident_id: Number(item.incident_id) }).toEqual({ source: 'footage', incident_id: incidentId, sha256: done.file.sha256 });
    expect(await steps(id)).toEqual(['footage-request:requested', 'footage-request:approved', 'footage-received:uploaded']);
    expect((await upload(id, video)).status).toBe(409);

    expect((await analyst.get('/api/v1/footage-requests')).status).toBe(422);
    const staff = await analyst.get(`/api/v1/footage-requests?purpose=incident+follow-up&cameraId=${cameraId}`);
    expect(staff.body.find((f: { id: number }) => f.id === id)).toMatchObject({ state: 'uploaded', ownerNote: 'happy to help' });
    const audit = (await t.pool.query("SELECT action FROM audit_log WHERE entity = 'footage-request' AND entity_id = $1 ORDER BY seq", [String(id)])).rows.map((r) => r.action);
    expect(audit).toEqual(['footage.request', 'footage.approve', 'footage.upload', 'footage-request.view']);
    const access = await owner.get('/api/v1/public/camera-owners/me/access');
    expect(access.body.filter((a: { step: string }) => a.step).map((a: { step: string }) => a.step)).toEqual(expect.arrayContaining(['requested', 'approved', 'uploaded']));

    // Opening the recording is a use of the owner's camera: the owner sees who, when and why.
    const seen = await fetch(`${t.url}/api/v1/evidence/${done.file.evidenceId}/content?purpose=${encodeURIComponent('identify the robbery suspect')}`, { headers: { cookie: analyst.cookie! } });
    expect(seen.status).toBe(200);
    expect(Buffer.from(await seen.arrayBuffer()).equals(video)).toBe(true);
    const after = (await owner.get('/api/v1/public/camera-owners/me/access')).body as { id: number; step: string | null; reason: string | null; actor: string }[];
    const viewed = after.find((a) => a.step === 'footage-viewed');
    const label = (await t.pool.query('SELECT display_name FROM users WHERE id = $1', [analyst.userId])).rows[0].display_name;
    expect(viewed).toMatchObject({ reason: 'identify the robbery suspect', actor: label, incidentNumber: expect.any(String) });
    expect(new Set(after.map((a) => a.id)).size).toBe(after.length);
  });

  it('lets the owner decline and the analyst cancel, each final', async () => {
    const a = (await ask()).body.id;
    expect((await owner.post(`${OWNER}/${a}/decline`, {})).body.state).toBe('declined');
    expect((await owner.post(`${OWNER}/${a}/approve`, {})).status).toBe(409);
    const b = (await ask()).body.id;
    const cancelled = await analyst.post(`/api/v1/footage-requests/${b}/cancel`, { reason: 'suspect identified' });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', cancelReason: 'suspect identified' });
    expect((await t.pool.query("SELECT 1 FROM outbound_messages WHERE purpose = 'footage.cancelled' AND related = $1", [`footage-request:${b}`])).rowCount).toBe(1);
    expect((await owner.post(`${OWNER}/${b}/approve`, {})).status).toBe(409);
    expect((await upload(b, mp4Like())).status).toBe(409);
    expect(await steps(b)).toEqual(['footage-request:requested', 'footage-request:cancelled']);
    const stranger = await signedUpOwner(t, 'stranger-footage@example.org', { kind: 'resident', name: 'Sid Stranger' });
    const c = (await ask()).body.id;
    expect((await stranger.post(`${OWNER}/${c}/approve`, {})).status).toBe(404);
  });

  it('lets unanswered requests lapse after seven days by the scheduler\'s clock', async () => {
    const waiting = (await ask()).body.id;
    const approved = (await ask()).body.id;
    await owner.post(`${OWNER}/${approved}/approve`, {});
    clock.advance(6 * 24 * HOUR);
    await t.server.ctx.scheduler!.runOnce('footage-expiry');
    expect((await owner.get(OWNER)).body.find((f: { id: number }) => f.id === waiting).state).toBe('requested');
    clock.advance(1 * 24 * HOUR + 60_000);
    await t.server.ctx.scheduler!.runOnce('footage-expiry');
    const after = (await owner.get(OWNER)).body;
    expect(after.find((f: { id: number }) => f.id === waiting).state).toBe('expired');
    expect(after.find((f: { id: number }) => f.id === approved).state).toBe('expired');
    expect(await steps(waiting)).toEqual(['footage-request:requested', 'footage-request:expired']);
    await t.server.ctx.scheduler!.runOnce('footage-expiry');
    expect(await steps(waiting)).toEqual(['footage-request:requested', 'footage-request:expired']);
  });
});
