import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';

let t: TestServer;
let officer: SignedInClient;
let ct: SignedInClient;

const rose = {
  personName: 'Rose Alvarez',
  phone: '410-555-0101',
  address: '1850 Orleans St',
  windowStart: '08:00',
  windowEnd: '10:00',
  contacts: [{ name: 'Ana Alvarez', relation: 'daughter', phone: '410-555-0102' }],
  notes: 'Key under the blue flowerpot; small dog.',
};

beforeAll(async () => {
  t = await createTestServer();
  officer = await t.as('community-officer');
  ct = await t.as('call-taker');
});
afterAll(() => t.close());

describe('enrolment', () => {
  it('enrols a senior with a private 6-digit code and a personal link, defaults filled in', async () => {
    const r = await officer.post('/api/v1/care/enrolments', rose);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ personName: 'Rose Alvarez', active: true, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], escalationMinutes: 30, language: 'en', located: false });
    expect(r.body.checkInCode).toMatch(/^\d{6}$/);
    expect(r.body.checkInLink).toMatch(new RegExp(`^${t.url}/care/[A-Za-z0-9_-]{20,}$`));
    const other = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'Tom Baker' })).body;
    expect(other.checkInLink).not.toBe(r.body.checkInLink);
    expect(other.checkInCode).not.toBe(r.body.checkInCode);
  });

  it('lets only care.manage roles enrol, and keeps the list free of contacts, notes and codes', async () => {
    expect((await ct.post('/api/v1/care/enrolments', rose)).status).toBe(403);
    expect((await (await t.as('supervisor')).post('/api/v1/care/enrolments', { ...rose, personName: 'Sue Park' })).status).toBe(201);
    expect((await (await t.as('responder')).get('/api/v1/care/today')).status).toBe(403);
    expect((await (await t.as('admin')).get('/api/v1/care/enrolments')).status).toBe(403);
    const list = await ct.get('/api/v1/care/enrolments');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(list.body)).not.toMatch(/flowerpot|checkInCode|Ana Alvarez|410-555-0102/);
  });

  it('names the field for bad input, never a 500', async () => {
    const bad = async (body: unknown, field: string, status = 400) => {
      const r = await officer.post('/api/v1/care/enrolments', body);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(Object.keys(r.body.error.fields ?? {}), JSON.stringify(r.body)).toContain(field);
      return r.body.error.fields[field] as string;
    };
    expect(await bad({ ...rose, contacts: [] }, 'contacts')).toMatch(/at least one contact/);
    expect(await bad({ ...rose, contacts: Array(6).fill(rose.contacts[0]) }, 'contacts')).toMatch(/at most 5/);
    expect(await bad({ ...rose, windowStart: '10:00', windowEnd: '08:00' }, 'windowEnd')).toMatch(/after windowStart/);
    await bad({ ...rose, windowStart: '8am' }, 'windowStart');
    await bad({ ...rose, days: ['mon', 'mon'] }, 'days');
    await bad({ ...rose, days: ['funday'] }, 'days.0');
    await bad({ ...rose, contacts: [{ name: 'X', relation: 'son', phone: 'call me' }] }, 'contacts.0.phone');
    await bad({ ...rose, escalationMinutes: 1 }, 'escalationMinutes');
    await bad({ ...rose, startDate: '2026-02-30' }, 'startDate');
    expect(await bad({ ...rose, flowerpot: true }, 'flowerpot')).toBe('is not a known field');
    const { personName: _omit, ...noName } = rose;
    expect(await bad(noName, 'personName')).toBe('is required');
    const id = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'Window Test' })).body.id;
    const patch = await officer.patch(`/api/v1/care/enrolments/${id}`, { windowStart: '11:00' });
    expect(patch.status).toBe(422);
    expect(patch.body.error.fields).toHaveProperty('windowStart');
    const empty = await officer.patch(`/api/v1/care/enrolments/${id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ body: 'give at least one field to change' });
    expect((await officer.patch('/api/v1/care/enrolments/999999', { notes: 'x' })).status).toBe(404);
  });

  it('gives the whole record only with a purpose, and audits each read with it', async () => {
    const e = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'Audit Reader' })).body;
    const missing = await ct.get(`/api/v1/care/enrolments/${e.id}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual({ purpose: 'is required' });
    const r = await ct.get(`/api/v1/care/enrolments/${e.id}?purpose=${encodeURIComponent('caller asking about her mother')}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ notes: rose.notes, contacts: rose.contacts, checkInCode: e.checkInCode });
    const { rows } = await t.pool.query("SELECT actor_label, purpose FROM audit_log WHERE action = 'care.view' AND entity = 'care-enrolment' AND entity_id = $1", [String(e.id)]);
    expect(rows).toEqual([{ actor_label: ct.username, purpose: 'caller asking about her mother' }]);
    expect((await ct.get('/api/v1/care/enrolments/999999?purpose=checking')).status).toBe(404);
  });

  it('replaces a lost code and link; the old link stops working', async () => {
    const e = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'Lost Link' })).body;
    const token = e.checkInLink.split('/').pop();
    const r = await officer.post(`/api/v1/care/enrolments/${e.id}/reissue-code`);
    expect(r.status).toBe(200);
    expect(r.body.checkInLink).not.toBe(e.checkInLink);
    expect((await t.anonymous().get(`/api/v1/care/public/${token}`)).status).toBe(404);
  });
});

describe('check-in', () => {
  it('by link: the page learns a first name only; a second check-in changes nothing', async () => {
    const e = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'Maria Lopez Garcia', language: 'es' })).body;
    const token = e.checkInLink.split('/').pop();
    const pub = t.anonymous();
    const info = await pub.get(`/api/v1/care/public/${token}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ firstName: 'Maria', language: 'es', windowStart: '08:00', windowEnd: '10:00', checkedInAt: null, paused: false });
    expect(JSON.stringify(info.body)).not.toMatch(/Lopez|Orleans|flowerpot/);
    const first = await pub.post(`/api/v1/care/public/${token}/check-in`);
    expect(first.status).toBe(200);
    expect(first.body.alreadyCheckedIn).toBe(false);
    const again = await pub.post(`/api/v1/care/public/${token}/check-in`);
    expect(again.body).toEqual({ ...first.body, alreadyCheckedIn: true });
    expect((await pub.get(`/api/v1/care/public/${token}`)).body.checkedInAt).toBe(first.body.checkedInAt);
    const board = (await ct.get('/api/v1/care/today')).body;
    expect(board.entries.find((x: any) => x.enrolmentId === e.id)).toMatchObject({ state: 'checked-in', checkedInVia: 'link', checkedInBy: 'senior' });
    expect((await pub.get('/api/v1/care/public/not-a-token')).status).toBe(400);
    expect((await pub.get(`/api/v1/care/public/${'x'.repeat(32)}`)).status).toBe(404);
  });

  it('by code, and by staff after a phone call; a paused enrolment takes neither', async () => {
    const e = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'Code User' })).body;
    const pub = t.anonymous();
    const wrong = await pub.post('/api/v1/care/public/check-in', { code: e.checkInCode === '000000' ? '000001' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toHaveProperty('code');
    expect((await pub.post('/api/v1/care/public/check-in', { code: '12ab' })).body.error.fields).toHaveProperty('code');
    const ok = await pub.post('/api/v1/care/public/check-in', { code: e.checkInCode });
    expect(ok.status).toBe(200);
    expect(ok.body.alreadyCheckedIn).toBe(false);

    const phoned = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'Phone Call' })).body;
    const s = await ct.post(`/api/v1/care/enrolments/${phoned.id}/check-in`, { note: 'spoke to her, all well' });
    expect(s.status).toBe(200);
    const entry = (await ct.get('/api/v1/care/today')).body.entries.find((x: any) => x.enrolmentId === phoned.id);
    expect(entry).toMatchObject({ state: 'checked-in', checkedInVia: 'staff', checkedInBy: ct.username });
    expect((await (await t.as('responder')).post(`/api/v1/care/enrolments/${phoned.id}/check-in`, {})).status).toBe(403);

    const paused = (await officer.post('/api/v1/care/enrolments', { ...rose, personName: 'In Hospital' })).body;
    expect((await officer.patch(`/api/v1/care/enrolments/${paused.id}`, { active: false })).body.active).toBe(false);
    expect((await pub.post(`/api/v1/care/public/${paused.checkInLink.split('/').pop()}/check-in`)).status).toBe(409);
    expect((await pub.post('/api/v1/care/public/check-in', { code: paused.checkInCode })).status).toBe(422);
    expect((await ct.get('/api/v1/care/today')).body.entries.find((x: any) => x.enrolmentId === paused.id).state).toBe('paused');
  });

  it('refuses a resolution without a note and an alert that does not exist', async () => {
    expect((await ct.post('/api/v1/care/alerts/999999/resolve', { note: 'reached her' })).status).toBe(404);
    const r = await ct.post('/api/v1/care/alerts/1/resolve', { note: '  ' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toHaveProperty('note');
    expect((await ct.get('/api/v1/care/alerts?state=closed')).body.error.fields).toHaveProperty('state');
    expect((await ct.get('/api/v1/care/alerts?state=open')).status).toBe(200);
  });

  it('documents every route in the OpenAPI description', async () => {
    const doc = (await ct.get('/api/v1/openapi.json')).body;
    for (const p of ['/api/v1/care/today', '/api/v1/care/enrolments/{id}', '/api/v1/care/alerts/{id}/resolve', '/api/v1/care/public/check-in']) expect(Object.keys(doc.paths)).toContain(p);
  });

  it('limits public check-in requests per address', async () => {
    const pub = t.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await pub.get(`/api/v1/care/public/${'y'.repeat(32)}`)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(20);
  });
});
