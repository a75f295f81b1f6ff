import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import type { StreamClient } from '../../../test/helpers/test-client';
import { ManualClock } from '../../scheduler/clock';
import { runCommand } from '../../events/run-command';
import { systemActor } from '../../events/actor';
import { insertBolo } from './bolos.commands';

const portrait = readFileSync(join(import.meta.dirname, '../../../test/fixtures/portrait.jpg')).toString('base64');
const HOUR = 3600_000;
const clock = new ManualClock(new Date());

let t: TestServer;
let dispatcher: SignedInClient;
let calltaker: SignedInClient;
let supervisor: SignedInClient;
let responders: SignedInClient[];
let streams: StreamClient[];

beforeAll(async () => {
  t = await createTestServer({ clock });
  [dispatcher, calltaker, supervisor] = await Promise.all([t.as('dispatcher'), t.as('call-taker'), t.as('supervisor')]);
  const { rows } = await t.pool.query<{ id: number }>('SELECT id FROM agencies ORDER BY id');
  expect(rows.length).toBeGreaterThan(1);
  responders = await Promise.all(rows.map((r) => t.as('responder', { agencyId: r.id })));
  streams = responders.map((r) => r.stream());
  await Promise.all(streams.map((s) => s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'stream caught up')));
});
afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await t.close();
});

const eventsOf = (s: StreamClient, type: string, id: number) => s.events.filter((e) => e.type === type && e.data.bolo.id === id);

describe('writing BOLOs', () => {
  it('a dispatcher writes a vehicle BOLO with a photo; every unit in every agency gets it live', async () => {
    const res = await dispatcher.post('/api/v1/bolos', {
      subject: 'vehicle',
      kind: 'stolen-vehicle',
      vehicle: { plate: 'abc-1234', plateState: 'MD', make: 'Honda', model: 'Civic', colour: 'Silver', year: 2014, direction: 'north on I-83' },
      caution: 'Armed — do not approach',
      body: 'Taken at gunpoint from a gas station.',
      expiresInHours: 12,
      photo: { contentType: 'image/jpeg', data: portrait },
    });
    expect(res.status).toBe(201);
    const b = res.body;
    expect(b).toMatchObject({ subject: 'vehicle', state: 'active', kind: 'stolen-vehicle', caution: 'Armed — do not approach', vehicle: { plate: 'ABC-1234', plateState: 'MD', year: 2014 }, person: null, source: 'board' });
    expect(b.title).toBe('Silver 2014 Honda Civic, plate ABC-1234 (MD)');
    expect(Date.parse(b.expiresAt) - Date.parse(b.issuedAt)).toBe(12 * HOUR);
    expect(b.photoUrl).toMatch(new RegExp(`^/api/v1/bolos/${b.id}/photo\\?v=\\d+$`));

    await Promise.all(streams.map((s) => s.until(() => eventsOf(s, 'bolo.issued', b.id).length === 1, `bolo.issued on ${s === streams[0] ? 'first' : 'another'} agency`)));
    expect(streams.every((s) => eventsOf(s, 'bolo.issued', b.id)[0].data.bolo.vehicle.plate === 'ABC-1234')).toBe(true);

    const photo = await fetch(`${t.url}${b.photoUrl}&purpose=${encodeURIComponent(`BOLO ${b.id}`)}`, { headers: responders[0]!.headers() });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const noPurpose = await fetch(`${t.url}${b.photoUrl}`, { headers: responders[0]!.headers() });
    expect(noPurpose.status).toBe(422);

    // Found by plate however it is typed, and by subject.
    for (const q of ['abc1234', 'ABC 1234', 'civic']) {
      const found = await responders[1]!.get(`/api/v1/bolos?q=${encodeURIComponent(q)}`);
      expect(found.body.map((x: { id: number }) => x.id)).toContain(b.id);
    }
    expect((await dispatcher.get('/api/v1/bolos?subject=person')).body.map((x: { id: number }) => x.id)).not.toContain(b.id);
  });

  it('a call-taker writes a person BOLO linked to an incident; the title is written from the fields; 24 h by default', async () => {
    const inc = await calltaker.post('/api/v1/incidents', { type: 'WELFARE', location: { text: '100 N Holliday St', lat: 39.29, lon: -76.61 } });
    expect(inc.status).toBe(201);
    const res = await calltaker.post('/api/v1/bolos', {
      subject: 'person',
      kind: 'endangered',
      person: { name: 'Dana Ruiz', age: '34', sex: 'female', height: "5'6\"", build: 'slim', clothing: 'red parka, jeans' },
      description: 'Speaks Spanish; needs insulin',
      incidentId: inc.body.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ subject: 'person', vehicle: null, person: { name: 'Dana Ruiz', clothing: 'red parka, jeans' }, incidentId: inc.body.id, incidentLabel: expect.stringContaining(inc.body.number), photoUrl: null });
    expect(res.body.title).toBe('Dana Ruiz, age 34, female');
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.issuedAt)).toBe(24 * HOUR);
    expect((await dispatcher.get('/api/v1/bolos?q=parka')).body.map((x: { id: number }) => x.id)).toEqual([res.body.id]);
  });

  it('names the field that is wrong and writes nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM bolos')).rows[0].n;
    const noPlate = await dispatcher.post('/api/v1/bolos', { subject: 'vehicle', vehicle: { make: 'Ford' } });
    expect(noPlate.status).toBe(422);
    expect(noPlate.body.error.fields).toHaveProperty(['vehicle.plate']);
    const tooLong = await dispatcher.post('/api/v1/bolos', { subject: 'person', person: { name: 'X' }, expiresInHours: 24 * 8 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields).toHaveProperty('expiresInHours');
    const farAt = await dispatcher.post('/api/v1/bolos', { subject: 'person', person: { name: 'X' }, expiresAt: new Date(Date.now() + 8 * 24 * HOUR).toISOString() });
    expect(farAt.body.error.fields).toHaveProperty('expiresAt');
    const badSubject = await dispatcher.post('/api/v1/bolos', { subject: 'boat', title: 'x' });
    expect(badSubject.body.error.fields).toHaveProperty('subject');
    const badYear = await dispatcher.post('/api/v1/bolos', { subject: 'vehicle', vehicle: { plate: 'X1', year: 1066 } });
    expect(badYear.body.error.fields).toHaveProperty(['vehicle.year']);
    const notPicture = await dispatcher.post('/api/v1/bolos', { subject: 'person', person: { name: 'X' }, photo: { contentType: 'image/png', data: Buffer.from('<html>not a picture</html>').toString('base64') } });
    expect(notPicture.status).toBe(422);
    expect(notPicture.body.error.fields.photo).toMatch(/JPEG or PNG/);
    const noIncident = await dispatcher.post('/api/v1/bolos', { subject: 'person', person: { name: 'X' }, incidentId: 999999 });
    expect(noIncident.body.error.fields).toHaveProperty('incidentId');
    const unknown = await dispatcher.post('/api/v1/bolos', { subject: 'person', colour: 'red' });
    expect(unknown.body.error.fields).toHaveProperty('colour');
    expect((await responders[0]!.post('/api/v1/bolos', { subject: 'person', person: { name: 'X' } })).status).toBe(403);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM bolos')).rows[0].n).toBe(before);
  });

  it('accepts a PNG photo, checked by its content', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(17)]);
    const res = await dispatcher.post('/api/v1/bolos', { subject: 'other', title: 'Lost property: black backpack', description: 'Black backpack with reflective strip', photo: { contentType: 'image/jpeg', data: png.toString('base64') } });
    expect(res.status).toBe(201);
    const photo = await fetch(`${t.url}${res.body.photoUrl}&purpose=board`, { headers: dispatcher.headers() });
    expect(photo.headers.get('content-type')).toBe('image/png');
  });
});

describe('changing, expiring and cancelling', () => {
  it('an update reaches every unit as bolo.updated with what changed', async () => {
    const b = (await dispatcher.post('/api/v1/bolos', { subject: 'vehicle', vehicle: { plate: 'XYZ 9' } })).body;
    const res = await dispatcher.patch(`/api/v1/bolos/${b.id}`, { vehicle: { direction: 'west on North Ave' }, caution: 'Occupants armed', expiresInHours: 72 });
    expect(res.status).toBe(200);
    expect(res.body.vehicle).toMatchObject({ plate: 'XYZ 9', direction: 'west on North Ave' });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.parse(b.expiresAt));
    await Promise.all(streams.map((s) => s.until(() => eventsOf(s, 'bolo.updated', b.id).length === 1, 'bolo.updated')));
    expect(eventsOf(streams[0]!, 'bolo.updated', b.id)[0].data.changes).toEqual(expect.arrayContaining(['vehicle', 'caution', 'expiresAt']));
    const clear = await dispatcher.patch(`/api/v1/bolos/${b.id}`, { vehicle: { plate: '' } });
    expect(clear.body.error.fields).toHaveProperty(['vehicle.plate']);
    const photo = await dispatcher.request('PUT', `/api/v1/bolos/${b.id}/photo`, { photo: { contentType: 'image/jpeg', data: portrait } });
    expect(photo.status).toBe(200);
    expect(photo.body.photoUrl).toContain(`/api/v1/bolos/${b.id}/photo`);
    expect((await dispatcher.request('PUT', `/api/v1/bolos/${b.id}/photo`, { photo: null })).body.photoUrl).toBeNull();
  });

  it('the expiry job takes a BOLO down at its expiry by the scheduler clock, and units are told', async () => {
    const b = (await dispatcher.post('/api/v1/bolos', { subject: 'person', person: { name: 'Short Lived' }, expiresInHours: 4 })).body;
    await t.server.ctx.scheduler!.runOnce('bolo-expiry');
    expect((await dispatcher.get(`/api/v1/bolos/${b.id}`)).body.state).toBe('active');
    clock.advance(4 * HOUR + 60_000);
    await t.server.ctx.scheduler!.runOnce('bolo-expiry');
    const after = (await dispatcher.get(`/api/v1/bolos/${b.id}`)).body;
    expect(after).toMatchObject({ state: 'expired', cancelReason: 'expired' });
    await Promise.all(streams.map((s) => s.until(() => eventsOf(s, 'bolo.cancelled', b.id).length === 1, 'bolo.cancelled on expiry')));
    expect((await responders[0]!.get('/api/v1/bolos')).body.map((x: { id: number }) => x.id)).not.toContain(b.id);
    expect((await dispatcher.get('/api/v1/bolos?state=expired')).body.map((x: { id: number }) => x.id)).toContain(b.id);
    expect((await dispatcher.patch(`/api/v1/bolos/${b.id}`, { caution: 'x' })).status).toBe(409);
  });

  it('a dispatcher cancels with a reason; a call-taker may not', async () => {
    const b = (await calltaker.post('/api/v1/bolos', { subject: 'person', person: { name: 'Found Soon' } })).body;
    expect((await calltaker.post(`/api/v1/bolos/${b.id}/cancel`, { reason: 'x' })).status).toBe(403);
    const res = await supervisor.post(`/api/v1/bolos/${b.id}/cancel`, { reason: 'Located by unit 12' });
    expect(res.body).toMatchObject({ state: 'cancelled', cancelReason: 'Located by unit 12' });
    await Promise.all(streams.map((s) => s.until(() => eventsOf(s, 'bolo.cancelled', b.id).length === 1, 'bolo.cancelled')));
    expect((await dispatcher.get('/api/v1/bolos?state=cancelled')).body.map((x: { id: number }) => x.id)).toContain(b.id);
    expect((await dispatcher.post(`/api/v1/bolos/${b.id}/cancel`, { reason: 'again' })).status).toBe(409);
  });
});

describe('BOLOs of public alerts', () => {
  it('are linked to the alert and last as long as it does, even when an Update extends it', async () => {
    const expires = new Date(clock.now().getTime() + 6 * HOUR);
    const { rows } = await t.pool.query<{ id: number }>(
      `INSERT INTO alerts (kind, state, event, same_code, headline, description, criteria_set, drafted_by_label, drafted_at, updated_at, expires_at, issued_at)
       VALUES ('blue', 'issued', 'Blue Alert', 'BLU', 'BLUE ALERT: officer shot', 'Suspect vehicle', 'blue', 'test', now(), now(), $1, now()) RETURNING id`,
      [expires],
    );
    const alertId = rows[0]!.id;
    const { result: bolo } = await runCommand(t.pool, systemActor('test'), async (tx, now) => {
      const { bolo, event } = await insertBolo(tx, systemActor('test'), now, { kind: 'suspect', title: 'BLUE ALERT: officer shot', body: 'Suspect vehicle', incidentId: null, source: 'alert', sourceId: String(alertId), photoUrl: null });
      return { result: bolo, audits: [], event };
    });
    expect(bolo).toMatchObject({ alertId, expiresAt: expires.toISOString(), state: 'active' });
    // The alert is extended by a CAP Update: its BOLO follows and the BOLO job leaves it to the alert.
    const later = new Date(expires.getTime() + 6 * HOUR);
    await t.pool.query('UPDATE alerts SET expires_at = $2 WHERE id = $1', [alertId, later]);
    expect((await dispatcher.get(`/api/v1/bolos/${bolo.id}`)).body.expiresAt).toBe(later.toISOString());
    clock.set(new Date(expires.getTime() + 60_000));
    await t.server.ctx.scheduler!.runOnce('bolo-expiry');
    expect((await dispatcher.get(`/api/v1/bolos/${bolo.id}`)).body.state).toBe('active');
    // The alert's own expiry takes the BOLO down with it, shown as expired.
    await t.pool.query('UPDATE alerts SET bolo_id = $2 WHERE id = $1', [alertId, bolo.id]);
    clock.set(new Date(later.getTime() + 60_000));
    await t.server.ctx.scheduler!.runOnce('alerts-expiry');
    expect((await dispatcher.get(`/api/v1/bolos/${bolo.id}`)).body).toMatchObject({ state: 'expired', cancelReason: 'public alert expired' });
  });
});
