import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import { runPsap } from '../../../test/helpers/psap-process';
import { writeI3Log } from './i3-log.job';
import { logEventsForEvent } from './i3-log.mapping';
import { followLedger } from './ledger-follower';

const NENA = new URL('../../../../../../shared/standards/nena/', import.meta.url).pathname;

let t: TestServer;
const runJob = () => t.server.ctx.scheduler!.runOnce('i3-log');

/** Checks a LogEvent body against its type in the NENA LoggingService schema. */
function logSchemaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addFormat('int32', true);
  for (const f of ['loggingservice.yaml', 'eido-conveyance-sta024/i3-common.yaml']) {
    const doc = parse(readFileSync(join(NENA, f), 'utf8'));
    ajv.addSchema({ ...doc, $id: `https://nena.invalid/${f.split('/').pop()}` });
  }
  return (body: { logEventType: string }) => {
    const ok = ajv.validate({ $ref: `https://nena.invalid/loggingservice.yaml#/components/schemas/${body.logEventType}` }, body);
    if (!ok) throw new Error(`${body.logEventType} not valid: ${JSON.stringify(ajv.errors)}`);
  };
}

beforeAll(async () => {
  t = await createTestServer();
}, 60_000);
afterAll(() => t.close());

describe('i3 log', () => {
  it('records call start, answer, incident link, end and agent sign-in/out once each, from committed events', async () => {
    const ct = await t.as('call-taker');
    const sup = await t.as('supervisor');
    const responder = await t.as('responder');
    const presentedAt = new Date(Date.now() - 30_000).toISOString();
    const call = (await ct.post('/api/v1/calls', { source: '911', callbackNumber: '410-555-0199', presentedAt })).body;
    expect((await ct.post(`/api/v1/calls/${call.id}/answer`)).status).toBe(200);
    const inc = (await ct.post('/api/v1/incidents', { type: 'WELFARE', location: { text: '100 N Holliday St' }, callId: call.id })).body;
    expect((await ct.post(`/api/v1/calls/${call.id}/release`)).status).toBe(200);
    const abandoned = (await ct.post('/api/v1/calls', { source: '911', presentedAt: new Date(Date.now() - 5_000).toISOString() })).body;
    expect((await ct.post(`/api/v1/calls/${abandoned.id}/release`)).status).toBe(200);
    expect((await ct.post('/api/v1/auth/logout')).status).toBeLessThan(300);

    await runJob();
    await runJob(); // a second run finds nothing new: nothing is logged twice
    const forCall = await sup.get(`/api/v1/i3-log/LogEvents?callId=${call.id}`);
    expect(forCall.status).toBe(200);
    const types = forCall.body.logEventContainers.map((c: any) => c.logEvent.logEventType);
    expect(types).toEqual(['CallStartLogEvent', 'CallStateChangeLogEvent', 'IncidentLinkLogEvent', 'CallEndLogEvent']);
    const [start, answer, link] = forCall.body.logEventContainers.map((c: any) => c.logEvent);
    expect(start.timestamp).toBe(presentedAt.replace('Z', '').slice(0, 23) + 'Z');
    expect(start).toMatchObject({ callId: `urn:emergency:uid:callid:${call.id}:openpsap.local`, direction: 'incoming', standardPrimaryCallType: 'emergency', elementId: 'cad.openpsap.local' });
    expect(answer).toMatchObject({ state: 'Answered', agencyAgentId: `${ct.username}@openpsap.local` });
    expect(link).toMatchObject({ incidentId: `urn:emergency:uid:incidentid:${inc.id}:openpsap.local`, agencyId: 'bpd.openpsap.local' });
    const ends = await sup.get(`/api/v1/i3-log/LogEvents?callId=urn:emergency:uid:callid:${abandoned.id}:openpsap.local&logEventType=CallEndLogEvent`);
    expect(ends.body.logEventContainers[0].logEvent.extension).toEqual({ abandoned: true });

    const agent = await sup.get('/api/v1/i3-log/LogEvents?logEventType=AgentStateChangeLogEvent');
    const mine = agent.body.logEventContainers.map((c: any) => c.logEvent).filter((e: any) => e.agencyAgentId === `${ct.username}@openpsap.local`);
    expect(mine.map((e: any) => [e.primaryAgentState, e.secondaryAgentState])).toEqual([['Available', 'SignedIn'], ['NotAvailable', 'SignedOut']]);
    expect(JSON.stringify(agent.body)).not.toContain(`${responder.username}@`);

    const byIncident = await sup.get(`/api/v1/i3-log/CallIds?incidentId=${inc.id}`);
    expect(byIncident.body.callIds).toEqual([`urn:emergency:uid:callid:${call.id}:openpsap.local`]);
    const incidents = await sup.get(`/api/v1/i3-log/IncidentIds?startTime=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    expect(incidents.body.incidentIds).toContain(`urn:emergency:uid:incidentid:${inc.id}:openpsap.local`);

    const one = await sup.get(`/api/v1/i3-log/LogEvents/${encodeURIComponent(forCall.body.logEventContainers[0].logEventId)}`);
    expect(one.body.logEvent.logEventType).toBe('CallStartLogEvent');

    const dup = await t.pool.query('SELECT source, source_seq, type, count(*) FROM i3_log_events GROUP BY 1, 2, 3 HAVING count(*) > 1');
    expect(dup.rows).toEqual([]);
    const validate = logSchemaValidator();
    for (const r of (await t.pool.query('SELECT body FROM i3_log_events')).rows) validate(r.body);
  });

  it('logs every event exactly once when several servers follow the ledger at the same time', async () => {
    const ct = await t.as('call-taker');
    for (let i = 0; i < 30; i++) await ct.post('/api/v1/calls', { source: '911', callbackNumber: `410-555-01${String(i).padStart(2, '0')}` });
    await Promise.all([writeI3Log(t.pool, 'openpsap.local'), writeI3Log(t.pool, 'openpsap.local'), runJob()]);
    const { rows } = await t.pool.query("SELECT count(*)::int AS n, count(DISTINCT source_seq)::int AS d FROM i3_log_events WHERE type = 'CallStartLogEvent'");
    expect(rows[0].n).toBe(rows[0].d);
    const calls = (await t.pool.query('SELECT count(*)::int AS n FROM calls')).rows[0].n;
    expect(rows[0].n).toBe(calls);
    const cursor = (await t.pool.query("SELECT event_seq FROM ledger_followers WHERE name = 'i3-log'")).rows[0].event_seq;
    expect(cursor).toBe((await t.pool.query('SELECT event_seq FROM ledger WHERE id = 1')).rows[0].event_seq);
  });

  it('a follower that fails mid-batch keeps neither its rows nor its cursor, and the next run does the batch once', async () => {
    const seen: number[] = [];
    await (await t.as('call-taker')).post('/api/v1/calls', { source: '911' });
    await expect(
      followLedger(t.pool, 'crash-test', { audit: false }, async (tx, batch) => {
        await tx.query("INSERT INTO ledger_followers (name) VALUES ('crash-test-marker')");
        throw new Error(`power cut after ${batch.events.length} events`);
      }),
    ).rejects.toThrow('power cut');
    const after = await t.pool.query("SELECT name, event_seq FROM ledger_followers WHERE name LIKE 'crash-test%' ORDER BY name");
    expect(after.rows).toEqual([]); // even the cursor row made in that transaction is gone
    await followLedger(t.pool, 'crash-test', { audit: false }, async (_tx, batch) => void seen.push(...batch.events.map((e) => e.seq)));
    const head = (await t.pool.query('SELECT event_seq FROM ledger WHERE id = 1')).rows[0].event_seq;
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  });

  it('answer times per call come straight from the log (issue 8 statistics)', async () => {
    const ct = await t.as('call-taker');
    const presentedAt = new Date(Date.now() - 40_000);
    const answeredAt = new Date(presentedAt.getTime() + 12_500);
    const call = (await ct.post('/api/v1/calls', { source: '911', presentedAt: presentedAt.toISOString(), answeredAt: answeredAt.toISOString() })).body;
    await runJob();
    const { rows } = await t.pool.query(
      `SELECT s.call_id, extract(epoch FROM a.at - s.at)::float AS answer_seconds
         FROM i3_log_events s JOIN i3_log_events a ON a.call_id = s.call_id AND a.type = 'CallStateChangeLogEvent' AND a.body ->> 'state' = 'Answered'
        WHERE s.type = 'CallStartLogEvent' AND s.call_id = $1`,
      [call.id],
    );
    expect(rows[0].answer_seconds).toBeCloseTo(12.5, 3);
  });

  it('logs text-to-9-1-1 messages both ways, not their delivery reports', () => {
    const ids = { domain: 'openpsap.local', agencyCodes: new Map<number, string>() };
    const text = (direction: 'in' | 'out', delivery?: boolean) =>
      ({ seq: 1, at: '2026-11-21T10:00:01.000Z', type: 'call.text', actor: 'ct1', agencyId: null, incidentId: null, unitId: null, callId: 9, rooms: ['centre'], data: { text: { id: 1, callId: 9, direction, body: 'help, I cannot talk', at: '2026-11-21T10:00:00.000Z', sentBy: direction === 'out' ? 'ct1' : null, deliveryStatus: null }, ...(delivery ? { delivery } : {}) } }) as never;
    const [incoming] = logEventsForEvent(text('in'), ids);
    expect(incoming!.body).toMatchObject({ logEventType: 'MessageLogEvent', text: 'help, I cannot talk', direction: 'incoming', callId: 'urn:emergency:uid:callid:9:openpsap.local', timestamp: '2026-11-21T10:00:00.000Z' });
    expect(logEventsForEvent(text('out'), ids)[0]!.body).toMatchObject({ direction: 'outgoing', agencyAgentId: 'ct1@openpsap.local' });
    expect(logEventsForEvent(text('out', true), ids)).toEqual([]);
    logSchemaValidator()(incoming!.body as never);
  });

  it('refuses bad ranges and is for supervisors; the CLI exports JSON', async () => {
    const sup = await t.as('supervisor');
    const bad = await sup.get('/api/v1/i3-log/LogEvents?startTime=2026-11-02T00:00:00Z&endTime=2026-11-01T00:00:00Z');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty('endTime');
    expect((await sup.get('/api/v1/i3-log/LogEvents?callId=urn:emergency:uid:callid:1:elsewhere.example')).status).toBe(422);
    expect((await (await t.as('call-taker')).get('/api/v1/i3-log/LogEvents')).status).toBe(403);

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const out = await runPsap(['i3-log', 'export', '--from', from, '--json'], { DATABASE_URL: t.databaseUrl, PSAP_SEED_DEMO: '0' });
    expect(out.code, out.out).toBe(0);
    const doc = JSON.parse(out.out.split('\n').find((l) => l.startsWith('{'))!);
    expect(doc.count).toBe(doc.totalCount);
    expect(doc.logEventContainers.some((c: any) => c.logEvent.logEventType === 'CallStartLogEvent')).toBe(true);
    const usage = await runPsap(['i3-log', 'export', '--from', 'yesterday'], { DATABASE_URL: t.databaseUrl });
    expect(usage.code).toBe(2);
  });
});
