import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';

let t: TestServer;
let d1: TestClient;
let d2: TestClient;

const at = { text: '2100 N Charles St', lat: 39.3137, lon: -76.6167 };
const newIncident = async (type = 'FSTRU') => (await d1.post('/api/v1/incidents', { type, location: at })).body;

beforeAll(async () => {
  t = await createTestServer();
  d1 = await t.as('dispatcher');
  d2 = await t.as('dispatcher');
});
afterAll(() => t.close());

describe('dispatch', () => {
  it('assigns units by call sign or id, and the incident becomes Dispatched', async () => {
    const inc = await newIncident();
    const t27 = (await d1.get('/api/v1/units/t-27')).body;
    const res = await d1.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['e-45', t27.id] });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('Dispatched');
    expect(res.body.units.map((u: any) => u.callSign).sort()).toEqual(['E-45', 'T-27']);
    const e45 = (await d1.get('/api/v1/units/E-45')).body;
    expect(e45).toMatchObject({ status: 'Dispatched', primaryStatus: 'NotAvailable', incidentId: inc.id });
    const hist = await t.pool.query("SELECT status FROM unit_status_history WHERE unit_id = $1 ORDER BY id DESC LIMIT 1", [e45.id]);
    expect(hist.rows[0].status).toBe('Dispatched');
  });

  it('lets exactly one of two dispatchers sending the same unit at the same moment win; the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await newIncident('FALL');
      const b = await newIncident('FALL');
      const unit = `M-${[1, 2, 3, 4, 5][round]}`;
      const [ra, rb] = await Promise.all([
        d1.post(`/api/v1/incidents/${a.id}/dispatch`, { unitIds: [unit] }),
        d2.post(`/api/v1/incidents/${b.id}/dispatch`, { unitIds: [unit] }),
      ]);
      const statuses = [ra.status, rb.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = ra.status === 409 ? ra : rb;
      expect(loser.body.error.code).toBe('conflict');
      expect(loser.body.error.message).toMatch(new RegExp(`${unit} is already assigned to \\d{4}-\\d{6}`));
      const active = await t.pool.query("SELECT count(*)::int AS n FROM assignments a JOIN units u ON u.id = a.unit_id WHERE u.call_sign = $1 AND a.cleared_at IS NULL", [unit]);
      expect(active.rows[0].n).toBe(1);
    }
  });

  it('diverts a busy unit only when asked, and the old incident drops back', async () => {
    const a = await newIncident('SICK');
    const b = await newIncident('CARDIAC');
    expect((await d1.post(`/api/v1/incidents/${a.id}/dispatch`, { unitIds: ['M-6'] })).status).toBe(200);
    const refused = await d1.post(`/api/v1/incidents/${b.id}/dispatch`, { unitIds: ['M-6'] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('divert');
    const diverted = await d1.post(`/api/v1/incidents/${b.id}/dispatch`, { unitIds: ['M-6'], divert: true });
    expect(diverted.status).toBe(200);
    const old = (await d1.get(`/api/v1/incidents/${a.id}`)).body;
    expect(old.status).toBe('Pending');
    expect(old.assignmentHistory[0].clearedAt).not.toBeNull();
  });

  it('refuses unknown units (naming them), units out of service, duplicates on the same incident and closed incidents', async () => {
    const inc = await newIncident();
    const unknown = await d1.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['E-45X', 'E-2'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toEqual({ 'unitIds.0': 'no unit with this id or call sign' });
    expect((await d1.post('/api/v1/units/E-58/status', { status: 'OutofService' })).status).toBe(200);
    const oos = await d1.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['E-58'] });
    expect(oos.status).toBe(409);
    expect(oos.body.error.message).toContain('OutofService');
    expect((await d1.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['E-2'] })).status).toBe(200);
    expect((await d1.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['E-2'] })).status).toBe(409);
    expect((await d1.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: [] })).status).toBe(400);
    await d1.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '10' });
    expect((await d1.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['E-57'] })).status).toBe(409);
  });

  it('a failed dispatch changes nothing (all units or none)', async () => {
    const a = await newIncident();
    await d1.post(`/api/v1/incidents/${a.id}/dispatch`, { unitIds: ['T-6'] });
    const b = await newIncident();
    const res = await d1.post(`/api/v1/incidents/${b.id}/dispatch`, { unitIds: ['E-26', 'T-6'] });
    expect(res.status).toBe(409);
    const e26 = (await d1.get('/api/v1/units/E-26')).body;
    expect(e26.status).toBe('InService');
    expect((await d1.get(`/api/v1/incidents/${b.id}`)).body.assignmentHistory).toEqual([]);
  });
});
