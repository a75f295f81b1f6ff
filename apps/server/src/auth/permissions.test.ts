import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@openpsap/contract';
import { createTestServer, type TestServer } from '../../test/helpers/test-server';
import type { TestClient } from '../../test/helpers/test-client';
import { can, PERMISSIONS } from './permissions';

let t: TestServer;
const clients = new Map<Role, TestClient>();

beforeAll(async () => {
  t = await createTestServer({ geography: true });
  const e23 = (await t.pool.query("SELECT id, agency_id FROM units WHERE call_sign = 'E-23'")).rows[0];
  for (const role of ROLES) clients.set(role, await t.as(role, role === 'responder' ? { agencyId: e23.agency_id, unitId: e23.id } : {}));
});
afterAll(() => t.close());

const concrete = (url: string) => url.replace(':id', '1').replace(':username', 'nobody');
const ROLE_DENIAL = /^a [a-z-]+ may not /;

describe('role x route matrix', () => {
  it('every API route declares who may call it', () => {
    const api = t.server.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/v1/docs'));
    expect(api.length).toBeGreaterThan(30);
    for (const r of api) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('every permission is used by a route, and every role holds the permissions its work needs', () => {
    const used = new Set(t.server.routes.map((r) => (r.access && 'permission' in r.access ? r.access.permission : null)));
    for (const p of Object.keys(PERMISSIONS)) expect(used.has(p as never), p).toBe(true);
    expect(can('call-taker', 'incident.create')).toBe(true);
    expect(can('call-taker', 'incident.dispatch')).toBe(false);
    expect(can('admin', 'incident.read')).toBe(false);
    expect(can('responder', 'unit.status')).toBe(true);
  });

  it('allows exactly the roles holding each route\'s permission, and refuses everyone else with 403', async () => {
    const rows: string[] = [];
    for (const r of t.server.routes) {
      if (!r.access || !('permission' in r.access)) continue;
      const perm = r.access.permission;
      for (const role of ROLES) {
        const c = clients.get(role)!;
        const res = await c.request(r.method, concrete(r.url), r.hasBody || ['POST', 'PATCH', 'PUT'].includes(r.method) ? {} : undefined);
        const denied = res.status === 403 && ROLE_DENIAL.test(res.body?.error?.message ?? '');
        rows.push(`${r.method} ${r.url} ${role} ${res.status}`);
        expect(denied, `${role} ${r.method} ${r.url} -> ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`).toBe(!can(role, perm));
        expect(res.status, `${role} ${r.method} ${r.url}`).toBeLessThan(500);
      }
    }
    expect(rows.length).toBeGreaterThan(150);
  });

  it('asks anonymous callers to sign in on every non-public route', async () => {
    const anon = t.anonymous();
    for (const r of t.server.routes) {
      if (!r.access || 'public' in r.access || r.websocket) continue;
      const res = await anon.request(r.method, concrete(r.url), ['POST', 'PATCH', 'PUT'].includes(r.method) ? {} : undefined);
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
