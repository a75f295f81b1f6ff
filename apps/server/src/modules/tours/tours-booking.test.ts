import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { ManualClock } from '../../scheduler/clock';
import { freshAddress, messagesAbout, parseIcs, publicRequest, tokenFromMessages, tourRequestBody } from './tour-test-fixtures';

// 15:00 UTC is 10:00 in New York: the centre's local "today" is Monday 2031-03-03.
const START = new Date('2031-03-03T15:00:00Z');
let t: TestServer;
let clock: ManualClock;
let officer: SignedInClient;
let supervisor: SignedInClient;

beforeAll(async () => {
  clock = new ManualClock(START);
  t = await createTestServer({ clock });
  officer = await t.as('community-officer');
  supervisor = await t.as('supervisor');
});
afterAll(() => t.close());

/** A waiting request; its wishes name a day no test books, so booked slots never refuse it. */
async function request(over: Record<string, unknown> = {}): Promise<{ id: number; reference: string }> {
  const body = tourRequestBody({ preferences: [{ date: '2031-06-03', period: 'morning' }], ...over });
  const r = await publicRequest(t.url, 'POST', '/api/v1/public/tours', body, freshAddress());
  if (r.status !== 201) throw new Error(`request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('confirming a request into a slot', () => {
  it('books the slot, tells the requester with a calendar link, and shows the tour in the month', async () => {
    const r = await request({ organisation: 'Northwood Scouts, Troop 12; "Eagles"' });
    const c = await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-18', period: 'morning' });
    expect(c.status).toBe(200);
    // 10:00 on 18 March is daylight time in New York (UTC-4).
    expect(c.body.tour).toMatchObject({ id: r.id, state: 'confirmed', tourDate: '2031-03-18', period: 'morning', start: '2031-03-18T14:00:00.000Z', end: '2031-03-18T15:30:00.000Z' });
    expect(c.body.notice).toEqual({ channel: 'email', status: 'sent' });
    const sent = await messagesAbout(t.pool, r.id);
    expect(sent.map((m) => m.purpose)).toEqual(['tour.acknowledged', 'tour.confirmed']);
    expect(sent[1]!.body).toContain('confirmed for Tuesday, March 18, 2031, morning (10:00-11:30)');
    expect(sent[1]!.body).toMatch(new RegExp(`/api/v1/public/tours/${r.reference}/ics\\?token=[A-Za-z0-9_-]{32}`));

    const month = await officer.get('/api/v1/tours/calendar?month=2031-03');
    expect(month.status).toBe(200);
    expect(month.body.days).toHaveLength(31);
    const day = month.body.days.find((d: { date: string }) => d.date === '2031-03-18');
    expect(day.slots[0]).toMatchObject({ period: 'morning', start: '10:00', end: '11:30', free: false, tour: { reference: r.reference } });
    expect(day.slots[1]).toMatchObject({ period: 'afternoon', free: true, tour: null });
    expect(month.body.days.find((d: { date: string }) => d.date === '2031-03-15')).toMatchObject({ open: false }); // a Saturday
    expect(month.body.days.find((d: { date: string }) => d.date === '2031-03-03').slots.every((s: { free: boolean }) => !s.free)).toBe(true); // today

    const audit = (await t.pool.query("SELECT actor_user_id, before->>'state' AS before, after->>'state' AS after, after->>'tourDate' AS date FROM audit_log WHERE action = 'tour.confirm' AND entity_id = $1", [String(r.id)])).rows;
    expect(audit).toEqual([{ actor_user_id: officer.userId, before: 'requested', after: 'confirmed', date: '2031-03-18' }]);
  });

  it('refuses a taken slot with 409 and what the rules forbid with 422 naming the field', async () => {
    const first = await request();
    expect((await officer.post(`/api/v1/tours/${first.id}/confirm`, { date: '2031-03-20', period: 'afternoon' })).status).toBe(200);
    const second = await request();
    const taken = await officer.post(`/api/v1/tours/${second.id}/confirm`, { date: '2031-03-20', period: 'afternoon' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain(`2031-03-20 afternoon is already booked: ${first.reference} (afternoon)`);
    const weekend = await officer.post(`/api/v1/tours/${second.id}/confirm`, { date: '2031-03-22', period: 'morning' });
    expect(weekend.status).toBe(422);
    expect(weekend.body.error.fields).toEqual({ date: 'tours run Monday to Friday; pick one of those days' });
    // Notice counts from the day of the request (the 3rd): the 7th is too soon, whoever confirms.
    expect((await officer.post(`/api/v1/tours/${second.id}/confirm`, { date: '2031-03-07', period: 'morning' })).body.error.fields.date).toMatch(/earliest date is 2031-03-10/);
    expect((await officer.post(`/api/v1/tours/${second.id}/confirm`, { date: '2031-09-04', period: 'morning' })).body.error.fields.date).toMatch(/latest date is 2031-09-03/);
    // Already confirmed, unknown, malformed.
    expect((await officer.post(`/api/v1/tours/${first.id}/confirm`, { date: '2031-03-21', period: 'morning' })).status).toBe(409);
    expect((await officer.post('/api/v1/tours/424242/confirm', { date: '2031-03-21', period: 'morning' })).status).toBe(404);
    const bad = await officer.post(`/api/v1/tours/${second.id}/confirm`, { date: 'Friday', period: 'noon' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['date', 'period']);
    expect((await t.pool.query('SELECT state FROM tour_requests WHERE id = $1', [second.id])).rows[0].state).toBe('requested');
  });

  it('counts notice from the request even when the officer confirms days later, and refuses dates already past', async () => {
    const r = await request({ preferences: [{ date: '2031-03-11', period: 'morning' }] });
    clock.set(new Date('2031-03-06T15:00:00Z'));
    try {
      expect((await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-06', period: 'afternoon' })).body.error.fields.date).toMatch(/today or in the past/);
      expect((await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-11', period: 'morning' })).status).toBe(200);
    } finally {
      clock.set(START);
    }
  });

  it('lets exactly one of two officers take the last slot of a day at the same moment', async () => {
    for (const [i, date] of ['2031-04-01', '2031-04-02', '2031-04-03'].entries()) {
      const morning = await request();
      expect((await officer.post(`/api/v1/tours/${morning.id}/confirm`, { date, period: 'morning' })).status).toBe(200);
      const a = await request({ organisation: `Race A${i}` });
      const b = await request({ organisation: `Race B${i}` });
      const [ra, rb] = await Promise.all([
        officer.post(`/api/v1/tours/${a.id}/confirm`, { date, period: 'afternoon' }),
        supervisor.post(`/api/v1/tours/${b.id}/confirm`, { date, period: 'afternoon' }),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      const loser = ra.status === 409 ? ra : rb;
      expect(loser.body.error.message).toMatch(/afternoon is already booked|booked by someone else/);
      const rows = (await t.pool.query("SELECT id FROM tour_requests WHERE tour_date = $1 AND state = 'confirmed' ORDER BY id", [date])).rows;
      expect(rows).toHaveLength(2);
      const loserId = ra.status === 409 ? a.id : b.id;
      expect((await t.pool.query('SELECT state FROM tour_requests WHERE id = $1', [loserId])).rows[0].state).toBe('requested');
      // Only the winner was told.
      expect((await messagesAbout(t.pool, loserId)).map((m) => m.purpose)).toEqual(['tour.acknowledged']);
    }
  });

  it('lets one of many officers confirming the same request win', async () => {
    const r = await request();
    const results = await Promise.all(
      [officer, supervisor, officer, supervisor].map((c, i) => c.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-04-07', period: i % 2 ? 'morning' : 'afternoon' })),
    );
    expect(results.map((x) => x.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await messagesAbout(t.pool, r.id)).filter((m) => m.purpose === 'tour.confirmed')).toHaveLength(1);
  });
});

describe('declining and cancelling', () => {
  it('declines a waiting request and sends the officer\'s message', async () => {
    const r = await request({ lang: 'es', email: 'maestra@example.org' });
    const d = await officer.post(`/api/v1/tours/${r.id}/decline`, { message: 'No tenemos personal en esas fechas; escríbanos para junio.' });
    expect(d.status).toBe(200);
    expect(d.body.tour).toMatchObject({ state: 'declined', staffMessage: 'No tenemos personal en esas fechas; escríbanos para junio.' });
    expect(d.body.notice).toEqual({ channel: 'email', status: 'sent' });
    const [, m] = await messagesAbout(t.pool, r.id);
    expect(m).toMatchObject({ purpose: 'tour.declined', recipient: 'maestra@example.org' });
    expect(m!.body).toContain('Mensaje del centro: No tenemos personal en esas fechas; escríbanos para junio.');
    expect((await officer.post(`/api/v1/tours/${r.id}/decline`, { message: 'again' })).status).toBe(409);
    expect((await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-24', period: 'morning' })).status).toBe(409);
    const empty = await officer.post(`/api/v1/tours/${r.id}/decline`, { message: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.message).toMatch(/write the message/);
    const token = await tokenFromMessages(t.pool, r.id);
    const view = await publicRequest(t.url, 'GET', `/api/v1/public/tours/${r.reference}?token=${token}`);
    expect(view.body).toMatchObject({ state: 'declined', staffMessage: 'No tenemos personal en esas fechas; escríbanos para junio.' });
    expect((await publicRequest(t.url, 'POST', `/api/v1/public/tours/${r.reference}/withdraw`, { token })).status).toBe(409);
  });

  it('cancels a confirmed tour with a message, which frees the slot', async () => {
    const r = await request({ email: undefined, phone: '410-555-0123' });
    expect((await officer.post(`/api/v1/tours/${r.id}/cancel`, { message: 'not yet confirmed' })).status).toBe(409);
    await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-25', period: 'morning' });
    const c = await supervisor.post(`/api/v1/tours/${r.id}/cancel`, { message: 'A system upgrade closes the floor to visitors that day. Sorry!' });
    expect(c.status).toBe(200);
    expect(c.body.tour.state).toBe('cancelled');
    expect(c.body.notice).toEqual({ channel: 'sms', status: 'sent' });
    const sent = await messagesAbout(t.pool, r.id);
    expect(sent.map((m) => m.purpose)).toEqual(['tour.acknowledged', 'tour.confirmed', 'tour.cancelled']);
    expect(sent[2]).toMatchObject({ channel: 'sms', recipient: '410-555-0123' });
    expect(sent[2]!.body).toContain('cancel your tour');
    expect(sent[2]!.body).toContain('A system upgrade closes the floor to visitors that day. Sorry!');
    const next = await request();
    expect((await officer.post(`/api/v1/tours/${next.id}/confirm`, { date: '2031-03-25', period: 'morning' })).status).toBe(200);
    // The audit says a message was sent, not what it said: it may name the requester.
    const audit = (await t.pool.query("SELECT after FROM audit_log WHERE action = 'tour.cancel' AND entity_id = $1", [String(r.id)])).rows;
    expect(audit.map((a) => a.after.messageSent)).toEqual([true]);
    expect(JSON.stringify(audit)).not.toContain('system upgrade');
  });

  it('frees the slot when the requester withdraws a confirmed tour', async () => {
    const r = await request();
    await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-26', period: 'afternoon' });
    const token = await tokenFromMessages(t.pool, r.id);
    expect((await publicRequest(t.url, 'POST', `/api/v1/public/tours/${r.reference}/withdraw`, { token })).body.state).toBe('withdrawn');
    const next = await request();
    expect((await officer.post(`/api/v1/tours/${next.id}/confirm`, { date: '2031-03-26', period: 'afternoon' })).status).toBe(200);
  });
});

describe('blocked dates', () => {
  it('closes a day to tours, shows why in the calendar, and opens it again', async () => {
    const b = await officer.post('/api/v1/tours/blocked-dates', { date: '2031-04-15', reason: 'Evacuation drill, all floors' });
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ date: '2031-04-15', reason: 'Evacuation drill, all floors' });
    expect((await officer.post('/api/v1/tours/blocked-dates', { date: '2031-04-15', reason: 'twice' })).status).toBe(409);
    const r = await request();
    const refused = await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-04-15', period: 'morning' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.date).toMatch(/no tours that day/);
    const day = (await officer.get('/api/v1/tours/calendar?month=2031-04')).body.days.find((d: { date: string }) => d.date === '2031-04-15');
    expect(day).toMatchObject({ open: true, blocked: 'Evacuation drill, all floors' });
    expect(day.slots.every((s: { free: boolean }) => !s.free)).toBe(true);
    expect((await officer.get('/api/v1/tours/blocked-dates?from=2031-04-01&to=2031-04-30')).body).toEqual([expect.objectContaining({ date: '2031-04-15' })]);
    expect((await officer.delete('/api/v1/tours/blocked-dates/2031-04-15')).status).toBe(200);
    expect((await officer.delete('/api/v1/tours/blocked-dates/2031-04-15')).status).toBe(404);
    expect((await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-04-15', period: 'morning' })).status).toBe(200);
    const actions = (await t.pool.query("SELECT action FROM audit_log WHERE entity = 'tour-blocked-date' AND entity_id = '2031-04-15' ORDER BY seq")).rows.map((x) => x.action);
    expect(actions).toEqual(['tour.block-date', 'tour.unblock-date']);
  });

  it('refuses to block a day with confirmed tours until they are cancelled, and names bad input', async () => {
    const r = await request();
    await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-04-16', period: 'morning' });
    const b = await officer.post('/api/v1/tours/blocked-dates', { date: '2031-04-16', reason: 'drill' });
    expect(b.status).toBe(409);
    expect(b.body.error.message).toContain(r.reference);
    expect((await officer.post('/api/v1/tours/blocked-dates', { date: '2031-02-30', reason: 'x' })).body.error.fields).toHaveProperty('date');
    expect((await officer.post('/api/v1/tours/blocked-dates', { date: '2031-04-17' })).body.error.fields).toHaveProperty('reason');
    expect((await officer.delete('/api/v1/tours/blocked-dates/tomorrow')).status).toBe(400);
    expect((await officer.get('/api/v1/tours/calendar?month=2031-13')).body.error.fields).toHaveProperty('month');
  });
});

describe('calendar files', () => {
  it('downloads a valid .ics for a confirmed tour, for staff and with the requester\'s link', async () => {
    const organisation = 'St. Mary\'s School; Grades 3, 4 \\ 5 – Señora Núñez\'s class with a rather long name';
    const r = await request({ organisation, ages: '8-10, adults' });
    expect((await officer.get(`/api/v1/tours/${r.id}/ics`)).status).toBe(409); // not confirmed yet
    await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-07', period: 'afternoon' }).then((x) => expect(x.status).toBe(422));
    await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-03-10', period: 'afternoon' });

    const res = await fetch(`${t.url}/api/v1/tours/${r.id}/ics`, { headers: officer.headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="tour-${r.reference}.ics"`);
    const text = await res.text();
    const { lines, events } = parseIcs(text);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const l of lines) expect(octets(l), l).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(0);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    const host = new URL(t.url).hostname;
    // 14:00 on Monday 10 March: daylight time began on the 9th, so 18:00 UTC.
    expect(e).toMatchObject({
      UID: `tour-${r.reference}@${host}`,
      DTSTAMP: '20310303T150000Z',
      DTSTART: '20310310T180000Z',
      DTEND: '20310310T193000Z',
      SUMMARY: `9-1-1 centre tour: ${organisation}`,
      LOCATION: '9-1-1 Communications Center, visitor entrance',
      STATUS: 'CONFIRMED',
    });
    expect(e.DESCRIPTION).toContain(`Reference ${r.reference}.\n${organisation}: 20 people, ages 8-10, adults.`);
    expect(e.DESCRIPTION).not.toContain('ana.teacher@example.org');

    const token = await tokenFromMessages(t.pool, r.id);
    const pub = await publicRequest(t.url, 'GET', `/api/v1/public/tours/${r.reference}/ics?token=${token}`);
    expect(pub.status).toBe(200);
    expect(parseIcs(pub.body).events[0]).toMatchObject({ UID: e.UID, DTSTART: e.DTSTART, DTEND: e.DTEND });
    expect((await publicRequest(t.url, 'GET', `/api/v1/public/tours/${r.reference}/ics?token=${'z'.repeat(32)}`)).status).toBe(404);
  });

  it('uses standard time in winter', async () => {
    clock.set(new Date('2031-10-20T15:00:00Z'));
    try {
      const r = await request({ preferences: [{ date: '2031-11-05', period: 'morning' }] });
      const c = await officer.post(`/api/v1/tours/${r.id}/confirm`, { date: '2031-11-05', period: 'morning' });
      expect(c.body.tour).toMatchObject({ start: '2031-11-05T15:00:00.000Z', end: '2031-11-05T16:30:00.000Z' });
      const ics = parseIcs(await (await fetch(`${t.url}/api/v1/tours/${r.id}/ics`, { headers: officer.headers() })).text()).events[0]!;
      expect([ics.DTSTART, ics.DTEND]).toEqual(['20311105T150000Z', '20311105T163000Z']);
    } finally {
      clock.set(START);
    }
  });
});
