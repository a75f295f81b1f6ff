import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../scheduler/clock';
import { createTestDatabase, createTestServer, type TestServer } from '../../../test/helpers/test-server';
import { careJob } from './care.job';
import { openMissedAlerts } from './care-schedule.commands';
import { createWelfareIncident } from './care-escalation.commands';
import { getAlertRow, getDay, getEnrolmentRow } from './care.queries';

// Wednesday 1 April 2026 in New York (EDT): window 08:00-10:00 is 12:00-14:00 UTC.
const OPEN = '2026-04-01T12:00:00Z';
const CLOSE = '2026-04-01T14:00:00Z';
const ESCALATE = '2026-04-01T14:30:00Z';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function start(databaseUrl: string, at: string): Promise<{ t: TestServer; clock: ManualClock }> {
  const clock = new ManualClock(new Date(at));
  const t = await createTestServer({ databaseUrl, clock, scheduler: false });
  servers.push(t);
  return { t, clock };
}

async function enrol(t: TestServer, personName: string): Promise<number> {
  const officer = await t.as('community-officer');
  const r = await officer.post('/api/v1/care/enrolments', {
    personName,
    phone: '410-555-0900',
    address: '1 E Pratt St',
    windowStart: '08:00',
    windowEnd: '10:00',
    contacts: [
      { name: 'First Contact', relation: 'son', phone: '410-555-0901' },
      { name: 'Second Contact', relation: 'neighbour', phone: '410-555-0902' },
    ],
    notes: 'Neighbour in 2B has a key.',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/** Everything the job has done for one enrolment, to compare before and after. */
async function tally(t: TestServer, id: number) {
  const q = async (sql: string, args: unknown[]) => (await t.pool.query(sql, args)).rows[0].n as number;
  return {
    reminders: await q("SELECT count(*)::int AS n FROM outbound_messages WHERE related = $1 AND purpose = 'care.reminder'", [`care:${id}`]),
    contactTexts: await q("SELECT count(*)::int AS n FROM outbound_messages WHERE related = $1 AND purpose = 'care.contacts-notified'", [`care:${id}`]),
    alerts: await q('SELECT count(*)::int AS n FROM care_alerts WHERE enrolment_id = $1', [id]),
    opened: await q("SELECT count(*)::int AS n FROM events WHERE type = 'care.alert-opened' AND (data -> 'alert' ->> 'enrolmentId')::int = $1", [id]),
    updated: await q("SELECT count(*)::int AS n FROM events WHERE type = 'care.alert-updated' AND (data -> 'alert' ->> 'enrolmentId')::int = $1", [id]),
    incidents: await q(
      "SELECT count(*)::int AS n FROM incidents i WHERE i.type_code = 'WELFARE' AND EXISTS (SELECT 1 FROM incident_narrative n JOIN care_alerts a ON n.text LIKE 'CARE alert #' || a.id || ':%' WHERE n.incident_id = i.id AND a.enrolment_id = $1)",
      [id],
    ),
  };
}

const DONE = { reminders: 1, contactTexts: 2, alerts: 1, opened: 1, updated: 1, incidents: 1 };

describe('CARE across a restart', () => {
  it('a server that stopped mid-way leaves nothing repeated and nothing missed for the next one', async () => {
    const { url } = await createTestDatabase();
    const a = await start(url, '2026-04-01T11:00:00Z');
    const ruth = await enrol(a.t, 'Ruth Stone');
    const sam = await enrol(a.t, 'Sam Reed');
    a.clock.set(new Date(OPEN));
    await a.t.server.ctx.scheduler!.runOnce('care');
    // 10:00: the alerts open, then the server dies before the contacts are texted.
    a.clock.set(new Date(CLOSE));
    expect(await openMissedAlerts(a.t.server.ctx, new Date(CLOSE))).toBe(2);
    // 10:30: Ruth's welfare incident is committed, then the server dies before the alert is linked to it.
    const ruthAlert = (await getAlertRow(a.t.pool, (await a.t.pool.query('SELECT id FROM care_alerts WHERE enrolment_id = $1', [ruth])).rows[0].id))!;
    const orphan = await createWelfareIncident(a.t.server.ctx, ruthAlert, (await getEnrolmentRow(a.t.pool, ruth))!, (await getDay(a.t.pool, ruth, '2026-04-01'))!);
    expect(await tally(a.t, ruth)).toEqual({ reminders: 1, contactTexts: 0, alerts: 1, opened: 1, updated: 0, incidents: 1 });
    servers.splice(servers.indexOf(a.t), 1);
    await a.t.close();

    const b = await start(url, '2026-04-01T14:31:00Z');
    await b.t.server.ctx.scheduler!.runOnce('care');
    b.clock.set(new Date('2026-04-01T14:45:00Z'));
    await b.t.server.ctx.scheduler!.runOnce('care');
    expect(await tally(b.t, ruth)).toEqual(DONE);
    expect(await tally(b.t, sam)).toEqual(DONE);
    const { rows } = await b.t.pool.query('SELECT state, incident_id FROM care_alerts WHERE enrolment_id = $1', [ruth]);
    expect(rows[0]).toEqual({ state: 'welfare-check', incident_id: orphan });
    const { rows: runs } = await b.t.pool.query("SELECT last_error FROM job_runs WHERE job = 'care'");
    expect(runs[0].last_error).toBeNull();
  });
});

describe('CARE with two servers', () => {
  it('two servers running the job at the same moments do each step once', async () => {
    const { url } = await createTestDatabase();
    const x = await start(url, '2026-04-01T11:00:00Z');
    const y = await start(url, '2026-04-01T11:00:00Z');
    const vera = await enrol(x.t, 'Vera Lind');
    for (const at of [OPEN, CLOSE, ESCALATE]) {
      const now = new Date(at);
      x.clock.set(now);
      y.clock.set(now);
      // Straight to the job bodies, past the scheduler's job lock: the stamps alone must hold.
      await Promise.all([careJob(x.t.server.ctx).run(now), careJob(y.t.server.ctx).run(now)]);
    }
    expect(await tally(x.t, vera)).toEqual(DONE);
    // And through the schedulers, as production runs them: one takes the job, the other skips its turn.
    for (const c of [x.clock, y.clock]) c.set(new Date('2026-04-01T14:35:00Z'));
    await Promise.all([x.t.server.ctx.scheduler!.runOnce('care'), y.t.server.ctx.scheduler!.runOnce('care')]);
    expect(await tally(y.t, vera)).toEqual(DONE);
  });
});
