import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';

let t: TestServer;
let supervisor: SignedInClient;

beforeAll(async () => {
  t = await createTestServer({ scheduler: false });
  supervisor = await t.as('supervisor');
});
afterAll(() => t.close());

describe('system status for supervisors', () => {
  it('names the server processes on the database, the database role and health, and the floor in numbers', async () => {
    const d = await t.as('dispatcher');
    await d.post('/api/v1/incidents', { type: 'SUSP', location: { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104 } });
    const r = await supervisor.get('/api/v1/operations/status');
    expect(r.status).toBe(200);
    expect(r.body.servers.length).toBeGreaterThanOrEqual(1); // this test server's event hub
    expect(r.body.database).toMatchObject({ up: true, role: 'primary', hubLag: expect.any(Number), standbys: [] });
    expect(r.body.database.eventHead).toBeGreaterThan(0);
    expect(r.body.floor.pending).toBeGreaterThanOrEqual(1);
    expect(r.body.floor.positions).toBeGreaterThanOrEqual(2);
    expect(r.body.self.pid).toBe(process.pid);
  });

  it('is for supervisors only', async () => {
    expect((await (await t.as('dispatcher')).get('/api/v1/operations/status')).status).toBe(403);
  });
});
