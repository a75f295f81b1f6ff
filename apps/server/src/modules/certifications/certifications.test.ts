import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../scheduler/clock';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { certificationStatus, dueReminder } from './certification-status';

let t: TestServer;
let sup: SignedInClient;
let admin: SignedInClient;
const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
const P = 'purpose=certification%20review';
// 15:00 UTC is 10:00 or 11:00 in New York: the centre's date is the UTC date.
const on = (date: string) => clock.set(new Date(`${date}T15:00:00Z`));

async function staff(name: string, email: string | null, organisation = 'centre'): Promise<number> {
  const { rows } = await t.pool.query<{ id: number }>('INSERT INTO staff_members (display_name, email, organisation) VALUES ($1, $2, $3) RETURNING id', [name, email, organisation]);
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestServer({ clock });
  sup = await t.as('supervisor');
  admin = await t.as('admin');
});
afterAll(() => t.close());

describe('status at the boundaries', () => {
  it('is valid through the expiry day, expiring within the earliest reminder, expired the day after', () => {
    const c = { expiresOn: '2026-06-09', revokedAt: null };
    expect(certificationStatus(c, '2026-04-09')).toEqual({ status: 'valid', daysLeft: 61 });
    expect(certificationStatus(c, '2026-04-10')).toEqual({ status: 'expiring', daysLeft: 60 });
    expect(certificationStatus(c, '2026-06-09')).toEqual({ status: 'expiring', daysLeft: 0 });
    expect(certificationStatus(c, '2026-06-10')).toEqual({ status: 'expired', daysLeft: -1 });
    expect(certificationStatus({ expiresOn: null, revokedAt: null }, '2030-01-01').status).toBe('valid');
    expect(certificationStatus({ ...c, revokedAt: new Date() }, '2026-04-01').status).toBe('revoked');
    expect(dueReminder('2026-06-09', '2026-05-20', [60, 30, 7])).toBe(30);
    expect(dueReminder('2026-06-09', '2026-04-09', [60, 30, 7])).toBeNull();
  });
});

describe('certifications', () => {
  let kim: number;
  let cpr: number;

  it('records a certification with the kind default validity, and reads its status over the API', async () => {
    kim = await staff('Kim Novak', 'kim.novak@example.org');
    const r = await sup.post('/api/v1/certifications', { staffMemberId: kim, kind: 'cpr', issuedOn: '2024-06-10', certificateNo: 'AHA-123', issuer: 'American Heart Association' });
    expect(r.status).toBe(201);
    expect(r.body.expiresOn).toBe('2026-06-09');
    cpr = r.body.id;
    on('2026-04-09');
    let list = (await sup.get(`/api/v1/certifications?staffMemberId=${kim}&${P}`)).body;
    expect(list[0]).toMatchObject({ kind: 'CPR', status: 'valid', daysLeft: 61, certificateNo: 'AHA-123' });
    on('2026-06-10');
    list = (await sup.get(`/api/v1/certifications?staffMemberId=${kim}&${P}`)).body;
    expect(list[0]).toMatchObject({ status: 'expired', daysLeft: -1 });
    on('2026-03-02');
  });

  it('refuses bad input naming the field', async () => {
    const bad = await sup.post('/api/v1/certifications', { staffMemberId: kim, kind: 'CPR', issuedOn: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('issuedOn');
    const future = await sup.post('/api/v1/certifications', { staffMemberId: kim, kind: 'CPR', issuedOn: '2026-04-01' });
    expect(future.status).toBe(422);
    expect(future.body.error.fields).toHaveProperty('issuedOn');
    const kind = await sup.post('/api/v1/certifications', { staffMemberId: kim, kind: 'SCUBA', issuedOn: '2026-01-01' });
    expect(kind.body.error.fields).toHaveProperty('kind');
    const before = await sup.post('/api/v1/certifications', { staffMemberId: kim, kind: 'EMD', issuedOn: '2026-01-01', expiresOn: '2025-01-01' });
    expect(before.body.error.fields).toHaveProperty('expiresOn');
    const who = await sup.post('/api/v1/certifications', { staffMemberId: 999999, kind: 'EMD', issuedOn: '2026-01-01' });
    expect(who.body.error.fields).toHaveProperty('staffMemberId');
  });

  it('e-mails reminders 60, 30 and 7 days before expiry, each once, by the scheduler clock', async () => {
    const sent = async () => (await t.pool.query<{ subject: string; recipient: string; body: string }>('SELECT subject, recipient, body FROM outbound_messages WHERE related = $1 ORDER BY id', [`certification:${cpr}`])).rows;
    const run = () => t.server.ctx.scheduler!.runOnce('certification-reminders');
    on('2026-04-09');
    await run();
    expect(await sent()).toHaveLength(0);
    on('2026-04-10');
    await run();
    await run();
    expect(await sent()).toHaveLength(1);
    expect((await sent())[0]).toMatchObject({ recipient: 'kim.novak@example.org', subject: 'CPR / BLS certification expires on 2026-06-09' });
    on('2026-05-09');
    await run();
    expect(await sent()).toHaveLength(1);
    on('2026-05-10');
    await run();
    on('2026-05-11');
    await run();
    expect(await sent()).toHaveLength(2);
    on('2026-06-02');
    await run();
    await run();
    on('2026-06-09');
    await run();
    on('2026-06-10');
    await run();
    expect(await sent()).toHaveLength(3);
    const { rows } = await t.pool.query('SELECT days_before FROM certification_reminders WHERE certification_id = $1 ORDER BY sent_at', [cpr]);
    expect(rows.map((r) => r.days_before)).toEqual([60, 30, 7]);
    const at = (await t.pool.query('SELECT sent_at FROM certification_reminders WHERE certification_id = $1 AND days_before = 7', [cpr])).rows[0].sent_at;
    expect(new Date(at).toISOString()).toBe('2026-06-02T15:00:00.000Z');
    on('2026-03-02');
  });

  it('sends only the nearest reminder for a certificate recorded late, and none for one replaced by a newer certificate', async () => {
    const lee = await staff('Lee Park', 'lee.park@example.org');
    const late = (await sup.post('/api/v1/certifications', { staffMemberId: lee, kind: 'EMD', issuedOn: '2024-01-01', expiresOn: '2026-03-20' })).body.id;
    const old = (await sup.post('/api/v1/certifications', { staffMemberId: lee, kind: 'CPR', issuedOn: '2024-01-01', expiresOn: '2026-03-25' })).body.id;
    await sup.post('/api/v1/certifications', { staffMemberId: lee, kind: 'CPR', issuedOn: '2026-02-01' });
    await t.server.ctx.scheduler!.runOnce('certification-reminders');
    const { rows } = await t.pool.query('SELECT certification_id, days_before FROM certification_reminders WHERE certification_id = ANY($1::int[])', [[late, old]]);
    expect(rows).toEqual([{ certification_id: late, days_before: 30 }]);
  });

  it('stores a scanned copy under the data directory, refuses a file that is not PDF/JPEG/PNG, and audits views', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const r = await sup.request('PUT', `/api/v1/certifications/${cpr}/document`, { fileName: 'cpr.pdf', contentBase64: pdf.toString('base64') });
    expect(r.status).toBe(200);
    expect(r.body.documentType).toBe('application/pdf');
    const { rows } = await t.pool.query('SELECT document_file FROM certifications WHERE id = $1', [cpr]);
    expect(rows[0].document_file).toBe(`${r.body.sha256}.pdf`);
    const bad = await sup.request('PUT', `/api/v1/certifications/${cpr}/document`, { fileName: 'x.pdf', contentBase64: Buffer.from('MZ not a pdf').toString('base64') });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty('contentBase64');
    expect((await sup.get(`/api/v1/certifications/${cpr}/document`)).status).toBe(422);
    const got = await fetch(`${t.url}/api/v1/certifications/${cpr}/document?${P}`, { headers: sup.headers() });
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    const audit = await t.pool.query("SELECT purpose FROM audit_log WHERE action = 'certification.view' AND entity_id = $1", [String(cpr)]);
    expect(audit.rows.map((x) => x.purpose)).toContain('certification review');
  });

  it('reports by person, by kind and expiring within N days, with CSV', async () => {
    on('2026-05-01');
    const soon = (await sup.get(`/api/v1/certifications/report?withinDays=45&${P}`)).body;
    expect(soon.certifications.map((c: { id: number }) => c.id)).toContain(cpr);
    expect(soon.certifications.every((c: { daysLeft: number }) => c.daysLeft >= 0 && c.daysLeft <= 45)).toBe(true);
    const kinds = (await sup.get(`/api/v1/certifications/report?by=kind&${P}`)).body.kinds;
    expect(kinds.find((k: { kind: string }) => k.kind === 'CPR')).toMatchObject({ expiring: 1 });
    expect(kinds.find((k: { kind: string }) => k.kind === 'CIT').valid).toBeGreaterThan(30);
    const people = (await sup.get(`/api/v1/certifications/report?by=person&${P}`)).body.people;
    expect(people.find((p: { name: string }) => p.name === 'Lee Park').certifications.map((c: { kind: string }) => c.kind).sort()).toEqual(['CPR', 'EMD']);
    const csv = await sup.get(`/api/v1/certifications/report?by=person&format=csv&${P}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('name,organisation,unit,kind,issued_on,expires_on,days_left,status,certificate_no,issuer\r\n');
    expect(csv.body).toContain('Kim Novak,centre,,CPR,2024-06-10,2026-06-09,39,expiring,AHA-123,American Heart Association');
    const byKind = await sup.get(`/api/v1/certifications/report?by=kind&format=csv&${P}`);
    expect(byKind.body).toMatch(/^kind,name,valid,expiring,expired,revoked\r\n/);
    on('2026-03-02');
  });

  it('keeps kinds as settings a supervisor changes, and certifications to supervisors and administrators', async () => {
    const kinds = (await admin.get('/api/v1/certifications/kinds')).body;
    expect(kinds.map((k: { code: string }) => k.code)).toEqual(['APCO-PST', 'CIT', 'CPR', 'EMD']);
    expect(kinds.find((k: { code: string }) => k.code === 'CIT')).toMatchObject({ validityMonths: 36, reminderDays: [60, 30, 7], unitCapability: 'CIT' });
    const changed = await sup.patch('/api/v1/certifications/kinds/APCO-PST', { validityMonths: 36, reminderDays: [90, 30] });
    expect(changed.body).toMatchObject({ validityMonths: 36, reminderDays: [90, 30] });
    for (const role of ['call-taker', 'dispatcher', 'responder', 'rtcc-analyst', 'community-officer'] as const) {
      const c = await t.as(role);
      expect((await c.get(`/api/v1/certifications?${P}`)).status).toBe(403);
      expect((await c.post('/api/v1/certifications', { staffMemberId: kim, kind: 'CPR', issuedOn: '2026-01-01' })).status).toBe(403);
    }
    expect((await admin.get(`/api/v1/certifications?${P}`)).status).toBe(200);
    expect((await sup.get('/api/v1/certifications')).status).toBe(422);
  });
});
