import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/helpers/test-server';
import { inviteSend, pidfFile, runSipp, sharedScenario, waitFor, withPidf, writeScenario } from '../../test/helpers/sipp';
import { SipService } from './sip-service';

let t: TestServer;
let other: TestServer; // a second server process on the same database: the console's
let auto: SipService; // answers by itself
let manual: SipService; // waits for a call-taker

beforeAll(async () => {
  t = await createTestServer();
  other = await createTestServer({ databaseUrl: t.databaseUrl });
  auto = new SipService(t.server.ctx, { enabled: true, host: '127.0.0.1', port: 0, adminLines: ['sip:admin@example.com'], autoAnswer: true, mediaHost: null, mediaPort: 40000 });
  manual = new SipService(t.server.ctx, { enabled: true, host: '127.0.0.1', port: 0, adminLines: [], autoAnswer: false, mediaHost: null, mediaPort: 40000 });
  await auto.start();
  await manual.start();
});
afterAll(async () => {
  await auto?.stop();
  await manual?.stop();
  await other?.close();
  await t?.close();
});

interface StoredCall {
  id: number;
  source: string;
  lat: number | null;
  lon: number | null;
  location_text: string | null;
  callback_number: string | null;
  presented_at: Date;
  answered_at: Date | null;
  released_at: Date | null;
  location_status: string;
  location_problem: string | null;
  state: string;
  end_reason: string | null;
  emergency_call_id: string | null;
}

async function callBySipId(sipCallId: string): Promise<StoredCall | null> {
  const { rows } = await t.pool.query<StoredCall>(
    `SELECT c.id::int, c.source, c.lat, c.lon, c.location_text, c.callback_number, c.presented_at, c.answered_at, c.released_at,
            d.location_status, d.location_problem, d.state, d.end_reason, d.emergency_call_id
       FROM sip_dialogs d JOIN calls c ON c.id = d.call_id WHERE d.sip_call_id = $1`,
    [sipCallId],
  );
  return rows[0] ?? null;
}

async function shapesOf(callId: number): Promise<{ kind: string; shape: { type: string; [k: string]: unknown }; lat: number | null; lon: number | null; uncertainty_m: number | null; confidence: number | null; source: string }[]> {
  const { rows } = await t.pool.query('SELECT kind, shape, lat, lon, uncertainty_m, confidence, source FROM call_locations WHERE call_id = $1 ORDER BY id', [callId]);
  return rows;
}

let seq = 0;
const cid = (name: string) => `${name}-${Date.now()}-${++seq}@127.0.0.1`;

async function sippOk(xml: string, o: { port: number; callId: string; transport?: 'udp' | 'tcp' }) {
  const r = await runSipp(writeScenario(xml), o);
  expect(r.code, r.output).toBe(0);
}

describe('NG9-1-1 calls from sipp: each location shape lands where it should', () => {
  const basic = sharedScenario('CALLS/SIP_basic_call.xml');

  it('a point: presented as a 9-1-1 call with its callback number, answered, released by BYE', async () => {
    const callId = cid('point');
    await sippOk(basic, { port: auto.port, callId });
    const c = (await waitFor(async () => {
      const x = await callBySipId(callId);
      return x?.released_at ? x : null;
    }, 15_000, 'the BYE to release the call'))!;
    expect(c.source).toBe('911');
    expect(c.callback_number).toBe('+12025551212');
    expect(c.lat).toBeCloseTo(40.71668300756087, 9);
    expect(c.lon).toBeCloseTo(-73.99069756654683, 9);
    expect(c.answered_at).not.toBeNull();
    expect(c.answered_at!.getTime()).toBeGreaterThanOrEqual(c.presented_at.getTime());
    expect(c.state).toBe('ended');
    expect(c.end_reason).toBe('bye');
    expect(c.emergency_call_id).toBe('urn:emergency:uid:callid:123ABCdefg123ABCdefg123ABCdefg12:test.com');
    const shapes = await shapesOf(c.id);
    expect(shapes).toHaveLength(1);
    expect(shapes[0]).toMatchObject({ kind: 'device', source: 'sip-value', shape: { type: 'point' } });
  });

  const cases: { file: string; type: string; lat: number; lon: number; uncertainty: number | null; confidence?: number; tolerance?: number }[] = [
    { file: 'DeviceCircleWithConfidence.xml', type: 'circle', lat: 41.760537, lon: -88.261914, uncertainty: 50, confidence: 95 },
    { file: 'RFC5491TupleEllipseLocation.xml', type: 'ellipse', lat: 42.5463, lon: -73.2512, uncertainty: 1275 },
    // the pin of an arc band is the middle of the band, about 3.87 km from the tower at 30 degrees
    { file: 'RFC5491TupleArcBandLocation.xml', type: 'arc-band', lat: -43.5421, lon: 153.2388, uncertainty: null, tolerance: 0.003 },
    { file: 'RFC5491TuplePolygonLocation.xml', type: 'polygon', lat: 43.261, lon: -73.272, uncertainty: null, tolerance: 0.01 },
  ];
  for (const k of cases) {
    it(`${k.type} (${k.file}) over ${k.type === 'ellipse' ? 'TCP' : 'UDP'}`, async () => {
      const callId = cid(k.type);
      await sippOk(withPidf(basic, pidfFile(k.file)), { port: auto.port, callId, transport: k.type === 'ellipse' ? 'tcp' : 'udp' });
      const c = (await waitFor(() => callBySipId(callId), 10_000, 'the call'))!;
      const [s] = await shapesOf(c.id);
      expect(s!.shape.type).toBe(k.type);
      const tol = k.tolerance ?? 1e-6;
      expect(Math.abs(c.lat! - k.lat)).toBeLessThan(tol);
      expect(Math.abs(c.lon! - k.lon)).toBeLessThan(tol);
      expect(s!.lat).toBeCloseTo(c.lat!, 9);
      if (k.uncertainty !== null) expect(s!.uncertainty_m).toBe(k.uncertainty);
      else expect(s!.uncertainty_m).toBeGreaterThan(0);
      if (k.confidence) expect(s!.confidence).toBe(k.confidence);
      expect(c.location_status).toBe('ok');
    });
  }

  it('a civic address (RFC 5139) fills the call\'s location text', async () => {
    const callId = cid('civic');
    await sippOk(sharedScenario('SIP_INVITE/SIP_INVITE_location_PIDF-LO.xml'), { port: auto.port, callId });
    const c = (await waitFor(() => callBySipId(callId)))!;
    expect(c.location_text).toContain('10 TEST Ave');
    expect(c.location_text).toContain('Laurel');
    expect(c.lat).toBeNull();
    const [s] = await shapesOf(c.id);
    expect(s!.shape).toMatchObject({ type: 'civic', fields: { HNO: '10', RD: 'TEST', A3: 'Laurel', A1: 'MD' } });
  });

  it('an administrative line is presented as a non-emergency call; an unknown line gets 404', async () => {
    const callId = cid('admin');
    await sippOk(sharedScenario('SIP_INVITE/SIP_INVITE_regular_URI_admin_line.xml'), { port: auto.port, callId });
    expect((await waitFor(() => callBySipId(callId)))!.source).toBe('non-emergency');
    // the same INVITE to the listener without administrative lines is refused per SIP
    const refused = sharedScenario('SIP_INVITE/SIP_INVITE_regular_URI_admin_line.xml').replace(/<recv response="200">\s*<\/recv>[\s\S]*<\/scenario>/, '<recv response="404"></recv>\n<send><![CDATA[\n\nACK sip:admin@example.com SIP/2.0\nVia: SIP/2.0/[transport] [local_ip]:[local_port]\nFrom: "NG911 Test" <sip:+12025551212@[local_ip]:[local_port]>;tag=[call_number]\nTo: sip:admin@example.com[peer_tag_param]\nCall-ID: [call_id]\nCseq: 1 ACK\nContent-Length: 0\n\n]]></send>\n</scenario>');
    await sippOk(refused, { port: manual.port, callId: cid('admin-404') });
  });
});

describe('garbled and unresolvable location', () => {
  it('a garbled PIDF-LO still presents the call, flagged location unavailable with the reason', async () => {
    const callId = cid('garbled');
    const xml = withPidf(sharedScenario('CALLS/SIP_basic_call.xml'), '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple><status><gp:geopriv>&&& not xml');
    await sippOk(xml, { port: auto.port, callId });
    const c = (await waitFor(() => callBySipId(callId)))!;
    expect(c.location_status).toBe('unavailable');
    expect(c.location_problem).toMatch(/not well-formed/);
    expect(c.lat).toBeNull();
    expect(c.answered_at).not.toBeNull();
  });

  it('a location reference that cannot be read is flagged, and never holds up the call', async () => {
    const callId = cid('reference');
    await sippOk(sharedScenario('SIP_INVITE/SIP_INVITE_location_reference.xml'), { port: auto.port, callId });
    const c = (await waitFor(async () => {
      const x = await callBySipId(callId);
      return x?.location_status === 'reference-failed' ? x : null;
    }, 15_000, 'the reference to fail'))!;
    expect(c.location_problem).toMatch(/127\.0\.0\.1/);
    expect(c.answered_at).not.toBeNull();
  });

  it('a non-http Geolocation (sip: URI, bare token) presents the call as location unavailable', async () => {
    for (const f of ['SIP_INVITE/SIP_INVITE_geolocation_SIP.xml', 'SIP_INVITE/SIP_INVITE_geolocation_HELD.xml']) {
      const callId = cid('geo-other');
      await sippOk(sharedScenario(f), { port: auto.port, callId });
      const c = (await waitFor(() => callBySipId(callId)))!;
      expect(c.location_status, f).toBe('unavailable');
    }
  });
});

describe('answer from the console, CANCEL', () => {
  it('a call-taker answering on another server process sends the 200 OK (the committed call.answered event)', async () => {
    const callId = cid('console-answer');
    const run = runSipp(writeScenario(sharedScenario('CALLS/SIP_basic_call.xml')), { port: manual.port, callId });
    const c = (await waitFor(() => callBySipId(callId), 15_000, 'the call to be presented'))!;
    expect(c.answered_at).toBeNull();
    expect(c.state).toBe('ringing');
    const taker = await other.as('call-taker');
    const res = await taker.post(`/api/v1/calls/${c.id}/answer`, {});
    expect(res.status).toBe(200);
    const r = await run;
    expect(r.code, r.output).toBe(0);
    const done = (await waitFor(async () => {
      const x = await callBySipId(callId);
      return x?.released_at ? x : null;
    }))!;
    expect(done.answered_at).not.toBeNull();
    expect(done.end_reason).toBe('bye');
  });

  it('CANCEL before answer abandons the call: 487 to the INVITE, released without an answer time', async () => {
    const callId = cid('cancel');
    const invite = inviteSend(sharedScenario('CALLS/SIP_basic_call.xml'));
    const xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="cancel before answer">
${invite}
<recv response="100" optional="true"></recv>
<recv response="180"></recv>
<send><![CDATA[

CANCEL urn:service:sos SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port]
From: "NG911 Test" <sip:+12025551212@[local_ip]:[local_port]>;tag=[call_number]
To: urn:service:sos
Call-ID: [call_id]
CSeq: 1 CANCEL
Max-Forwards: 70
Content-Length: 0

]]></send>
<recv response="200"></recv>
<recv response="487"></recv>
<send><![CDATA[

ACK urn:service:sos SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port]
From: "NG911 Test" <sip:+12025551212@[local_ip]:[local_port]>;tag=[call_number]
To: urn:service:sos[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Content-Length: 0

]]></send>
</scenario>`;
    await sippOk(xml, { port: manual.port, callId });
    const c = (await waitFor(async () => {
      const x = await callBySipId(callId);
      return x?.released_at ? x : null;
    }))!;
    expect(c.answered_at).toBeNull();
    expect(c.end_reason).toBe('cancelled');
  });
});

describe('location updates on a live call', () => {
  it('a PIDF-LO in a MESSAGE within the dialog is stored as an update; the call keeps its location', async () => {
    const basic = sharedScenario('CALLS/SIP_basic_call.xml');
    const update = `<send><![CDATA[

MESSAGE urn:service:sos SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "NG911 Test" <sip:+12025551212@[local_ip]:[local_port]>;tag=[call_number]
To: urn:service:sos[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 MESSAGE
Max-Forwards: 70
Content-Type: application/pidf+xml
Content-Length: [len]

${pidfFile('DeviceCircleWithConfidence.xml').replace(/^<\?xml[^>]*>\s*/, '')}
]]></send>
<recv response="200"></recv>
`;
    const xml = basic.replace('<pause milliseconds="1000"/>', `${update}<pause milliseconds="200"/>`).replace('CSeq: 2 BYE', 'CSeq: 3 BYE');
    const callId = cid('update');
    await sippOk(xml, { port: auto.port, callId });
    const c = (await waitFor(() => callBySipId(callId)))!;
    const shapes = await waitFor(async () => {
      const x = await shapesOf(c.id);
      return x.length >= 2 ? x : null;
    });
    expect(shapes.map((x) => [x.kind, x.shape.type])).toEqual([['device', 'point'], ['update', 'circle']]);
    expect(c.lat).toBeCloseTo(40.71668300756087, 9); // the update is shown beside, never instead
  });

  it('a supplemental location over HTTP is listed as supplemental, with permission and validation', async () => {
    const callId = cid('supplemental');
    await sippOk(sharedScenario('CALLS/SIP_basic_call.xml'), { port: auto.port, callId });
    const c = (await waitFor(() => callBySipId(callId)))!;
    const taker = await other.as('call-taker');
    const responder = await other.as('responder');
    expect((await responder.post(`/api/v1/calls/${c.id}/supplemental-location`, { lat: 40.7, lon: -73.99 })).status).toBe(403);
    const bad = await taker.post(`/api/v1/calls/${c.id}/supplemental-location`, { lat: 99, lon: -73.99 });
    expect(bad.status).toBe(400);
    expect((await taker.post('/api/v1/calls/999999/supplemental-location', { lat: 40.7, lon: -73.99 })).status).toBe(404);
    const ok = await taker.post(`/api/v1/calls/${c.id}/supplemental-location`, { lat: 40.7171, lon: -73.9901, uncertaintyM: 12, method: 'Device GNSS' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'supplemental', source: 'http', shape: { type: 'circle', radius: 12 } });
    const n = await taker.get(`/api/v1/calls/${c.id}/ng911`);
    expect(n.body.locations.map((l: { kind: string }) => l.kind)).toEqual(['device', 'supplemental']);
    expect((await callBySipId(callId))!.lat).toBeCloseTo(40.71668300756087, 9);
    // a reply on a call that did not come in over SIP is refused in words
    const plain = await taker.post('/api/v1/calls', { source: '911', callbackNumber: '4105550100' });
    const refused = await taker.post(`/api/v1/calls/${plain.body.id}/texts`, { body: 'hello' });
    expect(refused.status).toBe(409);
  });
});

describe('text to 9-1-1', () => {
  it('a SIP MESSAGE opens a text call; a reply from the console goes back as SIP MESSAGE', async () => {
    const first = sharedScenario('SIP_MESSAGE/SIP_MESSAGE_from_OSP.xml');
    const answerPart = /<recv request="MESSAGE"[\s\S]*<\/send>/.exec(sharedScenario('SIP_MESSAGE/SIP_MESSAGE_receive_and_answer.xml'))![0];
    // send the caller's MESSAGE, take our 200, then wait for the reply and answer it
    const xml = first.replace('</scenario>', `<recv response="200"></recv>\n${answerPart}\n</scenario>`);
    const callId = cid('text');
    const run = runSipp(writeScenario(xml), { port: auto.port, callId });
    const c = (await waitFor(() => callBySipId(callId), 15_000, 'the text call'))!;
    expect(c.source).toBe('text');
    const taker = await other.as('call-taker');
    const texts = await waitFor(async () => {
      const r = await taker.get(`/api/v1/calls/${c.id}/texts`);
      return r.body.length ? r.body : null;
    });
    expect(texts[0]).toMatchObject({ direction: 'in', body: 'SIP MESSAGE from OSP' });
    const sent = await taker.post(`/api/v1/calls/${c.id}/texts`, { body: 'This is 9-1-1. Where are you?' });
    expect(sent.status).toBe(201);
    const r = await run;
    expect(r.code, r.output).toBe(0);
    const delivered = await waitFor(async () => {
      const x = await taker.get(`/api/v1/calls/${c.id}/texts`);
      const out = x.body.find((m: { direction: string }) => m.direction === 'out');
      return out?.deliveryStatus ? out : null;
    });
    expect(delivered.deliveryStatus).toBe(200);
    // a second MESSAGE from the same caller joins the same conversation
    const again = sharedScenario('SIP_MESSAGE/SIP_MESSAGE_from_OSP.xml').replace('SIP MESSAGE from OSP', 'Second message');
    await sippOk(again, { port: auto.port, callId: cid('text-2') });
    const all = await waitFor(async () => {
      const x = await taker.get(`/api/v1/calls/${c.id}/texts`);
      return x.body.length >= 3 ? x.body : null;
    });
    expect(all.map((m: { body: string }) => m.body)).toContain('Second message');
  });
});

describe('the listener on anything', () => {
  function udp(port: number, text: string, wantReplies = 1): Promise<string[]> {
    return new Promise((resolve) => {
      const s = dgram.createSocket('udp4');
      const got: string[] = [];
      const done = () => {
        s.close();
        resolve(got);
      };
      // nothing comes back for what is not a request; a short wait shows none did
      const timer = setTimeout(done, wantReplies ? 5_000 : 300);
      s.on('message', (m) => {
        got.push(m.toString());
        if (got.length >= wantReplies) {
          clearTimeout(timer);
          done();
        }
      });
      s.send(Buffer.from(text.replace(/\n/g, '\r\n')), port, '127.0.0.1');
    });
  }
  const req = (method: string, extra = '') => `${method} urn:service:sos SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK${method}${Date.now()}
From: <sip:+15550001111@127.0.0.1>;tag=a1
To: <urn:service:sos>
Call-ID: junk-${method}-${Date.now()}@127.0.0.1
CSeq: 1 ${method}
Max-Forwards: 70
${extra}Content-Length: 0

`;

  it('answers unknown methods with 501 and refused ones with 405, malformed with 400, and stays up', async () => {
    expect((await udp(auto.port, req('FROBNICATE')))[0]).toMatch(/^SIP\/2\.0 501 /);
    expect((await udp(auto.port, req('REGISTER')))[0]).toMatch(/^SIP\/2\.0 405 [\s\S]*Allow: INVITE/);
    expect((await udp(auto.port, req('MESSAGE').replace(/CSeq: .*\r?\n/, '')))[0]).toMatch(/^SIP\/2\.0 400 /);
    expect((await udp(auto.port, req('BYE')))[0]).toMatch(/^SIP\/2\.0 481 /);
    expect((await udp(auto.port, req('BYE').replace('BYE urn:service:sos SIP/2.0', 'BYE  SIP/2.0')))[0]).toMatch(/^SIP\/2\.0 400 /);
    await udp(auto.port, '\u0000\u0001garbage\r\n\r\n', 0);
    await udp(auto.port, 'INVITE urn:service:sos SIP/2.0\r\nContent-Length: 99999\r\n\r\nx', 0);
    // compact header forms and a folded header are read like the long forms
    const compact = `OPTIONS urn:service:sos SIP/2.0
v: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKcompact${Date.now()}
f: <sip:+15550001111@127.0.0.1>
  ;tag=a2
t: <urn:service:sos>
i: compact-${Date.now()}
CSeq: 7 OPTIONS
l: 0

`;
    const [ok] = await udp(auto.port, compact);
    expect(ok).toMatch(/^SIP\/2\.0 200 OK/);
    expect(ok).toMatch(/CSeq: 7 OPTIONS/);
  });

  it('stays up through hundreds of mangled INVITEs over UDP and TCP, presenting what can be presented', async () => {
    const pidf = pidfFile('DeviceCircleWithConfidence.xml');
    const body = `--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 4000 RTP/AVP 0\r\n--b\r\nContent-Type: application/pidf+xml\r\nContent-ID: <l@x>\r\n\r\n${pidf}\r\n--b--\r\n`;
    const valid = (i: number) => `INVITE urn:service:sos SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5997;branch=z9hG4bKfuzz${i}\r\nFrom: <sip:+15550003333@127.0.0.1:5997>;tag=f${i}\r\nTo: <urn:service:sos>\r\nCall-ID: fuzz-${i}-${Date.now()}\r\nCSeq: 1 INVITE\r\nGeolocation: <cid:l@x>\r\nContent-Type: multipart/mixed; boundary=b\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const mangle = (m: string): Buffer => {
      const b = Buffer.from(m);
      switch (rnd(5)) {
        case 0: return b.subarray(0, rnd(b.length));
        case 1: for (let k = 0; k < 20; k++) b[rnd(b.length)] = rnd(256); return b;
        case 2: return Buffer.from(m.split('\r\n').filter(() => rnd(4) !== 0).join('\r\n'));
        case 3: return Buffer.from(m.replace(/boundary=b/, `boundary=${'x'.repeat(rnd(3))}`).replace(/<\/gs:radius>/, ''));
        default: return Buffer.from(m.replace(/Content-Length: \d+/, `Content-Length: ${rnd(5000)}`));
      }
    };
    const s = dgram.createSocket('udp4');
    for (let i = 0; i < 300; i++) s.send(mangle(valid(i)), auto.port, '127.0.0.1');
    const net = await import('node:net');
    for (let i = 300; i < 320; i++) {
      await new Promise<void>((resolve) => {
        const c = net.connect(auto.port, '127.0.0.1', () => {
          c.end(mangle(valid(i)));
        });
        c.on('error', () => resolve());
        c.on('close', () => resolve());
        setTimeout(() => (c.destroy(), resolve()), 500);
      });
    }
    s.close();
    const [ok] = await udp(auto.port, req('OPTIONS'));
    expect(ok).toMatch(/^SIP\/2\.0 200 OK/);
    // the readable ones among them were presented (the rest refused per SIP or dropped as unreadable)
    await waitFor(async () => (await t.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sip_dialogs WHERE sip_call_id LIKE 'fuzz-%'")).rows[0]!.n > 0, 15_000, 'a fuzzed call to be presented');
  });

  it('resends the 200 OK over UDP until the ACK, with a To tag', async () => {
    const branch = `z9hG4bKretx${Date.now()}`;
    const sipCallId = `retx-${Date.now()}@127.0.0.1`;
    const invite = `INVITE urn:service:sos SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5998;branch=${branch}
From: <sip:+15550002222@127.0.0.1:5998>;tag=r1
To: <urn:service:sos>
Call-ID: ${sipCallId}
CSeq: 1 INVITE
Contact: <sip:+15550002222@127.0.0.1:5998>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: 0

`;
    const got = await udp(auto.port, invite, 4); // 100, 180, 200, and the same 200 again
    const oks = got.filter((m) => m.startsWith('SIP/2.0 200'));
    expect(oks.length).toBeGreaterThanOrEqual(2);
    expect(oks[0]).toBe(oks[1]);
    expect(oks[0]).toMatch(/To: <urn:service:sos>;tag=[0-9a-f]+/);
    expect(oks[0]).toMatch(/Content-Type: application\/sdp[\s\S]*\r\n\r\nv=0\r\no=OpenPSAP /);
    // no offer in the INVITE: the 200 OK makes one (G.711), and the caller answers in the ACK
    expect(oks[0]).toMatch(/m=audio \d+ RTP\/AVP 0 8 101/);
  });
});
