import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { ManualClock } from '../../scheduler/clock';
import { addMember, clearDemoRoster } from './roster-test-fixtures';

let t: TestServer;
let sup: SignedInClient;
// Monday 2027-01-04 10:30 EST: Pitman team A's day (from a start that day), team C's night ahead.
const clock = new ManualClock(new Date('2027-01-04T15:30:00Z'));

beforeAll(async () => {
  t = await createTestServer({ clock });
  await clearDemoRoster(t.pool);
  sup = await t.as('supervisor');
});
afterAll(() => t.close());

describe('live staffing', () => {
  it('shows who is on shift by the roster and who is signed in at each position, against this hour\'s minimum', async () => {
    const ct1 = await t.as('call-taker');
    const ct2 = await t.as('call-taker');
    const disp = await t.as('dispatcher');
    await addMember(sup, { name: 'Ada Day', team: 'A', position: 'call-taker', userId: ct1.userId });
    await addMember(sup, { name: 'Ari Day', team: 'A', position: 'call-taker' });
    await addMember(sup, { name: 'Bo Off', team: 'B', position: 'call-taker' });
    await addMember(sup, { name: 'Pam Police', team: 'A', position: 'police-dispatch', userId: disp.userId });
    expect((await sup.post('/api/v1/rosters/rotation', { pattern: 'pitman', startDate: '2027-01-04' })).status).toBe(200);

    expect((await ct1.get('/api/v1/staffing/my-position')).body).toEqual({ position: null });
    expect((await ct1.request('PUT', '/api/v1/staffing/my-position', { position: 'call-taker' })).status).toBe(200);
    expect((await ct2.request('PUT', '/api/v1/staffing/my-position', { position: 'call-taker' })).status).toBe(200);
    expect((await disp.request('PUT', '/api/v1/staffing/my-position', { position: 'police-dispatch' })).status).toBe(200);
    expect((await ct1.get('/api/v1/staffing/my-position')).body).toEqual({ position: 'call-taker' });
    const bad = await ct1.request('PUT', '/api/v1/staffing/my-position', { position: 'janitor' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['position']);

    const live = await sup.get('/api/v1/staffing/live');
    expect(live.status).toBe(200);
    expect(live.body.localHour).toBe(10);
    const pos = (p: string) => live.body.positions.find((x: any) => x.position === p);
    // Demo default minimums: three call-takers from 07:00 to 23:00, one of each other position.
    expect(pos('call-taker')).toMatchObject({ minimum: 3, shortfall: 1 });
    expect(pos('call-taker').scheduled.map((s: any) => s.name).sort()).toEqual(['Ada Day', 'Ari Day']);
    expect(pos('call-taker').signedIn.map((s: any) => s.username).sort()).toEqual([ct1.username, ct2.username].sort());
    expect(pos('police-dispatch')).toMatchObject({ minimum: 1, shortfall: 0 });
    expect(pos('supervisor')).toMatchObject({ minimum: 1, shortfall: 1, signedIn: [] });
    expect(live.body.withoutPosition.map((w: any) => w.username)).toContain(sup.username);

    // A second sign-in of the same call-taker at another position counts once, at the latest choice.
    await ct1.request('PUT', '/api/v1/staffing/my-position', { position: null });
    const after = await sup.get('/api/v1/staffing/live');
    expect(after.body.positions.find((x: any) => x.position === 'call-taker').signedIn.map((s: any) => s.username)).toEqual([ct2.username]);

    // At 20:00 the night team is on: none of these members.
    clock.set(new Date('2027-01-05T01:00:00Z'));
    const night = await sup.get('/api/v1/staffing/live');
    expect(night.body.localHour).toBe(20);
    expect(night.body.positions.every((p: any) => p.scheduled.length === 0)).toBe(true);
  });
});

describe('demo roster', () => {
  it('the demo seed puts four teams of six on Pitman from the first of the month, with the demo accounts on team A', async () => {
    const { createTestDatabase } = await import('../../../test/helpers/test-server');
    const { url } = await createTestDatabase();
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: url });
    try {
      const teams = await pool.query('SELECT code, pattern, cycle_start::text AS c FROM roster_teams ORDER BY code');
      expect(teams.rows.map((r) => r.pattern)).toEqual(['pitman', 'pitman', 'pitman', 'pitman']);
      const members = await pool.query('SELECT team_code, count(*)::int AS n FROM roster_members GROUP BY 1 ORDER BY 1');
      expect(members.rows).toEqual(['A', 'B', 'C', 'D'].map((team_code) => ({ team_code, n: 6 })));
      const linked = await pool.query("SELECT u.username, m.team_code, m.position FROM staff_members s JOIN users u ON u.id = s.user_id JOIN roster_members m ON m.staff_id = s.id WHERE u.username IN ('calltaker', 'dispatcher', 'supervisor') ORDER BY 1");
      expect(linked.rows).toEqual([
        { username: 'calltaker', team_code: 'A', position: 'call-taker' },
        { username: 'dispatcher', team_code: 'A', position: 'police-dispatch' },
        { username: 'supervisor', team_code: 'A', position: 'supervisor' },
      ]);
    } finally {
      await pool.end();
    }
  });
});
