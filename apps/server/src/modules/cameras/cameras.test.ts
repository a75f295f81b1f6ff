import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type SignedInClient, type TestServer } from '../../../test/helpers/test-server';
import { runPsap } from '../../../test/helpers/psap-process';
import { CONSENT_TERMS_VERSION } from '../camera-owners/consent-terms';
import { signedUpOwner, TODAY_IN_NEW_YORK } from '../camera-owners/owner-test-kit';

const SHARED = resolve(import.meta.dirname, '../../../../../../shared/data');
const BALTIMORE = join(SHARED, 'baltimore/baltimore_cctv_locations_2015.csv');
const AUSTIN = join(SHARED, 'cameras_stations/austin_traffic_cameras_2018.csv');
const scratch = mkdtempSync(join(tmpdir(), 'psap-cameras-'));
const write = (name: string, text: string) => {
  const f = join(scratch, name);
  writeFileSync(f, text);
  return f;
};

let t: TestServer;
let analyst: SignedInClient;
const psap = (...args: string[]) => runPsap(['import', 'cameras', ...args], { DATABASE_URL: t.databaseUrl });
const count = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows[0].n as number;

beforeAll(async () => {
  t = await createTestServer();
  analyst = await t.as('rtcc-analyst');
});
afterAll(() => t.close());

describe('psap import cameras', () => {
  it('loads the Baltimore CitiWatch list as city cameras, keeps both cameras numbered 1118, and a re-run changes nothing', async () => {
    const first = await psap(BALTIMORE, '--source', 'test-citiwatch');
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/cameras: 603 imported, 0 rejected, 0 removed \(no longer in the file\) of 603 read/);
    expect(first.out).toContain('note: 603 new, 0 changed, 0 unchanged');
    expect(first.out).toContain('columns read with the baltimore-citiwatch preset');
    expect(first.out).toContain('id 1118 appears 2 times');
    expect(first.out).toMatch(/cameras rows 100% \(603\/603\)/); // the progress line
    expect(await count("SELECT count(*)::int AS n FROM cameras WHERE source = 'test-citiwatch' AND owner_kind = 'city' AND status = 'active'")).toBe(603);
    const one = (await t.pool.query("SELECT name, lat, lon, tags FROM cameras WHERE source = 'test-citiwatch' AND source_id = '1'")).rows[0];
    expect(one).toEqual({ name: 'Eutaw and Lexington Market', lat: 39.290996, lon: -76.621074, tags: ['Downtown'] });
    expect(await count("SELECT count(*)::int AS n FROM cameras WHERE source = 'test-citiwatch' AND source_id IN ('1118', '1118-2')")).toBe(2);

    const again = await psap(BALTIMORE, '--source', 'test-citiwatch');
    expect(again.out).toContain('note: 0 new, 0 changed, 603 unchanged');
    expect(await count("SELECT count(*)::int AS n FROM cameras WHERE source = 'test-citiwatch'")).toBe(603);
  });

  it('finds the original file and the committed demo file to be the same 603 cameras', async () => {
    // No --source: the preset names the demo's source, so the city's file updates the demo rows in place.
    const r = await psap(BALTIMORE);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('note: 0 new, 0 changed, 603 unchanged');
  });

  it('maps Austin\'s status and communication columns, rejects the void record, and re-runs idempotently', async () => {
    const r = await psap(AUSTIN);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/cameras: 511 imported, 1 rejected, 0 removed \(no longer in the file\) of 512 read/);
    expect(r.out).toContain('rejected 1: the source marks this record void');
    expect(r.out).toContain('columns read with the austin preset');
    const by = async (col: string) => Object.fromEntries((await t.pool.query(`SELECT ${col} AS k, count(*)::int AS n FROM cameras WHERE source = 'austin_traffic_cameras_2018' GROUP BY 1`)).rows.map((x) => [x.k, x.n]));
    expect(await by('health')).toEqual({ online: 371, offline: 45, unknown: 95 });
    expect(await by('status')).toEqual({ active: 413, inactive: 95, removed: 3 });
    const cam134 = (await t.pool.query("SELECT health, health_checked_at, installed_on::text, tags FROM cameras WHERE source = 'austin_traffic_cameras_2018' AND source_id = '134'")).rows[0];
    expect(cam134).toEqual({ health: 'offline', health_checked_at: new Date('2018-03-30T08:30:00Z'), installed_on: null, tags: ['Sarix'] });
    expect((await t.pool.query("SELECT installed_on::text AS d FROM cameras WHERE source = 'austin_traffic_cameras_2018' AND source_id = '539'")).rows[0].d).toBe('2017-11-03');
    const again = await psap(AUSTIN);
    expect(again.out).toContain('note: 0 new, 0 changed, 511 unchanged');
  });

  it('takes a column mapping, names every rejected row\'s reason, and marks cameras gone from the file as removed', async () => {
    const csv = ['Cam,Where,Y,X,Facing,Feed', '7,Pratt & Light,39.2866,-76.6133,NE,rtsp://10.0.0.7/live', '8,Harbor East,39.2839,-76.6003,200,', '9,Nowhere,abc,-76.6,,', '10,Bad feed,39.28,-76.61,,ftp://x/y'].join('\n');
    const file = write('custom.csv', csv);
    const r = await psap(file, '--map', 'id=Cam,name=Where,lat=Y,lon=X,direction=Facing,stream=Feed', '--source', 'custom');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/cameras: 2 imported, 2 rejected/);
    expect(r.out).toContain('lat is not a number: "abc" (e.g. line 4)');
    expect(r.out).toContain('stream is not an rtsp://, http:// or https:// address (e.g. line 5)');
    const seven = (await t.pool.query("SELECT direction_deg, stream_kind FROM cameras WHERE source = 'custom' AND source_id = '7'")).rows[0];
    expect(seven).toEqual({ direction_deg: 45, stream_kind: 'rtsp' });

    const fewer = await psap(write('custom-2.csv', csv.split('\n').slice(0, 2).join('\n')), '--map', 'id=Cam,name=Where,lat=Y,lon=X,direction=Facing,stream=Feed', '--source', 'custom');
    expect(fewer.out).toMatch(/1 imported, 0 rejected, 1 removed/);
    expect((await t.pool.query("SELECT status FROM cameras WHERE source = 'custom' AND source_id = '8'")).rows[0].status).toBe('removed');

    const badField = await psap(file, '--map', 'identifier=Cam');
    expect(badField.code).toBe(1);
    expect(badField.out).toContain('--map: unknown field "identifier"');
    const noPlace = await psap(write('noplace.csv', 'id,name\n1,A\n'));
    expect(noPlace.code).toBe(1);
    expect(noPlace.out).toContain('cannot find where the cameras are');
  });
});

describe('registry reads and edits', () => {
  it('refuses reads without a stated purpose, and audits those with one', async () => {
    const none = await analyst.get('/api/v1/cameras');
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toHaveProperty('purpose');
    const list = await analyst.get('/api/v1/cameras?purpose=Incident+2026-000123+canvass&q=lexington&ownerKind=city');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    expect(list.body.cameras.every((c: { ownerKind: string; name: string; consentState: string }) => c.ownerKind === 'city' && c.consentState === 'city' && /lexington/i.test(c.name))).toBe(true);
    const audit = await t.pool.query("SELECT purpose, after FROM audit_log WHERE action = 'camera-search.view' ORDER BY seq DESC LIMIT 1");
    expect(audit.rows[0].purpose).toBe('Incident 2026-000123 canvass');
    expect(audit.rows[0].after.filters).toMatchObject({ q: 'lexington', ownerKind: 'city' });

    const id = list.body.cameras[0].id;
    expect((await analyst.get(`/api/v1/cameras/${id}`)).status).toBe(422);
    const one = await analyst.get(`/api/v1/cameras/${id}?purpose=check+coverage`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ owner: null, consents: [], footageRequests: [] });
    expect((await t.pool.query("SELECT 1 FROM audit_log WHERE action = 'camera.view' AND entity_id = $1 AND purpose = 'check coverage'", [String(id)])).rowCount).toBe(1);
  });

  it('lets analysts edit city cameras, never private ones, and never shows a stream address', async () => {
    const created = await analyst.post('/api/v1/cameras', { name: 'Test pole camera', lat: 39.29, lon: -76.61, kind: 'ptz', streamUrl: 'https://video.example/cam/7/index.m3u8', tags: ['test'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ownerKind: 'city', kind: 'ptz', streamKind: 'hls', hasStream: true });
    const edited = await analyst.patch(`/api/v1/cameras/${created.body.id}`, { directionDeg: 270, fovDeg: 60, health: 'offline', status: 'inactive' });
    expect(edited.body).toMatchObject({ directionDeg: 270, fovDeg: 60, health: 'offline', status: 'inactive' });
    expect(JSON.stringify(edited.body)).not.toContain('video.example');
    const bad = await analyst.patch(`/api/v1/cameras/${created.body.id}`, { directionDeg: 400 });
    expect(bad.status).toBe(400);
    const dispatcher = await t.as('dispatcher');
    expect((await dispatcher.patch(`/api/v1/cameras/${created.body.id}`, { name: 'x' })).status).toBe(403);
    expect((await (await t.as('call-taker')).get('/api/v1/cameras?purpose=look')).status).toBe(403);

    const owner = await signedUpOwner(t, 'private@example.org', { kind: 'resident', name: 'Pat Private' });
    const mine = (await owner.post('/api/v1/public/camera-owners/me/cameras', { name: 'Porch', lat: 39.3, lon: -76.62, kind: 'fixed' })).body.id;
    const refused = await analyst.patch(`/api/v1/cameras/${mine}`, { name: 'renamed' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/owner keeps its details/);
    const detail = await analyst.get(`/api/v1/cameras/${mine}?purpose=registry+check`);
    expect(detail.body.owner).toMatchObject({ name: 'Pat Private', email: 'private@example.org', kind: 'resident' });
    expect(detail.body.camera.consentState).toBe('none');
  });
});

describe('public transparency', () => {
  it('counts cameras, consents and uses without any personal data', async () => {
    const sign = (level: string) => ({ level, termsVersion: CONSENT_TERMS_VERSION, signedName: 'Quinn Owner', signedDate: TODAY_IN_NEW_YORK(), agree: true });
    const before = (await t.anonymous().get('/api/v1/public/transparency/cameras')).body;
    const biz = await signedUpOwner(t, 'quinn@bakery.example', { kind: 'business', name: 'Quinn Owner', organisation: 'Quinn Bakery' });
    const bizCam = (await biz.post('/api/v1/public/camera-owners/me/cameras', { name: 'Quinn Bakery door', address: '12 Secret Lane', lat: 39.31, lon: -76.6, kind: 'fixed' })).body.id;
    await biz.post(`/api/v1/public/camera-owners/me/cameras/${bizCam}/consents`, sign('live'));
    const res = await signedUpOwner(t, 'rory@home.example', { kind: 'resident', name: 'Rory Resident' });
    const resCam = (await res.post('/api/v1/public/camera-owners/me/cameras', { name: 'Rory porch', lat: 39.32, lon: -76.6, kind: 'fixed' })).body.id;
    const consent = (await res.post(`/api/v1/public/camera-owners/me/cameras/${resCam}/consents`, sign('footage'))).body.consent.id;
    await res.post(`/api/v1/public/camera-owners/me/consents/${consent}/revoke`, {});
    await t.pool.query("INSERT INTO camera_access (camera_id, user_id, actor_label, action, reason) VALUES ($1, $2, 'kim.lee', 'view-start', 'x'), ($1, $2, 'kim.lee', 'view-denied', 'y')", [bizCam, analyst.userId]);

    const after = await t.anonymous().get('/api/v1/public/transparency/cameras');
    expect(after.status).toBe(200);
    const b = after.body;
    expect(b.cameras.business - before.cameras.business).toBe(1);
    expect(b.cameras.resident - before.cameras.resident).toBe(1);
    expect(b.cameras.city).toBeGreaterThanOrEqual(603);
    expect(b.consents.active - before.consents.active).toBe(1);
    expect(b.consents.activeByLevel.live - before.consents.activeByLevel.live).toBe(1);
    expect(b.consents.revoked - before.consents.revoked).toBe(1);
    expect(b.months).toHaveLength(12);
    const month = b.months.at(-1);
    expect(month.liveViews - before.months.at(-1).liveViews).toBe(1);
    expect(month.viewsRefused - before.months.at(-1).viewsRefused).toBe(1);
    expect(b.facialRecognition).toBe(false);
    expect(b.rules.join(' ')).toMatch(/No facial recognition/);
    const text = JSON.stringify(b);
    for (const personal of ['Quinn', 'Rory', 'Secret Lane', '@', 'porch', 'kim.lee', '39.31']) expect(text).not.toContain(personal);
    expect((await t.anonymous().get('/api/v1/public/transparency/cameras?lang=es')).body.rules[0]).toMatch(/Sin reconocimiento facial/);
  });

  it('keeps the owners\' access log append-only: no row can be changed, deleted or truncated', async () => {
    const cam = (await t.pool.query("SELECT id FROM cameras WHERE owner_kind = 'city' LIMIT 1")).rows[0].id;
    const row = (await t.pool.query("INSERT INTO camera_access (camera_id, actor_label, action, reason) VALUES ($1, 'kim.lee', 'view-denied', 'no reason') RETURNING id", [cam])).rows[0].id;
    for (const sql of ["UPDATE camera_access SET reason = 'tidied' WHERE id = $1", 'DELETE FROM camera_access WHERE id = $1']) {
      await expect(t.pool.query(sql, [row])).rejects.toThrow(/camera_access is append-only/);
    }
    await expect(t.pool.query('TRUNCATE camera_access')).rejects.toThrow(/append-only/);
    expect((await t.pool.query('SELECT reason FROM camera_access WHERE id = $1', [row])).rows[0].reason).toBe('no reason');
  });
});
