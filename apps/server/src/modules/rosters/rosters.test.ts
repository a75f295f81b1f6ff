import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { addMember, clearDemoRoster, icsText, oneCallTakerMinimum, parseIcs, PURPOSE } from './roster-test-fixtures';

const START = '2027-01-04'; // a Monday
const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function server(): Promise<{ t: TestServer; sup: SignedInClient }> {
  const t = await createTestServer();
  servers.push(t);
  await clearDemoRoster(t.pool);
  return { t, sup: await t.as('supervisor') };
}

describe('Pitman 2-2-3 and DuPont over a year', () => {
  let t: TestServer;
  let sup: SignedInClient;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ({ t, sup } = await server());
    for (const team of ['A', 'B', 'C', 'D'] as const) ids[team] = await addMember(sup, { name: `Call-taker ${team}`, team, position: 'call-taker' });
  });

  it('gives each member 182 or 183 working days, one day team and one night team every day', async () => {
    const rot = await sup.post('/api/v1/rosters/rotation', { pattern: 'pitman', startDate: START });
    expect(rot.status).toBe(200);
    expect(rot.body.map((x: any) => x.pattern)).toEqual(['pitman', 'pitman', 'pitman', 'pitman']);
    const cal = await sup.get(`/api/v1/rosters/calendar?from=${START}&to=2028-01-03`);
    expect(cal.status).toBe(200);
    const a = cal.body.assignments as any[];
    const days = (team: string) => a.filter((x) => x.team === team).length;
    for (const team of ['A', 'B', 'C', 'D']) expect([182, 183]).toContain(days(team));
    expect(days('A') + days('B') + days('C') + days('D')).toBe(365 * 2);
    const byDate = new Map<string, string[]>();
    for (const x of a) byDate.set(x.date, [...(byDate.get(x.date) ?? []), `${x.team}${x.shift}`]);
    expect(byDate.size).toBe(365);
    for (const [, shifts] of byDate) expect(shifts.map((s) => s[1]).sort()).toEqual(['D', 'N']);
    // 2-2-3: A works Mon-Tue, off Wed-Thu, works Fri-Sun; B the other days; C and D the same on nights.
    const on = (date: string) => a.filter((x) => x.date === date).map((x) => `${x.team}${x.shift}`).sort().join(' ');
    expect(on('2027-01-04')).toBe('AD CN');
    expect(on('2027-01-06')).toBe('BD DN');
    expect(on('2027-01-08')).toBe('AD CN');
    expect(on('2027-01-11')).toBe('BD DN');
    expect(on('2027-01-18')).toBe('AD CN'); // the cycle repeats after 14 days
    expect(on('2027-01-07')).toBe('BD DN');
    expect(on('2027-07-15')).toBe('AD CN'); // 189 days = 13.5 cycles later: the teams' halves change places
    const night = a.find((x) => x.date === '2027-01-04' && x.shift === 'N');
    expect(night).toMatchObject({ start: '2027-01-05T00:00:00.000Z', end: '2027-01-05T12:00:00.000Z', hours: 12 });
    // Nobody works more than 16 hours in a row on the pattern: at least 11 h off between shifts
    // (12, or 11 across the spring clock change).
    for (const team of ['A', 'B', 'C', 'D']) {
      const mine = a.filter((x) => x.team === team);
      for (let i = 1; i < mine.length; i++) expect(Date.parse(mine[i].start) - Date.parse(mine[i - 1].end)).toBeGreaterThanOrEqual(11 * 3_600_000);
    }
  });

  it('DuPont: 14 of 28 days each, one day team and one night team every day', async () => {
    expect((await sup.post('/api/v1/rosters/rotation', { pattern: 'dupont', startDate: START })).status).toBe(200);
    const cal = await sup.get(`/api/v1/rosters/calendar?from=${START}&to=2028-01-02`);
    const a = cal.body.assignments as any[];
    for (const team of ['A', 'B', 'C', 'D']) {
      const mine = a.filter((x) => x.team === team);
      expect(mine.length).toBe(13 * 14); // 364 days = 13 cycles
      expect(mine.filter((x) => x.date < '2027-02-01').length).toBe(14);
    }
    const byDate = new Map<string, string[]>();
    for (const x of a) byDate.set(x.date, [...(byDate.get(x.date) ?? []), x.shift]);
    for (const [, shifts] of byDate) expect(shifts.sort()).toEqual(['D', 'N']);
    // Team A: four nights, three off, three days...
    const aShifts = (from: string, to: string) => a.filter((x) => x.team === 'A' && x.date >= from && x.date <= to).map((x) => `${x.date.slice(8)}${x.shift}`).join(' ');
    expect(aShifts('2027-01-04', '2027-01-14')).toBe('04N 05N 06N 07N 11D 12D 13D');
    expect(aShifts('2027-01-21', '2027-01-24')).toBe('21D 22D 23D 24D');
    expect(aShifts('2027-01-25', '2027-01-31')).toBe(''); // seven days off
    expect(aShifts('2027-02-01', '2027-02-01')).toBe('01N');
  });

  it('a night over a clock change lasts 11 or 13 hours, and the hours report says so', async () => {
    expect((await sup.post('/api/v1/rosters/rotation', { pattern: 'pitman', startDate: START })).status).toBe(200);
    const cal = await sup.get('/api/v1/rosters/calendar?from=2027-03-13&to=2027-03-13');
    const spring = cal.body.assignments.find((x: any) => x.shift === 'N');
    expect(spring).toMatchObject({ start: '2027-03-14T00:00:00.000Z', end: '2027-03-14T11:00:00.000Z', hours: 11 });
    const fall = (await sup.get('/api/v1/rosters/calendar?from=2027-11-06&to=2027-11-06')).body.assignments.find((x: any) => x.shift === 'N');
    expect(fall).toMatchObject({ start: '2027-11-06T23:00:00.000Z', end: '2027-11-07T12:00:00.000Z', hours: 13 });
    const day = (await sup.get('/api/v1/rosters/calendar?from=2027-11-07&to=2027-11-07')).body.assignments.find((x: any) => x.shift === 'D');
    expect(day).toMatchObject({ start: '2027-11-07T12:00:00.000Z', hours: 12 }); // 07:00 EST

    const json = await sup.get(`/api/v1/rosters/reports/hours?from=2027-11-01&to=2027-11-30&purpose=payroll+check`);
    expect(json.status).toBe(200);
    const row = json.body.find((r: any) => r.staffId === ids[fall.team]);
    expect(row.clockChangeShifts).toEqual(['2027-11-06 N 13 h']);
    const csv = await sup.get(`/api/v1/rosters/reports/hours?from=2027-11-01&to=2027-11-30&format=csv&purpose=payroll+check`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('staff_id,name,team,position,shifts,scheduled_hours,swap_hours,overtime_hours,total_hours,leave_shifts,clock_change_shifts');
    const line = lines.find((l) => l.startsWith(`${ids[fall.team]},`))!;
    expect(line).toContain('2027-11-06 N 13 h');
    const cells = line.split(',');
    expect(Number(cells[5])).toBe(Number(cells[4]) * 12 + 1);
    const audited = await t.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'staff-hours.view' AND purpose = 'payroll check'");
    expect(audited.rows[0].n).toBeGreaterThanOrEqual(4);
    expect((await sup.get('/api/v1/rosters/reports/hours?from=2027-11-01&to=2027-11-30')).status).toBe(422);
  });

  it('checks a custom pattern and names the field', async () => {
    const put = (sequence: string) => sup.request('PUT', '/api/v1/rosters/teams/A/rotation', { sequence, startDate: START });
    const bad = await put('DDNZ');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.sequence).toContain('day 4');
    expect((await put('DDNNDOOO')).body.error.fields.sequence).toContain('24 hours in a row');
    expect((await put('DOON')).body.error.fields.sequence).toContain('day 4 is a night and day 1 a day shift'); // across the cycle's end
    expect((await put('DDDD')).body.error.fields.sequence).toContain('no day off');
    expect((await put('OOO')).body.error.fields.sequence).toContain('no working day');
    expect((await put('')).body.error.fields.sequence).toBeDefined();
    const badDate = await sup.request('PUT', '/api/v1/rosters/teams/A/rotation', { sequence: 'DDOO', startDate: '2027-02-30' });
    expect(badDate.status).toBe(400);
    expect(Object.keys(badDate.body.error.fields)).toContain('startDate');
    const ok = await put('dd nn - o oo');
    expect(ok.status).toBe(200);
    expect(ok.body.find((x: any) => x.code === 'A')).toMatchObject({ pattern: 'custom', sequence: 'DDNNOOOO', cycleStart: START });
    const a = (await sup.get(`/api/v1/rosters/calendar?from=${START}&to=2027-01-12&team=A`)).body.assignments.map((x: any) => `${x.date.slice(8)}${x.shift}`);
    expect(a).toEqual(['04D', '05D', '06N', '07N', '12D']);
  });
});

describe('leave, swaps and overtime', () => {
  let t: TestServer;
  let sup: SignedInClient;
  let ann: SignedInClient;
  let ben: SignedInClient;
  const id: Record<string, number> = {};
  // Pitman from START: team A works days on Jan 4, 5, 8, 9, 10; team B on Jan 6, 7, 11, 12;
  // team C nights with A's days, team D nights with B's.
  beforeAll(async () => {
    ({ t, sup } = await server());
    ann = await t.as('call-taker');
    ben = await t.as('call-taker');
    id.ann = await addMember(sup, { name: 'Ann Able', team: 'A', position: 'call-taker', userId: ann.userId, hiredOn: '2012-03-01' });
    id.ben = await addMember(sup, { name: 'Ben Baker', team: 'B', position: 'call-taker', userId: ben.userId, hiredOn: '2016-05-01' });
    id.bea = await addMember(sup, { name: 'Bea Brown', team: 'B', position: 'call-taker', hiredOn: '2010-01-01' });
    id.bob = await addMember(sup, { name: 'Bob Black', team: 'B', position: 'police-dispatch', hiredOn: '2011-01-01' });
    id.bo = await addMember(sup, { name: 'Bo Bright', team: 'B', position: 'call-taker', hiredOn: '2014-01-01' });
    id.cal = await addMember(sup, { name: 'Cal Cole', team: 'C', position: 'call-taker', hiredOn: '2009-01-01' });
    id.dee = await addMember(sup, { name: 'Dee Dunn', team: 'D', position: 'call-taker', hiredOn: '2008-01-01' });
    await oneCallTakerMinimum(sup);
    expect((await sup.post('/api/v1/rosters/rotation', { pattern: 'pitman', startDate: START })).status).toBe(200);
  });

  it('approved leave takes the shift off the roster and shows the gap it leaves', async () => {
    const before = await sup.get('/api/v1/rosters/calendar?from=2027-01-08&to=2027-01-08');
    expect(before.body.gaps).toEqual([]);
    const req = await ann.post('/api/v1/rosters/leave', { staffId: id.ann, from: '2027-01-08', to: '2027-01-08', kind: 'annual' });
    expect(req.status).toBe(201);
    expect(req.body).toMatchObject({ state: 'requested', shiftsAffected: 1 });
    expect((await ann.post('/api/v1/rosters/leave', { staffId: id.ben, from: '2027-01-09', to: '2027-01-09', kind: 'annual' })).status).toBe(403);
    expect((await ann.post(`/api/v1/rosters/leave/${req.body.id}/decision`, { approve: true })).status).toBe(403);
    expect((await sup.get(`/api/v1/rosters/calendar?from=2027-01-08&to=2027-01-08`)).body.gaps).toEqual([]); // only requested so far
    const ok = await sup.post(`/api/v1/rosters/leave/${req.body.id}/decision`, { approve: true });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('approved');
    const after = await sup.get('/api/v1/rosters/calendar?from=2027-01-08&to=2027-01-08');
    expect(after.body.assignments.some((x: any) => x.staffId === id.ann)).toBe(false);
    expect(after.body.leave).toEqual([{ staffId: id.ann, name: 'Ann Able', date: '2027-01-08', shift: 'D' }]);
    expect(after.body.gaps).toHaveLength(12);
    expect(after.body.gaps[0]).toMatchObject({ date: '2027-01-08', hour: 7, position: 'call-taker', minimum: 1, scheduled: 0, shortfall: 1 });
    expect(after.body.gaps.at(-1)).toMatchObject({ hour: 18 });
    expect((await sup.post(`/api/v1/rosters/leave/${req.body.id}/decision`, { approve: false })).status).toBe(409);
    const list = await sup.get(`/api/v1/rosters/leave${PURPOSE}`);
    expect(list.body.map((l: any) => l.id)).toContain(req.body.id);
    expect((await sup.get('/api/v1/rosters/leave')).status).toBe(422);
  });

  it('suggests overtime fairly: off-duty members of the position, fewest overtime hours, then seniority, never over 16 hours', async () => {
    // Bea has 12 h of overtime in the last 90 days; Ben none. Bea is senior, Ben first.
    const today = new Date().toISOString().slice(0, 10);
    await t.pool.query("INSERT INTO roster_overtime (staff_id, work_date, shift, position, created_by) VALUES ($1, $2::date - 10, 'D', 'call-taker', 'test')", [id.bea, today]);
    const s = await sup.get('/api/v1/rosters/overtime/suggestions?date=2027-01-08&shift=D&position=call-taker');
    expect(s.status).toBe(200);
    // Cal works that night (from 19:00) and Dee the night before (to 07:00): 24 h in a row either
    // way. Bo and Ben have no overtime, Bo is senior; Bea, the most senior, has 12 h.
    expect(s.body.map((x: any) => x.name)).toEqual(['Bo Bright', 'Ben Baker', 'Bea Brown']);
    expect(s.body[2]).toMatchObject({ overtimeHours90d: 12, rank: 3 });
    const refused = await sup.post('/api/v1/rosters/overtime', { staffId: id.cal, date: '2027-01-08', shift: 'D', position: 'call-taker' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('16-hour');
    const booked = await sup.post('/api/v1/rosters/overtime', { staffId: id.ben, date: '2027-01-08', shift: 'D', position: 'call-taker' });
    expect(booked.status).toBe(201);
    const cal = await sup.get('/api/v1/rosters/calendar?from=2027-01-08&to=2027-01-08');
    expect(cal.body.gaps).toEqual([]);
    expect(cal.body.assignments.find((x: any) => x.staffId === id.ben)).toMatchObject({ source: 'overtime', shift: 'D', hours: 12 });
    const again = await sup.get('/api/v1/rosters/overtime/suggestions?date=2027-01-08&shift=D&position=call-taker');
    expect(again.body.map((x: any) => x.name)).toEqual(['Bo Bright', 'Bea Brown']);
    // A 4-hour holdover after Cal's night is 16 hours: allowed.
    const hold = await sup.get('/api/v1/rosters/overtime/suggestions?date=2027-01-09&shift=D&position=call-taker&hours=4');
    expect(hold.body.map((x: any) => x.name)).toContain('Cal Cole');
    const hours = await sup.get('/api/v1/rosters/reports/hours?from=2027-01-01&to=2027-01-31&purpose=overtime+review');
    expect(hours.body.find((r: any) => r.staffId === id.ben)).toMatchObject({ overtimeHours: 12 });
    expect(hours.body.find((r: any) => r.staffId === id.ann)).toMatchObject({ leaveShifts: 1 });
  });

  it('swaps need both members, then a supervisor; refused when they break minimum staffing or the 16-hour rule', async () => {
    // Ann gives her day on Jan 9 to Ben and takes his day on Jan 11.
    const p = await ann.post('/api/v1/rosters/swaps', { requesterId: id.ann, partnerId: id.ben, giveDate: '2027-01-09', takeDate: '2027-01-11' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ giveShift: 'D', takeShift: 'D', requesterAccepted: true, partnerAccepted: false, state: 'proposed' });
    const early = await sup.post(`/api/v1/rosters/swaps/${p.body.id}/decision`, { approve: true });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('Ben Baker');
    expect((await sup.post(`/api/v1/rosters/swaps/${p.body.id}/accept`)).status).toBe(403);
    expect((await ben.post(`/api/v1/rosters/swaps/${p.body.id}/accept`)).body.partnerAccepted).toBe(true);
    const ok = await sup.post(`/api/v1/rosters/swaps/${p.body.id}/decision`, { approve: true });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('approved');
    const cal = await sup.get('/api/v1/rosters/calendar?from=2027-01-09&to=2027-01-11');
    const who = (date: string) => cal.body.assignments.filter((x: any) => x.date === date && x.shift === 'D' && x.position === 'call-taker').map((x: any) => `${x.name}:${x.source}`).sort();
    expect(who('2027-01-09')).toEqual(['Ben Baker:swap']);
    expect(who('2027-01-11')).toEqual(['Ann Able:swap', 'Bea Brown:pattern', 'Bo Bright:pattern']);

    // Giving a call-taker's only shift to a police dispatcher leaves call-takers below the minimum.
    const min = await sup.post('/api/v1/rosters/swaps', { requesterId: id.ann, partnerId: id.bob, giveDate: '2027-01-10' });
    expect(min.status).toBe(409);
    expect(min.body.error.message).toContain('call-taker below its minimum of 1 on 2027-01-10');
    // Dee works the night of Jan 12 -> 13; Ann's day on Jan 13 would make 24 hours in a row.
    const rest = await sup.post('/api/v1/rosters/swaps', { requesterId: id.ann, partnerId: id.dee, giveDate: '2027-01-13' });
    expect(rest.status).toBe(409);
    expect(rest.body.error.message).toMatch(/Dee Dunn would work 24 hours in a row/);
    const notMine = await ben.post('/api/v1/rosters/swaps', { requesterId: id.ann, partnerId: id.bea, giveDate: '2027-01-10' });
    expect(notMine.status).toBe(403);
    const noShift = await ann.post('/api/v1/rosters/swaps', { requesterId: id.ann, partnerId: id.bea, giveDate: '2027-01-06' });
    expect(noShift.status).toBe(422);
    expect(noShift.body.error.fields.giveDate).toContain('no shift');
  });

  it('exports a member\'s shifts as a valid iCalendar file with stable UIDs and escaped text', async () => {
    expect((await sup.patch(`/api/v1/staff/${id.ann}`, { displayName: 'Able, Ann; "AA"\\' })).status).toBe(200);
    const path = `/api/v1/rosters/members/${id.ann}/calendar.ics?from=2027-01-01&to=2027-01-31`;
    const res = await ann.get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const { lines, events } = parseIcs(res.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    const cal = await sup.get(`/api/v1/rosters/calendar?from=2027-01-01&to=2027-01-31&staffId=${id.ann}`);
    expect(events).toHaveLength(cal.body.assignments.length);
    const jan4 = events.find((e) => e.UID === `shift-${id.ann}-2027-01-04-D@openpsap`)!;
    expect(jan4).toMatchObject({ DTSTART: '20270104T120000Z', DTEND: '20270105T000000Z', SUMMARY: 'Day shift\\, Call-taker' });
    expect(icsText(jan4.DESCRIPTION!)).toBe('Able, Ann; "AA"\\, team A; 12 h');
    expect(jan4.DESCRIPTION).toContain('Able\\, Ann\\; "AA"\\\\');
    expect(events.some((e) => e.UID!.includes('2027-01-08'))).toBe(false); // on leave
    expect(events.find((e) => e.UID!.includes('2027-01-11'))!.SUMMARY).toContain('(swap)');
    for (const e of events) expect(e.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
    const again = parseIcs((await ann.get(path)).body).events.map((e) => e.UID);
    expect(again).toEqual(events.map((e) => e.UID));
    expect((await ann.get('/api/v1/rosters/members/999999/calendar.ics')).status).toBe(404);
  });
});

describe('staff register and permissions', () => {
  let t: TestServer;
  let sup: SignedInClient;
  beforeAll(async () => ({ t, sup } = await server()));

  it('keeps the register: purpose-audited listing, fields named on bad input', async () => {
    const made = await sup.post('/api/v1/staff', { displayName: 'Pat Doe', employeeNo: 'E-100', team: 'C', position: 'supervisor', hiredOn: '2020-02-02', email: 'pat@example.org' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ team: 'C', position: 'supervisor', hiredOn: '2020-02-02' });
    const dup = await sup.post('/api/v1/staff', { displayName: 'Pat Two', employeeNo: 'E-100' });
    expect(dup.status).toBe(422);
    expect(dup.body.error.fields.employeeNo).toContain('already');
    const bad = await sup.post('/api/v1/staff', { displayName: '', position: 'janitor', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['displayName', 'position', 'email']));
    const noPosition = await sup.patch(`/api/v1/staff/${made.body.id}`, { position: null });
    expect(noPosition.status).toBe(422);
    expect(noPosition.body.error.fields.position).toBeDefined();
    const left = await sup.patch(`/api/v1/staff/${made.body.id}`, { leftOn: '2019-01-01' });
    expect(left.body.error.fields.leftOn).toBeDefined();
    expect((await sup.get('/api/v1/staff')).status).toBe(422);
    const list = await sup.get(`/api/v1/staff${PURPOSE}`);
    expect(list.body.map((s: any) => s.displayName)).toContain('Pat Doe');
    const audit = await t.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'staff-member.view' AND entity_id = $1", [String(made.body.id)]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('lets the floor read the schedule and ask, and only supervisors decide', async () => {
    const ct = await t.as('call-taker');
    const disp = await t.as('dispatcher');
    const resp = await t.as('responder');
    const admin = await t.as('admin');
    expect((await ct.get('/api/v1/rosters/calendar?from=2027-01-01&to=2027-01-07')).status).toBe(200);
    expect((await resp.get('/api/v1/rosters/calendar?from=2027-01-01&to=2027-01-07')).status).toBe(403);
    expect((await ct.post('/api/v1/rosters/rotation', { pattern: 'pitman', startDate: START })).status).toBe(403);
    expect((await disp.get('/api/v1/staffing/live')).status).toBe(403);
    expect((await disp.get('/api/v1/staffing/forecast?from=2026-01-01&to=2026-01-31')).status).toBe(403);
    expect((await ct.get(`/api/v1/staff${PURPOSE}`)).status).toBe(403);
    expect((await admin.get(`/api/v1/staff${PURPOSE}`)).status).toBe(200);
    expect((await admin.get('/api/v1/rosters/overtime/suggestions?date=2027-01-08&shift=D&position=call-taker')).status).toBe(403);
    expect((await ct.get('/api/v1/rosters/calendar?from=2027-01-01&to=2028-06-01')).status).toBe(422);
  });
});
