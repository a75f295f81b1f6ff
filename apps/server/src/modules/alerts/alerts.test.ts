import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { runPsap } from '../../../test/helpers/psap-process';
import { validateCapXml } from '../../cap/cap-validate';
import { ManualClock } from '../../scheduler/clock';
import { capTime } from './alerts.cap';
import { loadConfig } from '../../config/config';
import { criteriaSetFor } from './alerts.criteria';

const P = 'purpose=Public%20alert';
const XSD = join(import.meta.dirname, '../../../../../../shared/standards/cap/CAP-v1.2.xsd');
const portrait = readFileSync(join(import.meta.dirname, '../../../test/fixtures/portrait.jpg')).toString('base64');

let t: TestServer;
const clock = new ManualClock(new Date());
let calltaker: SignedInClient;
let sup1: SignedInClient;
let sup2: SignedInClient;
let responder: SignedInClient;

const inSixHours = () => new Date(Date.now() + 6 * 3600_000).toISOString();
const amberYes = { abduction: 'yes', age17OrYounger: 'yes', imminentDanger: 'yes', enoughDescription: 'yes', ncic: 'yes' };
const complete = {
  headline: 'AMBER ALERT: 7-year-old girl taken from Patterson Park',
  description: 'Maya Lee, 7, 4 ft, black hair in braids, pink jacket. Taken by a man in a grey 2012 Honda Civic, Maryland plate 1AB2345.',
  instruction: 'If you see the child or the car, call 9-1-1 now. Do not approach.',
  weaShort: 'AMBER Alert: Baltimore MD child taken, grey Honda Civic MD 1AB2345. Call 911',
  weaLong: 'AMBER Alert: Maya Lee, 7, taken near Patterson Park, Baltimore, by a man in a grey 2012 Honda Civic, Maryland plate 1AB2345. If seen call 9-1-1.',
  vehicle: 'grey 2012 Honda Civic, MD 1AB2345',
  area: { areaDesc: 'Baltimore City', polygon: [[39.30, -76.59], [39.30, -76.57], [39.28, -76.57], [39.28, -76.59]], circle: { lat: 39.29, lon: -76.58, radiusKm: 5 }, sameGeocodes: ['024510'] },
};

function xmllint(xml: string): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cap-'));
  const f = join(dir, 'a.xml');
  writeFileSync(f, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, f], { stdio: 'pipe' });
    return { ok: true, out: '' };
  } catch (e) {
    return { ok: false, out: String((e as { stderr?: Buffer }).stderr ?? e) };
  }
}

beforeAll(async () => {
  t = await createTestServer({ geography: true, clock });
  [calltaker, sup1, sup2] = await Promise.all([t.as('call-taker'), t.as('supervisor'), t.as('supervisor')]);
  const { rows } = await t.pool.query("SELECT id FROM agencies WHERE code = 'BPD'");
  responder = await t.as('responder', { agencyId: rows[0].id });
});
afterAll(() => t.close());

describe('API description', () => {
  it('takes the state\'s Silver criteria and the sender name from the environment, checked at start', () => {
    expect(loadConfig({}, {}).alerts).toEqual({ silverCriteria: null, centreName: null });
    const c = loadConfig({}, { PSAP_SILVER_CRITERIA: 'silver-caregiver', PSAP_CENTRE_NAME: 'Baltimore City 9-1-1' });
    expect(c.alerts).toEqual({ silverCriteria: 'silver-caregiver', centreName: 'Baltimore City 9-1-1' });
    expect(criteriaSetFor('silver', c.alerts.silverCriteria).id).toBe('silver-caregiver');
    expect(criteriaSetFor('silver', null).id).toBe('silver-default');
    expect(criteriaSetFor('amber', 'silver-caregiver').id).toBe('amber-doj');
    expect(() => loadConfig({}, { PSAP_SILVER_CRITERIA: 'silver-texas' })).toThrow(/PSAP_SILVER_CRITERIA must be one of silver-default, silver-caregiver/);
  });

  it('documents the alert routes in the OpenAPI description', async () => {
    const doc = await fetch(`${t.url}/api/v1/openapi.json`).then((r) => r.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/alerts/{id}/approve', '/api/v1/public/alerts.atom']));
  });
});

describe('CAP times', () => {
  it('carry the centre offset, never Z', () => {
    expect(capTime(new Date('2026-11-21T14:05:00Z'), 'America/New_York')).toBe('2026-11-21T09:05:00-05:00');
    expect(capTime(new Date('2026-07-01T00:00:00Z'), 'UTC')).toBe('2026-07-01T00:00:00+00:00');
  });
});

describe('the composer', () => {
  let id: number;

  it('refuses to send an AMBER draft for approval until every criterion is answered, and names unmet ones with the MEP way out', async () => {
    const created = await calltaker.post('/api/v1/alerts', { kind: 'amber', ...complete, expiresAt: inSixHours() });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ state: 'draft', sameCode: 'CAE', event: 'Child Abduction Emergency', draftedBy: calltaker.username });
    const open = await calltaker.post(`/api/v1/alerts/${id}/submit`);
    expect(open.status).toBe(422);
    expect(open.body.error.fields.criteria).toContain('answer every criterion');
    expect(open.body.error.fields.criteria).toContain('NCIC');
    await calltaker.patch(`/api/v1/alerts/${id}`, { criteria: { ...amberYes, abduction: 'no' } });
    const unmet = await calltaker.post(`/api/v1/alerts/${id}/submit`);
    expect(unmet.status).toBe(422);
    expect(unmet.body.error.fields.criteria).toContain('not met: Law enforcement believes an abduction has occurred');
    expect(unmet.body.error.fields.criteria).toContain('Missing/Endangered Person (MEP)');
    const stray = await calltaker.patch(`/api/v1/alerts/${id}`, { criteria: { nonsense: 'yes' } });
    expect(stray.body.error.fields).toHaveProperty(['criteria.nonsense']);
  });

  it('turns a failed AMBER draft into a missing/endangered (MEP) one, whose criteria start over', async () => {
    const amber = await calltaker.post('/api/v1/alerts', { kind: 'amber', ...complete, criteria: { ...amberYes, abduction: 'no' }, expiresAt: inSixHours() });
    const mep = await calltaker.patch(`/api/v1/alerts/${amber.body.id}`, { kind: 'silver', headline: 'MISSING AND ENDANGERED: Maya Lee, 7' });
    expect(mep.status).toBe(200);
    expect(mep.body).toMatchObject({ kind: 'silver', sameCode: 'MEP', event: 'Missing and Endangered Person', criteria: {}, headline: 'MISSING AND ENDANGERED: Maya Lee, 7' });
    expect(mep.body.criteriaSet.kind).toBe('silver');
    await calltaker.post(`/api/v1/alerts/${amber.body.id}/cancel`, { reason: 'test' });
  });

  it('names the WEA field that is too long', async () => {
    const long = await calltaker.patch(`/api/v1/alerts/${id}`, { weaShort: 'x'.repeat(91) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields.weaShort).toContain('at most 90');
    const longer = await calltaker.patch(`/api/v1/alerts/${id}`, { weaLong: 'x'.repeat(361) });
    expect(longer.body.error.fields.weaLong).toContain('at most 360');
  });

  it('only the drafter edits; nobody approves their own draft; a second supervisor issues it', async () => {
    expect((await sup1.patch(`/api/v1/alerts/${id}`, { headline: 'x' })).status).toBe(403);
    await calltaker.patch(`/api/v1/alerts/${id}`, { criteria: amberYes });
    expect((await calltaker.request('PUT', `/api/v1/alerts/${id}/photo`, { photo: { contentType: 'image/jpeg', data: Buffer.from('GIF89a').toString('base64') } })).body.error.fields).toHaveProperty('photo');
    const withPhoto = await calltaker.request('PUT', `/api/v1/alerts/${id}/photo`, { photo: { contentType: 'image/jpeg', data: portrait } });
    expect(withPhoto.body.hasPhoto).toBe(true);
    const sent = await calltaker.post(`/api/v1/alerts/${id}/submit`);
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('awaiting-approval');
    expect((await calltaker.post(`/api/v1/alerts/${id}/approve`)).status).toBe(403);

    // A supervisor's own draft: the same supervisor may not approve it.
    const own = await sup1.post('/api/v1/alerts', { kind: 'amber', ...complete, criteria: amberYes, expiresAt: inSixHours() });
    expect((await sup1.post(`/api/v1/alerts/${own.body.id}/submit`)).status).toBe(200);
    const self = await sup1.post(`/api/v1/alerts/${own.body.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('two-person rule');
    await sup2.post(`/api/v1/alerts/${own.body.id}/return`, { reason: 'wrong child' });
    expect((await sup1.get(`/api/v1/alerts/${own.body.id}?${P}`)).body).toMatchObject({ state: 'draft', returnedNote: 'wrong child' });
    // The floor heard of both at once: waiting for a second supervisor, then sent back.
    const heard = await t.pool.query("SELECT rooms, data FROM events WHERE type = 'alert.updated' AND (data->>'alertId')::int = $1 ORDER BY seq", [own.body.id]);
    expect(heard.rows.map((r) => r.data.state)).toEqual(['awaiting-approval', 'draft']);
    expect(heard.rows[0].rooms).toEqual(['centre']);
    await sup1.post(`/api/v1/alerts/${own.body.id}/cancel`, { reason: 'duplicate' });

    const ok = await sup1.post(`/api/v1/alerts/${id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'issued', approvedBy: sup1.username, draftedBy: calltaker.username });
    expect(ok.body.messages).toHaveLength(1);
    const bolos = await responder.get('/api/v1/bolos');
    expect(bolos.body.find((b: { id: number }) => b.id === ok.body.boloId)).toMatchObject({ title: complete.headline, body: expect.stringContaining('Honda Civic') });
    const pub = await t.pool.query('SELECT channel FROM alert_publications p JOIN alert_messages m ON m.id = p.message_id WHERE m.alert_id = $1', [id]);
    expect(pub.rows).toEqual([{ channel: 'local' }]);
    const audit = await t.pool.query("SELECT action FROM audit_log WHERE entity = 'alert' AND entity_id = $1 ORDER BY seq", [String(id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['alert.draft', 'alert.edit', 'alert.submit', 'alert.approve']));
  });

  it('issues CAP 1.2 in the IPAWS profile that the OASIS schema accepts', async () => {
    const xml = await fetch(`${t.url}/api/v1/public/alerts/${id}/cap.xml`).then((r) => r.text());
    expect(xml).toContain('<code>IPAWSv1.0</code>');
    expect(xml).toContain('<msgType>Alert</msgType>');
    expect(xml).toMatch(/<valueName>SAME<\/valueName>\s*<value>CAE<\/value>/);
    expect(xml).toMatch(/<sent>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d<\/sent>/);
    expect(xml).toMatch(/<expires>[^<]+[+-]\d\d:\d\d<\/expires>/);
    expect(xml).toContain('<valueName>CMAMtext</valueName>');
    expect(xml).toContain('Vehicle: grey 2012 Honda Civic, MD 1AB2345.');
    expect(xml).toMatch(new RegExp(`<uri>http://[^<]+/api/v1/public/alerts/${id}/photo</uri>`));
    const pic = await fetch(`${t.url}/api/v1/public/alerts/${id}/photo`);
    expect(pic.status).toBe(200);
    expect(pic.headers.get('content-type')).toBe('image/jpeg');
    expect(xml).toContain('<polygon>39.3,-76.59 39.3,-76.57 39.28,-76.57 39.28,-76.59 39.3,-76.59</polygon>');
    expect(xml).toContain('<circle>39.29,-76.58 5</circle>');
    const stored = await t.pool.query('SELECT cap_xml FROM alerts WHERE id = $1', [id]);
    expect(stored.rows[0].cap_xml).toBe(xml);
    const lint = xmllint(xml);
    expect(lint.out).toBe('');
    expect(lint.ok).toBe(true);
    expect(validateCapXml(xml, { profile: 'ipaws' })).toEqual([]);
  });

  it('shows the alert on the public list and the Atom feed, linking its CAP message', async () => {
    const list = (await fetch(`${t.url}/api/v1/public/alerts`).then((r) => r.json())) as Array<{ id: number }>;
    expect(list.map((a) => a.id)).toContain(id);
    const atom = await fetch(`${t.url}/api/v1/public/alerts.atom`);
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    const feed = await atom.text();
    expect(feed).toContain(`/api/v1/public/alerts/${id}/cap.xml`);
    expect(feed).toContain(complete.headline);
  });

  it('sends Update and Cancel as new CAP messages referencing the earlier ones, and takes the BOLO off units', async () => {
    expect((await calltaker.post(`/api/v1/alerts/${id}/update`, { headline: 'x' })).status).toBe(403);
    const up = await sup2.post(`/api/v1/alerts/${id}/update`, { description: `${complete.description} Seen heading north on I-95.` });
    expect(up.status).toBe(200);
    expect(up.body.state).toBe('updated');
    const [first, second] = up.body.messages;
    expect(second).toMatchObject({ msgType: 'Update', references: [`alerts@127.0.0.1,${first.identifier},${first.sent}`] });
    const tooLong = await sup2.post(`/api/v1/alerts/${id}/update`, { weaShort: 'y'.repeat(95) });
    expect(tooLong.body.error.fields.weaShort).toContain('at most 90');

    expect((await calltaker.post(`/api/v1/alerts/${id}/cancel`, { reason: 'x' })).status).toBe(403);
    const c = await sup2.post(`/api/v1/alerts/${id}/cancel`, { reason: 'Child found safe' });
    expect(c.status).toBe(200);
    expect(c.body.state).toBe('cancelled');
    const third = c.body.messages[2];
    expect(third.msgType).toBe('Cancel');
    expect(third.references).toHaveLength(2);
    const xml = await fetch(`${t.url}/api/v1/public/alerts/${id}/cap.xml`).then((r) => r.text());
    expect(xml).toContain('<msgType>Cancel</msgType>');
    expect(xml).toContain(`<references>${third.references.join(' ')}</references>`);
    expect(xmllint(xml).ok).toBe(true);
    expect(validateCapXml(xml, { profile: 'ipaws' })).toEqual([]);
    // The picture is withdrawn with the alert.
    expect((await fetch(`${t.url}/api/v1/public/alerts/${id}/photo`)).status).toBe(404);
    const bolos = await responder.get('/api/v1/bolos');
    expect(bolos.body.map((b: { id: number }) => b.id)).not.toContain(c.body.boloId);
    const list = (await fetch(`${t.url}/api/v1/public/alerts`).then((r) => r.json())) as Array<{ id: number }>;
    expect(list.map((a) => a.id)).not.toContain(id);
  });

  it('psap cap export prints the latest message, or the first with --first, and refuses drafts', async () => {
    const env = { DATABASE_URL: t.databaseUrl };
    const latest = await runPsap(['cap', 'export', String(id)], env);
    expect(latest.code).toBe(0);
    expect(latest.out).toContain('<msgType>Cancel</msgType>');
    const first = await runPsap(['cap', 'export', String(id), '--first'], env);
    expect(first.out).toContain('<msgType>Alert</msgType>');
    const d = await calltaker.post('/api/v1/alerts', { kind: 'blue' });
    const none = await runPsap(['cap', 'export', String(d.body.id)], env);
    expect(none.code).toBe(1);
    expect(none.out).toContain('has not been issued');
    expect((await runPsap(['cap', 'export', 'abc'], env)).code).toBe(2);
  });

  it('asks for a purpose to read drafts', async () => {
    const r = await calltaker.get('/api/v1/alerts');
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toHaveProperty('purpose');
    expect((await responder.get(`/api/v1/alerts?${P}`)).status).toBe(403);
  });
});

describe('Help Me Home', () => {
  it('opens a missing person draft in the composer prefilled with photo, description, last seen and incident', async () => {
    const officer = await t.as('community-officer');
    const person = await officer.post('/api/v1/hmh/people', {
      firstName: 'Walter', lastName: 'Greene', dateOfBirth: '1941-05-02', sex: 'male', heightCm: 175, hair: 'grey',
      homeAddress: '100 N Holliday St', caregivers: [{ name: 'Ruth Greene', phone: '410-555-0142' }], photo: { contentType: 'image/jpeg', data: portrait },
    });
    expect(person.status).toBe(201);
    const report = await calltaker.post(`/api/v1/hmh/people/${person.body.id}/report-missing`, { lastSeen: { text: 'Lexington Market' }, lastSeenAt: new Date(Date.now() - 30 * 60_000).toISOString(), clothing: 'navy raincoat' });
    expect(report.status).toBe(201);
    const listed = await sup1.get(`/api/v1/alerts?${P}`);
    expect(listed.body.imports.map((i: { id: number }) => i.id)).toContain(report.body.alertDraft.id);
    const opened = await sup1.post(`/api/v1/alerts/import/${report.body.alertDraft.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      kind: 'silver', sameCode: 'MEP', state: 'draft', hasPhoto: true, incidentId: report.body.incident.id, hmhPersonId: person.body.id,
      lastSeen: expect.stringContaining('Lexington Market at '), description: expect.stringContaining('navy raincoat'), draftedBy: sup1.username,
    });
    expect(opened.body.area.circle).toMatchObject({ radiusKm: 2 });
    expect(opened.body.weaShort.length).toBeLessThanOrEqual(90);
    expect(opened.body.criteriaSet.id).toBe('silver-default');
    const again = await sup2.post(`/api/v1/alerts/import/${report.body.alertDraft.id}`);
    expect(again.body.id).toBe(opened.body.id);
    const photo = await fetch(`${t.url}/api/v1/alerts/${opened.body.id}/photo?${P}`, { headers: sup1.headers() });
    expect(photo.status).toBe(200);
    // Not public before it is issued.
    expect((await fetch(`${t.url}/api/v1/public/alerts/${opened.body.id}/photo`)).status).toBe(404);
    const after = await sup1.get(`/api/v1/alerts?${P}`);
    expect(after.body.imports.map((i: { id: number }) => i.id)).not.toContain(report.body.alertDraft.id);

    // Found before the alert went out: it can no longer be sent.
    await sup1.patch(`/api/v1/alerts/${opened.body.id}`, { criteria: { ageOrImpairment: 'yes', believedInDanger: 'yes', enoughDescription: 'yes', reportedToPolice: 'yes' }, area: { ...complete.area, areaDesc: 'Downtown' }, expiresAt: inSixHours() });
    expect((await calltaker.post(`/api/v1/hmh/reports/${report.body.reportId}/found`, { note: 'Found at the market, safe' })).status).toBeLessThan(300);
    const refused = await sup1.post(`/api/v1/alerts/${opened.body.id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('marked this person found');
  });
});

describe('expiry', () => {
  it('takes an alert off the public list and its BOLO off units once it expires, by the scheduler clock', async () => {
    const d = await calltaker.post('/api/v1/alerts', { kind: 'amber', ...complete, criteria: amberYes, expiresAt: inSixHours() });
    await calltaker.post(`/api/v1/alerts/${d.body.id}/submit`);
    const issued = await sup2.post(`/api/v1/alerts/${d.body.id}/approve`);
    expect(issued.body.state).toBe('issued');
    await t.server.ctx.scheduler!.runOnce('alerts-expiry');
    expect((await sup2.get(`/api/v1/alerts/${d.body.id}?${P}`)).body.state).toBe('issued');
    clock.advance(6 * 3600_000 + 60_000);
    await t.server.ctx.scheduler!.runOnce('alerts-expiry');
    expect((await sup2.get(`/api/v1/alerts/${d.body.id}?${P}`)).body.state).toBe('expired');
    const list = (await fetch(`${t.url}/api/v1/public/alerts`).then((r) => r.json())) as Array<{ id: number }>;
    expect(list.map((a) => a.id)).not.toContain(d.body.id);
    const bolos = await responder.get('/api/v1/bolos');
    expect(bolos.body.map((b: { id: number }) => b.id)).not.toContain(issued.body.boloId);
  });
});
