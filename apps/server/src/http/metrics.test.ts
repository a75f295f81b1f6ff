import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../test/helpers/test-server';

let t: TestServer;
let supervisor: SignedInClient;
let dispatcher: SignedInClient;

beforeAll(async () => {
  t = await createTestServer({ scheduler: false });
  supervisor = await t.as('supervisor');
  dispatcher = await t.as('dispatcher');
});
afterAll(() => t.close());

describe('/api/v1/metrics', () => {
  it('exposes request durations by route pattern, the event hub, sockets, the pool and the queue to supervisors', async () => {
    const s = dispatcher.stream('since=0');
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    const made = await dispatcher.post('/api/v1/incidents', { type: 'SUSP', location: { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104 } });
    expect(made.status).toBe(201);
    await dispatcher.get(`/api/v1/incidents/${made.body.id}`);
    const r = await fetch(`${t.url}/api/v1/metrics`, { headers: supervisor.headers() });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = await r.text();
    expect(text).toMatch(/psap_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/incidents",status="2xx"\} 1/);
    // The pattern, not the URL: ids do not become series.
    expect(text).toContain('route="/api/v1/incidents/:id"');
    expect(text).not.toContain(`/api/v1/incidents/${made.body.id}"`);
    expect(text).toMatch(/^psap_websocket_clients 1$/m);
    expect(text).toMatch(/^psap_db_up 1$/m);
    expect(text).toMatch(/^psap_incidents_pending [1-9]\d*$/m);
    const head = Number(/^psap_events_head (\d+)$/m.exec(text)![1]);
    expect(head).toBeGreaterThanOrEqual(Number(made.headers.get('x-event-seq')));
    expect(text).toMatch(/^psap_event_hub_lag_events \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    await s.close();
  });

  it('is refused to the floor and to anonymous callers', async () => {
    expect((await dispatcher.get('/api/v1/metrics')).status).toBe(403);
    expect((await t.anonymous().get('/api/v1/metrics')).status).toBe(401);
  });
});

describe('request ids', () => {
  it('keeps a caller\'s X-Request-Id, answers with it, and replaces one unfit for a log line', async () => {
    const kept = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const replaced = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'bad id\twith "quotes"' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[a-z0-9]{1,10}$/);
  });
});
