import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { pdfPagesText } from '../../../test/helpers/pdf-text';

const portrait = readFileSync(join(import.meta.dirname, '../../../test/fixtures/portrait.jpg')).toString('base64');
const P = 'purpose=Missing%20person%20search';

const walter = {
  firstName: 'Walter',
  lastName: 'Greene',
  preferredName: 'Walt',
  dateOfBirth: '1941-05-02',
  sex: 'male',
  heightCm: 175,
  weightKg: 70,
  hair: 'grey',
  eyes: 'blue',
  build: 'slim',
  features: 'walks with a cane, hearing aid in left ear',
  usualClothing: 'grey tweed jacket, brown flat cap',
  medicalNotes: 'Dementia; takes donepezil',
  behaviours: 'Walks toward his old workplace; may say he is going to work',
  calming: 'Talk about the Orioles; call him Walt',
  trackingDevice: 'GPS watch, provider SafeTrack, id 88-1234',
  homeAddress: '100 N Holliday St',
  caregivers: [{ name: 'Ruth Greene', relationship: 'daughter', phone: '410-555-0142' }],
  destinations: [{ label: 'Old workplace', address: 'Lexington Market' }],
  photo: { contentType: 'image/jpeg', data: portrait },
};

let t: TestServer;
let officer: SignedInClient;
let calltaker: SignedInClient;
let responder: SignedInClient;
let walterId: number;
let farId: number;

beforeAll(async () => {
  t = await createTestServer({ geography: true });
  [officer, calltaker] = await Promise.all([t.as('community-officer'), t.as('call-taker')]);
  const { rows } = await t.pool.query("SELECT id FROM agencies WHERE code = 'BPD'");
  responder = await t.as('responder', { agencyId: rows[0].id });
});
afterAll(() => t.close());

describe('the registry', () => {
  it('registers a person, placing home and destinations on the map, and names bad fields', async () => {
    const bad = await officer.post('/api/v1/hmh/people', { ...walter, heightCm: 500, caregivers: [], homeLat: 39.3 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['heightCm', 'caregivers']));
    const res = await officer.post('/api/v1/hmh/people', walter);
    expect(res.status).toBe(201);
    walterId = res.body.id;
    expect(res.body).toMatchObject({ state: 'active', hasPhoto: true, age: expect.any(Number) });
    expect(res.body.homeLat).toBeCloseTo(39.29, 1);
    expect(res.body.destinations[0]).toMatchObject({ label: 'Old workplace', lat: expect.any(Number) });
    const far = await officer.post('/api/v1/hmh/people', { ...walter, firstName: 'Harold', lastName: 'Price', usualClothing: 'grey hoodie', homeAddress: '5800 Reisterstown Rd', destinations: [], photo: undefined });
    farId = far.body.id;
    expect((await calltaker.post('/api/v1/hmh/people', walter)).status).toBe(403);
  });

  it('searches by description and by where someone was found, only with a stated purpose', async () => {
    const none = await calltaker.get('/api/v1/hmh/search?q=grey');
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toHaveProperty('purpose');
    const byText = await calltaker.get(`/api/v1/hmh/search?q=tweed%20cap&${P}`);
    expect(byText.body.matches.map((m: { id: number }) => m.id)).toEqual([walterId]);
    // "Found near Lexington Market": Walter's old workplace is there; Harold lives across the city.
    const near = await calltaker.get(`/api/v1/hmh/search?q=grey&near=${encodeURIComponent('Lexington Market')}&${P}`);
    expect(near.body.matches.map((m: { id: number }) => m.id)).toEqual([walterId, farId]);
    expect(near.body.matches[0]).toMatchObject({ nearestPlace: 'Old workplace' });
    expect(near.body.matches[0].distanceM).toBeLessThan(200);
    expect(near.body.matches[1].distanceM).toBeGreaterThan(5000);
    expect(near.body.matches[0].summary).toContain(`5'9" (175 cm)`);
    const young = await calltaker.get(`/api/v1/hmh/search?maxAge=30&${P}`);
    expect(young.body.matches).toEqual([]);
    const bad = await calltaker.get(`/api/v1/hmh/search?near=${encodeURIComponent('zzzz qqqq')}&${P}`);
    expect(bad.body.error?.fields ?? {}).toHaveProperty('near');
    const { rows } = await t.pool.query("SELECT purpose FROM audit_log WHERE action = 'hmh-person.view' AND actor_label = $1", [calltaker.username]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.purpose === 'Missing person search')).toBe(true);
  });
});

describe('report missing', () => {
  let reportId: number;
  let incidentId: number;

  it('creates a missing-person incident with the profile, a BOLO to units and a draft Silver alert', async () => {
    // A city camera across the street from the market, looking all around, and one 2 km away.
    const cams = await t.pool.query(
      `INSERT INTO cameras (name, owner_kind, lat, lon, range_m, source, source_id) VALUES
         ('Market corner', 'city', 39.2917, -76.6213, 120, 'test', 'hmh-1'), ('Far away', 'city', 39.31, -76.60, 120, 'test', 'hmh-2') RETURNING id`,
    );
    // The camera index follows the registry within seconds; wait until it has ours.
    const sup = await t.as('supervisor');
    await expect
      .poll(async () => (await sup.get('/api/v1/cameras/seeing?lat=39.2917&lon=-76.6213')).body.some((c: { camera: { id: number } }) => c.camera.id === cams.rows[0].id), { timeout: 10_000, interval: 250 })
      .toBe(true);
    const r = await calltaker.post(`/api/v1/hmh/people/${walterId}/report-missing`, {
      lastSeen: { text: 'Lexington Market' },
      lastSeenAt: new Date(Date.now() - 45 * 60_000).toISOString(),
      clothing: 'navy raincoat, brown flat cap',
    });
    expect(r.status).toBe(201);
    reportId = r.body.reportId;
    incidentId = r.body.incident.id;
    expect(r.body.incident).toMatchObject({ type: 'PERMISS', agencyCode: 'BPD' });
    expect(r.body.alertDraft.kind).toBe('silver');
    expect(r.body.alertDraft.headline).toContain('SILVER ALERT: missing');
    expect(r.body.bolo.title).toContain('Missing: Walter Greene');
    expect(r.body.bolo.body).toContain('navy raincoat');
    // The RTCC's first places to look: cameras that see the market first (ours among them, and the
    // demo's CitiWatch camera at Eutaw and Lexington Market), then others close by; never the far one.
    const near = r.body.camerasNear as Array<{ camera: { id: number; name: string }; sees: boolean; distanceM: number }>;
    const ids = near.map((c) => c.camera.id);
    expect(ids).toContain(cams.rows[0].id);
    expect(ids).not.toContain(cams.rows[1].id);
    expect(near.find((c) => c.camera.id === cams.rows[0].id)!.sees).toBe(true);
    const firstNotSeeing = near.findIndex((c) => !c.sees);
    expect(firstNotSeeing === -1 || near.slice(firstNotSeeing).every((c) => !c.sees)).toBe(true);
    expect(near.every((c) => c.distanceM <= 400)).toBe(true);

    const detail = await responder.get(`/api/v1/incidents/${incidentId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.narrative[0].text).toContain('HELP ME HOME');
    expect(detail.body.narrative[0].text).toContain('Likely destinations: Old workplace (Lexington Market)');
    const prof = detail.body.missingPersons[0];
    expect(prof).toMatchObject({ personId: walterId, name: 'Walter Greene ("Walt")', clothing: 'navy raincoat, brown flat cap', trackingDevice: expect.stringContaining('SafeTrack'), found: false });
    const photo = await fetch(`${t.url}${prof.photoUrl}?purpose=incident`, { headers: responder.headers() });
    expect(photo.status).toBe(200);

    const bolos = await responder.get('/api/v1/bolos');
    expect(bolos.body.map((b: { id: number }) => b.id)).toContain(r.body.bolo.id);
    const ev = await t.pool.query("SELECT rooms FROM events WHERE type = 'bolo.issued' AND incident_id = $1", [incidentId]);
    expect(ev.rows[0].rooms).toEqual(expect.arrayContaining(['centre', `agency:${detail.body.agencyId}`, `incident:${incidentId}`]));
    const person = await officer.get(`/api/v1/hmh/people/${walterId}?${P}`);
    expect(person.body.state).toBe('missing');
    expect(person.body.missing).toMatchObject({ reportId, incidentId, boloId: r.body.bolo.id, alertDraftId: r.body.alertDraft.id });

    const again = await calltaker.post(`/api/v1/hmh/people/${walterId}/report-missing`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(r.body.incident.number);
  });

  it('prints a flyer without medical details', async () => {
    const res = await fetch(`${t.url}/api/v1/hmh/people/${walterId}/flyer.pdf?${P}`, { headers: officer.headers() });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfPagesText(new Uint8Array(await res.arrayBuffer()))).join(' ');
    expect(text).toContain('MISSING');
    expect(text).toContain('Walter Greene');
    expect(text).toContain('navy raincoat');
    expect(text).toContain('Lexington Market');
    expect(text).toContain('call 9-1-1');
    expect(text).not.toContain('donepezil');
    expect(text).not.toContain('410-555-0142');
  });

  it('marks found: the BOLO comes off, the draft is withdrawn, the incident says so', async () => {
    const res = await calltaker.post(`/api/v1/hmh/reports/${reportId}/found`, { note: 'Found at the market by officer, unharmed' });
    expect(res.status).toBe(200);
    expect((await responder.get('/api/v1/bolos')).body.filter((b: { incidentId: number }) => b.incidentId === incidentId)).toEqual([]);
    const draft = await t.pool.query('SELECT state FROM alert_drafts WHERE incident_id = $1', [incidentId]);
    expect(draft.rows[0].state).toBe('cancelled');
    const detail = await calltaker.get(`/api/v1/incidents/${incidentId}`);
    expect(detail.body.narrative.at(-1).text).toContain('person found');
    expect(detail.body.missingPersons[0].found).toBe(true);
    expect((await officer.get(`/api/v1/hmh/people/${walterId}?${P}`)).body.state).toBe('active');
    expect((await calltaker.post(`/api/v1/hmh/reports/${reportId}/found`, { note: 'again' })).status).toBe(409);
    // The audit trail holds ids and states, not the person's medical details.
    const { rows } = await t.pool.query("SELECT before, after FROM audit_log WHERE entity = 'hmh-person'");
    expect(JSON.stringify(rows)).not.toContain('donepezil');
  });
});

describe('privacy of the registry', () => {
  it('is found by a caregiver\'s number, exported, and erased by a second supervisor; the incident stays', async () => {
    const [supA, supB] = await Promise.all([t.as('supervisor'), t.as('supervisor')]);
    const found = await supA.get(`/api/v1/privacy/search?${P}&phone=${encodeURIComponent('(410) 555-0142')}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const hmh = found.body.groups.find((g: { source: string }) => g.source === 'help-me-home');
    expect(hmh.matches.map((m: { ref: string }) => m.ref)).toEqual(expect.arrayContaining([`help-me-home:${walterId}`]));
    const refs = [`help-me-home:${walterId}`];

    const exp = await supA.post('/api/v1/privacy/requests', { kind: 'export', subject: { name: 'Walter Greene' }, identityCheck: 'Daughter with power of attorney, seen in person', refs });
    const file = await fetch(`${t.url}/api/v1/privacy/requests/${exp.body.id}/export?${P}`, { headers: supA.headers() });
    const text = await file.text();
    expect(text).toContain('Walks toward his old workplace');
    expect(text).toContain('Lexington Market');

    const del = await supA.post('/api/v1/privacy/requests', { kind: 'deletion', subject: { name: 'Walter Greene' }, identityCheck: 'Daughter with power of attorney, seen in person', refs });
    expect((await supA.post(`/api/v1/privacy/requests/${del.body.id}/complete`)).status).toBe(409);
    const done = await supB.post(`/api/v1/privacy/requests/${del.body.id}/complete`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.result['help-me-home']).toMatchObject({ people: 1, destinations: 1, reports: 1 });
    expect((await officer.get(`/api/v1/hmh/people/${walterId}?${P}`)).status).toBe(404);
    const { rows } = await t.pool.query("SELECT id FROM incidents WHERE type_code = 'PERMISS'");
    const detail = await calltaker.get(`/api/v1/incidents/${rows[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.missingPersons).toEqual([]);
  });
});
