import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';
import { runPsap } from '../../../test/helpers/psap-process';
import { ManualClock } from '../../scheduler/clock';
import { systemActor } from '../../events/actor';
import { registerAlarmCompany } from './alarm-intake.commands';
import { eidoValidator } from '../eido/eido-schema.testkit';

/** A stand-in for an alarm company's server: records what it receives, fails when told to. */
class Receiver {
  received: any[] = [];
  signatures: string[] = [];
  bodies: string[] = [];
  failNext = 0;
  server: Server;
  constructor() {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(503).end('busy');
          return;
        }
        this.received.push(JSON.parse(body));
        this.bodies.push(body);
        this.signatures.push(String(req.headers['x-psap-signature']));
        res.writeHead(204).end();
      });
    });
  }
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alarm-updates`;
  }
}

let t: TestServer;
let clock: ManualClock;
let receiver: Receiver;
let key: string;
let dispatcher: TestClient;

function company(k = key): TestClient {
  const c = t.anonymous();
  c.token = k;
  return c;
}
const runJob = () => t.server.ctx.scheduler!.runOnce('alarm-updates');

const alarm = (over: Record<string, unknown> = {}) => ({
  alarmId: `A-${Math.random().toString(36).slice(2, 8)}`,
  account: '7781',
  eventType: 'burglary',
  zone: '3 rear door',
  site: { name: 'Holliday Jewelers', address: '100 N Holliday St', phone: '410-555-0170' },
  contacts: [{ name: 'Dana Keyes', phone: '410-555-0171', role: 'keyholder' }],
  permitNumber: 'BPD-AL-2231',
  comments: 'motion after glass break',
  ...over,
});

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestServer({ geography: true, clock });
  receiver = new Receiver();
  const url = await receiver.listen();
  key = (await registerAlarmCompany(t.pool, systemActor('test'), 'Acme Monitoring', url)).result.key;
  dispatcher = await t.as('dispatcher');
}, 120_000);
afterAll(async () => {
  receiver.server.close();
  await t.close();
});

describe('alarm intake', () => {
  it('turns an alarm into a queued alarm call with its details, once per alarmId', async () => {
    const body = alarm();
    const res = await company().post('/api/v1/alarm-events', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ alarmId: body.alarmId, status: 'accepted', incidentId: null });
    expect(res.body.location.lat).toBeCloseTo(39.291, 2);
    const call = (await dispatcher.get('/api/v1/calls')).body.find((c: any) => c.id === res.body.callId);
    expect(call).toMatchObject({ source: 'alarm', answeredAt: null, callbackNumber: '410-555-0170', callerName: 'Acme Monitoring (alarm company)' });
    expect(call.notes).toContain('ALARM burglary from Acme Monitoring, account 7781');
    expect(call.notes).toContain('suggested type ALRBA Burglar Alarm-Audible');
    expect(call.notes).toContain('Zone: 3 rear door');
    expect(call.notes).toContain('Permit: BPD-AL-2231');
    expect(call.notes).toContain('Dana Keyes (keyholder) 410-555-0171');
    const again = await company().post('/api/v1/alarm-events', body);
    expect(again.status).toBe(200);
    expect(again.body.callId).toBe(res.body.callId);
  });

  it('refuses an address it cannot place, with the reason, and bad keys and bodies', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM calls')).rows[0].n;
    const far = await company().post('/api/v1/alarm-events', alarm({ site: { address: '42 Nowhere Lane', city: 'Atlantis' } }));
    expect(far.status).toBe(422);
    expect(far.body.error.fields['site.address']).toMatch(/is not an address we can place in .*; correct the address or phone the alarm in/);
    const badKey = await company('alarm_not-a-real-key-at-all').post('/api/v1/alarm-events', alarm());
    expect(badKey.status).toBe(401);
    const noKey = await t.anonymous().post('/api/v1/alarm-events', { nonsense: true });
    expect(noKey.status).toBe(401); // the key is checked before the body
    const bad = await company().post('/api/v1/alarm-events', alarm({ eventType: 'ufo', contacts: [{ phone: 'x' }] }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['eventType', 'contacts.0.name']));
    expect((await t.pool.query('SELECT count(*)::int AS n FROM calls')).rows[0].n).toBe(before);
  });

  it('sends accepted, dispatched, arrived and closed to the callback URL, retrying a failure, each attempt recorded', { timeout: 60_000 }, async () => {
    await runJob(); // what earlier tests left owed
    receiver.received = [];
    const a = (await company().post('/api/v1/alarm-events', alarm())).body;
    receiver.failNext = 1;
    await runJob();
    expect(receiver.received).toEqual([]);
    clock.advance(31_000);
    await runJob();
    expect(receiver.received.map((r) => r.stage)).toEqual(['accepted']);

    const inc = (await dispatcher.post('/api/v1/incidents', { type: 'ALRBA', location: { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104 }, callId: a.callId })).body;
    expect((await dispatcher.post(`/api/v1/incidents/${inc.id}/dispatch`, { unitIds: ['CD-11'], divert: true })).status).toBe(200);
    expect((await dispatcher.post('/api/v1/units/CD-11/status', { status: 'EnRoute' })).status).toBe(200);
    expect((await dispatcher.post('/api/v1/units/CD-11/status', { status: 'OnScene' })).status).toBe(200);
    expect((await dispatcher.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '01' })).status).toBe(200);
    await runJob();
    expect(receiver.received.map((r) => r.stage)).toEqual(['accepted', 'dispatched', 'arrived', 'closed']);
    expect(receiver.received[1]).toMatchObject({ alarmId: a.alarmId, account: '7781', units: ['CD-11'], incidentNumber: inc.number });
    expect(receiver.received[3].disposition).toBe('01');
    // Each update is signed with the company's key, as the company can check it.
    const last = receiver.bodies.length - 1;
    expect(receiver.signatures[last]).toBe(`sha256=${createHmac('sha256', createHash('sha256').update(key).digest('hex')).update(receiver.bodies[last]!).digest('hex')}`);
    await runJob();
    expect(receiver.received).toHaveLength(4); // nothing sent twice

    const log = await dispatcher.get(`/api/v1/alarm-events/${a.id}/deliveries`);
    expect(log.body.map((d: any) => [d.stage, d.attempts.map((x: any) => x.httpStatus)])).toEqual([['accepted', [503, 204]], ['dispatched', [204]], ['arrived', [204]], ['closed', [204]]]);
    const status = await company().get(`/api/v1/alarm-events/${a.id}`);
    expect(status.body).toMatchObject({ status: 'closed', incidentId: inc.id });

    // The incident's EIDO carries the alarm as CSAA data; keyholders only for the floor.
    const eido = (await dispatcher.get(`/api/v1/incidents/${inc.id}/eido`)).body;
    const info = JSON.parse(eido.alarmsSensorsComponent[0].csaaAlarmInformation);
    expect(info).toMatchObject({ company: 'Acme Monitoring', account: '7781', eventType: 'burglary', permitNumber: 'BPD-AL-2231' });
    expect(info.contacts[0].name).toBe('Dana Keyes');
    const validate = eidoValidator();
    expect(validate(eido), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('takes the company\'s updates and cancellation, and keeps companies apart', async () => {
    await runJob();
    receiver.received = [];
    const a = (await company().post('/api/v1/alarm-events', alarm())).body;
    const upd = await company().post(`/api/v1/alarm-events/${a.id}/updates`, { comments: 'second zone: front door' });
    expect(upd.status).toBe(200);
    const inc = (await dispatcher.post('/api/v1/incidents', { type: 'ALRBA', location: { text: '100 N Holliday St' }, callId: a.callId })).body;
    const cancel = await company().post(`/api/v1/alarm-events/${a.id}/cancel`, { reason: 'keyholder gave the passcode' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    const detail = await dispatcher.get(`/api/v1/incidents/${inc.id}`);
    expect(detail.body.narrative.map((n: any) => n.text)).toContain('ALARM CANCELLED by Acme Monitoring: keyholder gave the passcode');
    const call = (await t.pool.query('SELECT notes FROM calls WHERE id = $1', [a.callId])).rows[0];
    expect(call.notes).toContain('Alarm company Acme Monitoring: second zone: front door');
    expect((await company().post(`/api/v1/alarm-events/${a.id}/cancel`, { reason: 'again' })).status).toBe(409);
    await runJob();
    expect(receiver.received.map((r) => r.stage)).toEqual(['accepted', 'cancelled']);

    const other = (await registerAlarmCompany(t.pool, systemActor('test'), 'Other Alarm Co', 'http://127.0.0.1:9/x')).result.key;
    expect((await company(other).get(`/api/v1/alarm-events/${a.id}`)).status).toBe(404);
    expect((await company(other).post(`/api/v1/alarm-events/${a.id}/updates`, { comments: 'hi' })).status).toBe(404);
    const list = await (await t.as('supervisor')).get('/api/v1/alarm-companies');
    expect(list.body.map((c: any) => c.name)).toEqual(['Acme Monitoring', 'Other Alarm Co']);
    expect(JSON.stringify(list.body)).not.toContain(key);
  });

  it('registers a company from the command line and prints its key once', async () => {
    const out = await runPsap(['alarm-companies', 'add', 'Beacon', 'Security', '--callback', 'https://beacon.example/psap'], { DATABASE_URL: t.databaseUrl, PSAP_SEED_DEMO: '0' });
    expect(out.code, out.out).toBe(0);
    const k = /alarm_[A-Za-z0-9_-]+/.exec(out.out)![0];
    const { rows } = await t.pool.query("SELECT key_hash, callback_url FROM alarm_companies WHERE name = 'Beacon Security'");
    expect(rows[0].callback_url).toBe('https://beacon.example/psap');
    expect(rows[0].key_hash).not.toContain(k);
    expect((await company(k).get('/api/v1/alarm-events/1')).status).toBe(404);
    const bad = await runPsap(['alarm-companies', 'add', 'X', '--callback', 'ftp://x'], { DATABASE_URL: t.databaseUrl });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('callback');
  });
});
