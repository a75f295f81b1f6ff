import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../test/helpers/test-server';
import { verifyAuditChain } from '../audit/verify-chain';
import { freshAddress, publicRequest, tourRequestBody } from '../modules/tours/tour-test-fixtures';
import { ManualClock } from '../scheduler/clock';
import { personalDataSources } from './sources';

// Records of one person, "Marguerite Okonkwo", in every program, seeded through the programs' own
// public and staff routes; then found, exported and erased through the privacy routes. A second
// server on its own database checks the retention rules against a clock moved by hand.

const portrait = readFileSync(join(import.meta.dirname, '../../test/fixtures/portrait.jpg')).toString('base64');
const DAY = 86_400_000;
const P = `purpose=${encodeURIComponent('Records request from the person')}`;
const today = new Date().toISOString().slice(0, 10);
// Noon UTC today: far from a date line in UTC and in New York, so "today" means one date for both.
const NOON = new Date(`${today}T12:00:00Z`);

/** Every string of the person that must never reach the audit log. */
const PERSONAL = ['Marguerite', 'Okonkwo', '555-0177', '5550177', 'marguerite.o@example.org', 'Druid Park', 'lockbox', 'Chidi', 'Druid Hill Seniors', 'Uses a walker'];
const POINT = { lat: 39.3185, lon: -76.6443 };

function snForm(over: Record<string, unknown> = {}) {
  return {
    language: 'en',
    person: { firstName: 'Marguerite', lastName: 'Okonkwo', dateOfBirth: '1938-02-11' },
    address: { street: '2200 Druid Park Dr', city: 'Baltimore', zip: '21211' },
    conditions: ['mobility', 'heart'],
    communication: 'Uses a walker; give her time to reach the door.',
    contacts: [{ name: 'Chidi Okonkwo', relationship: 'son', phone: '410-555-0178' }],
    submitter: { name: 'Marguerite Okonkwo', phone: '(410) 555-0177', email: 'marguerite.o@example.org' },
    photo: { contentType: 'image/jpeg', data: portrait },
    consent: { agreed: true, signedName: 'Marguerite Okonkwo', signedDate: today },
    ...over,
  };
}

/** A weekday at least `days` after the clock's date, as tours ask for one. */
function weekdayAfter(clock: ManualClock, days: number): string {
  const d = new Date(clock.now().getTime() + days * DAY);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setTime(d.getTime() + DAY);
  return d.toISOString().slice(0, 10);
}

async function askTour(t: TestServer, clock: ManualClock, over: Record<string, unknown>): Promise<number> {
  const r = await publicRequest(t.url, 'POST', '/api/v1/public/tours', tourRequestBody({ preferences: [{ date: weekdayAfter(clock, 14), period: 'morning' }], ...over }), freshAddress());
  if (r.status !== 201) throw new Error(`tour request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

async function submitNotice(t: TestServer, form: Record<string, unknown>): Promise<{ id: number; token: string }> {
  const r = await t.anonymous().post('/api/v1/public/special-needs', form);
  if (r.status !== 201) throw new Error(`notice failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.id, token: /manage\/(sn_[\w-]+)/.exec(r.body.manageUrl)![1]! };
}

const count = async (t: TestServer, sql: string, args: unknown[] = []) => (await t.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, args)).rows[0]!.n;

describe('finding, exporting and erasing what the centre holds about a person', () => {
  let t: TestServer;
  let clock: ManualClock;
  let supA: SignedInClient;
  let supB: SignedInClient;
  let officer: SignedInClient;
  const ids = { notice: 0, walter: 0, care: 0, rose: 0, tour: 0, other: 0, incident: 0, alert: 0 };
  let refs: string[] = [];

  beforeAll(async () => {
    clock = new ManualClock(NOON);
    t = await createTestServer({ clock, timeZone: 'UTC' });
    [supA, supB, officer] = await Promise.all([t.as('supervisor'), t.as('supervisor'), t.as('community-officer')]);

    // Special needs: hers (approved: a caution at her door) and someone else's.
    ids.notice = (await submitNotice(t, snForm())).id;
    expect((await officer.post(`/api/v1/special-needs/${ids.notice}/approve`, POINT)).status).toBe(200);
    ids.walter = (await submitNotice(t, snForm({ person: { firstName: 'Walter', lastName: 'Greene' }, address: { street: '100 N Holliday St' }, submitter: { name: 'Ruth Greene', email: 'ruth@example.org' }, contacts: [{ name: 'Ruth Greene', phone: '410-555-0142' }], consent: { agreed: true, signedName: 'Ruth Greene', signedDate: today }, photo: undefined, communication: undefined }))).id;

    // Tours: her club's visit, and a school's.
    ids.tour = await askTour(t, clock, { organisation: 'Druid Hill Seniors Club', contactName: 'Marguerite Okonkwo', phone: '410 555 0177', email: 'marguerite.o@example.org' });
    ids.other = await askTour(t, clock, {});

    // CARE: enrolled at noon, so her first counted window is tomorrow's; she checks in today anyway.
    const enrol = await officer.post('/api/v1/care/enrolments', {
      personName: 'Marguerite Okonkwo',
      phone: '+1 410 555 0177',
      address: '2200 Druid Park Dr',
      windowStart: '08:00',
      windowEnd: '10:00',
      contacts: [{ name: 'Chidi Okonkwo', relation: 'son', phone: '410-555-0178' }],
      notes: 'Key in the lockbox by the side door.',
    });
    expect(enrol.status, JSON.stringify(enrol.body)).toBe(201);
    ids.care = enrol.body.id;
    ids.rose = (await officer.post('/api/v1/care/enrolments', { personName: 'Rose Alvarez', address: '1850 Orleans St', windowStart: '08:00', windowEnd: '10:00', contacts: [{ name: 'Ana Alvarez', relation: 'daughter', phone: '410-555-0102' }] })).body.id;
    expect((await t.anonymous().post('/api/v1/care/public/check-in', { code: enrol.body.checkInCode })).status).toBe(200);
    // Tomorrow she misses her window: an alert, her son is texted, and it becomes a welfare check.
    clock.set(new Date(NOON.getTime() + DAY - 115 * 60_000));
    await t.server.ctx.scheduler!.runOnce('care');
    clock.set(new Date(NOON.getTime() + DAY - 80 * 60_000));
    await t.server.ctx.scheduler!.runOnce('care');
    const alert = (await t.pool.query('SELECT id, state, incident_id FROM care_alerts WHERE enrolment_id = $1', [ids.care])).rows[0];
    expect(alert?.state).toBe('welfare-check');
    ids.alert = alert.id;
    ids.incident = Number(alert.incident_id);
    // She checks in after all: the alert records it, and the incident gets a line for responders.
    clock.set(new Date(NOON.getTime() + DAY - 75 * 60_000));
    expect((await t.anonymous().post('/api/v1/care/public/check-in', { code: enrol.body.checkInCode })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('lists every program as a source, each found from its own file', async () => {
    const ids = (await personalDataSources()).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['special-needs', 'care', 'tours', 'messages']));
    for (const s of await personalDataSources()) expect(s.retention.length).toBeGreaterThan(0);
  });

  it('searches only with a stated purpose and at least one criterion, for supervisors and admins', async () => {
    const none = await supA.get('/api/v1/privacy/search?name=Okonkwo');
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toHaveProperty('purpose');
    const empty = await supA.get(`/api/v1/privacy/search?${P}&name=%20`);
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields).toHaveProperty('name');
    const shortPhone = await supA.get(`/api/v1/privacy/search?${P}&phone=555`);
    expect(shortPhone.body.error.fields).toHaveProperty('phone');
    expect((await officer.get(`/api/v1/privacy/search?${P}&name=Okonkwo`)).status).toBe(403);
    expect((await (await t.as('admin')).get(`/api/v1/privacy/search?${P}&name=Nobody`)).status).toBe(200);
  });

  it('finds her records in every program, matched loosely, and nobody else\'s', async () => {
    const r = await supA.get(`/api/v1/privacy/search?${P}&name=${encodeURIComponent('okonkwo MARGUERITE')}&phone=${encodeURIComponent('410.555.0177')}&email=${encodeURIComponent('Marguerite.O@Example.org')}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.criteria).toEqual(['name', 'phone', 'email']);
    const bySource = Object.fromEntries(r.body.groups.map((g: { source: string; matches: unknown[] }) => [g.source, g.matches]));
    expect(bySource['special-needs'].map((m: { ref: string }) => m.ref)).toEqual([`special-needs:${ids.notice}`]);
    expect(bySource['special-needs'][0].matchedOn).toEqual(expect.arrayContaining(['person name', 'submitter phone', 'submitter e-mail']));
    expect(bySource.care.map((m: { ref: string }) => m.ref)).toEqual([`care:${ids.care}`]);
    expect(bySource.care[0].matchedOn).toEqual(expect.arrayContaining(['person name', 'phone']));
    expect(bySource.tours.map((m: { ref: string }) => m.ref)).toEqual([`tours:${ids.tour}`]);
    expect(bySource.messages.map((m: { ref: string }) => m.ref)).toEqual(['messages:email-marguerite.o@example.org']);
    expect(bySource.messages[0].summary).toMatch(/^3 e-mails to marguerite\.o@example\.org/);
    refs = r.body.groups.flatMap((g: { matches: Array<{ ref: string }> }) => g.matches.map((m) => m.ref));

    // Her son's number finds the records that name him as a contact, and the text he was sent.
    const son = await supA.get(`/api/v1/privacy/search?${P}&phone=4105550178`);
    const sonRefs = son.body.groups.flatMap((g: { matches: Array<{ ref: string; matchedOn: string[] }> }) => g.matches.map((m) => `${m.ref} ${m.matchedOn.join()}`));
    expect(sonRefs).toEqual([`special-needs:${ids.notice} emergency contact phone`, `care:${ids.care} contact phone`, 'messages:sms-4105550178 recipient phone']);
    const address = await supA.get(`/api/v1/privacy/search?${P}&address=${encodeURIComponent('2200 druid park')}`);
    expect(address.body.groups.flatMap((g: { matches: Array<{ ref: string }> }) => g.matches.map((m) => m.ref))).toEqual([`special-needs:${ids.notice}`, `care:${ids.care}`]);

    // Audited with its purpose and the fields searched on, never what was typed.
    const audit = (await t.pool.query("SELECT after, purpose FROM audit_log WHERE action = 'privacy-search.view' ORDER BY seq DESC LIMIT 1")).rows[0];
    expect(audit.purpose).toBe('Records request from the person');
    expect(audit.after.criteria).toEqual(['address']);
    const seen = (await t.pool.query("SELECT purpose, after FROM audit_log WHERE action = 'special-needs.view' AND entity_id = $1", [String(ids.notice)])).rows;
    expect(seen.some((s) => s.after?.via === 'privacy-search' && s.purpose === 'Records request from the person')).toBe(true);
  });

  it('refuses requests without an identity check or with refs no search gave', async () => {
    const base = { kind: 'export', subject: { name: 'Marguerite Okonkwo' }, identityCheck: 'Driving licence seen at the front desk', refs };
    expect((await supA.post('/api/v1/privacy/requests', { ...base, identityCheck: '' })).body.error.fields).toHaveProperty('identityCheck');
    expect((await supA.post('/api/v1/privacy/requests', { ...base, refs: ['bank:12'] })).body.error.fields).toHaveProperty('refs.0');
    expect((await supA.post('/api/v1/privacy/requests', { ...base, refs: ['care:abc'] })).body.error.fields).toHaveProperty('refs.0');
    expect((await supA.post('/api/v1/privacy/requests', { ...base, subject: {} })).body.error.fields).toHaveProperty('subject');
    expect((await supA.post('/api/v1/privacy/requests', { ...base, kind: 'sell' })).status).toBe(400);
  });

  it('exports everything held under the chosen records as a JSON download with a cover', async () => {
    const req = await supA.post('/api/v1/privacy/requests', { kind: 'export', subject: { name: 'Marguerite Okonkwo', phone: '410-555-0177' }, identityCheck: 'Driving licence seen at the front desk', refs });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body).toMatchObject({ kind: 'export', state: 'open', requestedBy: supA.username });
    expect((await supA.get(`/api/v1/privacy/requests/${req.body.id}/export`)).status).toBe(422);
    const res = await fetch(`${t.url}/api/v1/privacy/requests/${req.body.id}/export?${P}`, { headers: supA.headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="privacy-request-${req.body.id}.json"`);
    const doc = JSON.parse(await res.text());
    const sn = doc.records['special-needs'][0];
    expect(sn.form.person).toMatchObject({ firstName: 'Marguerite', lastName: 'Okonkwo' });
    expect(sn.photo.base64).toBe(portrait);
    expect(sn.cautions[0].summary).toContain('Special needs');
    expect(sn.messages.map((m: { purpose: string }) => m.purpose)).toEqual(['special-needs.received', 'special-needs.approved']);
    const care = doc.records.care[0];
    expect(care.enrolment).toMatchObject({ personName: 'Marguerite Okonkwo', notesForResponders: 'Key in the lockbox by the side door.' });
    expect(care.enrolment).not.toHaveProperty('checkInCode');
    expect(care.checkInDays).toHaveLength(2);
    expect(care.alerts[0]).toMatchObject({ state: 'welfare-check', resolution: expect.stringMatching(/after the welfare check was created/) });
    expect(care.alerts[0].welfareIncident).toMatch(/\d/);
    expect(care.messages.map((m: { recipient: string; purpose: string }) => `${m.purpose} ${m.recipient}`)).toEqual(['care.contacts-notified 410-555-0178']);
    expect(doc.records.tours[0]).toMatchObject({ contactName: 'Marguerite Okonkwo', organisation: 'Druid Hill Seniors Club', phone: '410 555 0177' });
    expect(doc.records.messages).toHaveLength(3);
    const cover = Object.fromEntries(doc.cover.sources.map((s: { source: string }) => [s.source, s]));
    expect(cover['special-needs'].whatItIsFor).toMatch(/responders/);
    expect(cover['special-needs'].howLongItIsKept.join(' ')).toContain('90 days after they were withdrawn or rejected');
    expect(cover.care.howLongItIsKept.join(' ')).toContain('400 days');
    expect(cover.messages.recordsInThisExport).toBe(3);
    // The request is done; it keeps counts, never the data.
    const done = await supA.get(`/api/v1/privacy/requests/${req.body.id}?${P}`);
    expect(done.body).toMatchObject({ state: 'completed', completedBy: supA.username, result: { exported: { 'special-needs': 1, care: 1, tours: 1, messages: 3 } } });
    const audit = (await t.pool.query("SELECT purpose, after FROM audit_log WHERE action = 'privacy.export' AND entity_id = $1", [String(req.body.id)])).rows;
    expect(audit).toEqual([{ purpose: 'Records request from the person', after: { state: 'completed', exported: { 'special-needs': 1, care: 1, tours: 1, messages: 3 } } }]);
  });

  it('erases on a second supervisor\'s word only, in one go, and the caution leaves the floor', async () => {
    const req = await supA.post('/api/v1/privacy/requests', { kind: 'deletion', subject: { name: 'Marguerite Okonkwo' }, identityCheck: 'Called back on the number we hold; confirmed date of birth', refs });
    expect(req.status).toBe(201);
    const own = await supA.post(`/api/v1/privacy/requests/${req.body.id}/complete`);
    expect(own.status).toBe(409);
    expect(own.body.error.message).toMatch(/someone other than the person who requested it \(four eyes\)/);
    const ct = await t.as('call-taker');
    const before = await ct.get(`/api/v1/cautions?lat=${POINT.lat}&lon=${POINT.lon}`);
    expect(before.body.some((c: { source: string }) => c.source === 'special-needs')).toBe(true);
    expect(await count(t, 'special_needs_notices WHERE id = $1', [ids.notice])).toBe(1);

    const done = await supB.post(`/api/v1/privacy/requests/${req.body.id}/complete`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'completed', completedBy: supB.username });
    expect(done.body.result['special-needs']).toMatchObject({ notices: 1, photos: 1, messages: 2, cautionsBlanked: 1 });
    expect(done.body.result.care).toMatchObject({ enrolments: 1, days: 2, alerts: 0, welfareAlertsKeptBlank: 1, messages: 1 });
    expect(done.body.result.tours).toMatchObject({ requests: 1, links: 1, messages: 1 });

    const after = await ct.get(`/api/v1/cautions?lat=${POINT.lat}&lon=${POINT.lon}`);
    expect(after.body.some((c: { source: string }) => c.source === 'special-needs')).toBe(false);
    expect(await count(t, 'special_needs_notices WHERE id = $1', [ids.notice])).toBe(0);
    expect(await count(t, 'special_needs_links WHERE notice_id = $1', [ids.notice])).toBe(0);
    expect(await count(t, 'care_enrolments WHERE id = $1', [ids.care])).toBe(0);
    expect(await count(t, 'care_days WHERE enrolment_id = $1', [ids.care])).toBe(0);
    expect(await count(t, 'tour_requests WHERE id = $1', [ids.tour])).toBe(0);
    expect(await count(t, "outbound_messages WHERE lower(recipient) = 'marguerite.o@example.org' OR related = ANY($1)", [[`special-needs:${ids.notice}`, `care:${ids.care}`, `tour:${ids.tour}`]])).toBe(0);
    // The welfare alert stays for its incident, with nothing of her in it; the caution row is history without content.
    const alert = (await t.pool.query('SELECT state, incident_id::int AS incident_id, resolution FROM care_alerts WHERE id = $1', [ids.alert])).rows[0];
    expect(alert).toEqual({ state: 'welfare-check', incident_id: ids.incident, resolution: null });
    const caution = (await t.pool.query("SELECT summary, details, details_by_role, address, removed_at FROM premise_cautions WHERE source = 'special-needs' AND source_id = $1", [String(ids.notice)])).rows[0];
    expect(caution).toMatchObject({ summary: 'Special-needs entry erased', details: null, details_by_role: null, address: null });
    expect(caution.removed_at).not.toBeNull();

    // Nobody else's records were touched.
    expect(await count(t, 'special_needs_notices WHERE id = $1', [ids.walter])).toBe(1);
    expect(await count(t, 'care_enrolments WHERE id = $1', [ids.rose])).toBe(1);
    expect(await count(t, 'tour_requests WHERE id = $1', [ids.other])).toBe(1);
    expect(await count(t, "outbound_messages WHERE recipient = 'ruth@example.org'")).toBe(1);

    const again = await supA.post(`/api/v1/privacy/requests/${req.body.id}/complete`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already completed/);
    const erased = await supA.get(`/api/v1/privacy/search?${P}&name=${encodeURIComponent('Marguerite Okonkwo')}&email=marguerite.o@example.org`);
    expect(erased.body.groups.every((g: { matches: unknown[] }) => g.matches.length === 0)).toBe(true);
  });

  it('refuses a request with a reason, and lists requests only with a purpose', async () => {
    const req = await supA.post('/api/v1/privacy/requests', { kind: 'deletion', subject: { name: 'Walter Greene' }, identityCheck: 'Caller could not confirm the address', refs: [`special-needs:${ids.walter}`] });
    const refused = await supB.post(`/api/v1/privacy/requests/${req.body.id}/refuse`, { reason: 'Identity not confirmed; asked him to come in person' });
    expect(refused.body).toMatchObject({ state: 'refused', refusalReason: 'Identity not confirmed; asked him to come in person' });
    expect((await supB.post(`/api/v1/privacy/requests/${req.body.id}/complete`)).status).toBe(409);
    expect(await count(t, 'special_needs_notices WHERE id = $1', [ids.walter])).toBe(1);
    expect((await supA.get('/api/v1/privacy/requests')).body.error.fields).toHaveProperty('purpose');
    const list = await supA.get(`/api/v1/privacy/requests?${P}`);
    expect(list.body.map((r: { state: string }) => r.state)).toEqual(['refused', 'completed', 'completed']);
    expect((await supA.get(`/api/v1/privacy/requests/99999?${P}`)).status).toBe(404);
  });

  it('leaves the audit chain intact and holds nothing of her in it', async () => {
    const report = await verifyAuditChain(t.pool);
    expect(report.firstBad).toBeNull();
    expect(report.ok).toBe(true);
    // Incident rows are the incident record of the welfare check (kept under the centre's records
    // schedule, not by these programs); everything else must be free of her details.
    const { rows } = await t.pool.query("SELECT action, entity, entity_id, before, after, purpose FROM audit_log WHERE entity <> 'incident'");
    expect(rows.length).toBeGreaterThan(40);
    const text = JSON.stringify(rows);
    for (const s of PERSONAL) expect(text, s).not.toContain(s);
    const erase = (await t.pool.query("SELECT after FROM audit_log WHERE action = 'privacy.erase'")).rows[0].after;
    expect(erase.erased.care.enrolments).toBe(1);
  });
});

describe('retention rules on the scheduler\'s clock', () => {
  let t: TestServer;
  let clock: ManualClock;
  let sup: SignedInClient;
  const ids = { withdrawn: 0, rejected: 0, approved: 0, pending: 0, active: 0, paused: 0, declined: 0, confirmed: 0 };

  const at = (days: number) => clock.set(new Date(NOON.getTime() + days * DAY));
  // The rules of these four programs (others may add theirs beside them).
  const RULES = ['special-needs.closed', 'special-needs.expired', 'care.days', 'care.ended', 'tours.requests', 'messages.sent'];
  const due = async () => Object.fromEntries((await sup.get('/api/v1/privacy/retention')).body.rules.filter((r: { id: string }) => RULES.includes(r.id)).map((r: { id: string; due: number }) => [r.id, r.due]));
  const run = async () => {
    await t.server.ctx.scheduler!.runOnce('retention');
    expect((await t.pool.query("SELECT last_error FROM job_runs WHERE job = 'retention'")).rows[0].last_error).toBeNull();
  };
  const left = async () => ({
    notices: (await t.pool.query('SELECT id FROM special_needs_notices ORDER BY id')).rows.map((r) => r.id),
    enrolments: (await t.pool.query('SELECT id FROM care_enrolments ORDER BY id')).rows.map((r) => r.id),
    days: await count(t, 'care_days'),
    tours: (await t.pool.query('SELECT id::int AS id FROM tour_requests ORDER BY id')).rows.map((r) => r.id),
    messages: await count(t, 'outbound_messages'),
  });
  const purges = () => count(t, "audit_log WHERE action = 'privacy.retention-purge'");

  beforeAll(async () => {
    clock = new ManualClock(NOON);
    t = await createTestServer({ clock });
    sup = await t.as('supervisor');
    const officer = await t.as('community-officer');
    const plain = { photo: undefined, submitter: { name: 'Sam Doe', email: 'sam@example.org' } };
    ids.withdrawn = (await submitNotice(t, snForm(plain))).id;
    await officer.post(`/api/v1/special-needs/${ids.withdrawn}/withdraw`);
    ids.rejected = (await submitNotice(t, snForm(plain))).id;
    await officer.post(`/api/v1/special-needs/${ids.rejected}/reject`, { message: 'Outside our area' });
    ids.approved = (await submitNotice(t, snForm(plain))).id;
    await officer.post(`/api/v1/special-needs/${ids.approved}/approve`, POINT);
    ids.pending = (await submitNotice(t, snForm(plain))).id;
    const care = { address: '1 Main St', windowStart: '08:00', windowEnd: '10:00', contacts: [{ name: 'Kim', relation: 'friend', phone: '410-555-0199' }] };
    const active = (await officer.post('/api/v1/care/enrolments', { ...care, personName: 'Active Person' })).body;
    ids.active = active.id;
    await t.anonymous().post('/api/v1/care/public/check-in', { code: active.checkInCode });
    ids.paused = (await officer.post('/api/v1/care/enrolments', { ...care, personName: 'Paused Person' })).body.id;
    await officer.patch(`/api/v1/care/enrolments/${ids.paused}`, { active: false });
    ids.declined = await askTour(t, clock, {});
    await officer.post(`/api/v1/tours/${ids.declined}/decline`, { message: 'We are closed that week' });
    ids.confirmed = await askTour(t, clock, {});
    expect((await officer.post(`/api/v1/tours/${ids.confirmed}/confirm`, { date: weekdayAfter(clock, 14), period: 'morning' })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('shows each rule with its default days and nothing due today', async () => {
    const r = await sup.get('/api/v1/privacy/retention');
    expect(r.status).toBe(200);
    const days = Object.fromEntries(r.body.rules.map((x: { id: string; days: number }) => [x.id, x.days]));
    expect(days).toMatchObject({ 'special-needs.closed': 90, 'special-needs.expired': 365, 'care.days': 400, 'care.ended': 365, 'tours.requests': 730, 'messages.sent': 365 });
    expect(Object.values(await due()).every((n) => n === 0)).toBe(true);
    expect(await left()).toEqual({ notices: [ids.withdrawn, ids.rejected, ids.approved, ids.pending], enrolments: [ids.active, ids.paused], days: 1, tours: [ids.declined, ids.confirmed], messages: 11 });
    expect((await (await t.as('community-officer')).get('/api/v1/privacy/retention')).status).toBe(403);
  });

  it('follows the configured days, and erases exactly what is due, once', async () => {
    const bad = await sup.request('PUT', '/api/v1/privacy/retention', { rules: [{ id: 'special-needs.forever', days: 10 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty('rules.0.id');
    expect((await sup.request('PUT', '/api/v1/privacy/retention', { rules: [{ id: 'care.days', days: 0 }] })).body.error.fields).toHaveProperty('rules.0.days');
    const set = await sup.request('PUT', '/api/v1/privacy/retention', { rules: [{ id: 'special-needs.closed', days: 120 }] });
    expect(set.status).toBe(200);
    expect(set.body.rules.find((r: { id: string }) => r.id === 'special-needs.closed')).toMatchObject({ days: 120, defaultDays: 90, updatedBy: sup.username });

    at(92);
    expect((await due())['special-needs.closed']).toBe(0);
    await run();
    expect(await purges()).toBe(0);
    await sup.request('PUT', '/api/v1/privacy/retention', { rules: [{ id: 'special-needs.closed', days: 90 }] });
    expect(await due()).toEqual({ 'special-needs.closed': 2, 'special-needs.expired': 0, 'care.days': 0, 'care.ended': 0, 'tours.requests': 0, 'messages.sent': 0 });
    await run();
    // The withdrawn and the rejected notice went, with their two messages each; nothing else did.
    expect(await left()).toEqual({ notices: [ids.approved, ids.pending], enrolments: [ids.active, ids.paused], days: 1, tours: [ids.declined, ids.confirmed], messages: 7 });
    expect(await purges()).toBe(1);
    await run();
    expect(await left()).toMatchObject({ notices: [ids.approved, ids.pending], messages: 7 });
    expect(await purges()).toBe(1);
    const audit = (await t.pool.query("SELECT actor_label, entity_id, after FROM audit_log WHERE action = 'privacy.retention-purge'")).rows[0];
    expect(audit).toMatchObject({ actor_label: 'system:retention', entity_id: 'special-needs.closed', after: { days: 90, purged: 2 } });
  });

  it('erases messages after a year, ended enrolments a year after they stop, and check-in days after 400 days', async () => {
    at(367);
    expect(await due()).toMatchObject({ 'messages.sent': 7, 'care.ended': 1, 'care.days': 0, 'special-needs.expired': 0, 'tours.requests': 0 });
    await run();
    expect(await left()).toEqual({ notices: [ids.approved, ids.pending], enrolments: [ids.active], days: 1, tours: [ids.declined, ids.confirmed], messages: 0 });
    at(402);
    expect(await due()).toMatchObject({ 'care.days': 1, 'care.ended': 0 });
    await run();
    await run();
    expect(await left()).toEqual({ notices: [ids.approved, ids.pending], enrolments: [ids.active], days: 0, tours: [ids.declined, ids.confirmed], messages: 0 });
  });

  it('erases expired notices a year after expiry and tours two years after their date', async () => {
    at(800);
    expect(await due()).toEqual({ 'special-needs.closed': 0, 'special-needs.expired': 1, 'care.days': 0, 'care.ended': 0, 'tours.requests': 2, 'messages.sent': 0 });
    await run();
    expect(await left()).toEqual({ notices: [ids.pending], enrolments: [ids.active], days: 0, tours: [], messages: 0 });
    const caution = (await t.pool.query("SELECT summary, address, removed_at FROM premise_cautions WHERE source = 'special-needs' AND source_id = $1", [String(ids.approved)])).rows[0];
    expect(caution).toMatchObject({ summary: 'Special-needs entry erased', address: null });
    expect(Object.values(await due()).every((n) => n === 0)).toBe(true);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });
});
