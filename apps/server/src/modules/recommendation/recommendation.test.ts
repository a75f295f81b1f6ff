import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../response-plans/default-plans';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';

let t: TestServer;
let d: SignedInClient;

// Baltimore City Hall, 100 N Holliday St.
const DOWNTOWN = { lat: 39.29057, lon: -76.61037 };

beforeAll(async () => {
  t = await createTestServer({ geography: true });
  d = await t.as('dispatcher');
});
afterAll(() => t.close());

const recommendAt = async (type: string, at = DOWNTOWN, alarm = 1) => (await d.get(`/api/v1/recommendation?type=${type}&at=${at.lat},${at.lon}&alarm=${alarm}`)).body;

describe('unit recommendation', () => {
  it('sends real Baltimore companies to a downtown structure fire: 3 engines, a truck, a chief, an ALS medic, closest first', async () => {
    const r = await recommendAt('FSTRU');
    expect(r.plan.name).toBe('Structure fire');
    expect(r.unfilled).toEqual([]);
    const by = (req: string) => r.units.filter((u: { requirement: string }) => u.requirement === req);
    expect(by('Engines').map((u: { callSign: string }) => u.callSign)).toHaveLength(3);
    expect(by('Engines').every((u: { callSign: string }) => /^E-\d+$/.test(u.callSign))).toBe(true);
    expect(by('Truck')[0].callSign).toMatch(/^T-\d+$/);
    expect(by('Battalion chief')[0].callSign).toMatch(/^BC-\d+$/);
    expect(by('ALS medic')[0]).toMatchObject({ callSign: expect.stringMatching(/^M-\d+$/), capabilities: expect.arrayContaining(['ALS']) });
    // The downtown companies (E-6 Hillen St, E-23 Eutaw St) are the first engines, within 2 minutes.
    expect(by('Engines').slice(0, 2).map((u: { callSign: string }) => u.callSign).sort()).toEqual(['E-23', 'E-6']);
    const etas = by('Engines').map((u: { etaSeconds: number }) => u.etaSeconds);
    expect([...etas].sort((a, b) => a - b)).toEqual(etas);
    expect(etas[0]).toBeLessThan(120);
    for (const u of r.units) expect(u.from).toBe('station');
  });

  it('leaves out units that are not available, and counts units already sent', async () => {
    await d.post('/api/v1/units/E-6/status', { status: 'OutofService' });
    const inc = (await d.post('/api/v1/incidents', { type: 'FSTRU', location: { ...DOWNTOWN, text: 'City Hall', verified: true } })).body;
    const before = (await d.get(`/api/v1/incidents/${inc.id}/recommendation`)).body;
    expect(before.units.map((u: { callSign: string }) => u.callSign)).not.toContain('E-6');
    const first = before.units.find((u: { requirement: string }) => u.requirement === 'Engines');
    await d.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: [first.callSign] });
    const after = (await d.get(`/api/v1/incidents/${inc.id}/recommendation`)).body;
    const engines = after.units.filter((u: { requirement: string }) => u.requirement === 'Engines');
    expect(engines).toHaveLength(3);
    expect(engines.filter((u: { assigned: boolean }) => u.assigned).map((u: { callSign: string }) => u.callSign)).toEqual([first.callSign]);
    // A second alarm asks for the bigger complement, counting what is already there.
    const second = (await d.get(`/api/v1/incidents/${inc.id}/recommendation?alarm=2`)).body;
    expect(second.plan.alarmLevel).toBe(2);
    expect(second.units.filter((u: { requirement: string }) => u.requirement === 'Engines')).toHaveLength(5);
    await d.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '10' });
    await d.post('/api/v1/units/E-6/status', { status: 'InService' });
  });

  it('sends a CIT-trained officer to a mental-health crisis', async () => {
    const r = await recommendAt('MNTL');
    expect(r.units).toHaveLength(2);
    expect(r.units[0]).toMatchObject({ requirement: 'CIT-trained officer', capabilities: expect.arrayContaining(['CIT']) });
  });

  it('applies run-sheet substitutions: a truck replaces the engine when more than 20 s closer', async () => {
    // Truck 15 has a station of its own (1223 Montford Ave) with no engine.
    const stations = (await d.get('/api/v1/stations')).body as { code: string; lat: number; lon: number }[];
    const t15 = stations.find((s) => s.code === 'T-15')!;
    const r = await recommendAt('FVEH', { lat: t15.lat, lon: t15.lon });
    expect(r.plan.name).toBe('Small fire or investigation');
    expect(r.units).toHaveLength(1);
    expect(r.units[0]).toMatchObject({ callSign: 'T-15', requirement: 'Engine', substitution: expect.stringMatching(/^T-15 replaces E-\d+: \d+ s closer/) });
  });

  it('measures from a fresh AVL position instead of the station', async () => {
    // Put E-21 (Hampden) right downtown.
    await d.post('/api/v1/units/E-21/position', { lat: 39.2907, lon: -76.6101, at: new Date().toISOString() });
    const r = await recommendAt('FSTRU');
    const e21 = r.units.find((u: { callSign: string }) => u.callSign === 'E-21');
    expect(e21).toMatchObject({ from: 'avl', requirement: 'Engines' });
    expect(e21.etaSeconds).toBeLessThan(60);
  });

  it('explains what it cannot do', async () => {
    expect((await d.get('/api/v1/recommendation?type=NOPE&at=39.29,-76.61')).body.error.fields).toHaveProperty('type');
    expect((await d.get('/api/v1/recommendation?type=FSTRU&at=10,10')).status).toBe(422);
    const noPoint = (await d.post('/api/v1/incidents', { type: 'SUSP', location: { text: 'somewhere unknown' } })).body;
    expect((await d.get(`/api/v1/incidents/${noPoint.id}/recommendation`)).status).toBe(422);
  });
});

describe('response plans', () => {
  it('cover every APCO incident type through a type plan or the discipline default', async () => {
    const types = (await d.get('/api/v1/registries/incident-types')).body as { code: string }[];
    for (const { code } of types) {
      const r = await d.get(`/api/v1/recommendation?type=${code}&at=${DOWNTOWN.lat},${DOWNTOWN.lon}`);
      expect(r.status, code).toBe(200);
      expect(r.body.units.length, code).toBeGreaterThan(0);
    }
  });

  it('export and import as JSON, with the bad field named', async () => {
    const admin = await t.as('admin');
    const exported = (await admin.get('/api/v1/response-plans')).body;
    expect(exported.plans).toHaveLength(DEFAULT_PLANS.length);
    const edited = structuredClone(exported);
    edited.plans.find((p: { name: string }) => p.name === 'Structure fire').requirements[0].count = 4;
    expect((await admin.request('PUT', '/api/v1/response-plans', edited)).status).toBe(200);
    expect((await recommendAt('FSTRU')).units.filter((u: { requirement: string }) => u.requirement === 'Engines')).toHaveLength(4);
    const bad = structuredClone(exported);
    bad.plans[0].typeCodes = ['NOTATYPE'];
    const rejected = await admin.request('PUT', '/api/v1/response-plans', bad);
    expect(rejected.status).toBe(422);
    expect(Object.keys(rejected.body.error.fields)[0]).toBe('plans.0.typeCodes.0');
    const badSub = structuredClone(exported);
    badSub.plans[0].substitutions = [{ requirement: 'Nope', kind: 'add', unitTypes: ['truck'], whenCloserBySeconds: 5 }];
    expect((await admin.request('PUT', '/api/v1/response-plans', badSub)).body.error.fields).toHaveProperty(['plans.0.substitutions.0.requirement']);
    expect((await d.request('PUT', '/api/v1/response-plans', exported)).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/response-plans', exported)).status).toBe(200);
  });
});

describe('AVL positions', () => {
  it('moves a unit forward in time only, keeps every fix, and throttles stream events', async () => {
    const s = d.stream('rooms=agency:*');
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    const now = Date.now();
    const a = await d.post('/api/v1/units/M-2/position', { lat: 39.26, lon: -76.58, heading: 90, speed: 12, at: new Date(now - 1000).toISOString() });
    expect(a.body).toEqual({ current: true, published: true });
    const b = await d.post('/api/v1/units/M-2/position', { lat: 39.261, lon: -76.581, at: new Date(now).toISOString() });
    expect(b.body).toEqual({ current: true, published: false });
    const late = await d.post('/api/v1/units/M-2/position', { lat: 39.2, lon: -76.5, at: new Date(now - 5000).toISOString() });
    expect(late.body.current).toBe(false);
    const unit = (await d.get('/api/v1/units/M-2')).body;
    expect(unit.position).toMatchObject({ lat: 39.261, lon: -76.581 });
    const { rows } = await t.pool.query("SELECT count(*)::int AS n FROM unit_positions p JOIN units u ON u.id = p.unit_id WHERE u.call_sign = 'M-2'");
    expect(rows[0].n).toBe(3);
    await s.until(() => s.events.some((e) => e.type === 'unit.position'), 'position event');
    expect(s.events.filter((e) => e.type === 'unit.position')).toHaveLength(1);
    expect((await d.post('/api/v1/units/M-2/position', { lat: 39.2, lon: -76.5, at: new Date(now + 60_000).toISOString() })).status).toBe(422);
    expect((await d.post('/api/v1/units/M-2/position', { lat: 95, lon: -76.5, at: new Date(now).toISOString() })).body.error.fields).toHaveProperty('lat');
    await s.close();
  });

  it('lets a responder report only their own unit', async () => {
    const m1 = (await d.get('/api/v1/units/M-1')).body;
    const responder = await t.as('responder', { agencyId: m1.agencyId, unitId: m1.id });
    expect((await responder.post('/api/v1/units/M-1/position', { lat: 39.29, lon: -76.61, at: new Date().toISOString() })).status).toBe(200);
    expect((await responder.post('/api/v1/units/M-3/position', { lat: 39.29, lon: -76.61, at: new Date().toISOString() })).status).toBe(403);
  });
});
