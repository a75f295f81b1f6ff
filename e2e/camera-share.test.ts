import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { startRtspCamera, type SimulatedCamera } from '../apps/server/test/helpers/rtsp-camera';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader|Failed to load resource/i;
const SCENE = { lat: 39.2866, lon: -76.6138 };

let t: TestServer;
let cam: SimulatedCamera;
let browser: Browser;
let analyst: SignedInClient;
let incidentId: number;
let bakery: number;
let bakeryConsent: number;
let light: number;
let agency: { id: number; name: string };

async function camera(name: string, owner: 'city' | 'business', dLon: number): Promise<number> {
  const ownerId = owner === 'business' ? (await t.pool.query(`INSERT INTO camera_owners (kind, name, email) VALUES ('business', $1, $2) RETURNING id`, [name, `${name.replace(/\W/g, '').toLowerCase()}@example.org`])).rows[0].id : null;
  return (await t.pool.query(
    `INSERT INTO cameras (name, owner_kind, owner_id, lat, lon, direction_deg, fov_deg, range_m, stream_url, stream_kind) VALUES ($1, $2, $3, $4, $5, NULL, NULL, 60, $6, 'rtsp') RETURNING id`,
    [name, owner, ownerId, SCENE.lat, SCENE.lon + dLon, cam.url],
  )).rows[0].id;
}

beforeAll(async () => {
  cam = await startRtspCamera();
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  t.server.ctx.config.video.idleSeconds = 0;
  bakery = await camera('Corner Bakery door', 'business', 0.0003);
  light = await camera('Light St at Pratt (city)', 'city', -0.0002);
  const owner = (await t.pool.query('SELECT owner_id FROM cameras WHERE id = $1', [bakery])).rows[0].owner_id;
  bakeryConsent = (await t.pool.query(
    `INSERT INTO camera_consents (camera_id, owner_id, level, terms_version, terms_text, signed_name, signed_date) VALUES ($1, $2, 'live', 'v1', 'Live view during incidents', 'Pat Baker', current_date) RETURNING id`,
    [bakery, owner],
  )).rows[0].id;
  const inc = await (await t.as('call-taker')).post('/api/v1/incidents', { type: 'ROBBERY', location: { text: 'Pratt St and Light St', ...SCENE } });
  expect(inc.status).toBe(201);
  incidentId = inc.body.id;
  agency = (await t.pool.query('SELECT id, name FROM agencies ORDER BY name LIMIT 1')).rows[0];
  analyst = await t.as('rtcc-analyst');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await cam?.stop();
});

async function analystScreen(): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await page.goto(t.url);
  await page.getByLabel('Username').fill(analyst.username);
  await page.getByLabel('Password').fill(analyst.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'RTCC', exact: true }).waitFor();
  await page.waitForSelector('.rtcc-map .map-canvas[data-ready="true"]');
  await page.getByLabel('Incident', { exact: true }).selectOption(String(incidentId));
  await page.getByLabel('Reason for watching (required)').fill('armed robbery at the corner, suspect on foot');
  return { page, problems };
}

/** A phone that was sent the link; the link names the server's public address, the test's here. */
async function phone(url: string): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await page.goto(`${t.url}${new URL(url).pathname}`);
  return { page, problems };
}

async function playing(page: Page, video = page.locator('video')): Promise<void> {
  await video.waitFor();
  await page.waitForFunction((el) => (el as HTMLVideoElement).currentTime > 0.5, await video.elementHandle(), { timeout: 40_000 });
  const t0 = await video.evaluate((el) => (el as HTMLVideoElement).currentTime);
  await page.waitForFunction(([el, x]) => (el as HTMLVideoElement).currentTime > (x as number) + 1, [await video.elementHandle(), t0] as const, { timeout: 20_000 });
}

async function shareFromTile(page: Page, cameraName: string, to: { agency?: string; unit?: boolean }, reason: string): Promise<string> {
  await page.getByRole('button', { name: `Share ${cameraName} with an agency or a unit` }).click();
  const form = page.getByRole('region', { name: `Share ${cameraName} live` });
  if (to.unit) {
    await form.getByLabel('A unit').check();
    await form.getByLabel('Unit', { exact: true }).selectOption({ index: 1 });
  } else await form.getByLabel('Agency', { exact: true }).selectOption({ label: to.agency! });
  await form.getByLabel('Reason for sharing (required)').fill(reason);
  await form.getByRole('button', { name: 'Create link' }).click();
  const url = await form.getByLabel('Share link (shown once)').inputValue();
  expect(url).toMatch(/\/c\/[A-Za-z0-9_-]{32}$/);
  return url;
}

describe('a live camera shared by link', () => {
  it('plays on a phone without signing in, is recorded for the owner, and stops when the owner revokes consent', async () => {
    const { page, problems } = await analystScreen();
    await page.getByRole('button', { name: 'Watch Corner Bakery door' }).click();
    await playing(page, page.getByRole('article', { name: /^Live view: Corner Bakery door/ }).locator('video'));

    // The form asks for the recipient and the reason before sending anything.
    await page.getByRole('button', { name: 'Share Corner Bakery door with an agency or a unit' }).click();
    const form = page.getByRole('region', { name: 'Share Corner Bakery door live' });
    await form.getByRole('button', { name: 'Create link' }).click();
    await form.getByText('Pick the agency.').waitFor();
    await form.getByText('State why the camera is shared (at least 5 characters).').waitFor();
    expect(await form.getByLabel('Link works for').inputValue()).toBe('60');
    await screenshot(page, 'camera-share-form');
    await form.getByRole('button', { name: 'Cancel' }).click();

    const url = await shareFromTile(page, 'Corner Bakery door', { agency: agency.name }, 'county units searching the harbor for the suspect');
    await page.getByRole('list', { name: 'Shared camera links' }).getByText(`Corner Bakery door → ${agency.name}`).waitFor();
    await screenshot(page, 'camera-share-created');
    expect(await axeViolations(page)).toEqual([]);

    const p = await phone(url);
    await p.page.getByRole('heading', { name: 'Live camera' }).waitFor();
    await p.page.getByText(`Shared with ${agency.name}`).waitFor();
    await playing(p.page);
    await screenshot(p.page, 'camera-share-phone-playing');
    expect(await axeViolations(p.page)).toEqual([]);
    // The analyst's list counts the person watching.
    await page.getByRole('list', { name: 'Shared camera links' }).getByText('1 opened · 1 watching').waitFor({ timeout: 15_000 });

    const log = (await t.pool.query(`SELECT action, user_id, actor_label, reason, detail->>'step' AS step FROM camera_access WHERE camera_id = $1 ORDER BY id`, [bakery])).rows;
    expect(log.map((r) => r.action)).toEqual(['view-start', 'share', 'view-start']);
    expect(log[1]).toMatchObject({ step: 'live-shared', reason: 'county units searching the harbor for the suspect' });
    expect(log[2].user_id).toBeNull();
    expect(log[2].actor_label).toContain(agency.name);

    // The owner revokes: the phone stops within the server's one-second check, and says why.
    await t.pool.query(`UPDATE camera_consents SET revoked_at = now(), revoked_reason = 'owner withdrew' WHERE id = $1`, [bakeryConsent]);
    await p.page.getByRole('alert').filter({ hasText: "Video stopped: the owner's consent is missing, revoked or expired" }).waitFor({ timeout: 20_000 });
    expect(await p.page.locator('video').count()).toBe(0);
    await screenshot(p.page, 'camera-share-phone-consent-revoked');
    const after = (await t.pool.query(`SELECT action, detail->>'why' AS why FROM camera_access WHERE camera_id = $1 AND user_id IS NULL ORDER BY id`, [bakery])).rows;
    expect(after.map((r) => r.action)).toEqual(['view-start', 'view-stop']);
    expect(after[1].why).toMatch(/consent/);
    expect(p.problems.filter((x) => !ENVIRONMENT_NOISE.test(x))).toEqual([]);
    expect(problems.filter((x) => !ENVIRONMENT_NOISE.test(x))).toEqual([]);
    await page.context().close();
    await p.page.context().close();
  });

  it('stops on the phone when the analyst revokes the link, and when a link expires', async () => {
    const { page, problems } = await analystScreen();
    await page.getByRole('button', { name: 'Watch Light St at Pratt (city)' }).click();
    await playing(page, page.getByRole('article', { name: /^Live view: Light St at Pratt/ }).locator('video'));
    const url = await shareFromTile(page, 'Light St at Pratt (city)', { unit: true }, 'unit on scene needs eyes on the alley');
    const p = await phone(url);
    await playing(p.page);

    const shares = page.getByRole('list', { name: 'Shared camera links' });
    await shares.getByRole('button', { name: /^Revoke link to Light St at Pratt \(city\) for unit / }).click();
    await shares.getByText(`revoked by ${analyst.username}`).waitFor();
    await p.page.getByRole('alert').filter({ hasText: 'Video stopped: the link was revoked by the centre' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'camera-share-revoked-analyst');
    await screenshot(p.page, 'camera-share-phone-link-revoked');
    // Watching again, or opening the link afresh, meets the revocation.
    await p.page.getByRole('button', { name: 'Watch again' }).click();
    await p.page.getByText('This link was revoked by the centre.').waitFor();

    // A second link runs out: the server stops it at its expiry and the page says so.
    const url2 = await shareFromTile(page, 'Light St at Pratt (city)', { agency: agency.name }, 'county helicopter crew following the car');
    const p2 = await phone(url2);
    await playing(p2.page);
    await t.pool.query(`UPDATE camera_shares SET expires_at = $1 WHERE recipient = $2 AND reason = 'county helicopter crew following the car'`, [new Date(Date.now() - 1000), agency.name]);
    await p2.page.getByRole('alert').filter({ hasText: 'Video stopped: the link has expired' }).waitFor({ timeout: 20_000 });
    await p2.page.reload();
    await p2.page.getByText('This link has expired.').waitFor();
    await screenshot(p2.page, 'camera-share-phone-expired');
    // Spanish for the same page.
    await p2.page.getByRole('button', { name: 'Español' }).click();
    await p2.page.getByText('Este enlace ha caducado.', { exact: false }).waitFor();

    const stops = (await t.pool.query(`SELECT detail->>'why' AS why FROM camera_access WHERE camera_id = $1 AND user_id IS NULL AND action = 'view-stop' ORDER BY id`, [light])).rows.map((r) => r.why);
    expect(stops).toEqual(['the link was revoked by the centre', 'the link has expired']);
    for (const x of [problems, p.problems, p2.problems]) expect(x.filter((m) => !ENVIRONMENT_NOISE.test(m))).toEqual([]);
  });
});
