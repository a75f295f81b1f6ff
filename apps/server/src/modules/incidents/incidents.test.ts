import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';

let t: TestServer;
let dispatcher: TestClient;
let calltaker: TestClient;

const downtown = { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104 };

beforeAll(async () => {
  t = await createTestServer();
  dispatcher = await t.as('dispatcher');
  calltaker = await t.as('call-taker');
});
afterAll(() => t.close());

describe('create incident', () => {
  it('numbers incidents per agency and year, and takes agency and priority from the type', async () => {
    const year = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric' }).format(new Date()));
    const fire = await calltaker.post('/api/v1/incidents', { type: 'fstru', location: downtown });
    expect(fire.status).toBe(201);
    expect(fire.body.type).toBe('FSTRU');
    expect(fire.body.agencyCode).toBe('BCFD');
    expect(fire.body.priority).toBe(1);
    expect(fire.body.status).toBe('Pending');
    expect(fire.body.number).toMatch(new RegExp(`^${year}-\\d{6}$`));
    expect(fire.headers.get('x-event-seq')).toMatch(/^\d+$/);

    const theft = await calltaker.post('/api/v1/incidents', { type: 'LARCENY', location: { text: 'Lexington Market' } });
    expect(theft.body.agencyCode).toBe('BPD');
    expect(theft.body.priority).toBe(4);
    const fire2 = await calltaker.post('/api/v1/incidents', { type: 'FVEH', priority: 2, location: downtown });
    const n1 = Number(fire.body.number.slice(5));
    expect(Number(fire2.body.number.slice(5))).toBe(n1 + 1); // BCFD's series is not advanced by BPD's incident
    expect(fire2.body.priority).toBe(2);
  });

  it('creates from a call, takes the call\'s presented time, and refuses a call already attached', async () => {
    const presentedAt = new Date(Date.now() - 60_000).toISOString();
    const call = await calltaker.post('/api/v1/calls', { source: '911', callbackNumber: '410-555-0100', presentedAt, answeredAt: new Date(Date.now() - 50_000).toISOString() });
    expect(call.status).toBe(201);
    const inc = await calltaker.post('/api/v1/incidents', { type: 'CARDIAC', location: downtown, callId: call.body.id, narrative: 'male 60s chest pain' });
    expect(inc.status).toBe(201);
    expect(inc.body.agencyCode).toBe('BCFD');
    const detail = await calltaker.get(`/api/v1/incidents/${inc.body.id}`);
    expect(detail.body.calls).toHaveLength(1);
    expect(detail.body.calls[0].callbackNumber).toBe('410-555-0100');
    expect(detail.body.narrative[0].text).toBe('male 60s chest pain');
    const again = await calltaker.post('/api/v1/incidents', { type: 'CARDIAC', location: downtown, callId: call.body.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already attached');
  });

  it('names every bad field and writes nothing', async () => {
    const before = await t.pool.query('SELECT count(*)::int AS n FROM incidents');
    const bad = await calltaker.post('/api/v1/incidents', { type: 'NOPE', priority: 0, location: { lat: 91 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['type', 'priority', 'location.lat']));
    const unknownCall = await calltaker.post('/api/v1/incidents', { type: 'FSTRU', location: downtown, callId: 999999 });
    expect(unknownCall.status).toBe(422);
    expect(unknownCall.body.error.fields).toEqual({ callId: 'no call with id 999999' });
    const after = await t.pool.query('SELECT count(*)::int AS n FROM incidents');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('change, narrative, attach, close, reopen', () => {
  it('records changes with before and after and refuses changes to a closed incident', async () => {
    const inc = (await calltaker.post('/api/v1/incidents', { type: 'SUSP', location: { text: 'Pratt and Light' } })).body;
    const upd = await dispatcher.patch(`/api/v1/incidents/${inc.id}`, { type: 'ROBBERY', priority: 1, location: { ...downtown, verified: true } });
    expect(upd.status).toBe(200);
    expect(upd.body.type).toBe('ROBBERY');
    expect(upd.body.location.verified).toBe(true);
    const detail = await dispatcher.get(`/api/v1/incidents/${inc.id}`);
    const entry = detail.body.timeline.find((e: any) => e.type === 'incident.updated');
    expect(entry.summary).toContain('SUSP → ROBBERY');
    const { rows } = await t.pool.query("SELECT before, after FROM audit_log WHERE action = 'incident.update' AND entity_id = $1", [String(inc.id)]);
    expect(rows[0].before).toMatchObject({ type: 'SUSP', priority: 3 });
    expect(rows[0].after).toMatchObject({ type: 'ROBBERY', priority: 1 });

    const empty = await dispatcher.patch(`/api/v1/incidents/${inc.id}`, {});
    expect(empty.status).toBe(400);
    const closed = await dispatcher.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '01' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('Closed');
    expect((await dispatcher.patch(`/api/v1/incidents/${inc.id}`, { priority: 2 })).status).toBe(409);
    expect((await dispatcher.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '01' })).status).toBe(409);
  });

  it('adds narrative and attaches a second caller', async () => {
    const inc = (await calltaker.post('/api/v1/incidents', { type: 'FIGHT', location: downtown })).body;
    const n = await calltaker.post(`/api/v1/incidents/${inc.id}/narrative`, { text: 'two males, one with a bat' });
    expect(n.status).toBe(201);
    expect(n.body).toMatchObject({ text: 'two males, one with a bat', kind: 'narrative' });
    expect((await calltaker.post(`/api/v1/incidents/${inc.id}/narrative`, { text: '   ' })).status).toBe(400);
    const call = (await calltaker.post('/api/v1/calls', { callbackNumber: '443-555-0199' })).body;
    const att = await calltaker.post(`/api/v1/incidents/${inc.id}/calls`, { callId: call.id });
    expect(att.status).toBe(200);
    expect(att.body.incidentId).toBe(inc.id);
    expect((await calltaker.post(`/api/v1/incidents/${inc.id}/calls`, { callId: call.id })).status).toBe(409);
    const detail = (await calltaker.get(`/api/v1/incidents/${inc.id}`)).body;
    expect(detail.calls.map((c: any) => c.id)).toContain(call.id);
  });

  it('closes with a valid disposition only, clears its units, and reopens', async () => {
    const inc = (await calltaker.post('/api/v1/incidents', { type: 'ALRF', location: downtown })).body;
    const d = await dispatcher.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['E-5', 'T-3'] });
    expect(d.status).toBe(200);
    const badDisp = await dispatcher.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '99' });
    expect(badDisp.status).toBe(400);
    expect(badDisp.body.error.fields.disposition).toMatch(/APCO/);
    const c = await dispatcher.post(`/api/v1/incidents/${inc.id}/close`, { disposition: 'False Alarm caused by: Weather, Power Outage/Other Related Cause/Animal', narrative: 'detector fault' });
    expect(c.status).toBe(200);
    expect(c.body.disposition).toBe('17');
    expect(c.body.units).toEqual([]);
    const e5 = (await dispatcher.get('/api/v1/units/E-5')).body;
    expect(e5.status).toBe('Cleared');
    expect(e5.primaryStatus).toBe('Available');
    expect(e5.incidentId).toBeNull();

    const r = await dispatcher.post(`/api/v1/incidents/${inc.id}/reopen`, { reason: 'alarm sounding again' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'Pending', disposition: null, closedAt: null, reopenedCount: 1 });
    expect((await dispatcher.post(`/api/v1/incidents/${inc.id}/reopen`, {})).status).toBe(409);
    const detail = (await dispatcher.get(`/api/v1/incidents/${inc.id}`)).body;
    expect(detail.narrative.map((x: any) => x.text)).toEqual(expect.arrayContaining(['detector fault', expect.stringMatching(/^Reopened: alarm sounding again/)]));
  });

  it('returns 404 for an incident that does not exist', async () => {
    expect((await dispatcher.get('/api/v1/incidents/987654')).status).toBe(404);
    expect((await dispatcher.post('/api/v1/incidents/987654/close', { disposition: '01' })).status).toBe(404);
  });
});
