import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../test/helpers/test-server';
import type { TestClient } from '../../test/helpers/test-client';

let t: TestServer;
let d: SignedInClient;
const at = { text: '400 E Pratt St', lat: 39.2866, lon: -76.6087 };

beforeAll(async () => {
  t = await createTestServer({ heartbeatSeconds: 1 });
  d = await t.as('dispatcher');
});
afterAll(() => t.close());

const create = async (c: TestClient, type = 'SUSP') => {
  const r = await c.post('/api/v1/incidents', { type, location: at });
  expect(r.status).toBe(201);
  return { incident: r.body, seq: Number(r.headers.get('x-event-seq')) };
};

function assertInOrderOnce(events: { seq: number }[]) {
  const seqs = events.map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
}

describe('event stream', () => {
  it('delivers live events in order, with a hello and caught-up first', async () => {
    const s = d.stream();
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    expect(s.messages[0].type).toBe('hello');
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create(d));
    await s.until(() => s.events.length >= 5, '5 events');
    expect(s.events.map((e) => e.seq)).toEqual(made.map((m) => m.seq));
    expect(s.events[0]).toMatchObject({ type: 'incident.created', actor: d.username });
    assertInOrderOnce(s.events);
    await s.close();
  });

  it('after a dropped socket, resumes from its cursor: every event once, in order, then live', async () => {
    const s1 = d.stream();
    await s1.until(() => s1.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    const a = await create(d);
    await s1.until(() => s1.events.some((e) => e.seq === a.seq), 'first event');
    const cursor = s1.cursor;
    s1.drop();
    const missed = [];
    for (let i = 0; i < 20; i++) missed.push((await create(d)).seq);
    const s2 = d.stream(`since=${cursor}`);
    await s2.until(() => s2.events.length >= 20, 'missed events');
    const live = await create(d);
    await s2.until(() => s2.events.some((e) => e.seq === live.seq), 'live event');
    expect(s2.events.map((e) => e.seq)).toEqual([...missed, live.seq]);
    assertInOrderOnce([...s1.events, ...s2.events]);
    await s2.close();
  });

  it('replays from the start of history when asked (since=0) without gaps', async () => {
    const head = (await d.get('/api/v1/events?since=0&limit=1')).body.head;
    const s = d.stream('since=0');
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    expect(s.events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    await s.close();
  });

  it('carries the cursor in heartbeats even when no visible event passed', async () => {
    const s = d.stream('rooms=incident:999999');
    await create(d);
    await s.until(() => s.messages.some((m) => m.type === 'heartbeat' && m.cursor === t.server.ctx.hub.headSeq), 'heartbeat at head', 5_000);
    expect(s.events).toHaveLength(0);
    await s.close();
  });

  it('filters by room: a socket on one incident sees only that incident', async () => {
    const mine = await create(d);
    const s = d.stream(`rooms=incident:${mine.incident.id}`);
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    await create(d);
    await d.post(`/api/v1/incidents/${mine.incident.id}/narrative`, { text: 'caller says suspect went north' });
    await s.until(() => s.events.length >= 1, 'narrative event');
    await new Promise((r) => setTimeout(r, 300));
    expect(s.events.map((e) => e.type)).toEqual(['incident.narrative-added']);
    expect(s.events[0].incidentId).toBe(mine.incident.id);
    await s.close();
  });

  it('keeps callers\' calls off a responder\'s stream and refuses rooms they may not join', async () => {
    const e6 = (await d.get('/api/v1/units/E-6')).body;
    const responder = await t.as('responder', { agencyId: e6.agencyId, unitId: e6.id });
    const s = responder.stream();
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    const ct = await t.as('call-taker');
    await ct.post('/api/v1/calls', { callbackNumber: '410-555-0123', callerName: 'Private Person' });
    const police = await create(d, 'LARCENY');
    const fire = await create(d, 'FSTRU');
    await s.until(() => s.events.some((e) => e.seq === fire.seq), 'own agency event');
    expect(s.events.some((e) => e.type.startsWith('call.'))).toBe(false);
    expect(s.events.some((e) => e.seq === police.seq)).toBe(false);
    const denied = responder.stream('rooms=centre');
    await denied.until(() => denied.closeCode !== null, 'close');
    expect(denied.closeCode).toBe(4403);
    await s.close();
  });

  it('refuses a socket without a session, and roles without the stream', async () => {
    const anon = t.anonymous().stream();
    await anon.until(() => anon.unexpected !== null || anon.closeCode !== null, 'refusal');
    expect(anon.unexpected?.status).toBe(401);
    const admin = await t.as('admin');
    const s = admin.stream();
    await s.until(() => s.unexpected !== null || s.closeCode !== null, 'refusal');
    expect(s.unexpected?.status).toBe(403);
  });

  it('answers a cursor from the future with an error and continues from the real head', async () => {
    const s = d.stream('since=999999999');
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    expect(s.messages.some((m) => m.type === 'error' && m.code === 'cursor_ahead')).toBe(true);
    const e = await create(d);
    await s.until(() => s.events.some((x) => x.seq === e.seq), 'live event');
    await s.close();
  });

  it('delivers the same events on a second server process sharing the database', async () => {
    const other = await createTestServer({ databaseUrl: t.databaseUrl });
    try {
      const viaOther = await other.as('dispatcher');
      const s = viaOther.stream();
      await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
      const made: number[] = [];
      for (let i = 0; i < 10; i++) made.push((await create(d)).seq);
      await s.until(() => made.every((seq) => s.events.some((e) => e.seq === seq)), 'events written through the first server');
      assertInOrderOnce(s.events);
      await s.close();
    } finally {
      await other.close();
    }
  });

  it('serves the same log over HTTP for pollers', async () => {
    const r = await d.get('/api/v1/events?since=0&limit=3');
    expect(r.status).toBe(200);
    expect(r.body.events.map((e: any) => e.seq)).toEqual([1, 2, 3]);
  });
});

