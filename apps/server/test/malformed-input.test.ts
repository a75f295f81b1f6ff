import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './helpers/test-server';
import type { TestClient } from './helpers/test-client';

let t: TestServer;
let supervisor: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestServer();
  supervisor = await t.as('supervisor');
  admin = await t.as('admin');
});
afterAll(() => t.close());

const concrete = (url: string, id: string) => url.replace(':id', id).replace(':username', id);

// JSON-ish values biased toward what breaks parsers and validators.
const nasty = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '\u0000', 'NaN', '[]', '{}', '🚒', 'a'.repeat(10_000), '2026-13-45T99:99:99Z'),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, nasty, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('type', 'priority', 'location', 'lat', 'lon', 'text', 'unitIds', 'status', 'disposition', 'callId', 'at', 'source', 'callbackNumber', 'username', 'password', 'role', 'code', 'name', 'divert', '__proto__', 'constructor'), tie('value'), { maxKeys: 6 })),
})).value;

describe('malformed input never produces a 5xx', () => {
  it('survives random JSON bodies on every route with a body', async () => {
    // Signing out would leave the rest of the run unauthenticated, testing nothing.
    const routes = t.server.routes.filter((r) => ['POST', 'PATCH'].includes(r.method) && r.url.startsWith('/api/') && r.url !== '/api/v1/auth/logout');
    expect(routes.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), nastyValue, fc.constantFrom('1', '2', '0', '-5', 'abc', '1e3', '99999999999999999999', '%00', 'E-23'), async (route, body, id) => {
        const client = route.url.startsWith('/api/v1/users') || route.url === '/api/v1/units' ? admin : supervisor;
        const res = await client.request(route.method, concrete(route.url, encodeURIComponent(id)), body);
        if (res.status >= 500) throw new Error(`${route.method} ${route.url} (${id}) -> ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(body)?.slice(0, 200)}`);
        if (res.status >= 400) expect(res.body.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 600 },
    );
  });

  it('names fields that share a name with built-in object properties', async () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      const res = await supervisor.request('POST', '/api/v1/incidents', JSON.parse(`{"type":"FSTRU","location":{"text":"100 N Charles St"},"${key}":0}`));
      expect(res.status, key).toBe(400);
      expect(res.body.error.message).toBe(`${key}: is not a known field`);
      expect(Object.keys(res.body.error.fields)).toEqual([key]);
    }
  });

  it('survives broken JSON, wrong content types, huge bodies and odd query strings', async () => {
    const cases: [string, string, string | undefined, string][] = [
      ['POST', '/api/v1/incidents', 'application/json', '{"type":'],
      ['POST', '/api/v1/incidents', 'application/json', ''],
      ['POST', '/api/v1/incidents', 'application/json', 'null'],
      ['POST', '/api/v1/incidents', 'application/json', '{"type":"FSTRU","location":{"text":"x"},"__proto__":{"admin":true}}'],
      ['POST', '/api/v1/incidents', 'text/plain', 'type=FSTRU'],
      ['POST', '/api/v1/incidents', 'application/x-www-form-urlencoded', 'type=FSTRU'],
      ['POST', '/api/v1/incidents', 'application/json', JSON.stringify({ type: 'FSTRU', location: { text: 'x'.repeat(2 << 20) } })],
      ['POST', '/api/v1/auth/login', 'application/json', '{"username":"a","password":"' + 'p'.repeat(100_000) + '"}'],
      ['GET', '/api/v1/incidents?limit=abc&status=nope', undefined, ''],
      ['GET', '/api/v1/incidents?limit=1&limit=2', undefined, ''],
      ['GET', '/api/v1/units?agencyId=-1', undefined, ''],
      ['GET', '/api/v1/events?since=-1', undefined, ''],
      ['GET', '/api/v1/events?since=1e400', undefined, ''],
      ['GET', '/api/v1/incidents/%FF', undefined, ''],
      ['GET', '/api/v1/units/%E0%A4%A', undefined, ''],
      ['GET', '/api/v1/nothing-here', undefined, ''],
    ];
    for (const [method, path, type, text] of cases) {
      const res = await supervisor.request(method, path, undefined, type ? { contentType: type, text } : undefined);
      expect(res.status, `${method} ${path} ${type}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path} ${type}`).toBeLessThan(500);
      expect(res.body.error, `${method} ${path}`).toBeDefined();
    }
  });

  it('writes nothing for a rejected request', async () => {
    const count = async () => (await t.pool.query('SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM calls) + (SELECT count(*) FROM assignments) AS n')).rows[0].n;
    const before = await count();
    await supervisor.post('/api/v1/incidents', { type: 'FSTRU', location: { text: 'x' }, callId: 424242 });
    await supervisor.post('/api/v1/calls', { presentedAt: new Date(Date.now() + 3_600_000).toISOString() });
    await supervisor.post('/api/v1/incidents/1/dispatch', { unitIds: ['E-23', 'NOT-A-UNIT'] });
    expect(await count()).toBe(before);
  });
});
