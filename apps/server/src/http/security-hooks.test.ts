import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../test/helpers/test-server';
import { TestClient } from '../../test/helpers/test-client';

let t: TestServer;
let d: SignedInClient;
const incident = { type: 'SUSP', location: { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104 } };

beforeAll(async () => {
  t = await createTestServer({ scheduler: false });
  d = await t.as('dispatcher');
});
afterAll(() => t.close());

async function post(headers: Record<string, string>, body: unknown = incident, path = '/api/v1/incidents') {
  const r = await fetch(t.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json().catch(() => null)) as any, headers: r.headers };
}

describe('security headers', () => {
  it('sends a strict content security policy and the usual hardening headers on API and pages', async () => {
    for (const path of ['/healthz', '/api/v1/incidents']) {
      const r = await fetch(t.url + path, { headers: d.headers() });
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('cross-site request refusal for cookie sessions', () => {
  it('refuses a cookie-authenticated write from another origin or another site, and writes nothing', async () => {
    const before = (await d.get('/api/v1/incidents?status=all&limit=500')).body.length;
    const fromEvil = await post({ cookie: d.cookie!, origin: 'https://evil.example' });
    expect(fromEvil.status).toBe(403);
    expect(fromEvil.body.error.message).toContain('https://evil.example');
    const sibling = await post({ cookie: d.cookie!, origin: t.url, 'sec-fetch-site': 'same-site' });
    expect(sibling.status).toBe(403);
    expect((await d.get('/api/v1/incidents?status=all&limit=500')).body.length).toBe(before);
  });

  it('accepts the same write from our own origin, and bearer-token clients from anywhere', async () => {
    const own = await post({ cookie: d.cookie!, origin: t.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(201);
    const token = (await d.post('/api/v1/auth/tokens', { name: 'cad link' })).body.token as string;
    const bearer = await post({ authorization: `Bearer ${token}`, origin: 'https://partner.example' });
    expect(bearer.status).toBe(201);
  });

  it('refuses to open the event stream for a page on another origin', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/stream`, { headers: { cookie: d.cookie!, origin: 'https://evil.example' } });
    const status = await new Promise<number>((res) => {
      ws.on('unexpected-response', (_req, r) => res(r.statusCode ?? 0));
      ws.on('open', () => res(101));
      ws.on('error', () => res(-1));
    });
    ws.terminate();
    expect(status).toBe(403);
    const ours = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/stream`, { headers: { cookie: d.cookie!, origin: t.url } });
    await new Promise<void>((res, rej) => {
      ours.on('open', () => res());
      ours.on('unexpected-response', (_req, r) => rej(new Error(`status ${r.statusCode}`)));
    });
    ours.close();
  });
});

describe('sign-in rate limit per address', () => {
  it('answers 429 with Retry-After after 60 attempts in a minute, whatever the accounts', async () => {
    const anon = new TestClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await anon.post('/api/v1/auth/login', { username: `nobody${i}`, password: 'wrong password here' })).status);
    // The dispatcher's own sign-in above counted too: 59 wrong guesses are answered, then refused.
    expect(statuses.slice(0, 59).every((s) => s === 401)).toBe(true);
    expect(statuses[59]).toBe(429);
    const last = await post({}, { username: d.username, password: d.password }, '/api/v1/auth/login');
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('behind a load balancer (PSAP_TRUST_PROXY)', () => {
  it('limits sign-in per caller from X-Forwarded-For, believed only from the named balancer', async () => {
    const behind = await createTestServer({ scheduler: false, geography: false, trustProxy: '127.0.0.1' });
    try {
      const tryFrom = async (ip: string) => (await fetch(`${behind.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ username: 'nobody', password: 'wrong password here' }) })).status;
      for (let i = 0; i < 60; i++) expect(await tryFrom('203.0.113.7')).toBe(401);
      expect(await tryFrom('203.0.113.7')).toBe(429);
      // Another caller behind the same balancer is not locked out by the first one.
      expect(await tryFrom('198.51.100.20')).toBe(401);
    } finally {
      await behind.close();
    }
    // Without the setting, X-Forwarded-For is ignored: a client cannot dodge the limit by inventing addresses.
    const invented = await post({ 'x-forwarded-for': '192.0.2.99' }, { username: 'nobody', password: 'x' }, '/api/v1/auth/login');
    expect(invented.status).toBe(429);
  });
});
