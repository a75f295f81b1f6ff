import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';
import type { SignedInClient } from '../../../test/helpers/test-server';
import { pdfPagesText } from '../../../test/helpers/pdf-text';
import { ManualClock } from '../../scheduler/clock';

const portrait = readFileSync(join(import.meta.dirname, '../../../test/fixtures/portrait.jpg')).toString('base64');
const today = new Date().toISOString().slice(0, 10);
const P = 'purpose=Program%20administration';

function form(over: Record<string, unknown> = {}) {
  return {
    language: 'en',
    person: { firstName: 'Walter', lastName: 'Greene', dateOfBirth: '1941-05-02', preferredName: 'Walt' },
    address: { street: '100 N Holliday St', unit: '4B', city: 'Baltimore', zip: '21202' },
    conditions: ['dementia', 'oxygen', 'deaf-hard-of-hearing'],
    communication: 'Face him, speak slowly; he reads lips. Calms with talk about the Orioles.',
    medications: 'Donepezil; home oxygen 2 L/min',
    equipment: 'Oxygen concentrator in bedroom, spare tanks in hall closet',
    access: 'Key with neighbour in 4A',
    contacts: [{ name: 'Ruth Greene', relationship: 'daughter', phone: '410-555-0142' }],
    submitter: { name: 'Ruth Greene', relationship: 'daughter', email: 'ruth@example.org' },
    photo: { contentType: 'image/jpeg', data: portrait },
    consent: { agreed: true, signedName: 'Ruth Greene', signedDate: today },
    ...over,
  };
}

let t: TestServer;
let clock: ManualClock;
let officer: SignedInClient;
let supervisor: SignedInClient;
let calltaker: SignedInClient;
let dispatcher: SignedInClient;
let responder: SignedInClient;

const tokenOf = (manageUrl: string) => /\/special-needs\/manage\/(sn_[\w-]+)/.exec(manageUrl)![1]!;

async function bytes(path: string, client?: TestClient): Promise<{ status: number; type: string | null; body: Uint8Array }> {
  const res = await fetch(t.url + path, { headers: client ? client.headers() : {} });
  return { status: res.status, type: res.headers.get('content-type'), body: new Uint8Array(await res.arrayBuffer()) };
}

async function messagesFor(id: number) {
  const { rows } = await t.pool.query('SELECT channel, recipient, subject, body, purpose FROM outbound_messages WHERE related = $1 ORDER BY id', [`special-needs:${id}`]);
  return rows;
}

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestServer({ geography: true, clock });
  [officer, supervisor, calltaker, dispatcher] = await Promise.all([t.as('community-officer'), t.as('supervisor'), t.as('call-taker'), t.as('dispatcher')]);
  const { rows } = await t.pool.query("SELECT id FROM agencies WHERE code = 'BCFD'");
  responder = await t.as('responder', { agencyId: rows[0].id });
});
afterAll(() => t.close());

describe('the public form', () => {
  it('names every bad field and stores nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM special_needs_notices')).rows[0].n;
    const bad = await t.anonymous().post('/api/v1/public/special-needs', form({
      conditions: ['levitation'],
      contacts: [],
      consent: { agreed: false, signedName: '', signedDate: 'tomorrow' },
      submitter: { name: 'X', email: 'not-an-email' },
    }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['conditions.0', 'contacts', 'consent.agreed', 'consent.signedName', 'consent.signedDate', 'submitter.email']));
    const notJpeg = await t.anonymous().post('/api/v1/public/special-needs', form({ photo: { contentType: 'image/jpeg', data: Buffer.from('GIF89a not really').toString('base64') } }));
    expect(notJpeg.status).toBe(422);
    expect(notJpeg.body.error.fields).toHaveProperty('photo');
    const other = await t.anonymous().post('/api/v1/public/special-needs', form({ conditions: ['other'] }));
    expect(other.body.error.fields).toHaveProperty('conditionsOther');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM special_needs_notices')).rows[0].n).toBe(before);
  });

  it('accepts a notification, sends the private link, and gives a PDF copy in the family\'s language', async () => {
    const res = await t.anonymous().post('/api/v1/public/special-needs', form({ language: 'es', communication: 'Háblele despacio; lee los labios.' }));
    expect(res.status).toBe(201);
    expect(res.body.id).toBeGreaterThan(0);
    expect(res.body.manageUrl).toMatch(/^http:\/\/.+\/special-needs\/manage\/sn_[\w-]{43}\?lang=es$/);
    const token = tokenOf(res.body.manageUrl);
    const msgs = await messagesFor(res.body.id);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ channel: 'email', recipient: 'ruth@example.org', purpose: 'special-needs.received' });
    expect(msgs[0].body).toContain(token);
    expect(msgs[0].subject).toContain('Recibimos');

    const pdf = await bytes(res.body.pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = (await pdfPagesText(pdf.body)).join(' ');
    expect(text).toContain('Notificación de Necesidades Especiales');
    expect(text).toContain('Walter Greene');
    expect(text).toContain('Háblele despacio');
    expect(text).toContain('Usa oxígeno');
    expect(text).toContain('Ruth Greene');

    const mine = await t.anonymous().get(`/api/v1/public/special-needs/manage/${token}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: res.body.id, state: 'pending', hasPhoto: true });
    expect(mine.body.form.person.firstName).toBe('Walter');
    const photo = await bytes(`/api/v1/public/special-needs/manage/${token}/photo`);
    expect(Buffer.from(photo.body).toString('base64')).toBe(portrait);
    expect((await t.anonymous().get('/api/v1/public/special-needs/manage/sn_' + 'A'.repeat(43))).status).toBe(404);
    expect((await t.anonymous().get('/api/v1/public/special-needs/manage/guess')).status).toBe(400);
  });
});

describe('review, the caution on incidents, and privacy', () => {
  let id: number;
  let token: string;

  beforeAll(async () => {
    const res = await t.anonymous().post('/api/v1/public/special-needs', form());
    id = res.body.id;
    token = tokenOf(res.body.manageUrl);
  });

  it('refuses to show the queue without a stated purpose, and audits every view with it', async () => {
    const none = await officer.get('/api/v1/special-needs');
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toHaveProperty('purpose');
    const list = await officer.get(`/api/v1/special-needs?filter=pending&${P}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(id);
    expect(list.body.counts.pending).toBeGreaterThanOrEqual(1);
    const one = await officer.get(`/api/v1/special-needs/${id}?${P}`);
    expect(one.body.form.medications).toContain('Donepezil');
    expect(one.body.location.score).toBeGreaterThanOrEqual(0.85);
    const { rows } = await t.pool.query("SELECT actor_label, purpose FROM audit_log WHERE action = 'special-needs.view' AND entity_id = $1", [String(id)]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.purpose === 'Program administration' && r.actor_label === officer.username)).toBe(true);
    expect((await calltaker.get(`/api/v1/special-needs?${P}`)).status).toBe(403);
    expect((await t.anonymous().post(`/api/v1/special-needs/${id}/approve`, {})).status).toBe(401);
  });

  it('on approval puts a caution on every incident at the address, with the least detail each role needs', async () => {
    const approved = await supervisor.post(`/api/v1/special-needs/${id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(Date.parse(approved.body.expiresAt) - Date.parse(approved.body.confirmedAt)).toBeGreaterThan(364 * 86_400_000);
    expect((await messagesFor(id)).map((m) => m.purpose)).toContain('special-needs.approved');

    // An incident typed at the address, as a call-taker would: geocoded, then the caution follows.
    const inc = await calltaker.post('/api/v1/incidents', { type: 'SICK', location: { text: '100 N Holliday St' } });
    expect(inc.status).toBe(201);
    const seenBy = async (c: TestClient) => (await c.get(`/api/v1/incidents/${inc.body.id}`)).body.cautions.find((x: { source: string }) => x.source === 'special-needs');
    const ct = await seenBy(calltaker);
    expect(ct.summary).toBe("Special needs: Dementia / Alzheimer's, Oxygen in use, Deaf or hard of hearing");
    expect(ct.summary).not.toContain('Walter');
    expect(ct.details).toContain('speak slowly');
    expect(ct.details).not.toContain('Donepezil');
    expect(ct.photoUrl).toBeNull();
    const dp = await seenBy(dispatcher);
    expect(dp.details).toContain('Oxygen concentrator');
    expect(dp.details).not.toContain('Donepezil');
    expect(dp.photoUrl).toBe(`/api/v1/special-needs/${id}/photo`);
    const rp = await seenBy(responder);
    expect(rp.details).toContain('Donepezil');
    expect(rp.details).toContain('Ruth Greene (daughter) 410-555-0142');
    const pic = await bytes(`${rp.photoUrl}?purpose=incident`, responder);
    expect(pic.status).toBe(200);
    expect(pic.type).toBe('image/jpeg');

    // 25 m away is still "at that address"; 200 m away is not.
    const near = await calltaker.post('/api/v1/incidents', { type: 'SICK', location: { lat: inc.body.location.lat + 0.000225, lon: inc.body.location.lon } });
    expect((await calltaker.get(`/api/v1/incidents/${near.body.id}`)).body.cautions.some((x: { source: string }) => x.source === 'special-needs')).toBe(true);
    const far = await calltaker.post('/api/v1/incidents', { type: 'SICK', location: { lat: inc.body.location.lat + 0.0018, lon: inc.body.location.lon } });
    expect((await calltaker.get(`/api/v1/incidents/${far.body.id}`)).body.cautions.some((x: { source: string }) => x.source === 'special-needs')).toBe(false);

    // A screen refreshing the same incident is one view per window, not a row per refresh.
    await seenBy(calltaker);
    await seenBy(calltaker);
    const ctRows = await t.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'special-needs.view' AND entity_id = $1 AND actor_label = $2 AND purpose = $3", [String(id), calltaker.username, `incident BCFD ${inc.body.number}`]);
    expect(ctRows.rows[0].n).toBe(1);
    // Each of those views is in the audit log with the incident as its purpose.
    const { rows } = await t.pool.query("SELECT purpose FROM audit_log WHERE action = 'special-needs.view' AND entity_id = $1 AND actor_label = $2", [String(id), responder.username]);
    expect(rows.map((r) => r.purpose)).toEqual(expect.arrayContaining([`incident BCFD ${inc.body.number}`, 'incident']));
    // The audit log holds no medical details, only which fields changed.
    const { rows: trail } = await t.pool.query("SELECT before, after FROM audit_log WHERE entity = 'special-needs' AND entity_id = $1", [String(id)]);
    expect(JSON.stringify(trail)).not.toContain('Donepezil');
  });

  it('shows call intake the caution by point', async () => {
    const here = await officer.get(`/api/v1/special-needs/${id}?${P}`);
    const c = await calltaker.get(`/api/v1/cautions?lat=${here.body.location.lat}&lon=${here.body.location.lon}`);
    expect(c.body.some((x: { source: string }) => x.source === 'special-needs')).toBe(true);
  });

  it('flags an entry past its year instead of dropping it, and reminds the family once', async () => {
    clock.set(new Date(Date.now() + 340 * 86_400_000));
    await t.server.ctx.scheduler!.runOnce('special-needs-reminders');
    await t.server.ctx.scheduler!.runOnce('special-needs-reminders');
    const reminders = (await messagesFor(id)).filter((m) => m.purpose === 'special-needs.reminder');
    expect(reminders).toHaveLength(1);
    const freshToken = /manage\/(sn_[\w-]+)/.exec(reminders[0].body)![1]!;
    expect(freshToken).not.toBe(token);
    expect((await t.anonymous().get(`/api/v1/public/special-needs/manage/${freshToken}`)).status).toBe(200);

    await t.pool.query("UPDATE special_needs_notices SET expires_at = now() - interval '1 day' WHERE id = $1", [id]);
    await t.pool.query("UPDATE premise_cautions SET expires_at = now() - interval '1 day' WHERE source = 'special-needs' AND source_id = $1", [String(id)]);
    const here = await officer.get(`/api/v1/special-needs/${id}?${P}`);
    expect(here.body.expired).toBe(true);
    const expired = await officer.get(`/api/v1/special-needs?filter=expired&${P}`);
    expect(expired.body.items.map((i: { id: number }) => i.id)).toContain(id);
    const c = await calltaker.get(`/api/v1/cautions?lat=${here.body.location.lat}&lon=${here.body.location.lon}`);
    expect(c.body.find((x: { source: string }) => x.source === 'special-needs').expired).toBe(true);

    const confirmed = await t.anonymous().post(`/api/v1/public/special-needs/manage/${freshToken}/confirm`);
    expect(confirmed.body.expired).toBe(false);
    const again = await calltaker.get(`/api/v1/cautions?lat=${here.body.location.lat}&lon=${here.body.location.lon}`);
    expect(again.body.find((x: { source: string }) => x.source === 'special-needs').expired).toBe(false);
  });

  it('keeps the approved caution while a correction waits for review, and removes it on withdrawal', async () => {
    const updated = await t.anonymous().request('PUT', `/api/v1/public/special-needs/manage/${token}`, { ...form({ medications: 'Donepezil; Metformin' }), photo: undefined });
    expect(updated.status).toBe(200);
    expect(updated.body.state).toBe('pending');
    expect(updated.body.hasPhoto).toBe(true);
    const here = await officer.get(`/api/v1/special-needs/${id}?${P}`);
    const during = await calltaker.get(`/api/v1/cautions?lat=${here.body.location.lat}&lon=${here.body.location.lon}`);
    expect(during.body.some((x: { source: string }) => x.source === 'special-needs')).toBe(true);

    const ask = await officer.post(`/api/v1/special-needs/${id}/ask-more`, { message: 'Which hospital does he use?' });
    expect(ask.body.state).toBe('needs-info');
    const asked = (await messagesFor(id)).at(-1);
    expect(asked.purpose).toBe('special-needs.needs-info');
    expect(asked.body).toContain('Which hospital');
    expect((await officer.post(`/api/v1/special-needs/${id}/ask-more`, { message: '' })).body.error.fields).toHaveProperty('message');

    const gone = await t.anonymous().post(`/api/v1/public/special-needs/manage/${token}/withdraw`);
    expect(gone.status).toBe(200);
    const after = await calltaker.get(`/api/v1/cautions?lat=${here.body.location.lat}&lon=${here.body.location.lon}`);
    expect(after.body.some((x: { source: string }) => x.source === 'special-needs')).toBe(false);
    expect((await t.anonymous().get(`/api/v1/public/special-needs/manage/${token}`)).status).toBe(404);
    expect((await bytes(`/api/v1/special-needs/${id}/photo?purpose=incident`, responder)).status).toBe(404);
  });

  it('asks the reviewer to place an address the geocoder is unsure of', async () => {
    const res = await t.anonymous().post('/api/v1/public/special-needs', form({ address: { street: 'Behind the old mill, somewhere' }, photo: undefined }));
    const noPlace = await supervisor.post(`/api/v1/special-needs/${res.body.id}/approve`, {});
    expect(noPlace.status).toBe(422);
    expect(noPlace.body.error.fields).toHaveProperty('location');
    const half = await supervisor.post(`/api/v1/special-needs/${res.body.id}/approve`, { lat: 39.3 });
    expect(half.body.error.fields).toHaveProperty('lat');
    const placed = await supervisor.post(`/api/v1/special-needs/${res.body.id}/approve`, { lat: 39.3001, lon: -76.6101, note: 'Placed after a call with the family' });
    expect(placed.status).toBe(200);
    expect(placed.body.location).toMatchObject({ lat: 39.3001, lon: -76.6101 });
    const twice = await supervisor.post(`/api/v1/special-needs/${res.body.id}/approve`, {});
    expect(twice.status).toBe(409);
  });

  it('registers a person who may wander in Help Me Home when the notice is approved', async () => {
    const res = await t.anonymous().post('/api/v1/public/special-needs', form({
      person: { firstName: 'Danny', lastName: 'Ortiz', dateOfBirth: '2014-02-10' },
      address: { street: '1 E Pratt St' },
      conditions: ['autism', 'non-verbal'],
      wander: { sex: 'male', heightCm: 140, hair: 'black', usualClothing: 'red hoodie', behaviours: 'Drawn to water and trains', destinations: [{ label: 'Train station', address: 'Penn Station' }] },
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ok = await supervisor.post(`/api/v1/special-needs/${res.body.id}/approve`, {});
    expect(ok.body.helpMeHomeId).toEqual(expect.any(Number));
    const p = await officer.get(`/api/v1/hmh/people/${ok.body.helpMeHomeId}?${P}`);
    expect(p.body).toMatchObject({ firstName: 'Danny', usualClothing: 'red hoodie', hasPhoto: true, state: 'active' });
    expect(p.body.destinations[0]).toMatchObject({ label: 'Train station', lat: expect.any(Number) });
    expect(p.body.caregivers[0]).toMatchObject({ name: 'Ruth Greene', phone: '410-555-0142' });
  });
});
