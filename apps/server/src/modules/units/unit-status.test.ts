import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';

let t: TestServer;
let d: TestClient;

const at = { text: '1800 Orleans St', lat: 39.2965, lon: -76.5927 };

beforeAll(async () => {
  t = await createTestServer();
  d = await t.as('dispatcher');
});
afterAll(() => t.close());

async function dispatched(unit: string, type = 'CARDIAC') {
  const inc = (await d.post('/api/v1/incidents', { type, location: at })).body;
  const r = await d.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: [unit] });
  expect(r.status).toBe(200);
  return inc;
}
const status = (unit: string, s: string, extra: object = {}) => d.post(`/api/v1/units/${unit}/status`, { status: s, ...extra });

describe('unit status lifecycle', () => {
  it('runs Dispatched -> EnRoute -> OnScene -> Transporting -> Hospital -> Cleared, stamping each time once', async () => {
    const inc = await dispatched('M-7');
    expect((await status('M-7', 'en route')).body.status).toBe('EnRoute');
    expect((await d.get(`/api/v1/incidents/${inc.id}`)).body.status).toBe('EnRoute');
    expect((await status('M-7', 'OnScene')).body.status).toBe('OnScene');
    expect((await d.get(`/api/v1/incidents/${inc.id}`)).body.status).toBe('OnScene');
    expect((await status('M-7', 'PatientContact')).status).toBe(200);
    expect((await status('M-7', 'Transporting')).status).toBe(200);
    expect((await status('M-7', 'AtHospital')).body.status).toBe('Hospital');
    const cleared = await status('M-7', 'Cleared');
    expect(cleared.body).toMatchObject({ status: 'Cleared', primaryStatus: 'Available', incidentId: null, changed: true });
    const detail = (await d.get(`/api/v1/incidents/${inc.id}`)).body;
    const a = detail.assignmentHistory[0];
    for (const k of ['dispatchedAt', 'enrouteAt', 'onsceneAt', 'patientContactAt', 'transportingAt', 'hospitalAt', 'clearedAt']) expect(a[k], k).not.toBeNull();
    expect(Date.parse(a.enrouteAt)).toBeGreaterThanOrEqual(Date.parse(a.dispatchedAt));
    expect(Date.parse(a.onsceneAt)).toBeGreaterThanOrEqual(Date.parse(a.enrouteAt));
    expect(detail.status).toBe('Pending'); // open, no units: waiting for the dispatcher to close it
    const hist = await t.pool.query("SELECT h.status FROM unit_status_history h JOIN units u ON u.id = h.unit_id WHERE u.call_sign = 'M-7' ORDER BY h.id");
    expect(hist.rows.map((r) => r.status)).toEqual(['InService', 'Dispatched', 'EnRoute', 'OnScene', 'PatientContact', 'Transporting', 'Hospital', 'Cleared']);
  });

  it('refuses steps out of order and statuses that need an assignment', async () => {
    await dispatched('M-8');
    const back = await status('M-8', 'Transporting');
    expect(back.status).toBe(409);
    expect(back.body.error.message).toMatch(/M-8 is Dispatched; Transporting can follow only OnScene, PatientContact/);
    await status('M-8', 'OnScene');
    expect((await status('M-8', 'EnRoute')).status).toBe(409);
    expect((await status('M-9', 'OnScene')).status).toBe(409);
    expect((await status('M-9', 'Cleared')).status).toBe(409);
    expect((await status('M-9', 'Dispatched')).status).toBe(422);
    const unknown = await status('M-9', 'Flying');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.status).toMatch(/not a unit status/);
    expect((await status('NOPE-1', 'EnRoute')).status).toBe(404);
  });

  it('treats a repeated status as a no-op so a retried request is safe', async () => {
    await dispatched('M-10');
    const first = await status('M-10', 'EnRoute');
    const again = await status('M-10', 'EnRoute');
    expect(first.body.changed).toBe(true);
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    const n = await t.pool.query("SELECT count(*)::int AS n FROM unit_status_history h JOIN units u ON u.id = h.unit_id WHERE u.call_sign = 'M-10' AND h.status = 'EnRoute'");
    expect(n.rows[0].n).toBe(1);
  });

  it('Available while assigned clears the unit; OutofService while assigned is refused', async () => {
    const inc = await dispatched('M-11');
    const oos = await status('M-11', 'OutofService');
    expect(oos.status).toBe(409);
    expect(oos.body.error.message).toContain('clear it first');
    const av = await status('M-11', 'Available');
    expect(av.body).toMatchObject({ status: 'InService', primaryStatus: 'Available', incidentId: null });
    expect((await d.get(`/api/v1/incidents/${inc.id}`)).body.assignmentHistory[0].clearedAt).not.toBeNull();
    expect((await status('M-11', 'OOS')).body).toMatchObject({ status: 'OutofService', primaryStatus: 'NotAvailable' });
    expect((await status('M-11', 'Meal')).body.primaryStatus).toBe('ConditionallyAvailable');
  });

  it('accepts a status time from a field device queue, but not in the future or before the last change', async () => {
    await dispatched('M-12');
    const tooLate = await status('M-12', 'EnRoute', { at: new Date(Date.now() + 60_000).toISOString() });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.error.fields).toHaveProperty('at');
    const before = await status('M-12', 'EnRoute', { at: new Date(Date.now() - 3_600_000).toISOString() });
    expect(before.status).toBe(409);
    const ok = await status('M-12', 'EnRoute', { at: new Date().toISOString(), note: 'queued offline' });
    expect(ok.status).toBe(200);
  });

  it('lets a responder change only the unit they are signed on to', async () => {
    const e36 = (await d.get('/api/v1/units/E-36')).body;
    const responder = await t.as('responder', { agencyId: e36.agencyId, unitId: e36.id });
    await dispatched('E-36', 'FSTRU');
    expect((await responder.post('/api/v1/units/E-36/status', { status: 'EnRoute' })).status).toBe(200);
    const other = await responder.post('/api/v1/units/E-52/status', { status: 'OutofService' });
    expect(other.status).toBe(403);
  });
});
