import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';

let t: TestServer;
let dispatcher: SignedInClient;
let incidentId: number;

beforeAll(async () => {
  t = await createTestServer();
  dispatcher = await t.as('dispatcher');
  incidentId = (await dispatcher.post('/api/v1/incidents', { type: 'ASSAULT', location: { text: '100 N Charles St', lat: 39.2911, lon: -76.6152, verified: true } })).body.id;
});
afterAll(async () => t?.close());

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

/** A signalling socket that keeps every message and can wait for one of a type. */
class Peer {
  readonly ws: WebSocket;
  readonly got: any[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];
  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (d) => {
      this.got.push(JSON.parse(String(d)));
      this.waiters.splice(0).forEach((w) => w());
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.waiters.splice(0).forEach((w) => w());
    });
  }
  async next(type: string, after = 0): Promise<any> {
    for (;;) {
      const m = this.got.slice(after).find((x) => x.type === type);
      if (m) return m;
      if (this.closed) throw new Error(`closed (${this.closed.code} ${this.closed.reason}) before ${type}; got ${JSON.stringify(this.got)}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
  async closedWith(): Promise<{ code: number; reason: string }> {
    while (!this.closed) await new Promise<void>((r) => this.waiters.push(r));
    return this.closed;
  }
  send(m: unknown) {
    this.ws.send(JSON.stringify(m));
  }
}

const wsUrl = (path: string) => `${t.url.replace(/^http/, 'ws')}${path}`;

describe('live video from a caller\'s phone', () => {
  it('needs consent, then relays offers, answers, ICE and the phone\'s position between the phone and the consoles', async () => {
    const created = await dispatcher.post(`/api/v1/incidents/${incidentId}/caller-video`, { phone: '+14105550177', language: 'en' });
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/v\/[0-9a-z]{16}$/);
    const id = created.body.link.id;
    const token = tokenOf(created.body.url);
    const sms = await t.pool.query("SELECT body FROM outbound_messages WHERE purpose = 'evidence.live-video-link' ORDER BY id DESC LIMIT 1");
    expect(sms.rows[0].body).toMatch(/asked before the camera starts/);

    const anon = t.anonymous();
    const info = await anon.get(`/api/v1/public/caller-video/${token}`);
    expect(info.body).toMatchObject({ state: 'waiting', record: true, iceServers: [] });
    // No camera before consent.
    const early = new Peer(wsUrl(`/api/v1/public/caller-video/${token}/signal`));
    expect((await early.closedWith()).code).toBe(4403);
    expect((await anon.post(`/api/v1/public/caller-video/${token}/consent`, { video: false })).status).toBe(400);
    const consent = await anon.post(`/api/v1/public/caller-video/${token}/consent`, { video: true, location: { lat: 39.2905, lon: -76.6123, accuracyM: 8 } });
    expect(consent.body.state).toBe('consented');
    const audit = await t.pool.query("SELECT after FROM audit_log WHERE action = 'evidence.caller-consent' AND entity_id = $1", [String(id)]);
    expect(audit.rows[0].after).toEqual({ video: true, location: true, record: true });

    const phone = new Peer(wsUrl(`/api/v1/public/caller-video/${token}/signal`));
    expect(await phone.next('hello')).toMatchObject({ role: 'caller', record: true });
    const consoleA = new Peer(wsUrl(`/api/v1/caller-video/${id}/signal`), dispatcher.headers());
    const helloA = await consoleA.next('hello');
    expect(helloA).toMatchObject({ role: 'viewer', record: true, recorder: true });
    await consoleA.next('caller-joined');
    expect((await phone.next('viewer-joined')).viewerId).toBe(helloA.viewerId);
    expect((await dispatcher.get(`/api/v1/caller-video/${id}`)).body).toMatchObject({ callerConnected: true, link: { state: 'opened', consentedAt: expect.any(String) } });

    phone.send({ type: 'offer', to: helloA.viewerId, sdp: 'v=0 offer' });
    expect(await consoleA.next('offer')).toEqual({ type: 'offer', sdp: 'v=0 offer', from: 'caller' });
    consoleA.send({ type: 'answer', sdp: 'v=0 answer' });
    expect(await phone.next('answer')).toEqual({ type: 'answer', sdp: 'v=0 answer', from: helloA.viewerId });
    consoleA.send({ type: 'ice', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' } });
    expect((await phone.next('ice')).from).toBe(helloA.viewerId);
    phone.send({ type: 'location', lat: 39.291, lon: -76.613, accuracyM: 5 });
    expect(await consoleA.next('location')).toEqual({ type: 'location', lat: 39.291, lon: -76.613, accuracyM: 5 });
    // Nonsense is not forwarded.
    consoleA.send({ type: 'offer', sdp: 'viewers do not offer' });
    expect((await consoleA.next('error')).message).toMatch(/malformed/);

    // A second console watches too; when the recording console leaves, it takes over recording.
    const consoleB = new Peer(wsUrl(`/api/v1/caller-video/${id}/signal`), (await t.as('rtcc-analyst')).headers());
    expect(await consoleB.next('hello')).toMatchObject({ recorder: false });
    consoleA.ws.close();
    expect(await consoleB.next('recorder')).toEqual({ type: 'recorder', recorder: true });

    // The centre ends the call: everyone is told and disconnected, and the link is spent.
    expect((await dispatcher.post(`/api/v1/caller-video/${id}/end`)).body).toEqual({ ended: true });
    expect((await phone.next('ended')).reason).toMatch(/centre ended/);
    expect((await phone.closedWith()).code).toBe(4000);
    expect((await consoleB.closedWith()).code).toBe(4000);
    expect((await anon.get(`/api/v1/public/caller-video/${token}`)).status).toBe(410);
    const again = new Peer(wsUrl(`/api/v1/public/caller-video/${token}/signal`));
    expect((await again.closedWith()).code).toBe(4410);
    const events = await t.pool.query("SELECT data FROM events WHERE type = 'caller-video.updated' AND incident_id = $1 ORDER BY seq", [incidentId]);
    expect(events.rows.map((r) => r.data.state)).toEqual(['consented', 'ended']);
  });

  it('records only where the agency\'s setting says so', async () => {
    const ev = t.server.ctx.config.evidence;
    const before = ev.recordCallerVideo;
    ev.recordCallerVideo = ['NOPE'];
    try {
      const created = await dispatcher.post(`/api/v1/incidents/${incidentId}/caller-video`, { phone: '+14105550177' });
      expect(created.body.link.record).toBe(false);
      const rec = await dispatcher.post(`/api/v1/caller-video/${created.body.link.id}/recordings`, {});
      expect(rec.status).toBe(409);
      expect(rec.body.error.message).toMatch(/does not record/);
      const { rows } = await t.pool.query('SELECT a.code FROM incidents i JOIN agencies a ON a.id = i.agency_id WHERE i.id = $1', [incidentId]);
      ev.recordCallerVideo = [rows[0].code];
      const recorded = await dispatcher.post(`/api/v1/incidents/${incidentId}/caller-video`, { phone: '+14105550177' });
      expect(recorded.body.link.record).toBe(true);
    } finally {
      ev.recordCallerVideo = before;
    }
  });

  it('lets the caller stop, and refuses consoles on a finished session', async () => {
    const created = await dispatcher.post(`/api/v1/incidents/${incidentId}/caller-video`, { phone: '+14105550177' });
    const token = tokenOf(created.body.url);
    await t.anonymous().post(`/api/v1/public/caller-video/${token}/consent`, { video: true });
    expect((await t.anonymous().post(`/api/v1/public/caller-video/${token}/end`)).body).toEqual({ ended: true });
    const late = new Peer(wsUrl(`/api/v1/caller-video/${created.body.link.id}/signal`), dispatcher.headers());
    expect((await late.closedWith()).code).toBe(4410);
    const audit = await t.pool.query("SELECT actor_label, after FROM audit_log WHERE action = 'evidence.caller-video-ended' AND entity_id = $1", [String(created.body.link.id)]);
    expect(audit.rows[0]).toEqual({ actor_label: `public:caller-video-${created.body.link.id}`, after: { by: 'caller' } });
  });
});
