import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { ManualClock } from '../../scheduler/clock';
import { checkLiveAccess } from '../cameras/camera-access';
import { CONSENT_TERMS_VERSION, consentTerms } from './consent-terms';
import { linkTokenFor, OwnerClient, signedUpOwner, TODAY_IN_NEW_YORK } from './owner-test-kit';

const clock = new ManualClock(new Date());
let t: TestServer;
let analyst: SignedInClient;
let incidentId: number;

const cam = { name: 'Front door', lat: 39.2904, lon: -76.6122, directionDeg: 90, fovDeg: 80, rangeM: 25, kind: 'fixed', streamUrl: 'rtsp://192.0.2.10:554/stream1' };
const sign = (level: string, extra: Record<string, unknown> = {}) => ({ level, termsVersion: CONSENT_TERMS_VERSION, language: 'en', signedName: 'Dana Grocer', signedTitle: 'Owner', signedDate: TODAY_IN_NEW_YORK(), agree: true, ...extra });
const live = (cameraId: number) => checkLiveAccess(t.pool, { role: 'rtcc-analyst' }, cameraId, { text: 'robbery in progress next door', incidentId });

beforeAll(async () => {
  t = await createTestServer({ clock });
  analyst = await t.as('rtcc-analyst');
  const ct = await t.as('call-taker');
  const inc = await ct.post('/api/v1/incidents', { type: 'ROBBERY', location: { text: '300 W Lexington St', lat: 39.2912, lon: -76.6199 } });
  incidentId = inc.body.id;
});
afterAll(() => t.close());

describe('owner sign-up and sign-in by e-mail link', () => {
  it('creates the owner only when the link is opened, once, and keeps only a hash of the token', async () => {
    const c = new OwnerClient(t.url);
    const res = await c.post('/api/v1/public/camera-owners/sign-in', { email: 'Dana@Corner-Grocery.example', signup: { kind: 'business', name: 'Dana Grocer', organisation: 'Corner Grocery' } });
    expect(res.status).toBe(202);
    expect((await t.pool.query("SELECT 1 FROM camera_owners WHERE lower(email) = 'dana@corner-grocery.example'")).rowCount).toBe(0);
    const token = await linkTokenFor(t.pool, 'Dana@Corner-Grocery.example');
    const stored = await t.pool.query('SELECT token_hash FROM camera_owner_links');
    expect(stored.rows.some((r) => r.token_hash === token)).toBe(false);
    expect(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);

    // Not signed in before the link is used.
    expect((await c.get('/api/v1/public/camera-owners/me')).status).toBe(401);
    const v = await c.verify(token);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ kind: 'business', name: 'Dana Grocer', organisation: 'Corner Grocery', email: 'Dana@Corner-Grocery.example' });
    expect(v.headers.get('set-cookie')).toMatch(/psap_owner=.*HttpOnly.*SameSite=Strict/i);
    expect((await c.get('/api/v1/public/camera-owners/me')).body.name).toBe('Dana Grocer');

    // Single use: the same link again is refused, and opens no second session.
    const again = await new OwnerClient(t.url).verify(token);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/already been used or has expired/);
  });

  it('refuses an expired link, and answers the same whether or not the address has an account', async () => {
    const c = new OwnerClient(t.url);
    await c.post('/api/v1/public/camera-owners/sign-in', { email: 'late@example.org', signup: { kind: 'resident', name: 'Lee Late' } });
    const token = await linkTokenFor(t.pool, 'late@example.org');
    clock.advance(31 * 60_000);
    try {
      const v = await c.verify(token);
      expect(v.status).toBe(404);
      expect((await t.pool.query("SELECT 1 FROM camera_owners WHERE email = 'late@example.org'")).rowCount).toBe(0);
    } finally {
      clock.advance(-31 * 60_000);
    }
    const unknown = await c.post('/api/v1/public/camera-owners/sign-in', { email: 'nobody@example.org' });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({ ok: true });
    const msg = await t.pool.query("SELECT subject, body FROM outbound_messages WHERE recipient = 'nobody@example.org'");
    expect(msg.rows[0].subject).toMatch(/no account/);
    expect(msg.rows[0].body).not.toMatch(/link\/co_/);
  });

  it('keeps owner and staff sessions apart', async () => {
    const owner = await signedUpOwner(t, 'apart@example.org', { kind: 'resident', name: 'Ari Apart' });
    // The owner cookie opens no staff route, and a staff session opens no owner page.
    expect((await owner.get('/api/v1/cameras?purpose=test')).status).toBe(401);
    expect((await analyst.get('/api/v1/public/camera-owners/me')).status).toBe(401);
  });
});

describe('cameras, written consent and live access', () => {
  it('registers a camera, serves the terms, and stores the exact terms and version with the signature', async () => {
    const owner = await signedUpOwner(t, 'shop@example.org', { kind: 'business', name: 'Sam Shop', organisation: 'Sam\'s Hardware' });
    const bad = await owner.post('/api/v1/public/camera-owners/me/cameras', { ...cam, lat: undefined });
    expect(bad.status).toBe(400);
    const created = await owner.post('/api/v1/public/camera-owners/me/cameras', cam);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Front door', hasStream: true, streamKind: 'rtsp', consent: null });
    expect(JSON.stringify(created.body)).not.toContain('192.0.2.10');
    const id = created.body.id;

    const terms = await owner.get('/api/v1/public/camera-owners/terms?level=live&lang=es');
    expect(terms.body.version).toBe(CONSENT_TERMS_VERSION);
    expect(terms.body.text).toContain('reconocimiento facial');

    // Signing an older version is refused; the date must be today.
    expect((await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live', { termsVersion: '2019-old' }))).status).toBe(409);
    const wrongDate = await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live', { signedDate: '2020-01-01' }));
    expect(wrongDate.status).toBe(422);
    expect(wrongDate.body.error.fields).toHaveProperty('signedDate');
    const noAgree = await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live', { agree: false }));
    expect(noAgree.status).toBe(400);

    const signed = await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live', { language: 'es' }));
    expect(signed.status).toBe(201);
    expect(signed.body.consent).toMatchObject({ level: 'live', termsVersion: CONSENT_TERMS_VERSION, signedName: 'Dana Grocer', signedTitle: 'Owner', state: 'active' });
    const row = (await t.pool.query('SELECT terms_text, terms_version, signed_date::text FROM camera_consents WHERE id = $1', [signed.body.consent.id])).rows[0];
    expect(row.terms_text).toBe(consentTerms('live', 'es').text);
    expect(row.terms_version).toBe(CONSENT_TERMS_VERSION);
    expect(await live(id)).toEqual({ allowed: true, consentId: signed.body.consent.id });
  });

  it('refuses any change to a signed consent in the database, and allows only one revocation', async () => {
    const owner = await signedUpOwner(t, 'trigger@example.org', { kind: 'resident', name: 'Tia Trigger' });
    const id = (await owner.post('/api/v1/public/camera-owners/me/cameras', cam)).body.id;
    const consentId = (await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('footage'))).body.consent.id;
    for (const sql of [
      "UPDATE camera_consents SET level = 'live' WHERE id = $1",
      "UPDATE camera_consents SET terms_text = 'something else' WHERE id = $1",
      "UPDATE camera_consents SET signed_name = 'Someone' WHERE id = $1",
      "UPDATE camera_consents SET expires_at = now() + interval '1 year' WHERE id = $1",
      'DELETE FROM camera_consents WHERE id = $1',
    ]) {
      await expect(t.pool.query(sql, [consentId])).rejects.toThrow(/cannot be changed|kept: revoke/);
    }
    expect((await owner.post(`/api/v1/public/camera-owners/me/consents/${consentId}/revoke`, { reason: 'moving away' })).status).toBe(200);
    await expect(t.pool.query('UPDATE camera_consents SET revoked_at = now() WHERE id = $1', [consentId])).rejects.toThrow(/cannot be changed/);
    expect((await owner.post(`/api/v1/public/camera-owners/me/consents/${consentId}/revoke`, {})).status).toBe(409);
  });

  it('stops live access at once when the owner revokes, and records a narrower new consent', async () => {
    const owner = await signedUpOwner(t, 'revoke@example.org', { kind: 'business', name: 'Rae Revoke', organisation: 'Rae Bakery' });
    const id = (await owner.post('/api/v1/public/camera-owners/me/cameras', cam)).body.id;
    const first = (await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live'))).body.consent;
    expect((await live(id)).allowed).toBe(true);

    // A footage-only consent replaces the live one: live view is refused, naming why.
    const narrower = await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('footage'));
    expect(narrower.body.consents.map((c: { id: number; state: string }) => [c.id === first.id ? 'first' : 'new', c.state])).toEqual([['new', 'active'], ['first', 'superseded']]);
    expect(await live(id)).toEqual({ allowed: false, why: 'the owner consented to footage on request only, not live view' });

    const again = (await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live'))).body.consent;
    expect((await live(id)).allowed).toBe(true);
    expect((await owner.post(`/api/v1/public/camera-owners/me/consents/${again.id}/revoke`, { reason: 'changed my mind' })).status).toBe(200);
    expect(await live(id)).toEqual({ allowed: false, why: "the owner's consent is missing, revoked or expired" });

    // Another owner cannot revoke or see this camera's consent.
    const stranger = await signedUpOwner(t, 'stranger@example.org', { kind: 'resident', name: 'Stan Ger' });
    expect((await stranger.post(`/api/v1/public/camera-owners/me/consents/${first.id}/revoke`, {})).status).toBe(404);
    expect((await stranger.patch(`/api/v1/public/camera-owners/me/cameras/${id}`, { name: 'mine now' })).status).toBe(404);
  });

  it('lets a consent lapse on its expiry date, with the same effect as a revocation', async () => {
    const owner = await signedUpOwner(t, 'expiry@example.org', { kind: 'resident', name: 'Eve Expiry' });
    const id = (await owner.post('/api/v1/public/camera-owners/me/cameras', cam)).body.id;
    const past = await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live', { expiresOn: '2020-05-01' }));
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toHaveProperty('expiresOn');
    const signed = await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live', { expiresOn: TODAY_IN_NEW_YORK() }));
    expect(signed.body.consent.expiresAt).not.toBeNull();
    expect((await live(id)).allowed).toBe(true);
    // It holds through that day, to midnight at the centre.
    expect(new Date(signed.body.consent.expiresAt).getTime()).toBeGreaterThan(Date.now());

    // The database clock cannot be moved: a consent signed a month ago whose last day has passed
    // stands in for this one tomorrow, written as the portal writes it and judged by the same rule.
    const id2 = (await owner.post('/api/v1/public/camera-owners/me/cameras', { ...cam, name: 'Back yard' })).body.id;
    const ownerId = (await t.pool.query('SELECT owner_id FROM cameras WHERE id = $1', [id2])).rows[0].owner_id;
    await t.pool.query(
      `INSERT INTO camera_consents (camera_id, owner_id, level, terms_version, terms_text, signed_name, signed_date, signed_at, expires_at)
       VALUES ($1, $2, 'live', $3, $4, 'Eve Expiry', current_date - 30, now() - interval '30 days', now() - interval '1 minute')`,
      [id2, ownerId, CONSENT_TERMS_VERSION, consentTerms('live', 'en').text],
    );
    expect(await live(id2)).toEqual({ allowed: false, why: "the owner's consent is missing, revoked or expired" });
    const mine = await owner.get('/api/v1/public/camera-owners/me/cameras');
    const camera = mine.body.find((c: { id: number }) => c.id === id2);
    expect(camera.consent).toBeNull();
    expect(camera.consents.map((c: { state: string }) => c.state)).toEqual(['expired']);
    const staff = await analyst.get(`/api/v1/cameras/${id2}?purpose=consent+check`);
    expect(staff.body.camera).toMatchObject({ consentState: 'expired', consent: null });
  });

  it('shows owners every access to their cameras, and nobody else\'s', async () => {
    const owner = await signedUpOwner(t, 'watch@example.org', { kind: 'business', name: 'Wen Watch', organisation: 'Wen Pharmacy' });
    const id = (await owner.post('/api/v1/public/camera-owners/me/cameras', cam)).body.id;
    await owner.post(`/api/v1/public/camera-owners/me/cameras/${id}/consents`, sign('live'));
    // What the live relay writes around a view (its own module); the owner's page reads it back.
    await t.pool.query(
      `INSERT INTO camera_access (camera_id, user_id, actor_label, action, reason, incident_id) VALUES ($1, $2, $3, 'view-start', 'robbery next door', $4), ($1, $2, $3, 'view-denied', 'no reason given', NULL)`,
      [id, analyst.userId, analyst.username, incidentId],
    );
    const log = await owner.get('/api/v1/public/camera-owners/me/access');
    expect(log.status).toBe(200);
    expect(log.body.map((a: { action: string }) => a.action).sort()).toEqual(['view-denied', 'view-start']);
    const start = log.body.find((a: { action: string }) => a.action === 'view-start');
    expect(start).toMatchObject({ cameraName: 'Front door', actor: analyst.username, reason: 'robbery next door' });
    expect(start.incidentNumber).toMatch(/^\d{4}-\d{6}$/);
    const other = await signedUpOwner(t, 'other@example.org', { kind: 'resident', name: 'Oli Other' });
    expect((await other.get('/api/v1/public/camera-owners/me/access')).body).toEqual([]);
  });
});
