import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tourDateProblem, type TourRules } from '@openpsap/contract';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { ManualClock } from '../../scheduler/clock';
import { freshAddress, messagesAbout, publicRequest, tokenFromMessages, tourRequestBody } from './tour-test-fixtures';
import { tourRules } from './tour-rules';

// 15:00 UTC is 10:00 in New York: the centre's local "today" is Monday 2031-03-03.
const START = new Date('2031-03-03T15:00:00Z');
let t: TestServer;
let clock: ManualClock;
let officer: SignedInClient;

beforeAll(async () => {
  clock = new ManualClock(START);
  t = await createTestServer({ clock });
  officer = await t.as('community-officer');
});
afterAll(() => t.close());

/** Sends a request as the public, each from its own address so the hourly limit does not interfere. */
const ask = (over: Record<string, unknown> = {}) => publicRequest(t.url, 'POST', '/api/v1/public/tours', tourRequestBody(over), freshAddress());
const askFor = (date: string, period = 'morning', over: Record<string, unknown> = {}) => ask({ preferences: [{ date, period }], ...over });

describe('public tour requests', () => {
  it('records a request, answers its id and a short reference, and acknowledges it by e-mail', async () => {
    const r = await ask();
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['id', 'reference']);
    expect(r.body.reference).toMatch(/^T-[A-HJKMNP-Z2-9]{6}$/);
    const sent = await messagesAbout(t.pool, r.body.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'email', recipient: 'ana.teacher@example.org', purpose: 'tour.acknowledged' });
    expect(sent[0]!.subject).toContain(r.body.reference);
    expect(sent[0]!.body).toContain('Tuesday, March 18, 2031, morning (10:00-11:30)');
    expect(sent[0]!.body).toContain('Wednesday, March 19, 2031, afternoon (14:00-15:30)');
    expect(sent[0]!.body).toMatch(new RegExp(`/public/tours/${r.body.reference}/[A-Za-z0-9_-]{32}\\?lang=en`));
    const row = (await t.pool.query('SELECT state, ages, requested_on::text, lang FROM tour_requests WHERE id = $1', [r.body.id])).rows[0];
    expect(row).toEqual({ state: 'requested', ages: '9-10', requested_on: '2031-03-03', lang: 'en' });
  });

  it('answers in Spanish by SMS when only a phone number is given', async () => {
    const r = await ask({ email: undefined, phone: '+1 410 555 0199', lang: 'es', ages: '8 a 10, adultos' });
    expect(r.status).toBe(201);
    const [m] = await messagesAbout(t.pool, r.body.id);
    expect(m).toMatchObject({ channel: 'sms', recipient: '+1 410 555 0199', purpose: 'tour.acknowledged', subject: null });
    expect(m!.body).toContain(`recibimos la solicitud de visita ${r.body.reference}`);
    expect(m!.body).toContain('?lang=es');
    expect((await t.pool.query('SELECT ages FROM tour_requests WHERE id = $1', [r.body.id])).rows[0].ages).toBe('8-10, adults');
  });

  it('refuses weekends, today and the past, short notice and dates too far ahead, naming the preference', async () => {
    const weekend = await askFor('2031-03-15');
    expect(weekend.status).toBe(422);
    expect(weekend.body.error.fields).toEqual({ 'preferences.0.date': 'tours run Monday to Friday; pick one of those days' });
    expect((await askFor('2031-03-03')).body.error.fields['preferences.0.date']).toBe('is today or in the past; pick a later date');
    expect((await askFor('2031-02-28')).body.error.fields['preferences.0.date']).toMatch(/in the past/);
    // Notice: 7 days. Monday the 10th is exactly a week away; Friday the 7th is not.
    expect((await askFor('2031-03-07')).body.error.fields['preferences.0.date']).toBe("we need at least 7 days' notice; the earliest date is 2031-03-10");
    expect((await askFor('2031-03-10')).status).toBe(201);
    // Six months ahead: Wednesday 3 September is the last day, Thursday the 4th is too far.
    expect((await askFor('2031-09-03', 'afternoon')).status).toBe(201);
    expect((await askFor('2031-09-04')).body.error.fields['preferences.0.date']).toBe('we book at most 6 months ahead; the latest date is 2031-09-03');
    // Only the wrong choice is named, in the requester's language.
    const mixed = await ask({ lang: 'es', preferences: [{ date: '2031-03-18', period: 'morning' }, { date: '2031-03-22', period: 'morning' }] });
    expect(mixed.body.error.fields).toEqual({ 'preferences.1.date': 'las visitas son de lunes a viernes; elija uno de esos días' });
  });

  it('keeps groups between 4 and 25 people', async () => {
    for (const [size, ok] of [[3, false], [4, true], [25, true], [26, false]] as const) {
      const r = await ask({ groupSize: size });
      expect(r.status, `group of ${size}`).toBe(ok ? 201 : 422);
      if (!ok) expect(r.body.error.fields).toEqual({ groupSize: 'groups are 4 to 25 people; for a larger group, ask for two visits' });
    }
  });

  it('refuses days the officers blocked and slots already booked', async () => {
    expect((await officer.post('/api/v1/tours/blocked-dates', { date: '2031-03-12', reason: 'evacuation drill' })).status).toBe(201);
    const blocked = await askFor('2031-03-12', 'afternoon');
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.fields['preferences.0.date']).toBe('the centre has no tours that day; pick another date');
    expect(blocked.body.error.message).not.toContain('drill'); // the reason is for staff only
    const a = await askFor('2031-03-13', 'morning');
    expect((await officer.post(`/api/v1/tours/${a.body.id}/confirm`, { date: '2031-03-13', period: 'morning' })).status).toBe(200);
    expect((await askFor('2031-03-13', 'morning')).body.error.fields['preferences.0.date']).toBe('that time is already booked; pick another date or time');
    expect((await askFor('2031-03-13', 'afternoon')).status).toBe(201);
    const avail = await publicRequest(t.url, 'GET', '/api/v1/public/tours/availability');
    expect(avail.status).toBe(200);
    expect(avail.body).toMatchObject({ today: '2031-03-03', earliest: '2031-03-10', latest: '2031-09-03', blockedDates: ['2031-03-12'] });
    expect(avail.body.booked).toContainEqual({ date: '2031-03-13', period: 'morning' });
    expect(avail.body.rules).toMatchObject({ weekdays: [1, 2, 3, 4, 5], maxPerDay: 2, minGroupSize: 4, maxGroupSize: 25, minNoticeDays: 7, maxMonthsAhead: 6, timeZone: 'America/New_York' });
  });

  it('counts notice from the centre\'s local date, not UTC', async () => {
    // 03:30 UTC on the 11th is still 22:30 on Monday the 10th in New York.
    clock.set(new Date('2031-03-11T03:30:00Z'));
    try {
      expect((await publicRequest(t.url, 'GET', '/api/v1/public/tours/availability')).body.today).toBe('2031-03-10');
      const r = await askFor('2031-03-17');
      expect(r.status).toBe(201);
      expect((await t.pool.query('SELECT requested_on::text AS d FROM tour_requests WHERE id = $1', [r.body.id])).rows[0].d).toBe('2031-03-10');
    } finally {
      clock.set(START);
    }
  });

  it('names every malformed field with a 400 and writes nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM tour_requests')).rows[0].n;
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ organisation: '' }, 'organisation', /required/],
      [{ organisation: undefined }, 'organisation', /required/],
      [{ contactName: '   ' }, 'contactName'],
      [{ email: 'not-an-address' }, 'email', /e-mail address/],
      [{ email: undefined, phone: undefined }, 'email', /e-mail address or a phone number/],
      [{ phone: 'call me' }, 'phone'],
      [{ groupSize: 'ten' }, 'groupSize', /number/],
      [{ groupSize: 12.5 }, 'groupSize', /whole number/],
      [{ ages: 'third grade' }, 'ages', /range such as 8-10/],
      [{ ages: '12-8' }, 'ages'],
      [{ preferences: [] }, 'preferences', /at least one/],
      [{ preferences: Array.from({ length: 4 }, (_, i) => ({ date: `2031-03-2${i}`, period: 'morning' })) }, 'preferences', /at most three/],
      [{ preferences: [{ date: '2031-02-30', period: 'morning' }] }, 'preferences.0.date', /real date/],
      [{ preferences: [{ date: '18/03/2031', period: 'morning' }] }, 'preferences.0.date', /such as 2026-05-12/],
      [{ preferences: [{ date: '2031-03-18', period: 'evening' }] }, 'preferences.0.period', /morning or afternoon/],
      [{ preferences: [{ date: '2031-03-18', period: 'morning' }, { date: '2031-03-18', period: 'morning' }] }, 'preferences.1.date', /same as an earlier/],
      [{ lang: 'fr' }, 'lang'],
      [{ organisation: 'x'.repeat(201) }, 'organisation', /200/],
      [{ isAdmin: true }, 'isAdmin', /not a known field/],
    ];
    for (const [over, field, message] of cases) {
      const r = await ask(over);
      expect(r.status, JSON.stringify(over).slice(0, 80)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(Object.keys(r.body.error.fields), JSON.stringify(over).slice(0, 80)).toContain(field);
      if (message) expect(r.body.error.fields[field]).toMatch(message);
    }
    expect((await publicRequest(t.url, 'POST', '/api/v1/public/tours', null, freshAddress())).status).toBe(400);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM tour_requests')).rows[0].n).toBe(before);
  });

  it('limits one address to 5 requests an hour', async () => {
    const from = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await publicRequest(t.url, 'POST', '/api/v1/public/tours', tourRequestBody({ groupSize: 2 }), from)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    const limited = await publicRequest(t.url, 'POST', '/api/v1/public/tours', tourRequestBody(), from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ask()).status).toBe(201); // another address is not affected
  });
});

describe('the requester\'s private link', () => {
  it('shows the request and lets the requester withdraw it; without the right token nothing is found', async () => {
    const r = await ask({ organisation: 'Troop 417' });
    const token = await tokenFromMessages(t.pool, r.body.id);
    const view = await publicRequest(t.url, 'GET', `/api/v1/public/tours/${r.body.reference}?token=${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ reference: r.body.reference, state: 'requested', organisation: 'Troop 417', tourDate: null });
    expect(view.body).not.toHaveProperty('email');
    expect(view.headers['cache-control']).toBe('no-store');
    // Lower case works too: people retype references.
    expect((await publicRequest(t.url, 'GET', `/api/v1/public/tours/${r.body.reference.toLowerCase()}?token=${token}`)).status).toBe(200);
    const other = await ask();
    expect((await publicRequest(t.url, 'GET', `/api/v1/public/tours/${other.body.reference}?token=${token}`)).status).toBe(404);
    expect((await publicRequest(t.url, 'GET', `/api/v1/public/tours/${r.body.reference}?token=${'x'.repeat(32)}`)).status).toBe(404);
    expect((await publicRequest(t.url, 'GET', `/api/v1/public/tours/${r.body.reference}`)).body.error.fields).toHaveProperty('token');
    expect((await publicRequest(t.url, 'GET', `/api/v1/public/tours/not-a-ref?token=${token}`)).body.error.fields).toHaveProperty('reference');
    expect((await publicRequest(t.url, 'POST', `/api/v1/public/tours/${r.body.reference}/withdraw`, { token: 'y'.repeat(32) })).status).toBe(404);

    const w = await publicRequest(t.url, 'POST', `/api/v1/public/tours/${r.body.reference}/withdraw`, { token }, '127.0.9.9');
    expect(w.status).toBe(200);
    expect(w.body.state).toBe('withdrawn');
    const again = await publicRequest(t.url, 'POST', `/api/v1/public/tours/${r.body.reference}/withdraw`, { token });
    expect(again.status).toBe(200);
    expect((await messagesAbout(t.pool, r.body.id)).map((m) => m.purpose)).toEqual(['tour.acknowledged', 'tour.withdrawn']);
    const audit = (await t.pool.query("SELECT actor_label, ip, before->>'state' AS before, after->>'state' AS after FROM audit_log WHERE entity = 'tour-request' AND entity_id = $1 AND action = 'tour.withdraw'", [String(r.body.id)])).rows;
    expect(audit).toEqual([{ actor_label: 'public:tour-link', ip: '127.0.9.9', before: 'requested', after: 'withdrawn' }]);
    // A withdrawn request is no longer waiting for the officers.
    const waiting = (await officer.get('/api/v1/tours?state=requested')).body as { id: number }[];
    expect(waiting.map((x) => x.id)).not.toContain(r.body.id);
  });

  it('stores only a hash of the link token', async () => {
    const r = await ask();
    const token = await tokenFromMessages(t.pool, r.body.id);
    const stored = (await t.pool.query('SELECT token_hash FROM tour_links WHERE request_id = $1', [r.body.id])).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].token_hash).not.toContain(token);
  });
});

describe('officers and personal data', () => {
  it('lists requests without contact details, waiting ones oldest first', async () => {
    const list = await officer.get('/api/v1/tours?state=requested');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(3);
    for (const s of list.body) {
      expect(s.state).toBe('requested');
      for (const key of ['contactName', 'email', 'phone', 'accessibility', 'message']) expect(s).not.toHaveProperty(key);
    }
    const created = list.body.map((s: { createdAt: string }) => s.createdAt);
    expect([...created].sort()).toEqual(created);
  });

  it('opens contact details only with a purpose, and audits each read with it', async () => {
    const r = await ask({ contactName: 'Rosa Díaz', email: 'rosa@example.org' });
    const none = await officer.get(`/api/v1/tours/${r.body.id}`);
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toHaveProperty('purpose');
    const viaQuery = await officer.get(`/api/v1/tours/${r.body.id}?purpose=${encodeURIComponent('call back about dates')}`);
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.body).toMatchObject({ contactName: 'Rosa Díaz', email: 'rosa@example.org', accessibility: 'one pupil uses a wheelchair' });
    const viaHeader = await fetch(`${t.url}/api/v1/tours/${r.body.id}`, { headers: { ...officer.headers(), 'x-psap-purpose': encodeURIComponent('plan the wheelchair route') } });
    expect(viaHeader.status).toBe(200);
    const audits = (await t.pool.query("SELECT actor_user_id, purpose FROM audit_log WHERE action = 'tour.view' AND entity = 'tour-request' AND entity_id = $1 ORDER BY seq", [String(r.body.id)])).rows;
    expect(audits).toEqual([
      { actor_user_id: officer.userId, purpose: 'call back about dates' },
      { actor_user_id: officer.userId, purpose: 'plan the wheelchair route' },
    ]);
    // The audit of the request itself keeps no contact details.
    const created = (await t.pool.query("SELECT after FROM audit_log WHERE action = 'tour.request' AND entity_id = $1", [String(r.body.id)])).rows[0].after;
    expect(JSON.stringify(created)).not.toMatch(/Rosa|rosa@example/);
    expect((await officer.get('/api/v1/tours/424242?purpose=checking')).status).toBe(404);
  });

  it('documents its routes in the OpenAPI description', async () => {
    const doc = await t.anonymous().get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    for (const path of ['/api/v1/public/tours', '/api/v1/public/tours/{reference}/ics', '/api/v1/tours/{id}/confirm', '/api/v1/tours/calendar']) expect(Object.keys(doc.body.paths)).toContain(path);
  });

  it('keeps the calendar to supervisors and community officers', async () => {
    const ct = await t.as('call-taker');
    expect((await ct.get('/api/v1/tours')).status).toBe(403);
    expect((await (await t.as('admin')).get('/api/v1/tours/calendar?month=2031-03')).status).toBe(403);
    expect((await (await t.as('supervisor')).get('/api/v1/tours/calendar?month=2031-03')).status).toBe(200);
    expect((await t.anonymous().get('/api/v1/tours')).status).toBe(401);
  });
});

describe('the rules as a pure check', () => {
  const rules: TourRules = { ...tourRules('America/New_York'), maxPerDay: 1, weekdays: [2, 4] };
  const facts = { today: '2031-03-03', blockedDates: ['2031-03-20'], booked: [{ date: '2031-03-13', period: 'morning' as const }] };

  it('applies each rule in turn', () => {
    expect(tourDateProblem(rules, '2031-03-11', 'morning', facts)).toBeNull(); // a Tuesday, free
    expect(tourDateProblem(rules, '2031-03-12', 'morning', facts)).toEqual({ code: 'closed-day' }); // a Wednesday
    expect(tourDateProblem(rules, '2031-03-04', 'morning', facts)).toEqual({ code: 'too-soon', earliest: '2031-03-10' });
    expect(tourDateProblem(rules, '2031-09-04', 'morning', facts)).toEqual({ code: 'too-far', latest: '2031-09-03' });
    expect(tourDateProblem(rules, '2031-03-20', 'morning', facts)).toEqual({ code: 'blocked' });
    expect(tourDateProblem(rules, '2031-03-13', 'morning', facts)).toEqual({ code: 'slot-taken' });
    // One tour a day: the free afternoon cannot be booked either.
    expect(tourDateProblem(rules, '2031-03-13', 'afternoon', facts)).toEqual({ code: 'day-full' });
    // Notice counted from the day of the request, when checked later.
    expect(tourDateProblem(rules, '2031-03-11', 'morning', { ...facts, today: '2031-03-06', noticeFrom: '2031-03-03' })).toBeNull();
    expect(tourDateProblem(rules, '2031-03-06', 'morning', { ...facts, today: '2031-03-06', noticeFrom: '2031-02-20' })).toEqual({ code: 'past' });
  });

  it('clamps six months ahead to the end of a shorter month', async () => {
    const { addMonths } = await import('@openpsap/contract');
    expect(addMonths('2031-08-31', 6)).toBe('2032-02-29');
    expect(addMonths('2031-08-31', 1)).toBe('2031-09-30');
  });
});
