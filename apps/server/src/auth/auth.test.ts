import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/helpers/test-server';
import { TestClient } from '../../test/helpers/test-client';
import { totpCode, base32Decode, base32Encode, verifyTotp } from './totp';

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer({ auth: { totpRequiredRoles: ['supervisor'], idleLockMinutes: 30 } });
});
afterAll(() => t.close());

async function freshUser(role: 'dispatcher' | 'supervisor' = 'dispatcher') {
  const c = await t.as(role);
  await c.post('/api/v1/auth/logout');
  return c;
}

describe('password sign-in', () => {
  it('signs in into an httpOnly, SameSite=Strict cookie and signs out', async () => {
    const u = await freshUser();
    const c = new TestClient(t.url);
    const res = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u.username, password: u.password }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/psap_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    c.cookie = /psap_session=[^;]+/.exec(cookie)![0];
    expect((await c.get('/api/v1/auth/session')).body.user.username).toBe(u.username);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    c.cookie = /psap_session=[^;]+/.exec(cookie)![0]; // a stolen copy of the cookie is dead too
    expect((await c.get('/api/v1/incidents')).status).toBe(401);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const u = await freshUser();
    const c = t.anonymous();
    const wrong = await c.post('/api/v1/auth/login', { username: u.username, password: 'not-the-password' });
    const nobody = await c.post('/api/v1/auth/login', { username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    expect(wrong.body.error.message).toBe(nobody.body.error.message);
  });

  it('locks the account after 5 failures for 10 minutes, even for the right password; a reset clears it', async () => {
    const u = await freshUser();
    const c = t.anonymous();
    for (let i = 1; i <= 4; i++) expect((await c.post('/api/v1/auth/login', { username: u.username, password: 'wrong-password!' })).status).toBe(401);
    const fifth = await c.post('/api/v1/auth/login', { username: u.username, password: 'wrong-password!' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(590);
    const right = await c.post('/api/v1/auth/login', { username: u.username, password: u.password });
    expect(right.status).toBe(423);
    const { rows } = await t.pool.query('SELECT locked_until FROM users WHERE username = $1', [u.username]);
    const minutes = (rows[0].locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    const audit = await t.pool.query("SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq", [String(u.userId)]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login-failed', 'auth.locked-out', 'auth.login-refused']));
    // An administrator resets it.
    const admin = await t.as('admin');
    const reset = await admin.post(`/api/v1/users/${u.username}/reset-password`, { password: 'a-brand-new-password' });
    expect(reset.status).toBe(200);
    expect((await c.post('/api/v1/auth/login', { username: u.username, password: 'a-brand-new-password' })).status).toBe(200);
  });

  it('locks an idle session, which the password unlocks', async () => {
    const c = await t.as('dispatcher');
    expect((await c.get('/api/v1/incidents')).status).toBe(200);
    await t.pool.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [c.userId]);
    const locked = await c.get('/api/v1/incidents');
    expect(locked.status).toBe(401);
    expect(locked.body.error.code).toBe('session_locked');
    expect((await c.get('/api/v1/auth/session')).body.locked).toBe(true);
    expect((await c.post('/api/v1/auth/unlock', { password: 'wrong-password!' })).status).toBe(401);
    expect((await c.post('/api/v1/auth/unlock', { password: c.password })).status).toBe(200);
    expect((await c.get('/api/v1/incidents')).status).toBe(200);
  });

  it('expires sessions and refuses disabled users', async () => {
    const c = await t.as('dispatcher');
    await t.pool.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [c.userId]);
    expect((await c.get('/api/v1/incidents')).status).toBe(401);
    const d = await t.as('dispatcher');
    await t.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [d.userId]);
    expect((await d.get('/api/v1/incidents')).status).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('matches the RFC 6238 test vector (SHA-1, 8 digits at T=59)', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(totpCode(secret, 59_000, 8)).toBe('94287082');
    expect(totpCode(secret, 1_111_111_109_000, 8)).toBe('07081804');
    expect(base32Decode(secret).toString()).toBe('12345678901234567890');
    expect(verifyTotp(secret, totpCode(secret, Date.now() - 30_000), Date.now())).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, Date.now() - 120_000), Date.now())).toBe(false);
  });

  it('makes a role that requires it enrol before doing anything, then asks for the code at every sign-in', async () => {
    const s = await t.as('supervisor');
    expect((await s.get('/api/v1/auth/session')).body.mfa).toBe('pending');
    const blocked = await s.get('/api/v1/incidents');
    expect(blocked.status).toBe(401);
    expect(blocked.body.error.code).toBe('mfa_required');
    const setup = await s.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await s.post('/api/v1/auth/totp/verify', { code: '000000' })).status).toBe(401);
    expect((await s.post('/api/v1/auth/totp/verify', { code: totpCode(setup.body.secret, Date.now()) })).status).toBe(200);
    expect((await s.get('/api/v1/incidents')).status).toBe(200);

    const again = t.anonymous();
    const login = await again.post('/api/v1/auth/login', { username: s.username, password: s.password });
    expect(login.body.mfa).toBe('totp-required');
    expect((await again.get('/api/v1/incidents')).status).toBe(401);
    expect((await again.post('/api/v1/auth/totp/setup')).status).toBe(409); // cannot replace the secret before proving it
    expect((await again.post('/api/v1/auth/totp/verify', { code: totpCode(setup.body.secret, Date.now()) })).status).toBe(200);
    expect((await again.get('/api/v1/incidents')).status).toBe(200);
    expect((await again.post('/api/v1/auth/totp/verify', { code: 'abc' })).status).toBe(400);
  });
});

describe('API tokens', () => {
  it('authenticates with a bearer token until it is revoked', async () => {
    const d = await t.as('dispatcher');
    const created = await d.post('/api/v1/auth/tokens', { name: 'test integration' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^psap_/);
    const bot = new TestClient(t.url);
    bot.token = created.body.token;
    expect((await bot.get('/api/v1/units')).status).toBe(200);
    const inc = await bot.post('/api/v1/incidents', { type: 'ALRBA', location: { text: '1 E Pratt St' } });
    expect(inc.status).toBe(201);
    const audit = await t.pool.query("SELECT actor_label FROM audit_log WHERE action = 'incident.create' AND entity_id = $1", [String(inc.body.id)]);
    expect(audit.rows[0].actor_label).toBe(d.username);
    const list = await d.get('/api/v1/auth/tokens');
    expect(list.body[0]).toMatchObject({ name: 'test integration', revoked: false });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await d.delete(`/api/v1/auth/tokens/${created.body.id}`)).status).toBe(200);
    expect((await bot.get('/api/v1/units')).status).toBe(401);
    bot.token = 'psap_made-up';
    expect((await bot.get('/api/v1/units')).status).toBe(401);
    const malformed = await fetch(`${t.url}/api/v1/units`, { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
  });
});
