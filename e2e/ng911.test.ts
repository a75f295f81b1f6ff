import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestServer, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { SipService } from '../apps/server/src/sip/sip-service';
import { runSipp, sharedScenario, waitFor, withPidf, writeScenario } from '../apps/server/test/helpers/sipp';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
let t: TestServer;
let sip: SipService;
let browser: Browser;

beforeAll(async () => {
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  sip = new SipService(t.server.ctx, { enabled: true, host: '127.0.0.1', port: 0, adminLines: [], autoAnswer: false, mediaHost: null, mediaPort: 40000 });
  await sip.start();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sip?.stop();
  await t?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

// A caller downtown, located by an ellipse (RFC 5491) 300 m by 120 m, as a mobile network reports.
const ELLIPSE = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
 xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" xmlns:con="urn:ietf:params:xml:ns:geopriv:conf" entity="pres:caller@example.com">
<tuple id="e1"><status><gp:geopriv><gp:location-info>
<gs:Ellipse srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>39.2904 -76.6122</gml:pos>
<gs:semiMajorAxis uom="urn:ogc:def:uom:EPSG::9001">300</gs:semiMajorAxis>
<gs:semiMinorAxis uom="urn:ogc:def:uom:EPSG::9001">120</gs:semiMinorAxis>
<gs:orientation uom="urn:ogc:def:uom:EPSG::9102">40</gs:orientation></gs:Ellipse>
<con:confidence pdf="normal">90</con:confidence>
</gp:location-info><gp:method>Hybrid A-GPS</gp:method></gp:geopriv></status></tuple></presence>`;

describe('NG9-1-1 calls on the console', () => {
  it('shows an incoming SIP call with its location shape on the map, answers it, and replies to a text', async () => {
    const taker = await t.as('call-taker');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1600, height: 950 });
    const problems = watchConsole(page);
    await signInPage(page, t.url, taker);
    await page.waitForSelector('.map-canvas[data-ready="true"]');

    // The caller's network delivers the call; the caller waits for an answer.
    const sipCallId = `e2e-voice-${Date.now()}@127.0.0.1`;
    const voice = runSipp(writeScenario(withPidf(sharedScenario('CALLS/SIP_basic_call.xml'), ELLIPSE)), { port: sip.port, callId: sipCallId, localPort: await freePort(), timeoutS: 90 });
    const callId = Number(await waitFor(async () => (await t.pool.query<{ call_id: string }>('SELECT call_id FROM sip_dialogs WHERE sip_call_id = $1', [sipCallId])).rows[0]?.call_id, 30_000, 'the SIP call'));
    const row = page.getByRole('option').filter({ hasText: `Call ${callId}` }).filter({ hasText: '+12025551212' });
    await row.waitFor();
    // A supplemental fix from the handset's provider arrives over HTTP while it rings.
    const sup = await taker.post(`/api/v1/calls/${callId}/supplemental-location`, { lat: 39.2899, lon: -76.6113, uncertaintyM: 25, method: 'Device GNSS', label: 'Supplemental (handset GNSS)' });
    expect(sup.status).toBe(201);

    await row.click();
    const panel = page.getByRole('region', { name: new RegExp(`Call ${callId} · 9-1-1`) });
    await panel.waitFor();
    await panel.getByText('Ellipse 300 × 120 m at 40°, 90% confidence').waitFor();
    await panel.getByText('Supplemental (handset GNSS)').waitFor();
    // the ellipse and the supplemental circle are both drawn (pins are not counted)
    await page.waitForSelector('.map-canvas[data-ng911-shapes="2"]');
    await page.waitForTimeout(600); // the map's move to the caller
    await screenshot(page, 'ng911-call-shape');
    expect(await axeViolations(page)).toEqual([]);

    // The call-taker, having confirmed with the caller, makes the handset's fix the verified location.
    await panel.getByRole('button', { name: /Verify here: make this supplemental location/ }).click();
    await panel.getByText('39.28990 -76.61130').waitFor();
    const verified = await taker.get(`/api/v1/calls/${callId}`);
    expect(verified.body.location).toMatchObject({ lat: 39.2899, lon: -76.6113, verified: true });

    await panel.getByRole('button', { name: 'Answer' }).click();
    const v = await voice;
    expect(v.code, v.output).toBe(0);
    const answered = await taker.get(`/api/v1/calls/${callId}`);
    expect(answered.body.answeredAt).not.toBeNull();

    // Text to 9-1-1: a conversation opens as a call; the reply goes back as SIP MESSAGE.
    const answerPart = /<recv request="MESSAGE"[\s\S]*<\/send>/.exec(sharedScenario('SIP_MESSAGE/SIP_MESSAGE_receive_and_answer.xml'))![0];
    const textXml = sharedScenario('SIP_MESSAGE/SIP_MESSAGE_from_OSP.xml').replace('SIP MESSAGE from OSP', 'Help, someone is in my house. I cannot talk.').replace('</scenario>', `<recv response="200"></recv>\n${answerPart}\n</scenario>`);
    const text = runSipp(writeScenario(textXml), { port: sip.port, callId: `e2e-text-${Date.now()}@127.0.0.1`, localPort: await freePort(), timeoutS: 90 });
    const textRow = page.getByRole('option').filter({ hasText: 'Text' }).filter({ hasText: 'Location unavailable' });
    await textRow.waitFor();
    await textRow.click();
    const chat = page.getByRole('log', { name: 'Messages with the caller' });
    await chat.getByText('Help, someone is in my house. I cannot talk.').waitFor();
    const reply = page.getByLabel('Reply to caller');
    await reply.focus();
    await page.keyboard.type('This is 9-1-1. Is the person still inside? Text YES or NO.');
    await page.keyboard.press('Enter');
    await chat.getByText('delivered').waitFor();
    await screenshot(page, 'ng911-text-chat');
    const tx = await text;
    expect(tx.code, tx.output).toBe(0);
    expect(tx.output).not.toMatch(/Aborting/);
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p))).toEqual([]);
    await ctx.close();
  });

  it('puts a pin on a civic address the jurisdiction knows, left unverified', async () => {
    const civic = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" entity="pres:c@example.com">
<tuple id="c"><status><gp:geopriv><gp:location-info><ca:civicAddress><ca:country>US</ca:country><ca:A1>MD</ca:A1><ca:A3>Baltimore</ca:A3>
<ca:HNO>100</ca:HNO><ca:PRD>N</ca:PRD><ca:RD>Holliday</ca:RD><ca:STS>St</ca:STS></ca:civicAddress></gp:location-info></gp:geopriv></status></tuple></presence>`;
    const sipCallId = `e2e-civic-${Date.now()}@127.0.0.1`;
    const run = runSipp(writeScenario(withPidf(sharedScenario('SIP_INVITE/SIP_INVITE_location_PIDF-LO.xml'), civic)), { port: sip.port, callId: sipCallId, localPort: await freePort(), timeoutS: 60 });
    const callId = Number(await waitFor(async () => (await t.pool.query<{ call_id: string }>('SELECT call_id FROM sip_dialogs WHERE sip_call_id = $1', [sipCallId])).rows[0]?.call_id, 30_000, 'the SIP call'));
    const taker = await t.as('call-taker');
    expect((await taker.post(`/api/v1/calls/${callId}/answer`, {})).status).toBe(200);
    const r = await run;
    expect(r.code, r.output).toBe(0);
    const call = (await taker.get(`/api/v1/calls/${callId}`)).body;
    expect(call.location.text).toContain('100 N Holliday St');
    expect(call.location.lat).toBeCloseTo(39.29, 1);
    expect(call.location.lon).toBeCloseTo(-76.61, 1);
    expect(call.location.verified).toBe(false);
  });
});
