import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';
import type { TestClient } from '../../../test/helpers/test-client';
import { ManualClock } from '../../scheduler/clock';
import { loadConfig } from '../../config/config';
import { CAP_FEED_JOB, lastFeedReports } from './outside-alerts.poll';

// The OASIS sample severe thunderstorm warning (CAP 1.2), moved over downtown Baltimore and to the test's time.
const SAMPLE = readFileSync(resolve(__dirname, '../../../../../../shared/standards/cap/oasis-cap-1.2-appendix-a/v1dot2_appendix_adot2.xml'), 'utf8');
const DOWNTOWN = '39.28,-76.63 39.28,-76.59 39.31,-76.59 39.31,-76.63 39.28,-76.63';
const T0 = new Date(Date.UTC(2026, 10, 21, 15, 0, 0));
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const inHours = (h: number) => iso(new Date(T0.getTime() + h * 3600_000));

function thunderstorm(id: string, opts: { polygon?: string; expiresH?: number } = {}): string {
  return SAMPLE.replace('KSTO1055887203', id)
    .replace('2003-06-17T14:57:00-07:00', iso(T0))
    .replace('2003-06-17T16:00:00-07:00', inHours(opts.expiresH ?? 2))
    .replace('38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14', opts.polygon ?? DOWNTOWN);
}

/** A CAP 1.1 message in the NWS manner: a circle area, Z times. */
function floodWarning11(id: string, msgType = 'Alert', refs = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1">
  <identifier>${id}</identifier><sender>w-nws.webmaster@noaa.gov</sender><sent>${iso(T0)}</sent>
  <status>Actual</status><msgType>${msgType}</msgType><scope>Public</scope>${refs ? `<references>${refs}</references>` : ''}
  <info><category>Met</category><event>Flash Flood Warning</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
    <expires>${new Date(T0.getTime() + 3 * 3600_000).toISOString().replace('.000', '')}</expires><senderName>NWS Sterling VA</senderName>
    <headline>Flash Flood Warning for the Inner Harbor</headline>
    <area><areaDesc>Inner Harbor, Baltimore City</areaDesc><circle>39.2856,-76.6122 1.5</circle></area></info>
</alert>`;
}

function atom(links: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.1">
  <id>http://feed.test/index.xml</id><title>Test warnings</title><updated>${iso(T0)}</updated>
  ${links.map((l, i) => `<entry><id>${l}</id><title>Entry ${i}</title><updated>${iso(T0)}</updated><link href="${l}"/><cap:event>Entry ${i}</cap:event></entry>`).join('\n  ')}
</feed>`;
}

const files = new Map<string, string>();
let feedServer: Server;
let base = '';
let t: TestServer;
let dispatcher: TestClient;
const clock = new ManualClock(T0);

beforeAll(async () => {
  feedServer = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    res.writeHead(200, { 'content-type': req.url!.endsWith('index.xml') ? 'application/atom+xml' : 'application/cap+xml' }).end(body);
  });
  await new Promise<void>((ok) => feedServer.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(feedServer.address() as { port: number }).port}`;
  t = await createTestServer({ clock, scheduler: false });
  dispatcher = await t.as('dispatcher');
});
afterAll(async () => {
  await t.close();
  await new Promise((ok) => feedServer.close(ok));
});

const setFeeds = (urls: string[]) => (t.server.ctx.config.capFeeds.urls = urls);
const poll = () => t.server.ctx.scheduler!.runOnce(CAP_FEED_JOB);
const active = async () => (await dispatcher.get('/api/v1/outside-alerts/active')).body as { features: { id: number; properties: { event: string; expiresAt: string | null }; geometry: unknown }[] };

describe('configuration', () => {
  it('takes comma-separated http(s) feed URLs and refuses anything else by name', () => {
    expect(loadConfig({}, { PSAP_CAP_FEEDS: 'https://a.test/x.atom, http://b.test/c.xml' }).capFeeds).toEqual({ urls: ['https://a.test/x.atom', 'http://b.test/c.xml'], pollSeconds: 120 });
    expect(loadConfig({}, {}).capFeeds.urls).toEqual([]);
    expect(() => loadConfig({}, { PSAP_CAP_FEEDS: 'ftp://a.test/x' })).toThrow(/PSAP_CAP_FEEDS must list http\(s\) URLs.*ftp:\/\/a.test\/x/);
    expect(() => loadConfig({}, { PSAP_CAP_POLL_SECONDS: '5' })).toThrow(/PSAP_CAP_POLL_SECONDS must be at least 15/);
  });
});

describe('polling CAP feeds', () => {
  it('stores every message an Atom index links to, records a failing feed without stopping, and does not fetch stored messages again', async () => {
    files.set('/index.xml', atom([`${base}/svr-1.xml`, `${base}/ffw-1.xml`, `${base}/missing.xml`]));
    files.set('/svr-1.xml', thunderstorm('SVR-1'));
    files.set('/ffw-1.xml', floodWarning11('FFW-1'));
    setFeeds([`${base}/index.xml`, 'http://127.0.0.1:1/nothing-listens.xml']);
    await poll();
    const list = await active();
    expect(list.features.map((f) => f.properties.event).sort()).toEqual(['Flash Flood Warning', 'SEVERE THUNDERSTORM']);
    expect(list.features.every((f) => f.geometry)).toBe(true);
    const { rows: runs } = await t.pool.query('SELECT last_error FROM job_runs WHERE job = $1', [CAP_FEED_JOB]);
    expect(runs[0].last_error).toMatch(/missing\.xml answered 404/);
    expect(runs[0].last_error).toMatch(/nothing-listens/);
    const feeds = (await dispatcher.get('/api/v1/outside-alerts/feeds')).body;
    expect(feeds.feeds[0]).toMatchObject({ stored: 2, ok: false });
    expect(feeds.lastError).toMatch(/missing\.xml answered 404/);
    // Each arrival is an event for the floor.
    const { rows: ev } = await t.pool.query("SELECT rooms, data FROM events WHERE type = 'outside-alert.received' ORDER BY seq");
    expect(ev).toHaveLength(2);
    expect(ev[0].rooms).toEqual(['centre']);

    files.delete('/svr-1.xml'); // gone from the server, but already stored: not fetched again
    await poll();
    expect((await t.pool.query('SELECT count(*)::int AS n FROM external_alerts')).rows[0].n).toBe(2);
    expect(lastFeedReports(t.server.ctx)[0]).toMatchObject({ stored: 0, known: 2 });
  });

  it('drops an alert from the active list on Update or Cancel, and at its expiry by the scheduler clock', async () => {
    const before = await active();
    const ffw = before.features.find((f) => f.properties.event === 'Flash Flood Warning')!;
    files.set('/index.xml', atom([`${base}/ffw-cancel.xml`]));
    files.set('/ffw-cancel.xml', floodWarning11('FFW-2', 'Cancel', `w-nws.webmaster@noaa.gov,FFW-1,${iso(T0)}`));
    setFeeds([`${base}/index.xml`]);
    await poll();
    const after = await active();
    expect(after.features.map((f) => f.id)).not.toContain(ffw.id);
    const { rows: ev } = await t.pool.query("SELECT data FROM events WHERE type = 'outside-alert.received' ORDER BY seq DESC LIMIT 1");
    expect(ev[0].data).toMatchObject({ msgType: 'Cancel', ended: [ffw.id] });

    files.set('/index.xml', atom([`${base}/svr-2.xml`]));
    files.set('/svr-2.xml', thunderstorm('SVR-2', { expiresH: 1 }));
    await poll();
    expect((await active()).features.map((f) => f.properties.event)).toEqual(['SEVERE THUNDERSTORM', 'SEVERE THUNDERSTORM']);
    clock.set(new Date(T0.getTime() + 90 * 60_000));
    expect((await active()).features).toHaveLength(1);
    clock.set(new Date(T0.getTime() + 3 * 3600_000));
    expect((await active()).features).toHaveLength(0);
    clock.set(T0);
  });
});


async function approvedSpecialNeeds(name: string, street: string, lat: number, lon: number, conditions = 'Oxygen'): Promise<number> {
  const c = await t.pool.query<{ id: number }>("INSERT INTO premise_cautions (lat, lon, address, kind, summary, source) VALUES ($1, $2, $3, 'special-needs', $4, 'special-needs') RETURNING id", [lat, lon, street, `Special needs: ${conditions}`]);
  const form = { person: { firstName: name.split(' ')[0], lastName: name.split(' ')[1] }, address: { street }, conditions: ['oxygen'], contacts: [{ name: 'Dana Family', phone: '+14105550123' }], submitter: { name: 'Dana Family' } };
  const { rows } = await t.pool.query<{ id: number }>(
    "INSERT INTO special_needs_notices (state, form, person_name, address_text, lat, lon, caution_id, confirmed_at) VALUES ('approved', $1, $2, $3, $4, $5, $6, now()) RETURNING id",
    [form, name, street, lat, lon, c.rows[0]!.id],
  );
  return rows[0]!.id;
}

async function careEnrollee(name: string, street: string, lat: number, lon: number, code: string): Promise<number> {
  const { rows } = await t.pool.query<{ id: number }>(
    `INSERT INTO care_enrolments (person_name, phone, address_text, lat, lon, window_start, window_end, days, contacts, active_since, start_date, checkin_code, link_token)
     VALUES ($1, '+14105550199', $2, $3, $4, '08:00', '10:00', ARRAY['mon','tue','wed','thu','fri','sat','sun'], '[{"name":"Sam","relation":"son","phone":"+14105550100"}]', $5, $8::date, $6, $7) RETURNING id`,
    [name, street, lat, lon, T0, code, `token-${code}-abcdefghijklmnopqrstuvwxyz`, '2026-11-01'],
  );
  return rows[0]!.id;
}

describe('people inside a warning area', () => {
  let alertId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    files.set('/index.xml', atom([`${base}/svr-3.xml`]));
    files.set('/svr-3.xml', thunderstorm('SVR-3', { expiresH: 4 }));
    setFeeds([`${base}/index.xml`]);
    await poll();
    alertId = (await active()).features[0]!.id;
    ids.ada = await approvedSpecialNeeds('Ada Lovelace', '300 W Saratoga St', 39.2925, -76.6200);
    ids.bea = await approvedSpecialNeeds('Bea Arthur', '100 E Baltimore St', 39.2895, -76.6110);
    ids.far = await approvedSpecialNeeds('Far Away', '5000 Roland Ave', 39.3500, -76.6300);
    ids.cal = await careEnrollee('Cal Senior', '200 N Charles St', 39.2915, -76.6150, '123456');
    ids.out = await careEnrollee('Out Side', '6000 York Rd', 39.3600, -76.6100, '654321');
    // Cal's window opened at 08:00 today and no check-in came.
    await t.pool.query("INSERT INTO care_days (enrolment_id, local_date, window_start_at, window_end_at) VALUES ($1, $2::date, $3, $4)", [ids.cal, '2026-11-21', new Date(T0.getTime() - 2 * 3600_000), new Date(T0.getTime() + 3600_000)]);
  });

  it('needs a stated purpose, lists only those inside, sorted by street, with the least detail, and audits each view', async () => {
    const refused = await dispatcher.get(`/api/v1/outside-alerts/${alertId}/people`);
    expect(refused.status).toBe(422);
    const res = await dispatcher.get(`/api/v1/outside-alerts/${alertId}/people?purpose=${encodeURIComponent('storm welfare checks')}`);
    expect(res.status).toBe(200);
    const people = res.body.people as { kind: string; id: number; name: string; address: string; phone: string | null; need: string; checkInDue: boolean | null }[];
    expect(people.map((p) => p.name)).toEqual(['Bea Arthur', 'Cal Senior', 'Ada Lovelace']); // Baltimore, Charles, Saratoga
    expect(people[0]).toEqual({ kind: 'special-needs', id: ids.bea, name: 'Bea Arthur', address: '100 E Baltimore St', phone: '+14105550123', phoneOf: 'Dana Family', need: 'Special needs: Oxygen', checkInDue: null, welfareIncident: null });
    expect(people[1]).toMatchObject({ kind: 'care', id: ids.cal, checkInDue: true, phone: '+14105550199' });
    expect(JSON.stringify(res.body)).not.toMatch(/Sam|token|contacts/);
    const { rows } = await t.pool.query("SELECT entity, entity_id, purpose FROM audit_log WHERE action IN ('special-needs.view', 'care-enrolment.view')");
    expect(rows.map((r) => `${r.entity}:${r.entity_id}:${r.purpose}`).sort()).toEqual(
      [`special-needs:${ids.ada}:storm welfare checks`, `special-needs:${ids.bea}:storm welfare checks`, `care-enrolment:${ids.cal}:storm welfare checks`].sort(),
    );
  });

  it('creates one WELFARE incident per alert and person, with the alert in the narrative, however often asked', async () => {
    const body = { kind: 'care', personId: ids.cal };
    const [a, b] = await Promise.all([dispatcher.post(`/api/v1/outside-alerts/${alertId}/welfare-checks`, body), dispatcher.post(`/api/v1/outside-alerts/${alertId}/welfare-checks`, body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.incidentId).toBe(b.body.incidentId);
    const again = await dispatcher.post(`/api/v1/outside-alerts/${alertId}/welfare-checks`, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, incidentId: a.body.incidentId });
    const { rows } = await t.pool.query("SELECT i.type_code, i.location_text, i.lat, n.text FROM incidents i JOIN incident_narrative n ON n.incident_id = i.id WHERE i.id = $1 AND n.text LIKE 'Outside alert%'", [a.body.incidentId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type_code: 'WELFARE', location_text: '200 N Charles St', lat: 39.2915 });
    expect(rows[0].text).toMatch(/SEVERE THUNDERSTORM/);
    expect(rows[0].text).toMatch(/Cal Senior/);
    const listed = await dispatcher.get(`/api/v1/outside-alerts/${alertId}/people?purpose=storm`);
    expect(listed.body.people.find((p: { id: number; kind: string }) => p.kind === 'care').welfareIncident).toMatchObject({ id: a.body.incidentId });

    // The sender updates the warning (new expiry): the update is the active one, and the check already sent counts for it.
    files.set('/index.xml', atom([`${base}/svr-3u.xml`]));
    files.set('/svr-3u.xml', thunderstorm('SVR-3U', { expiresH: 5 }).replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>').replace('<scope>Public</scope>', `<scope>Public</scope><references>KSTO@NWS.NOAA.GOV,SVR-3,${iso(T0)}</references>`));
    await poll();
    const updated = (await active()).features.find((f) => f.id !== alertId && f.properties.expiresAt === new Date(T0.getTime() + 5 * 3600_000).toISOString())!;
    expect((await active()).features.map((f) => f.id)).not.toContain(alertId);
    const viaUpdate = await dispatcher.post(`/api/v1/outside-alerts/${updated.id}/welfare-checks`, body);
    expect(viaUpdate.body).toMatchObject({ created: false, incidentId: a.body.incidentId });
    alertId = updated.id;

    const outside = await dispatcher.post(`/api/v1/outside-alerts/${alertId}/welfare-checks`, { kind: 'special-needs', personId: ids.far });
    expect(outside.status).toBe(422);
    expect(JSON.stringify(outside.body)).toMatch(/personId/);
    const bad = await dispatcher.post(`/api/v1/outside-alerts/${alertId}/welfare-checks`, { kind: 'neighbour', personId: 1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/kind/);
  });

  it('places people by every area of the message, not only the first', async () => {
    const two = floodWarning11('FFW-TWO').replace(
      '<area><areaDesc>Inner Harbor, Baltimore City</areaDesc><circle>39.2856,-76.6122 1.5</circle></area>',
      '<area><areaDesc>Somewhere far</areaDesc><polygon>38.0,-77.0 38.0,-76.9 38.1,-76.9 38.0,-77.0</polygon></area><area><areaDesc>Around Saratoga St</areaDesc><circle>39.2925,-76.6200 0.3</circle></area>',
    );
    files.set('/index.xml', atom([`${base}/ffw-two.xml`]));
    files.set('/ffw-two.xml', two);
    await poll();
    const f = (await active()).features.find((x) => x.properties.event === 'Flash Flood Warning')!;
    expect((f.geometry as { type: string }).type).toBe('MultiPolygon');
    const res = await dispatcher.get(`/api/v1/outside-alerts/${f.id}/people?purpose=flood`);
    expect(res.body.people.map((p: { name: string }) => p.name)).toEqual(['Ada Lovelace']);
  });

  it('shows the alerts to every map, the people only to the floor', async () => {
    const officer = await t.as('community-officer');
    expect((await officer.get('/api/v1/outside-alerts/active')).status).toBe(403);
    const responder = await t.as('responder');
    expect((await responder.get('/api/v1/outside-alerts/active')).status).toBe(200);
    expect((await responder.get(`/api/v1/outside-alerts/${alertId}/people?purpose=storm`)).status).toBe(403);
  });
});
