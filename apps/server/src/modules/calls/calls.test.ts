import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';

let t: TestServer;
let ct: TestClient;

beforeAll(async () => {
  t = await createTestServer();
  ct = await t.as('call-taker');
});
afterAll(() => t.close());

describe('calls', () => {
  it('records a typed-in call as presented and answered now', async () => {
    const before = Date.now();
    const r = await ct.post('/api/v1/calls', { callbackNumber: '+1 (410) 555-0142', callerName: 'Jane Doe', location: { text: '2 E Lombard St' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ source: '911', callbackNumber: '+1 (410) 555-0142', callerName: 'Jane Doe', incidentId: null, releasedAt: null });
    expect(Date.parse(r.body.presentedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(r.body.answeredAt).toBe(r.body.presentedAt);
  });

  it('takes a phone system\'s presented time, then answer and release stamps (once each)', async () => {
    const presentedAt = new Date(Date.now() - 8_000).toISOString();
    const r = await ct.post('/api/v1/calls', { source: 'text', presentedAt });
    expect(r.body.presentedAt).toBe(presentedAt);
    expect(r.body.answeredAt).toBeNull();
    const open = (await ct.get('/api/v1/calls?open=true')).body;
    expect(open.map((c: any) => c.id)).toContain(r.body.id);
    const a = await ct.post(`/api/v1/calls/${r.body.id}/answer`);
    expect(a.status).toBe(200);
    expect(Date.parse(a.body.answeredAt) - Date.parse(presentedAt)).toBeGreaterThanOrEqual(8_000);
    expect((await ct.post(`/api/v1/calls/${r.body.id}/answer`)).status).toBe(409);
    expect((await ct.post(`/api/v1/calls/${r.body.id}/release`)).status).toBe(200);
    expect((await ct.post(`/api/v1/calls/${r.body.id}/release`)).status).toBe(409);
    expect((await ct.get('/api/v1/calls?open=true')).body.map((c: any) => c.id)).not.toContain(r.body.id);
  });

  it('refuses impossible times and malformed numbers, naming the field', async () => {
    const future = await ct.post('/api/v1/calls', { presentedAt: new Date(Date.now() + 600_000).toISOString() });
    expect(future.status).toBe(422);
    expect(future.body.error.fields).toEqual({ presentedAt: 'is in the future' });
    const order = await ct.post('/api/v1/calls', { presentedAt: new Date(Date.now() - 5_000).toISOString(), answeredAt: new Date(Date.now() - 9_000).toISOString() });
    expect(order.body.error.fields).toEqual({ answeredAt: 'is before presentedAt' });
    const phone = await ct.post('/api/v1/calls', { callbackNumber: 'call me maybe' });
    expect(phone.status).toBe(400);
    expect(phone.body.error.fields).toHaveProperty('callbackNumber');
    const source = await ct.post('/api/v1/calls', { source: 'pager' });
    expect(source.body.error.fields.source).toMatch(/911, non-emergency/);
    const noZone = await ct.post('/api/v1/calls', { presentedAt: '2026-11-21T10:00:00' });
    expect(noZone.body.error.fields).toHaveProperty('presentedAt');
  });

  it('corrects what the caller said', async () => {
    const c = (await ct.post('/api/v1/calls', { callbackNumber: '410-555-0000' })).body;
    const u = await ct.patch(`/api/v1/calls/${c.id}`, { callbackNumber: '410-555-0001', location: { lat: 39.29, lon: -76.61 } });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ callbackNumber: '410-555-0001', location: { lat: 39.29, lon: -76.61, verified: false } });
    expect((await ct.patch(`/api/v1/calls/${c.id}`, {})).status).toBe(422);
    expect((await ct.get('/api/v1/calls/424242')).status).toBe(404);
  });
});
