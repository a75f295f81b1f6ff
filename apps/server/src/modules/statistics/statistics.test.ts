import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntervalSummary } from '@openpsap/contract';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { runPsap } from '../../../test/helpers/psap-process';
import { ManualClock } from '../../scheduler/clock';
import { ConfigError } from '../../config/config';
import { loadStandards } from './standards';
import { statsContext } from './statistics-context';
import { percentilesBy, unitUtilisation, volumes, workload } from './statistics.queries';

/*
 * Hand-checked cases. The day is 2026-03-10 in America/New_York (EDT, UTC-4), so local 10:00 is
 * 14:00Z and the local day runs 04:00Z to 04:00Z next day. Live records go through the real API
 * (call, incident from the call, dispatch, unit statuses, close), then their times are set to the
 * values below, since the API stamps the database's clock.
 */
const DAY = '2026-03-10';
const at = (local: string) => new Date(`${DAY}T${local}-04:00`);
const next = (local: string) => new Date(`2026-03-11T${local}-04:00`);

let t: TestServer;
let sup: SignedInClient;
let incA: number;
const q = (extra = '') => `from=${DAY}&to=${DAY}${extra}`;
const find = (rows: IntervalSummary[], interval: string, discipline: string | null = null) => rows.find((r) => r.interval === interval && r.discipline === discipline)!;

beforeAll(async () => {
  t = await createTestServer({ clock: new ManualClock(new Date(`${DAY}T12:00:00Z`)) });
  sup = await t.as('supervisor');
  const ct = await t.as('call-taker');
  const disp = await t.as('dispatcher');
  const pool = t.pool;

  // Incident A: structure fire from a 9-1-1 call, three units.
  const callA = (await ct.post('/api/v1/calls', { source: '911', presentedAt: new Date(Date.now() - 60_000).toISOString(), answeredAt: new Date(Date.now() - 50_000).toISOString() })).body;
  const inc = await ct.post('/api/v1/incidents', { type: 'FSTRU', callId: callA.id, location: { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104 } });
  expect(inc.status).toBe(201);
  incA = inc.body.id;
  expect((await disp.post(`/api/v1/incidents/${incA}/dispatch`, { unitIds: ['E-45', 'T-27', 'M-14'] })).status).toBe(200);
  for (const u of ['E-45', 'T-27', 'M-14']) expect((await disp.post(`/api/v1/units/${u}/status`, { status: 'EnRoute' })).status).toBe(200);
  for (const u of ['E-45', 'T-27']) expect((await disp.post(`/api/v1/units/${u}/status`, { status: 'OnScene' })).status).toBe(200);
  expect((await disp.post(`/api/v1/incidents/${incA}/close`, { disposition: '01' })).status).toBe(200);

  await pool.query('UPDATE calls SET presented_at = $2, answered_at = $3 WHERE id = $1', [callA.id, at('10:00:00'), at('10:00:12')]);
  await pool.query('UPDATE incidents SET received_at = $2, created_at = $3, closed_at = $4 WHERE id = $1', [incA, at('10:00:00'), at('10:00:40'), at('11:00:00')]);
  const times: Record<string, (Date | null)[]> = {
    'E-45': [at('10:01:00'), at('10:01:50'), at('10:05:50'), at('11:00:00')], // turnout 50, travel 240
    'T-27': [at('10:01:30'), at('10:02:00'), at('10:08:00'), at('11:00:00')], // turnout 30, travel 360
    'M-14': [at('10:10:00'), at('10:10:30'), null, at('10:20:00')], // turnout 30, no arrival (stood down)
  };
  for (const [cs, [d, e, o, c]] of Object.entries(times)) {
    await pool.query('UPDATE assignments a SET dispatched_at = $2, enroute_at = $3, onscene_at = $4, cleared_at = $5 FROM units u WHERE u.id = a.unit_id AND u.call_sign = $1 AND a.incident_id = $6', [cs, d, e, o, c, incA]);
  }

  // Incident B: a police matter with no call or unit, received a moment before local midnight.
  const b = (await ct.post('/api/v1/incidents', { type: 'LARCENY', location: { text: 'Lexington Market' } })).body;
  await pool.query('UPDATE incidents SET received_at = $2, created_at = $2 WHERE id = $1', [b.id, at('23:59:30')]);
  // Incident C: just after local midnight, so the next day's.
  const c = (await ct.post('/api/v1/incidents', { type: 'LARCENY', location: { text: 'Lexington Market' } })).body;
  await pool.query('UPDATE incidents SET received_at = $2, created_at = $2 WHERE id = $1', [c.id, next('00:00:10')]);

  // More live calls: answered in 25 s, abandoned, and a non-emergency line call (not an answer-time call).
  const c25 = (await ct.post('/api/v1/calls', { source: '911', presentedAt: new Date(Date.now() - 40_000).toISOString(), answeredAt: new Date(Date.now() - 30_000).toISOString() })).body;
  await pool.query('UPDATE calls SET presented_at = $2, answered_at = $3 WHERE id = $1', [c25.id, at('13:00:00'), at('13:00:25')]);
  const ab = (await ct.post('/api/v1/calls', { source: '911', presentedAt: new Date(Date.now() - 40_000).toISOString() })).body;
  expect((await ct.post(`/api/v1/calls/${ab.id}/release`, {})).status).toBeLessThan(300);
  await pool.query('UPDATE calls SET presented_at = $2, answered_at = NULL, released_at = $3 WHERE id = $1', [ab.id, at('12:00:00'), at('12:00:30')]);
  const ne = (await ct.post('/api/v1/calls', { source: 'non-emergency', presentedAt: new Date(Date.now() - 40_000).toISOString(), answeredAt: new Date(Date.now() - 30_000).toISOString() })).body;
  await pool.query('UPDATE calls SET presented_at = $2, answered_at = $3 WHERE id = $1', [ne.id, at('14:00:00'), at('14:01:40')]);

  // Imported history: ten fire incidents with responses of 60..600 s and turnouts of 10..100 s,
  // one whose arrival is recorded before it was received (negative) and one without an arrival.
  await pool.query(`INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone) VALUES ('hist', 'History', 'test', '{}', 'America/New_York')`);
  for (let i = 1; i <= 12; i++) {
    const rec = at(`0${Math.floor(i / 6)}:${String((i % 6) * 10).padStart(2, '0')}:00`);
    const onscene = i <= 10 ? new Date(rec.getTime() + i * 60_000) : i === 11 ? new Date(rec.getTime() - 5_000) : null;
    const dispatched = new Date(rec.getTime() + 30_000);
    const enroute = new Date(dispatched.getTime() + i * 10_000);
    await pool.query(
      `INSERT INTO stat_incidents (dataset, source_id, agency, discipline, type_code, priority, zone, received_at, created_at, first_dispatch_at, first_enroute_at, first_onscene_at, dispatcher)
       VALUES ('hist', $1, 'HFD', 'fire', 'FSTRU', '1', $2, $3, $3, $4, $5, $6, 'jdoe')`,
      [`H${i}`, i % 2 ? 'Z1' : 'Z2', rec, dispatched, enroute, onscene],
    );
    if (i <= 10) await pool.query(`INSERT INTO stat_unit_responses (dataset, incident_source_id, unit, unit_type, dispatched_at, enroute_at, onscene_at, cleared_at) VALUES ('hist', $1, 'E1', 'engine', $2, $3, $4, $5)`, [`H${i}`, dispatched, enroute, onscene, new Date(dispatched.getTime() + 3_600_000)]);
  }
  // Imported calls: answered in 5, 14 and 19 s, and one abandoned.
  for (const [id, ans] of [['K1', 5], ['K2', 14], ['K3', 19], ['K4', null]] as const) {
    const p = at('09:00:00');
    await pool.query(`INSERT INTO stat_calls (dataset, source_id, presented_at, answered_at, released_at, taker) VALUES ('hist', $1, $2, $3, $4, 'asmith')`, [id, p, ans === null ? null : new Date(p.getTime() + ans * 1000), new Date(p.getTime() + 60_000)]);
  }
});
afterAll(() => t?.close());

describe('intervals over live records', () => {
  it('computes every interval of a hand-checked incident', async () => {
    const r = await sup.get(`/api/v1/statistics/intervals?${q()}`);
    expect(r.status).toBe(200);
    const rows = r.body as IntervalSummary[];
    // Answer: 9-1-1 calls answered in 12 and 25 s; the abandoned and non-emergency calls are not in it.
    expect(find(rows, 'answer')).toMatchObject({ count: 2, excluded: 0, p50: 12, p90: 25, p95: 25, thresholdSeconds: 15, withinThreshold: 0.5, met: false });
    // Incident A: answered 10:00:12, created 10:00:40, first dispatch 10:01:00.
    expect(find(rows, 'call-processing')).toMatchObject({ count: 1, excluded: 1, p50: 28 }); // B has no call
    expect(find(rows, 'dispatch-processing')).toMatchObject({ count: 1, excluded: 1, p50: 20 });
    expect(find(rows, 'alarm-processing')).toMatchObject({ count: 1, p50: 48 });
    expect(find(rows, 'alarm-processing', 'fire')).toMatchObject({ count: 1, excluded: 0, p50: 48, thresholdSeconds: 64, withinThreshold: 1, met: true });
    expect(find(rows, 'response')).toMatchObject({ count: 1, excluded: 1, p50: 350 });
    expect(find(rows, 'on-scene')).toMatchObject({ count: 1, p50: 3250 });
    expect(find(rows, 'total')).toMatchObject({ count: 1, excluded: 1, p50: 3600 });
    // Units: turnouts 50, 30, 30; travels 240, 360 (the medic never arrived: excluded).
    expect(find(rows, 'turnout')).toMatchObject({ count: 3, excluded: 0, p50: 30, p90: 50 });
    expect(find(rows, 'turnout', 'fire')).toMatchObject({ count: 3, thresholdSeconds: 80, withinThreshold: 1, met: true });
    expect(find(rows, 'travel')).toMatchObject({ count: 2, excluded: 1, p50: 240, p95: 360 });
    // First on scene: E-45 (travel 240). Full first alarm: E-45 and T-27 were sent within 60 s of
    // the first dispatch; first of them en route 10:01:50, last on scene 10:08:00 = 370 s.
    expect(find(rows, 'first-unit-travel', 'fire')).toMatchObject({ count: 1, excluded: 0, p50: 240, thresholdSeconds: 240, withinThreshold: 1 });
    expect(find(rows, 'first-alarm-travel', 'fire')).toMatchObject({ count: 1, p50: 370, thresholdSeconds: 480, met: true });
    expect(find(rows, 'first-alarm-travel')).toMatchObject({ count: 1, excluded: 1 }); // B has no units
  });

  it('reports answer-time shares and abandoned calls', async () => {
    const r = await sup.get(`/api/v1/statistics/answer-times?${q()}`);
    expect(r.body).toMatchObject({ calls: 3, answered: 2, abandoned: 1, unresolved: 0, within: { 10: 0, 15: 0.5, 20: 0.5, 40: 1, 60: 1 }, p50: 12, p90: 25 });
    expect(r.body.thresholds.map((x: { seconds: number; met: boolean }) => [x.seconds, x.met])).toEqual([[15, false], [20, false]]);
  });
});

describe('imported datasets', () => {
  it('takes exact percentiles (percentile_disc) and counts what it leaves out', async () => {
    const rows = (await sup.get(`/api/v1/statistics/intervals?${q('&dataset=hist')}`)).body as IntervalSummary[];
    // Responses 60, 120, ..., 600: the 5th, 9th and 10th values. One negative and one missing are excluded.
    expect(find(rows, 'response')).toMatchObject({ count: 10, excluded: 2, negative: 1, p50: 300, p90: 540, p95: 600 });
    // Turnouts 10..100 s against NFPA's 80 s for fire: 8 of 10 within, short of 90%.
    expect(find(rows, 'turnout', 'fire')).toMatchObject({ count: 10, p50: 50, p90: 90, withinThreshold: 0.8, targetShare: 0.9, met: false });
    expect(find(rows, 'answer')).toMatchObject({ count: 3, p50: 14, p90: 19, withinThreshold: 2 / 3 });
    const answers = (await sup.get(`/api/v1/statistics/answer-times?${q('&dataset=hist')}`)).body;
    expect(answers).toMatchObject({ calls: 4, answered: 3, abandoned: 1, within: { 10: 1 / 3, 15: 2 / 3, 20: 1 } });
  });

  it("combines live and imported with dataset=all, and refuses an unknown dataset naming the field", async () => {
    const all = (await sup.get(`/api/v1/statistics/answer-times?${q('&dataset=all')}`)).body;
    expect(all).toMatchObject({ calls: 7, answered: 5, abandoned: 2 });
    const bad = await sup.get(`/api/v1/statistics/intervals?${q('&dataset=nope')}`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.dataset).toMatch(/no dataset "nope".*hist/);
  });

  it('groups percentiles by zone, each from its own records', async () => {
    const sc = statsContext(t.pool, 'America/New_York');
    const byZone = await percentilesBy(sc, { from: DAY, to: DAY, dataset: 'hist' }, 'response', 'zone');
    // Z1: odd i -> 60,180,300,420,540 (+ the negative one, i = 11); Z2: 120..600 (+ the missing one, i = 12).
    expect(byZone).toEqual([
      expect.objectContaining({ key: 'Z1', count: 5, excluded: 1, p50: 300, p90: 540 }),
      expect.objectContaining({ key: 'Z2', count: 5, excluded: 1, p50: 360, p90: 600 }),
    ]);
  });
});

describe('filters', () => {
  it('counts days local to the centre', async () => {
    const sc = statsContext(t.pool, 'America/New_York');
    const byDay = await volumes(sc, { from: DAY, to: '2026-03-11' }, 'day');
    expect(byDay).toEqual([{ key: DAY, label: null, incidents: 2 }, { key: '2026-03-11', label: null, incidents: 1 }]);
    const byHour = await volumes(sc, { from: DAY, to: DAY }, 'hour');
    expect(byHour.map((r) => [r.key, r.incidents])).toEqual([['10', 1], ['23', 1]]);
  });

  it('filters by agency and discipline', async () => {
    const bpd = (await sup.get(`/api/v1/statistics/volumes?${q('&agency=BPD&by=type')}`)).body;
    expect(bpd).toEqual([{ key: 'LARCENY', label: expect.any(String), incidents: 1 }]);
    const fire = (await sup.get(`/api/v1/statistics/intervals?${q('&discipline=fire')}`)).body as IntervalSummary[];
    expect(find(fire, 'turnout', 'fire')).toMatchObject({ count: 3, thresholdSeconds: 80 });
    expect(find(fire, 'total', 'fire')).toMatchObject({ count: 1, excluded: 0 });
  });

  it('names bad fields', async () => {
    const bad = await sup.get('/api/v1/statistics/intervals?from=2026-13-01&to=2026-03-10&colour=red');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {})).toEqual(expect.arrayContaining(['from']));
    const backwards = await sup.get('/api/v1/statistics/intervals?from=2026-03-10&to=2026-03-01');
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.fields).toHaveProperty('to');
    const by = await sup.get(`/api/v1/statistics/volumes?${q('&by=colour')}`);
    expect(by.status).toBe(400);
    expect(by.body.error.fields).toHaveProperty('by');
    const std = await sup.get(`/api/v1/statistics/intervals?${q('&standards=NFPA-9999')}`);
    expect(std.status).toBe(422);
    expect(std.body.error.fields.standards).toContain('NFPA-9999');
  });

  it('is for supervisors and administrators only', async () => {
    const ct = await t.as('call-taker');
    expect((await ct.get(`/api/v1/statistics/intervals?${q()}`)).status).toBe(403);
    expect((await (await t.as('admin')).get(`/api/v1/statistics/intervals?${q()}`)).status).toBe(200);
  });
});

describe('utilisation and workload', () => {
  it('shares each unit was committed, clipped to the period', async () => {
    const sc = statsContext(t.pool, 'America/New_York');
    const rows = await unitUtilisation(sc, { from: DAY, to: DAY, dataset: 'all' });
    const e45 = rows.find((r) => r.unit === 'E-45')!;
    expect(e45).toMatchObject({ responses: 1, committedSeconds: 3540, excluded: 0 }); // 10:01 -> 11:00
    expect(e45.share).toBeCloseTo(3540 / 86_400, 9);
    // The imported E1 is committed an hour on each of ten incidents.
    expect(rows.find((r) => r.unit === 'E1')).toMatchObject({ dataset: 'hist', responses: 10, committedSeconds: 36_000 });
  });

  it('counts calls, incidents and dispatches per person, with a stated purpose', async () => {
    const sc = statsContext(t.pool, 'America/New_York');
    const rows = await workload(sc, { from: DAY, to: DAY, dataset: 'all' });
    expect(rows.find((r) => r.person === 'asmith')).toMatchObject({ role: 'call-taker', callsAnswered: 3 });
    expect(rows.find((r) => r.person === 'jdoe')).toMatchObject({ role: 'dispatcher', dispatches: 12 });
    expect(rows.filter((r) => r.dataset === 'live' && r.role === 'dispatcher')[0]).toMatchObject({ dispatches: 3 });
    const noPurpose = await sup.get(`/api/v1/statistics/workload?${q()}`);
    expect(noPurpose.status).toBe(422);
    const ok = await sup.get(`/api/v1/statistics/workload?${q('&purpose=monthly%20review')}`);
    expect(ok.status).toBe(200);
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'staff-workload.view'`);
    expect(audit.rows[0].n).toBe(1);
  });
});

describe('CSV export', () => {
  it('answers ?format=csv on each table route', async () => {
    for (const path of ['intervals', 'answer-times', 'volumes?by=month', 'percentiles?interval=response&by=agency', 'utilisation', 'workload?purpose=export']) {
      const res = await sup.get<string>(`/api/v1/statistics/${path}${path.includes('?') ? '&' : '?'}${q('&format=csv&dataset=all')}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = res.body.trim().split('\r\n');
      expect(lines.length, path).toBeGreaterThan(1);
      if (path === 'intervals') {
        expect(lines[0]).toBe('interval,level,discipline,count,excluded,negative,p50,p90,p95,thresholdSeconds,withinThreshold,targetShare,met,thresholds');
        // live 350 s with the imported 60..600 s: eleven values, the 6th is 350
        expect(lines.find((l) => l.startsWith('response,incident,,'))).toMatch(/^response,incident,,11,3,1,350,540,600,/);
      }
    }
  });
});

describe('standards profiles', () => {
  it('adds a custom profile from PSAP_STANDARDS and names the field at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'standards-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ profiles: [{ id: 'STATE-2025', name: 'State rule', thresholds: [{ interval: 'answer', seconds: 10, share: 0.9, label: '10 s' }] }] }));
    expect(loadStandards({ PSAP_STANDARDS: good }).map((p) => p.id)).toEqual(['NENA-STA-020.1-2020', 'NFPA-1710-2020', 'STATE-2025']);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ profiles: [{ id: 'X-1', name: 'x', thresholds: [{ interval: 'answr', seconds: 10, share: 1.5, label: 'x' }] }] }));
    expect(() => loadStandards({ PSAP_STANDARDS: bad })).toThrow(ConfigError);
    try {
      loadStandards({ PSAP_STANDARDS: bad });
    } catch (e) {
      expect((e as Error).message).toContain('profiles[0].thresholds[0].interval');
      expect((e as Error).message).toContain('profiles[0].thresholds[0].share: must be at most 1');
    }
    expect(() => loadStandards({ PSAP_STANDARDS: join(dir, 'missing.json') })).toThrow(/cannot read/);
  });

  it('stops a server from starting with a wrong profile file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standards-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ profiles: [{ id: 'X-1', name: 'x', thresholds: [{ interval: 'answer', seconds: -5, share: 0.9, label: 'x' }] }] }));
    process.env.PSAP_STANDARDS = bad;
    try {
      await expect(createTestServer()).rejects.toThrow(/profiles\[0\]\.thresholds\[0\]\.seconds: must be more than 0/);
    } finally {
      delete process.env.PSAP_STANDARDS;
    }
  });
});

describe('psap report', () => {
  it('prints intervals and answer times as JSON and as a table', async () => {
    const env = { DATABASE_URL: t.databaseUrl, PSAP_TIME_ZONE: 'America/New_York' };
    const j = await runPsap(['report', 'intervals', '--from', DAY, '--to', DAY, '--dataset', 'hist', '--json'], env);
    expect(j.code, j.out).toBe(0);
    const parsed = JSON.parse(j.out.slice(j.out.indexOf('{')));
    expect(find(parsed.intervals, 'response')).toMatchObject({ count: 10, p50: 300, p90: 540, p95: 600 });
    const table = await runPsap(['report', 'intervals', '--from', DAY, '--to', DAY, '--agency', 'HFD', '--dataset', 'hist'], env);
    expect(table.out).toMatch(/response\s+all\s+10\s+2\s+300\.0\s+540\.0\s+600\.0/);
    const a = await runPsap(['report', 'answer-times', '--from', DAY, '--to', DAY, '--json'], env);
    expect(a.code, a.out).toBe(0);
    expect(JSON.parse(a.out.slice(a.out.indexOf('{')))).toMatchObject({ calls: 3, abandoned: 1, within: { 15: 0.5, 40: 1 } });
    const bad = await runPsap(['report', 'intervals', '--from', DAY, '--to', DAY, '--dataset', 'nope'], env);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--dataset: no dataset "nope"');
  });
});
