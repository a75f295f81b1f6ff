import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { runPsap } from '../../../test/helpers/psap-process';
import { addMember, clearDemoRoster } from '../rosters/roster-test-fixtures';
import { callTakersNeeded } from './erlang-c';

let t: TestServer;
let sup: SignedInClient;

// Two Mondays of history with 60 calls between 10:00 and 11:00 local (EDT, 14:00Z), each handled for
// 240 s: 4 erlangs, so 8 call-takers answer 90% within 15 s (7 answer 88.8%).
async function insertMondayCalls(): Promise<void> {
  for (const day of ['2026-10-05', '2026-10-12']) {
    await t.pool.query(
      `INSERT INTO calls (source, presented_at, answered_at, released_at)
       SELECT '911', p, p + interval '5 seconds', p + interval '245 seconds'
         FROM generate_series($1::timestamptz, $1::timestamptz + interval '59 minutes', interval '1 minute') AS p`,
      [`${day}T14:00:00Z`],
    );
  }
}

beforeAll(async () => {
  t = await createTestServer();
  await clearDemoRoster(t.pool);
  sup = await t.as('supervisor');
  for (const team of ['A', 'B', 'C', 'D'] as const) await addMember(sup, { name: `Taker ${team}`, team, position: 'call-taker' });
  expect((await sup.post('/api/v1/rosters/rotation', { pattern: 'pitman', startDate: '2027-02-01' })).status).toBe(200);
  await insertMondayCalls();
});
afterAll(() => t.close());

describe('staffing forecast', () => {
  it('needs 8 call-takers in the busy hour and finds the roster 7 short there, nowhere else', async () => {
    const res = await sup.get('/api/v1/staffing/forecast?dataset=live&from=2026-10-05&to=2026-10-18&rosterFrom=2027-02-01&rosterTo=2027-02-07');
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.history).toEqual({ from: '2026-10-05', to: '2026-10-18', calls: 120, weeks: 2 });
    expect(f).toMatchObject({ ahtSeconds: 240, ahtSource: 'calls', target: { percent: 90, seconds: 15 } });
    const monday10 = f.hourOfWeek.find((h: any) => h.day === 1 && h.hour === 10);
    expect(monday10).toEqual({ day: 1, hour: 10, callsPerHour: 60, erlangs: 4, needed: 8 });
    expect(f.hourOfWeek.filter((h: any) => h.needed > 0)).toHaveLength(1);
    expect(f.hours).toHaveLength(168);
    expect(f.hours.every((h: any) => h.scheduled === 1)).toBe(true); // Pitman: one call-taker on every hour
    expect(f.shortHours).toBe(1);
    expect(f.hours.find((h: any) => h.shortfall > 0)).toEqual({ date: '2027-02-01', hour: 10, start: '2027-02-01T15:00:00.000Z', needed: 8, scheduled: 1, shortfall: 7 });

    const csv = await sup.get('/api/v1/staffing/forecast.csv?from=2026-10-05&to=2026-10-18&rosterFrom=2027-02-01&rosterTo=2027-02-07');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((csv.body as string).split('\r\n')).toEqual(['date,hour,start_utc,needed,scheduled,shortfall', '2027-02-01,10:00,2027-02-01T15:00:00.000Z,8,1,7', '']);

    const configured = await sup.get('/api/v1/staffing/forecast?from=2026-10-05&to=2026-10-18&rosterFrom=2027-02-01&rosterTo=2027-02-07&ahtSeconds=120');
    expect(configured.body).toMatchObject({ ahtSeconds: 120, ahtSource: 'configured' });
    expect(configured.body.hourOfWeek.find((h: any) => h.day === 1 && h.hour === 10).needed).toBe(callTakersNeeded(60, 120));
  });

  it('reads an imported dataset, in its own zone, with the configured handling time when it has none', async () => {
    await t.pool.query("INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone) VALUES ('hist', 'History', 'test', '{}', 'America/Chicago')");
    // 30 calls on Tuesday 2026-10-06 at 03:00 Chicago time (08:00Z), never answered in the export.
    await t.pool.query(
      `INSERT INTO stat_calls (dataset, source_id, presented_at) SELECT 'hist', 'c' || g, '2026-10-06T08:00:00Z'::timestamptz + g * interval '1 minute' FROM generate_series(0, 29) g`,
    );
    const res = await sup.get('/api/v1/staffing/forecast?dataset=hist&from=2026-10-05&to=2026-10-11&rosterFrom=2027-02-01&rosterTo=2027-02-07');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timeZone: 'America/Chicago', ahtSource: 'configured', ahtSeconds: 180, history: { calls: 30, weeks: 1 } });
    expect(res.body.hourOfWeek.find((h: any) => h.needed > 0)).toMatchObject({ day: 2, hour: 3, callsPerHour: 30, needed: callTakersNeeded(30, 180) });

    // An export with incidents only: arrivals from their received times.
    await t.pool.query("INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone) VALUES ('inc', 'Incidents', 'test', '{}', 'America/New_York')");
    await t.pool.query(`INSERT INTO stat_incidents (dataset, source_id, agency, received_at) SELECT 'inc', 'i' || g, 'BPD', '2026-10-10T16:00:00Z'::timestamptz + g * interval '3 minutes' FROM generate_series(0, 19) g`);
    const inc = await sup.get('/api/v1/staffing/forecast?dataset=inc&from=2026-10-05&to=2026-10-11&rosterFrom=2027-02-01&rosterTo=2027-02-07');
    expect(inc.body.hourOfWeek.find((h: any) => h.needed > 0)).toMatchObject({ day: 6, hour: 12, callsPerHour: 20 });

    const sets = await sup.get('/api/v1/staffing/forecast/datasets');
    expect(sets.body.map((d: any) => [d.code, d.from, d.to])).toEqual([['live', '2026-10-05', '2026-10-12'], ['inc', '2026-10-10', '2026-10-10'], ['hist', '2026-10-06', '2026-10-06']]);
    const unknown = await sup.get('/api/v1/staffing/forecast?dataset=nope&from=2026-10-05&to=2026-10-11');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.dataset).toContain('no imported dataset');
    const backwards = await sup.get('/api/v1/staffing/forecast?from=2026-10-11&to=2026-10-05');
    expect(backwards.body.error.fields.to).toBeDefined();
  });

  it('psap workforce forecast prints the same forecast as JSON', async () => {
    const env = { DATABASE_URL: t.databaseUrl, PSAP_DATA_DIR: mkdtempSync(join(tmpdir(), 'psap-cli-')) };
    const out = await runPsap(['workforce', 'forecast', '--dataset', 'live', '--from', '2026-10-05', '--to', '2026-10-18', '--roster-from', '2027-02-01', '--roster-to', '2027-02-07', '--json'], env);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.out.split('\n').find((l) => l.startsWith('{'))!);
    expect(json.shortHours).toBe(1);
    expect(json.hours.find((h: any) => h.shortfall > 0)).toMatchObject({ date: '2027-02-01', hour: 10, needed: 8, scheduled: 1, shortfall: 7 });
    const text = await runPsap(['workforce', 'forecast', '--from', '2026-10-05', '--to', '2026-10-18', '--roster-from', '2027-02-01', '--roster-to', '2027-02-07'], env);
    expect(text.out).toContain('1 of 168 hours short of call-takers');
    expect(text.out).toContain('2027-02-01 10:00  needed 8  scheduled 1  short 7');
    const usage = await runPsap(['workforce', 'forecast', '--from', '2026-13-01', '--to', '2026-10-18'], env);
    expect(usage.code).toBe(2);
    expect(usage.out).toContain('--from must be a date');
  });
});
