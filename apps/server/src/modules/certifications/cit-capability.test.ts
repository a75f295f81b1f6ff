import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../scheduler/clock';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';

let t: TestServer;
let sup: SignedInClient;
let d: SignedInClient;
let at: { lat: number; lon: number };
let cd12: number;
// Starts at the real time: the template's demo certificates are dated from the day it was seeded.
const clock = new ManualClock(new Date());

interface Rec { units: { callSign: string; requirement: string; capabilities: string[] }[] }
const citUnit = async (incidentId: number) => {
  const r = (await d.get(`/api/v1/incidents/${incidentId}/recommendation`)).body as Rec;
  return r.units.find((u) => u.requirement === 'CIT-trained officer')?.callSign;
};

beforeAll(async () => {
  t = await createTestServer({ clock, geography: true });
  sup = await t.as('supervisor');
  d = await t.as('dispatcher');
  const { rows } = await t.pool.query("SELECT s.lat, s.lon FROM stations s JOIN agencies a ON a.id = s.agency_id WHERE a.code = 'BPD' AND s.code = 'CD'");
  at = { lat: rows[0].lat, lon: rows[0].lon };
  cd12 = (await t.pool.query("SELECT id FROM units WHERE call_sign = 'CD-12'")).rows[0].id;
});
afterAll(() => t.close());

describe('CIT certification feeds the CIT capability of response plans', () => {
  it('keeps the demo roster CIT units backed by their officers certifications', async () => {
    const { rows } = await t.pool.query(
      `SELECT u.call_sign FROM units u WHERE 'CIT' = ANY(u.capabilities)
         AND NOT EXISTS (SELECT 1 FROM unit_crew uc JOIN certifications c ON c.staff_member_id = uc.staff_member_id AND c.kind_code = 'CIT' WHERE uc.unit_id = u.id AND c.expires_on >= current_date)`,
    );
    expect(rows).toEqual([]);
    // A daily run today changes nothing on the demo roster.
    await t.server.ctx.scheduler!.runOnce('certification-expiry');
    expect((await t.pool.query("SELECT count(*)::int AS n FROM units WHERE 'CIT' = ANY(capabilities)")).rows[0].n).toBe(36);
  });

  it("recommends a unit for a crisis call once its officer's CIT certification is recorded, and drops it after expiry", async () => {
    clock.set(new Date('2026-11-21T15:00:00Z'));
    // The district's CIT-trained units are busy elsewhere, so the plan looks further afield.
    for (const u of ['CD-11', 'CD-21', 'CD-31', 'CD-S1']) expect((await d.post(`/api/v1/units/${u}/status`, { status: 'OutofService' })).status).toBe(200);
    const inc = (await d.post('/api/v1/incidents', { type: 'MNTL', location: { ...at, text: 'Central District station', verified: true } })).body;
    const before = await citUnit(inc.id);
    expect(before).toBeTruthy();
    expect(before).not.toBe('CD-12');

    const { rows } = await t.pool.query<{ id: number }>("INSERT INTO staff_members (display_name, organisation, job_title) VALUES ('Ofc. Maria Santos', 'BPD', 'Police officer') RETURNING id");
    const santos = rows[0]!.id;
    const crew = await sup.request('PUT', '/api/v1/certifications/crew', { staffMemberId: santos, unitId: cd12 });
    expect(crew.status).toBe(200);
    expect(crew.body.unitChanges).toEqual([]);
    expect(await citUnit(inc.id)).not.toBe('CD-12');

    const cert = await sup.post('/api/v1/certifications', { staffMemberId: santos, kind: 'CIT', issuedOn: '2023-12-01', certificateNo: 'CIT-40-HR-2231' });
    expect(cert.status).toBe(201);
    expect(cert.body).toMatchObject({ expiresOn: '2026-11-30', unitChanges: [{ callSign: 'CD-12', capability: 'CIT', held: true }] });
    expect(await citUnit(inc.id)).toBe('CD-12');

    // The day after the last valid day, the daily job takes the capability off.
    clock.set(new Date('2026-12-01T15:00:00Z'));
    await t.server.ctx.scheduler!.runOnce('certification-expiry');
    expect((await t.pool.query('SELECT capabilities FROM units WHERE id = $1', [cd12])).rows[0].capabilities).not.toContain('CIT');
    expect(await citUnit(inc.id)).not.toBe('CD-12');

    const audits = await t.pool.query("SELECT action, actor_label FROM audit_log WHERE entity = 'unit' AND entity_id = $1 AND action LIKE 'unit.capability-%' ORDER BY seq", [String(cd12)]);
    expect(audits.rows).toEqual([
      { action: 'unit.capability-add', actor_label: sup.username },
      { action: 'unit.capability-remove', actor_label: 'system:certification-expiry' },
    ]);
    const events = await t.pool.query("SELECT data FROM events WHERE type = 'unit.updated' AND unit_id = $1 ORDER BY seq", [cd12]);
    expect(events.rows.map((e) => e.data.unit.capabilities.includes('CIT'))).toEqual([true, false]);

    // A renewed certificate brings it back at once; taking the officer off the unit takes it away.
    const renewed = await sup.post('/api/v1/certifications', { staffMemberId: santos, kind: 'CIT', issuedOn: '2026-11-30' });
    expect(renewed.body.unitChanges).toEqual([{ callSign: 'CD-12', capability: 'CIT', held: true }]);
    const off = await sup.request('PUT', '/api/v1/certifications/crew', { staffMemberId: santos, unitId: null });
    expect(off.body.unitChanges).toEqual([{ callSign: 'CD-12', capability: 'CIT', held: false }]);
  });

  it('lets only supervisors and administrators change crews', async () => {
    expect((await d.request('PUT', '/api/v1/certifications/crew', { staffMemberId: 1, unitId: cd12 })).status).toBe(403);
    const bad = await sup.request('PUT', '/api/v1/certifications/crew', { staffMemberId: 1, unitId: 99999 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty('unitId');
  });
});
