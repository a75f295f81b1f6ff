import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import WebSocket from 'ws';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';
import { eidoSample, eidoValidator } from './eido-schema.testkit';

let t: TestServer;
let dispatcher: SignedInClient;
let calltaker: TestClient;
let validate: ValidateFunction;

beforeAll(async () => {
  t = await createTestServer({ geography: true });
  [dispatcher, calltaker] = await Promise.all([t.as('dispatcher'), t.as('call-taker')]);
  validate = eidoValidator();
}, 120_000);
afterAll(() => t.close());

function valid(doc: unknown) {
  const ok = validate(doc);
  if (!ok) throw new Error(`EIDO not valid: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}

/** What must survive a transfer: the comparable content of an EIDO. */
function essence(doc: any) {
  const inc = doc.incidentComponent;
  const notes = new Map((doc.notesComponent ?? []).map((n: any) => [n.$id, n.notesActionComments]));
  return {
    type: inc.incidentTypeCommonRegistryText,
    priority: inc.incidentCommonPriorityNumber,
    location: doc.locationComponent?.[0]?.locationDescriptionText ?? null,
    pidf: /<gml:pos>([^<]*)<\/gml:pos>/.exec(doc.locationComponent?.[0]?.locationByValue ?? '')?.[1] ?? null,
    notes: inc.notesReference.map((r: any) => notes.get(r.$ref)),
    calls: (doc.callComponent ?? []).map((c: any) => ({ start: c.callStartTimestamp, answer: c.answerDate ?? null, cb: doc.callbackComponent?.find((b: any) => b.$id === c.callBackReference?.$ref)?.callBackInformationUri })),
  };
}

async function busyIncident() {
  const presentedAt = new Date(Date.now() - 120_000).toISOString();
  const call = await calltaker.post('/api/v1/calls', { source: '911', callbackNumber: '410-555-0142', presentedAt, answeredAt: new Date(Date.now() - 110_000).toISOString() });
  const inc = await calltaker.post('/api/v1/incidents', { type: 'FSTRU', location: { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104, verified: true }, callId: call.body.id, narrative: 'smoke from second floor' });
  expect(inc.status).toBe(201);
  await dispatcher.post(`/api/v1/incidents/${inc.body.id}/narrative`, { text: 'caller out of the building' });
  expect((await dispatcher.post(`/api/v1/incidents/${inc.body.id}/dispatch`, { unitIds: ['E-45', 'T-27'], divert: true })).status).toBe(200);
  expect((await dispatcher.post('/api/v1/units/E-45/status', { status: 'EnRoute' })).status).toBe(200);
  return inc.body;
}

describe('EIDO export', () => {
  it('returns an incident with location, notes, units, calls and agency as a schema-valid EIDO', async () => {
    const inc = await busyIncident();
    const res = await dispatcher.get(`/api/v1/incidents/${inc.id}/eido`);
    expect(res.status).toBe(200);
    const doc = res.body;
    valid(doc);
    expect(doc.eidoVersion).toBe('1.0');
    expect(doc.$id).toBe(`urn:emergency:uid:incidentid:${inc.id}:openpsap.local`);
    expect(doc.incidentComponent.incidentTypeCommonRegistryText).toBe('FSTRU');
    expect(doc.incidentComponent.incidentCommonPriorityNumber).toBe(1);
    expect(doc.incidentComponent.incidentStatusCommonRegistryText).toEqual(['ResourcesEnroute']);
    expect(doc.incidentComponent.internalIncidentId).toBe(`BCFD ${inc.number}`);
    expect(doc.locationComponent[0].locationByValue).toContain('<gml:pos>39.2912 -76.6104</gml:pos>');
    expect(doc.locationComponent[0].locationByValue).toContain('<HNO>100</HNO><PRD>N</PRD><RD>Holliday</RD><STS>St</STS>');
    expect(doc.notesComponent.map((n: any) => n.notesActionComments)).toEqual(['smoke from second floor', 'caller out of the building']);
    const units = doc.emergencyResourceComponent.map((u: any) => [u.emergencyResourceName, u.secondaryUnitStatusRegistryText[0]]);
    expect(units).toEqual([['E-45', 'EnRoute'], ['T-27', 'Dispatched']]);
    expect(doc.emergencyResourceComponent[0].unitStatusInternal.join('|')).toMatch(/^Dispatched .+\|EnRoute .+$/);
    expect(doc.callComponent).toHaveLength(1);
    expect(doc.callbackComponent[0].callBackInformationUri).toEqual(['tel:4105550142']);
    expect(doc.agencyComponent[0]).toMatchObject({ $id: 'bcfd.openpsap.local', agencyType: ['fire', 'ems'], incidentOwningAgencyIndicator: true });

    const closed = await dispatcher.post(`/api/v1/incidents/${inc.id}/close`, { disposition: '01' });
    expect(closed.status).toBe(200);
    const after = (await dispatcher.get(`/api/v1/incidents/${inc.id}/eido`)).body;
    valid(after);
    expect(after.incidentComponent.dispositionComponent[0].dispositionCommonRegistryCode).toBe('01');
    expect(after.incidentComponent.incidentStatusCommonRegistryText).toEqual(['Closed']);
  });

  it('leaves callers out for a responder and refuses another agency\'s incident', async () => {
    const inc = await busyIncident();
    const { rows } = await t.pool.query("SELECT id, code FROM agencies ORDER BY id");
    const fire = rows.find((r) => r.code === 'BCFD')!;
    const police = rows.find((r) => r.code === 'BPD')!;
    const own = await t.as('responder', { agencyId: fire.id });
    const res = await own.get(`/api/v1/incidents/${inc.id}/eido`);
    expect(res.status).toBe(200);
    valid(res.body);
    expect(res.body.callComponent).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('4105550142');
    const other = await t.as('responder', { agencyId: police.id });
    expect((await other.get(`/api/v1/incidents/${inc.id}/eido`)).status).toBe(403);
    expect((await dispatcher.get('/api/v1/incidents/999999/eido')).status).toBe(404);
  });
});

describe('EIDO import', () => {
  it('round trip: export, import, export again gives the same incident', async () => {
    const inc = await busyIncident();
    const first = (await dispatcher.get(`/api/v1/incidents/${inc.id}/eido`)).body;
    const imported = await dispatcher.post('/api/v1/eido', first);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ type: 'FSTRU', notes: 2, warnings: [] });
    expect(imported.body.callIds).toHaveLength(1);
    expect(imported.body.incidentId).not.toBe(inc.id);
    const second = (await dispatcher.get(`/api/v1/incidents/${imported.body.incidentId}/eido`)).body;
    valid(second);
    const a = essence(first);
    const b = essence(second);
    // The receiving centre adds one line saying where the incident came from.
    expect(b.notes.slice(0, -1)).toEqual(a.notes);
    expect(b.notes.at(-1)).toContain(`their incident BCFD ${inc.number}; their units: E-45 (EnRoute), T-27 (Dispatched)`);
    expect({ ...b, notes: null }).toEqual({ ...a, notes: null });
    const src = await t.pool.query('SELECT kind, source_id, issuing_element FROM incident_sources WHERE incident_id = $1', [imported.body.incidentId]);
    expect(src.rows[0]).toEqual({ kind: 'eido', source_id: first.$id, issuing_element: 'cad.openpsap.local' });
    // The same EIDO twice is one transfer, not two incidents.
    const again = await dispatcher.post('/api/v1/eido', first);
    expect(again.status).toBe(409);
  });

  it('imports the NENA sample call transfer: its call, callback number and civic location', async () => {
    const sample = eidoSample();
    valid(sample);
    const res = await calltaker.post('/api/v1/eido', sample);
    expect(res.status).toBe(201);
    expect(res.body.type).toBe('ASSIST');
    expect(res.body.location).toMatchObject({ text: '42 W Cellular Street, Wilmington, DE', lat: null, geocoded: false });
    expect(res.body.warnings.join(' ')).toContain('names no incident type');
    const detail = await dispatcher.get(`/api/v1/incidents/${res.body.incidentId}`);
    expect(detail.body.calls).toHaveLength(1);
    expect(detail.body.calls[0].callbackNumber).toBe('8195551212');
    expect(detail.body.calls[0].presentedAt).toBe('2021-04-30T18:40:00.000Z');
    expect(detail.body.narrative.at(-1).text).toContain('Received by EIDO transfer from state.pa.us (idx.state.pa.us)');
    valid((await dispatcher.get(`/api/v1/incidents/${res.body.incidentId}/eido`)).body);
  });

  it('geocodes a civic location without coordinates', async () => {
    const doc = eidoSample();
    doc.$id = 'urn:emergency:uid:incidentid:geo-1:example.org';
    (doc as any).incidentComponent = { $id: 'inc-1', lastUpdateTimeStamp: '2026-01-01T00:00:00Z', updatedByAgencyReference: { $ref: 'state.pa.us' }, incidentTypeCommonRegistryText: 'welfare', incidentCommonPriorityNumber: 3, locationReference: [{ $ref: 'loc-1' }] };
    (doc as any).locationComponent = [{ $id: 'loc-1', lastUpdateTimeStamp: '2026-01-01T00:00:00Z', updatedByAgencyReference: { $ref: 'state.pa.us' }, locationTypeDescriptionRegistryText: 'Incident', locationByValue: '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="x"><civicAddress xmlns="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"><country>US</country><HNO>100</HNO><PRD>N</PRD><RD>Holliday</RD><STS>St</STS></civicAddress></presence>' }];
    const res = await dispatcher.post('/api/v1/eido', doc);
    expect(res.status).toBe(201);
    expect(res.body.type).toBe('WELFARE');
    expect(res.body.location.geocoded).toBe(true);
    expect(res.body.location.lat).toBeCloseTo(39.291, 2);
  });

  it('places a polygon (RFC 5491) at the mean of its vertices and refuses a DOCTYPE', async () => {
    const doc = eidoSample();
    doc.$id = 'urn:emergency:uid:incidentid:poly-1:example.org';
    const ring = '39.29 -76.61 39.30 -76.61 39.30 -76.60 39.29 -76.60 39.29 -76.61';
    (doc as any).locationComponent[0].locationByValue = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gml="http://www.opengis.net/gml"><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>${ring}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></presence>`;
    const res = await dispatcher.post('/api/v1/eido', doc);
    expect(res.status).toBe(201);
    expect(res.body.location.lat).toBeCloseTo(39.295, 6);
    expect(res.body.location.lon).toBeCloseTo(-76.605, 6);
    (doc as any).locationComponent[0].locationByValue = '<!DOCTYPE presence [<!ENTITY x SYSTEM "file:///etc/passwd">]><presence>&x;</presence>';
    doc.$id = 'urn:emergency:uid:incidentid:poly-2:example.org';
    const refused = await dispatcher.post('/api/v1/eido', doc);
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields['$.locationComponent[0].locationByValue']).toContain('DOCTYPE');
  });

  it('refuses bad documents with 422 naming the JSON path, and writes nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM incidents')).rows[0].n;
    const cases: [unknown, string][] = [
      [[], '$'],
      [{ ...eidoSample(), eidoVersion: '2.0' }, '$.eidoVersion'],
      [{ ...eidoSample(), agencyComponent: undefined }, '$.agencyComponent'],
      [{ ...eidoSample(), callComponent: [{ ...(eidoSample() as any).callComponent[0], callStartTimestamp: 'yesterday' }] }, '$.callComponent[0].callStartTimestamp'],
      [{ ...eidoSample(), callComponent: [{ ...(eidoSample() as any).callComponent[0], callBackReference: { $ref: 'nobody' } }] }, '$.callComponent[0].callBackReference.$ref'],
      [{ ...eidoSample(), locationComponent: [{ ...(eidoSample() as any).locationComponent[0], locationByValue: '<presence><broken' }] }, '$.locationComponent[0].locationByValue'],
      [{ ...eidoSample(), notesComponent: [{ $id: 'n1' }] }, '$.notesComponent[0].lastUpdateTimeStamp'],
    ];
    for (const [body, path] of cases) {
      const res = await dispatcher.post('/api/v1/eido', body);
      expect(res.status, path).toBe(422);
      expect(Object.keys(res.body.error.fields), path).toContain(path);
      expect(res.body.error.message).toMatch(/^\$/);
    }
    expect((await t.pool.query('SELECT count(*)::int AS n FROM incidents')).rows[0].n).toBe(before);
    expect((await (await t.as('responder')).post('/api/v1/eido', eidoSample())).status).toBe(403);
  });
});

describe('EIDO subscribe and notify', () => {
  function open(client: TestClient) {
    const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/api/v1/eido/subscribe`, { headers: client.headers() });
    const messages: any[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    const until = async (pred: () => boolean, what: string) => {
      const end = Date.now() + 15_000;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(messages.slice(-3)).slice(0, 2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    return { ws, messages, until, ready: new Promise((r) => ws.once('open', r)) };
  }
  const notes = (m: any) => m.event.notification[0].notesComponent?.map((n: any) => n.notesActionComments) ?? [];

  it('sends the current EIDO, then a new one on each change, valid every time', async () => {
    const inc = await busyIncident();
    const s = open(dispatcher);
    await s.ready;
    s.ws.send(JSON.stringify({ subscribe: { requestId: 'r1', requestType: 'EIDO', requestSubType: 'single', incidentId: `urn:emergency:uid:incidentid:${inc.id}:openpsap.local` } }));
    await s.until(() => s.messages.some((m) => m.event), 'the current EIDO');
    const ok = s.messages.find((m) => m.subscribeResponse);
    expect(ok.subscribeResponse).toMatchObject({ requestId: 'r1', statusCode: 200 });
    const first = s.messages.find((m) => m.event);
    expect(first.event.subscriptionId).toBe(ok.subscribeResponse.subscriptionId);
    valid(first.event.notification[0]);
    await dispatcher.post(`/api/v1/incidents/${inc.id}/narrative`, { text: 'second alarm requested' });
    await s.until(() => s.messages.some((m) => m.event && notes(m).includes('second alarm requested')), 'the EIDO after the note');
    await dispatcher.post('/api/v1/units/E-45/status', { status: 'OnScene' });
    await s.until(() => s.messages.some((m) => m.event?.notification[0].incidentComponent.incidentStatusCommonRegistryText[0] === 'ResourcesOnscene'), 'the EIDO after on scene');
    for (const m of s.messages.filter((x) => x.event)) valid(m.event.notification[0]);
    s.ws.send(JSON.stringify({ unsubscribe: { requestId: 'r2', subscriptionId: ok.subscribeResponse.subscriptionId } }));
    await s.until(() => s.messages.some((m) => m.unsubscribeResponse?.statusCode === 200), 'unsubscribed');
    s.ws.close();
  });

  it('follows an agency\'s incidents and keeps other agencies\' from a responder', async () => {
    const { rows } = await t.pool.query("SELECT id, code FROM agencies WHERE code IN ('BCFD', 'BPD')");
    const fire = rows.find((r) => r.code === 'BCFD')!;
    const responder = await t.as('responder', { agencyId: fire.id });
    const s = open(responder);
    await s.ready;
    s.ws.send(JSON.stringify({ subscribe: { requestId: 'all', requestType: 'EIDO', qualFilter: 'agency:BCFD' } }));
    await s.until(() => s.messages.some((m) => m.subscribeResponse), 'subscribed');
    expect(s.messages.find((m) => m.subscribeResponse).subscribeResponse.statusCode).toBe(200);
    s.ws.send(JSON.stringify({ subscribe: { requestId: 'bpd', requestType: 'EIDO', qualFilter: 'agency:BPD' } }));
    await s.until(() => s.messages.some((m) => m.subscribeResponse?.requestId === 'bpd'), 'refused');
    expect(s.messages.find((m) => m.subscribeResponse?.requestId === 'bpd').subscribeResponse.statusCode).toBe(403);
    const theft = await calltaker.post('/api/v1/incidents', { type: 'LARCENY', location: { text: 'Lexington Market' } });
    const fireInc = await calltaker.post('/api/v1/incidents', { type: 'FVEH', location: { text: '200 W Lexington St' } });
    await s.until(() => s.messages.some((m) => m.event?.notification.some((d: any) => d.incidentComponent.internalIncidentId === `BCFD ${fireInc.body.number}`)), 'the new fire incident');
    const all = JSON.stringify(s.messages);
    expect(all).not.toContain(`BPD ${theft.body.number}`);
    s.ws.send('not json');
    s.ws.send(JSON.stringify({ subscribe: { requestId: 'x', incidentId: '1', qualFilter: 'agency:BCFD' } }));
    await s.until(() => s.messages.filter((m) => m.response || m.subscribeResponse?.requestId === 'x').length >= 2, 'errors');
    expect(s.messages.find((m) => m.subscribeResponse?.requestId === 'x').subscribeResponse.statusCode).toBe(400);
    s.ws.close();
    const anon = new WebSocket(`${t.url.replace(/^http/, 'ws')}/api/v1/eido/subscribe`);
    const status = await new Promise((r) => anon.on('unexpected-response', (_q, res) => r(res.statusCode)));
    expect(status).toBe(401);
  });
});

describe('across servers and in the API description', () => {
  it('notifies a subscriber on one server of a change written through another', async () => {
    const second = await createTestServer({ databaseUrl: t.databaseUrl });
    try {
      const inc = (await calltaker.post('/api/v1/incidents', { type: 'WELFARE', location: { text: '100 N Holliday St' } })).body;
      const viewer = await second.as('dispatcher');
      const ws = new WebSocket(`${second.url.replace(/^http/, 'ws')}/api/v1/eido/subscribe`, { headers: viewer.headers() });
      const messages: any[] = [];
      ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ subscribe: { requestId: 'x', requestType: 'EIDO', incidentId: String(inc.id) } }));
      const until = async (pred: () => boolean) => {
        const end = Date.now() + 15_000;
        while (!pred()) {
          if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(messages).slice(0, 1500)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await until(() => messages.some((m) => m.event));
      await dispatcher.post(`/api/v1/incidents/${inc.id}/narrative`, { text: 'written on the first server' });
      await until(() => messages.some((m) => m.event?.notification[0].notesComponent?.some((n: any) => n.notesActionComments === 'written on the first server')));
      ws.close();
    } finally {
      await second.close();
    }
  });

  it('serves a neighbouring CAD holding an API token: import and subscribe', async () => {
    const token = (await dispatcher.post('/api/v1/auth/tokens', { name: 'county CAD link' })).body.token;
    const cad = t.anonymous();
    cad.token = token;
    const doc = eidoSample();
    doc.$id = 'urn:emergency:uid:incidentid:tok-1:example.org';
    const imported = await cad.post('/api/v1/eido', doc);
    expect(imported.status).toBe(201);
    const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/api/v1/eido/subscribe`, { headers: cad.headers() });
    const messages: any[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ subscribe: { requestId: 't', requestType: 'EIDO', incidentId: String(imported.body.incidentId) } }));
    const end = Date.now() + 15_000;
    while (!messages.some((m) => m.event) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(messages.find((m) => m.event).event.notification[0].incidentComponent.internalIncidentId).toContain(imported.body.number);
    ws.close();
    const audit = await t.pool.query("SELECT actor_label FROM audit_log WHERE action = 'eido.import' AND entity_id = $1", [String(imported.body.incidentId)]);
    expect(audit.rows[0].actor_label).toBe(dispatcher.username);
  });

  it('describes the interoperability routes in the OpenAPI document', async () => {
    const res = await t.anonymous().get('/api/v1/docs/json');
    expect(res.status).toBe(200);
    for (const p of ['/api/v1/incidents/{id}/eido', '/api/v1/eido', '/api/v1/i3-log/LogEvents', '/api/v1/alarm-events']) expect(Object.keys(res.body.paths)).toContain(p);
  });
});
