import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../scheduler/clock';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import type { StreamClient } from '../../../test/helpers/test-client';

// Days of the CARE schedule in America/New_York, on a clock the test moves by hand. The job runs
// only when the test says so, so each assertion is about one run at one moment.

let t: TestServer;
let clock: ManualClock;
let officer: SignedInClient;
let ct: SignedInClient;
let stream: StreamClient;
const ids: Record<'rose' | 'lucy' | 'pete' | 'owl', number> = { rose: 0, lucy: 0, pete: 0, owl: 0 };
const links: Record<string, string> = {};
const codes: Record<string, string> = {};

const contacts = [
  { name: 'Ana Alvarez', relation: 'daughter', phone: '410-555-0102' },
  { name: 'Luis Alvarez', relation: 'son', phone: '410-555-0103' },
];

/** Moves the clock and runs the CARE job once; the job must finish without an error. */
async function runAt(iso: string): Promise<void> {
  clock.set(new Date(iso));
  await t.server.ctx.scheduler!.runOnce('care');
  const { rows } = await t.pool.query("SELECT last_error FROM job_runs WHERE job = 'care'");
  expect(rows[0]?.last_error ?? null).toBeNull();
}

async function sent(who: keyof typeof ids, purpose: 'care.reminder' | 'care.contacts-notified') {
  const { rows } = await t.pool.query<{ recipient: string; body: string }>('SELECT recipient, body FROM outbound_messages WHERE related = $1 AND purpose = $2 ORDER BY id', [`care:${ids[who]}`, purpose]);
  return rows;
}

async function alertOf(who: keyof typeof ids, date: string) {
  const { rows } = await t.pool.query('SELECT id, state, incident_id, resolution FROM care_alerts WHERE enrolment_id = $1 AND local_date = $2::date', [ids[who], date]);
  return rows[0] ?? null;
}

const welfareIncidents = async () => (await t.pool.query<{ id: number }>("SELECT id FROM incidents WHERE type_code = 'WELFARE' ORDER BY id")).rows.map((r) => r.id);
const entryOf = async (who: keyof typeof ids) => (await ct.get('/api/v1/care/today')).body.entries.find((e: any) => e.enrolmentId === ids[who]);
const tokenOf = (who: string) => links[who]!.split('/').pop()!;

beforeAll(async () => {
  // Friday 6 March 2026, 10:00 EST: enrolled after that morning's window, so Saturday is the first day.
  clock = new ManualClock(new Date('2026-03-06T15:00:00Z'));
  t = await createTestServer({ clock, scheduler: false, geography: true });
  officer = await t.as('community-officer');
  ct = await t.as('call-taker');
  stream = ct.stream();
  await stream.until(() => stream.messages.some((m) => m.type === 'caught-up'), 'stream caught up');
  const base = { windowStart: '08:00', windowEnd: '10:00', contacts };
  const enrol = async (key: keyof typeof ids, body: Record<string, unknown>) => {
    const r = await officer.post('/api/v1/care/enrolments', { ...base, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[key] = r.body.id;
    links[key] = r.body.checkInLink;
    codes[key] = r.body.checkInCode;
    return r.body;
  };
  const rose = await enrol('rose', { personName: 'Rose Alvarez', phone: '410-555-0101', address: '1850 Orleans St', notes: 'Key under the blue flowerpot; small dog.' });
  expect(rose).toMatchObject({ located: true });
  await enrol('lucy', { personName: 'Lucy Grant', phone: '410-555-0201', address: '2 E Lombard St', contacts: [contacts[0]] });
  await enrol('pete', { personName: 'Pete Paused', phone: '410-555-0301', address: '1 E Pratt St', active: false });
  await enrol('owl', { personName: 'Night Owl', phone: '410-555-0401', address: '399 Fort Ave', windowStart: '02:00', windowEnd: '03:00', days: ['sun'] });
});
afterAll(async () => {
  await stream?.close();
  await t?.close();
});

describe('CARE scheduler, Saturday 7 March (EST)', () => {
  it('sends the reminder at the window start, once', async () => {
    await runAt('2026-03-07T12:59:00Z'); // 07:59 EST
    expect(await sent('rose', 'care.reminder')).toEqual([]);
    await runAt('2026-03-07T13:00:00Z'); // 08:00 EST
    await runAt('2026-03-07T13:00:30Z');
    const r = await sent('rose', 'care.reminder');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ recipient: '410-555-0101' });
    expect(r[0]!.body).toContain(links.rose);
    expect(await sent('lucy', 'care.reminder')).toHaveLength(1);
    expect((await entryOf('rose')).state).toBe('waiting');
  });

  it('a check-in by link resolves the day: no alert at the window end', async () => {
    clock.set(new Date('2026-03-07T13:30:00Z'));
    expect((await t.anonymous().post(`/api/v1/care/public/${tokenOf('rose')}/check-in`)).status).toBe(200);
    await runAt('2026-03-07T15:00:00Z'); // 10:00 EST: window closed
    expect(await alertOf('rose', '2026-03-07')).toBeNull();
    expect(await sent('rose', 'care.contacts-notified')).toEqual([]);
    expect(await entryOf('rose')).toMatchObject({ state: 'checked-in', checkedInVia: 'link' });
  });

  it('a missed window texts the contacts and opens an alert in the queue and on the stream', async () => {
    const alert = await alertOf('lucy', '2026-03-07');
    expect(alert).toMatchObject({ state: 'open', incident_id: null });
    const toContacts = await sent('lucy', 'care.contacts-notified');
    expect(toContacts.map((m) => m.recipient)).toEqual(['410-555-0102']);
    expect(toContacts[0]!.body).toMatch(/Lucy Grant has not checked in today \(window 08:00-10:00\).*by 10:30/);
    const queue = (await ct.get('/api/v1/care/alerts?state=open')).body;
    expect(queue).toContainEqual(expect.objectContaining({ id: alert.id, enrolmentId: ids.lucy, personName: 'Lucy Grant', date: '2026-03-07', escalatesAt: '2026-03-07T15:30:00.000Z', windowEnd: '2026-03-07T15:00:00.000Z' }));
    await stream.until(() => stream.events.some((e) => e.type === 'care.alert-opened' && e.data.alert.id === alert.id), 'care.alert-opened');
    expect(stream.events.find((e) => e.type === 'care.alert-opened' && e.data.alert.id === alert.id).rooms).toEqual(['centre']);
    expect((await entryOf('lucy')).state).toBe('missed');
    await runAt('2026-03-07T15:05:00Z');
    expect(await sent('lucy', 'care.contacts-notified')).toHaveLength(1);
  });

  it('a late check-in before the escalation resolves the alert, and no welfare check goes out', async () => {
    clock.set(new Date('2026-03-07T15:10:00Z'));
    const r = await t.anonymous().post('/api/v1/care/public/check-in', { code: codes.lucy });
    expect(r.status).toBe(200);
    const alert = await alertOf('lucy', '2026-03-07');
    expect(alert).toMatchObject({ state: 'resolved', resolution: 'checked in with the check-in code at 10:10' });
    await stream.until(() => stream.events.some((e) => e.type === 'care.alert-updated' && e.data.alert.id === alert.id && e.data.alert.state === 'resolved'), 'care.alert-updated resolved');
    await runAt('2026-03-07T15:31:00Z');
    expect(await welfareIncidents()).toEqual([]);
    expect((await ct.get('/api/v1/care/alerts?state=open')).body.map((a: any) => a.id)).not.toContain(alert.id);
  });
});

describe('CARE scheduler, Sunday 8 March (clocks go forward at 02:00)', () => {
  it('opens a window that falls in the skipped hour when the clocks jump', async () => {
    await runAt('2026-03-08T06:59:00Z'); // 01:59 EST
    expect(await sent('owl', 'care.reminder')).toEqual([]);
    await runAt('2026-03-08T07:00:00Z'); // 03:00 EDT: 02:00 never happened
    expect(await sent('owl', 'care.reminder')).toHaveLength(1);
    clock.set(new Date('2026-03-08T07:20:00Z'));
    expect((await ct.post(`/api/v1/care/enrolments/${ids.owl}/check-in`, { note: 'called her, up early' })).status).toBe(200);
  });

  it('reminds at 08:00 EDT (12:00 UTC), not at the winter 13:00 UTC', async () => {
    await runAt('2026-03-08T11:59:00Z');
    expect(await sent('rose', 'care.reminder')).toHaveLength(1);
    await runAt('2026-03-08T12:00:00Z');
    expect(await sent('rose', 'care.reminder')).toHaveLength(2);
    clock.set(new Date('2026-03-08T12:30:00Z'));
    expect((await t.anonymous().post(`/api/v1/care/public/${tokenOf('lucy')}/check-in`)).status).toBe(200);
  });

  it('misses at 10:00 EDT and escalates after 30 minutes to exactly one WELFARE incident at the address', async () => {
    await runAt('2026-03-08T13:59:00Z');
    expect(await alertOf('rose', '2026-03-08')).toBeNull();
    await runAt('2026-03-08T14:00:00Z');
    const alert = await alertOf('rose', '2026-03-08');
    expect(alert.state).toBe('open');
    expect((await sent('rose', 'care.contacts-notified')).map((m) => m.recipient)).toEqual(['410-555-0102', '410-555-0103']);
    await runAt('2026-03-08T14:29:00Z');
    expect(await welfareIncidents()).toEqual([]);
    await runAt('2026-03-08T14:30:00Z');
    await runAt('2026-03-08T14:31:00Z');
    const incidents = await welfareIncidents();
    expect(incidents).toHaveLength(1);
    const escalated = await alertOf('rose', '2026-03-08');
    expect(escalated).toMatchObject({ state: 'welfare-check', incident_id: incidents[0] });
    const detail = (await ct.get(`/api/v1/incidents/${incidents[0]}`)).body;
    const enrolment = (await ct.get(`/api/v1/care/enrolments/${ids.rose}?purpose=welfare%20check%20test`)).body;
    expect(detail).toMatchObject({ type: 'WELFARE', location: { text: '1850 Orleans St', lat: enrolment.lat, lon: enrolment.lon } });
    const narrative = detail.narrative.map((n: any) => n.text).join('\n');
    expect(narrative).toContain('Key under the blue flowerpot; small dog.');
    expect(narrative).toContain('Ana Alvarez (daughter) 410-555-0102; Luis Alvarez (son) 410-555-0103');
    expect(narrative).toContain('missed the daily check-in window 08:00-10:00 on 2026-03-08');
    await stream.until(() => stream.events.some((e) => e.type === 'care.alert-updated' && e.data.alert.id === alert.id && e.data.alert.incidentId === incidents[0]), 'care.alert-updated welfare-check');
    expect(await entryOf('rose')).toMatchObject({ state: 'welfare-check', incidentNumber: detail.number });
    const resolve = await ct.post(`/api/v1/care/alerts/${alert.id}/resolve`, { note: 'reached her' });
    expect(resolve.status).toBe(409);
    expect(resolve.body.error.message).toContain(detail.number);
  });

  it('a check-in after the welfare check went out is added to the incident for the responders', async () => {
    clock.set(new Date('2026-03-08T14:40:00Z'));
    expect((await t.anonymous().post(`/api/v1/care/public/${tokenOf('rose')}/check-in`)).status).toBe(200);
    const alert = await alertOf('rose', '2026-03-08');
    expect(alert.state).toBe('welfare-check');
    expect(alert.resolution).toBe('checked in by link at 10:40, after the welfare check was created');
    const detail = (await ct.get(`/api/v1/incidents/${alert.incident_id}`)).body;
    expect(detail.narrative.map((n: any) => n.text)).toContain('CARE: Rose Alvarez checked in by link at 10:40 on 2026-03-08.');
  });

  it('Monday: back to an ordinary day at 08:00 EDT', async () => {
    await runAt('2026-03-09T11:59:00Z');
    expect(await sent('rose', 'care.reminder')).toHaveLength(2);
    await runAt('2026-03-09T12:00:00Z');
    expect(await sent('rose', 'care.reminder')).toHaveLength(3);
  });

  it('a paused enrolment got nothing on any day', async () => {
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM outbound_messages WHERE related = $1', [`care:${ids.pete}`]);
    expect(rows[0].n).toBe(0);
    expect((await t.pool.query('SELECT 1 FROM care_alerts WHERE enrolment_id = $1', [ids.pete])).rowCount).toBe(0);
    expect((await t.pool.query('SELECT 1 FROM care_days WHERE enrolment_id = $1', [ids.pete])).rowCount).toBe(0);
    expect((await entryOf('pete')).state).toBe('paused');
  });
});

describe('CARE scheduler, 31 October to 2 November (clocks go back at 02:00)', () => {
  let nora = 0;

  beforeAll(async () => {
    clock.set(new Date('2026-10-30T16:00:00Z')); // Friday 12:00 EDT
    for (const id of [ids.rose, ids.lucy, ids.owl]) expect((await officer.patch(`/api/v1/care/enrolments/${id}`, { active: false })).status).toBe(200);
    const r = await officer.post('/api/v1/care/enrolments', { personName: 'Nora Quinn', phone: '410-555-0501', address: '500 W Baltimore St', windowStart: '08:00', windowEnd: '10:00', contacts });
    nora = r.body.id;
  });

  const reminders = async () => (await t.pool.query("SELECT count(*)::int AS n FROM outbound_messages WHERE related = $1 AND purpose = 'care.reminder'", [`care:${nora}`])).rows[0].n as number;

  it('keeps the window at 08:00-10:00 local on both sides of the change', async () => {
    await runAt('2026-10-31T11:59:00Z');
    expect(await reminders()).toBe(0);
    await runAt('2026-10-31T12:00:00Z'); // 08:00 EDT
    expect(await reminders()).toBe(1);
    clock.set(new Date('2026-10-31T12:10:00Z'));
    await ct.post(`/api/v1/care/enrolments/${nora}/check-in`, {});
    await runAt('2026-11-01T12:00:00Z'); // 07:00 EST
    await runAt('2026-11-01T12:59:00Z');
    expect(await reminders()).toBe(1);
    await runAt('2026-11-01T13:00:00Z'); // 08:00 EST
    expect(await reminders()).toBe(2);
    await runAt('2026-11-01T14:59:00Z');
    expect((await t.pool.query('SELECT 1 FROM care_alerts WHERE enrolment_id = $1', [nora])).rowCount).toBe(0);
    await runAt('2026-11-01T15:00:00Z'); // 10:00 EST
    const { rows } = await t.pool.query("SELECT id, escalates_at FROM care_alerts WHERE enrolment_id = $1 AND local_date = '2026-11-01'", [nora]);
    expect(rows[0].escalates_at.toISOString()).toBe('2026-11-01T15:30:00.000Z');
    const resolved = await ct.post(`/api/v1/care/alerts/${rows[0].id}/resolve`, { note: 'daughter says she is at church with her' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolution: 'daughter says she is at church with her' });
    const before = (await welfareIncidents()).length;
    await runAt('2026-11-01T15:31:00Z');
    expect(await welfareIncidents()).toHaveLength(before);
    await runAt('2026-11-02T12:59:00Z');
    expect(await reminders()).toBe(2);
    await runAt('2026-11-02T13:00:00Z');
    expect(await reminders()).toBe(3);
  });
});
