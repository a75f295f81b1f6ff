import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { checkLiveAccess } from '../apps/server/src/modules/cameras/camera-access';
import { consentTerms } from '../apps/server/src/modules/camera-owners/consent-terms';
import { mp4Like } from '../apps/server/src/evidence/testing/media-samples';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const EMAIL = 'dana@corner-grocery.example';
// Refusals the pages explain (signed out, a window over 2 hours, ...) are 4xx answers, which
// Chromium logs as failed resources.
const appProblems = (p: string[]) => p.filter((x) => !/GL Driver Message|GPU stall|WebGL|swiftshader/i.test(x) && !/status of (400|401|404|422)/.test(x));
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

let t: TestServer;
let browser: Browser;
let analyst: SignedInClient;
let incidentId: number;
let incidentNumber: string;
let owner: { ctx: BrowserContext; page: Page; problems: string[] };
let staff: { page: Page; problems: string[] };

beforeAll(async () => {
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  analyst = await t.as('rtcc-analyst');
  const ct = await t.as('call-taker');
  const made = (await ct.post('/api/v1/incidents', { type: 'ROBBERY', location: { text: '400 W Lexington St', lat: 39.2915, lon: -76.6225 } })).body;
  incidentId = made.id;
  incidentNumber = made.number;
  browser = await launchBrowser();
  const ctx = await browser.newContext({ ...PHONE, locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await ctx.newPage();
  owner = { ctx, page, problems: watchConsole(page) };
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signedInAnalyst(): Promise<{ page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1500, height: 950 }, timezoneId: 'America/New_York' });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await page.goto(t.url);
  await page.getByLabel('Username').fill(analyst.username);
  await page.getByLabel('Password').fill(analyst.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'RTCC', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Camera registry' }).click();
  return { page, problems };
}

/** The analyst's view of the grocery's camera, opened afresh (as after a colleague's change). */
async function openGroceryCamera(page: Page): Promise<void> {
  await page.getByLabel('Owner').selectOption('business');
  await page.getByRole('button', { name: 'Corner Grocery door' }).click();
  await page.getByRole('heading', { name: 'Corner Grocery door', level: 2 }).waitFor();
}


/** A datetime-local value moved by some minutes (wall-clock arithmetic on the field's own text). */
function shiftLocal(value: string, minutes: number): string {
  return new Date(new Date(`${value}:00Z`).getTime() + minutes * 60_000).toISOString().slice(0, 16);
}
const grocery = async () => (await t.pool.query("SELECT id FROM cameras WHERE name = 'Corner Grocery door'")).rows[0].id as number;

describe('camera owners and the RTCC registry', () => {
  it('an owner signs up by e-mail link on a phone and registers a camera at an address', async () => {
    const { page } = owner;
    await page.goto(`${t.url}/public/cameras`);
    await page.getByRole('heading', { name: 'Camera registry for businesses and residents' }).waitFor();
    await page.getByText('No facial recognition is used on any camera.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'cameras-owner-entry');

    const signUp = page.getByRole('form', { name: 'Sign up' });
    await signUp.getByRole('button', { name: 'E-mail me a sign-up link' }).click();
    await signUp.getByText('is required').first().waitFor();
    await signUp.getByLabel('Your name').fill('Dana Grocer');
    await signUp.getByLabel('Business name').fill('Corner Grocery');
    await signUp.getByLabel('E-mail').fill(EMAIL);
    await signUp.getByRole('button', { name: 'E-mail me a sign-up link' }).click();
    await page.getByRole('status').filter({ hasText: 'Check your e-mail' }).waitFor();

    const mail = (await t.pool.query("SELECT body FROM outbound_messages WHERE recipient = $1 AND channel = 'email' ORDER BY id DESC LIMIT 1", [EMAIL])).rows[0].body as string;
    const link = /https?:\/\/\S+\/public\/cameras\/link\/\S+/.exec(mail)![0];
    await page.goto(link.replace(/^https?:\/\/[^/]+/, t.url));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Hello, Corner Grocery').waitFor();
    await page.getByText('You have not registered a camera yet.').waitFor();
    // The link works once: opened again (a forwarded e-mail, a second tap) it explains what to do.
    const again = await owner.ctx.newPage();
    await again.goto(link.replace(/^https?:\/\/[^/]+/, t.url));
    await again.getByRole('button', { name: 'Sign in' }).click();
    await again.getByRole('alert').filter({ hasText: 'This link was already used or has expired.' }).getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await again.close();

    const form = page.getByRole('form', { name: 'Register a camera' });
    await form.getByLabel('Name for this camera').fill('Corner Grocery door');
    await form.getByLabel('Address', { exact: true }).fill('400 W Lexington St');
    await form.getByLabel('Direction it faces').selectOption({ label: 'East' });
    await form.getByLabel('Field of view (degrees)').fill('90');
    await form.getByLabel('Video stream address (optional)').fill('rtsp://192.0.2.44:554/ch1');
    await form.getByRole('button', { name: 'Register camera' }).click();
    await page.getByRole('status').filter({ hasText: 'Camera registered.' }).waitFor();
    const card = page.getByRole('region', { name: 'Corner Grocery door' });
    await card.getByText('Stream address on file (RTSP)').waitFor();
    await card.getByText('Nothing shared: sign a consent to share.').waitFor();
    expect(await page.content()).not.toContain('192.0.2.44');
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'cameras-owner-registered');
  });

  it('the owner signs a written consent for live view; the analyst sees it in the registry', async () => {
    const { page } = owner;
    const card = page.getByRole('region', { name: 'Corner Grocery door' });
    await card.getByText('Choose what to share and sign').click();
    await card.getByLabel(/Live view during incidents/).check();
    const terms = card.getByRole('document', { name: 'Read the terms' });
    await terms.getByText(/does not use facial recognition/).waitFor();
    const shown = await terms.textContent();
    await card.getByLabel('Type your full name to sign').fill('Dana Grocer');
    await card.getByLabel('Your title (optional)').fill('Owner');
    expect(await fitsWidth(page)).toBe(true);
    await terms.scrollIntoViewIfNeeded();
    await screenshot(page, 'cameras-owner-consent-form');
    await card.getByRole('button', { name: 'Sign consent' }).click();
    await card.getByText('is required').waitFor(); // the agreement box, not ticked yet
    await card.getByLabel('I have read these terms and I agree to them').check();
    await card.getByRole('button', { name: 'Sign consent' }).click();
    await page.getByRole('status').filter({ hasText: 'Consent signed.' }).waitFor();
    await card.getByText('Live view during incidents', { exact: false }).first().waitFor();
    await card.getByRole('button', { name: 'Revoke consent now' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'cameras-owner-consent-signed');
    const stored = (await t.pool.query("SELECT level, signed_name, signed_title, terms_version, terms_text FROM camera_consents c JOIN cameras k ON k.id = c.camera_id WHERE k.name = 'Corner Grocery door'")).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ level: 'live', signed_name: 'Dana Grocer', signed_title: 'Owner' });
    // The exact words shown are the words stored with the signature, version included.
    expect(stored[0].terms_text).toBe(consentTerms('live', 'en').text);
    expect(stored[0].terms_text).toBe(shown);
    expect(stored[0].terms_version).toBe(consentTerms('live', 'en').version);

    staff = await signedInAnalyst();
    const { page: sp } = staff;
    await sp.getByLabel('Purpose of access').fill('Consent check for a private camera');
    await sp.getByRole('button', { name: 'Use' }).click();
    await sp.getByRole('heading', { name: /Camera registry · [\d,]+ cameras?/ }).waitFor();
    await openGroceryCamera(sp);
    const detail = sp.getByRole('region', { name: 'Corner Grocery door' });
    await detail.getByText('live view', { exact: true }).waitFor();
    await detail.getByRole('cell', { name: 'active' }).waitFor();
    await detail.getByText(/Dana Grocer, Corner Grocery/).waitFor();
    expect(await axeViolations(sp)).toEqual([]);
    await screenshot(sp, 'cameras-registry-live-consent');
    const camId = (await t.pool.query("SELECT id FROM cameras WHERE name = 'Corner Grocery door'")).rows[0].id;
    expect((await checkLiveAccess(t.pool, { role: 'rtcc-analyst' }, camId, { text: 'robbery at the corner', incidentId })).allowed).toBe(true);
    const audited = await t.pool.query("SELECT 1 FROM audit_log WHERE action = 'camera.view' AND entity_id = $1 AND purpose = 'Consent check for a private camera'", [String(camId)]);
    expect(audited.rowCount).toBe(1);
  });

  it('an analyst asks the owner for footage of the incident: over 2 hours is refused with the field named', async () => {
    const { page: sp } = staff;
    const form = sp.getByRole('form', { name: 'Ask the owner for footage' });
    await form.getByLabel('Incident number').fill(incidentNumber);
    const to = await form.getByLabel('To').inputValue();
    await form.getByLabel('From').fill(shiftLocal(to, -150));
    await form.getByText('Window: 2 h 30 min.').waitFor();
    await form.getByLabel('Reason (the owner reads it)').fill('A robbery suspect ran east past the grocery door');
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.getByText(/at most 2 hours/).waitFor();
    expect(await form.getByLabel('To').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('To').getAttribute('aria-describedby')).toContain('footage-to-error');
    await screenshot(sp, 'cameras-footage-too-long');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM footage_requests')).rows[0].n).toBe(0);

    await form.getByLabel('From').fill(shiftLocal(to, -90));
    await form.getByLabel('To').fill(shiftLocal(to, -30));
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.getByRole('status').filter({ hasText: `Request sent for incident ${incidentNumber}; the owner was e-mailed.` }).waitFor();
    const list = sp.getByRole('table', { name: 'Footage requests for this camera' });
    await list.getByText('waiting for the owner').waitFor();
    await list.getByText('A robbery suspect ran east past the grocery door').waitFor();
    const stored = (await t.pool.query('SELECT incident_id, window_start, window_end, state FROM footage_requests')).rows;
    expect(stored).toHaveLength(1);
    expect(Number(stored[0].incident_id)).toBe(incidentId);
    expect(stored[0].window_end.getTime() - stored[0].window_start.getTime()).toBe(60 * 60_000);
    expect((await t.pool.query("SELECT 1 FROM outbound_messages WHERE recipient = $1 AND purpose = 'footage.requested'", [EMAIL])).rowCount).toBe(1);
    expect(await axeViolations(sp)).toEqual([]);
    await screenshot(sp, 'cameras-footage-requested');

    // A live view tried without a reason is refused, and the owner will see the refusal too.
    const refused = await analyst.post(`/api/v1/cameras/${await grocery()}/views`, { incidentId });
    expect(refused.status).toBe(403);
  });

  it('the owner approves and uploads; the file becomes evidence; the owner sees every access', async () => {
    const { page } = owner;
    await page.reload();
    const requests = page.getByRole('region', { name: 'Footage requests' });
    await requests.getByText('1 footage request is waiting for your answer.').waitFor();
    const item = requests.getByRole('listitem').filter({ hasText: 'Corner Grocery door' });
    await item.getByText('waiting for you').waitFor();
    await item.getByText(`A robbery suspect ran east past the grocery door (incident ${incidentNumber})`).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await requests.scrollIntoViewIfNeeded();
    await screenshot(page, 'cameras-owner-footage-request');

    await item.getByLabel('Note to the centre (optional)').fill('Recorder exports MP4');
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.getByText('approved: upload the file').waitFor();
    await item.getByRole('button', { name: 'Upload' }).click();
    await item.getByText('Choose a file first.').waitFor();
    const video = mp4Like(400_000);
    const sha = createHash('sha256').update(video).digest('hex');
    await item.getByLabel('Footage file').setInputFiles({ name: 'grocery door 18-40.mp4', mimeType: 'video/mp4', buffer: video });
    await screenshot(page, 'cameras-owner-footage-approved');
    await item.getByRole('button', { name: 'Upload' }).click();
    await item.getByText(`Uploaded. Fingerprint (SHA-256): ${sha.slice(0, 16)}…`).waitFor();
    await item.getByText('uploaded', { exact: true }).waitFor();
    const ev = (await t.pool.query("SELECT id, source, incident_id, sha256, size_bytes FROM evidence_items WHERE source = 'footage'")).rows;
    expect(ev).toHaveLength(1);
    expect({ incident: Number(ev[0].incident_id), sha256: ev[0].sha256 }).toEqual({ incident: incidentId, sha256: sha });

    // The analyst opens the recording with a purpose: a use of the owner's camera like any other.
    const seen = await fetch(`${t.url}/api/v1/evidence/${ev[0].id}/content?purpose=${encodeURIComponent('identify the robbery suspect')}`, { headers: { cookie: analyst.cookie! } });
    expect(seen.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await seen.arrayBuffer())).digest('hex')).toBe(sha);

    await page.reload();
    const log = page.getByRole('region', { name: 'Every use of your cameras' });
    await log.getByText('Your recording was viewed').waitFor();
    const expected = ['Your recording was viewed', 'Footage received', 'You approved the footage request', 'Live view refused', 'Footage requested'];
    expect(await log.locator('li strong').allTextContents()).toEqual(expected);
    const rows = (await t.pool.query('SELECT count(*)::int AS n FROM camera_access WHERE camera_id = $1', [await grocery()])).rows[0].n;
    expect(rows).toBe(expected.length - 1); // plus the one look at the recording, from the chain of custody
    await log.getByText('identify the robbery suspect').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await log.scrollIntoViewIfNeeded();
    await screenshot(page, 'cameras-owner-access-log');

    const { page: sp } = staff;
    await sp.getByRole('button', { name: 'Footage requests', exact: true }).click();
    const all = sp.getByRole('table', { name: 'Footage requests' });
    await all.getByText('file received').waitFor();
    await all.getByText(`evidence #${ev[0].id}`, { exact: false }).waitFor();
    await all.getByText('Owner: “Recorder exports MP4”').waitFor();
    expect(await axeViolations(sp)).toEqual([]);
    await screenshot(sp, 'cameras-footage-tab');
    await sp.getByRole('button', { name: 'Camera registry', exact: true }).click();
  });

  it('the owner revokes; live access stops and the analyst sees the consent revoked', async () => {
    const { page } = owner;
    const card = page.getByRole('region', { name: 'Corner Grocery door' });
    await card.getByRole('button', { name: 'Revoke consent now' }).click();
    await card.getByText('Revoke this consent? Access stops at once.').waitFor();
    await card.getByRole('group', { name: 'Revoke consent now' }).getByRole('button', { name: 'Revoke consent now' }).click();
    await page.getByRole('status').filter({ hasText: 'Consent revoked. Access has stopped.' }).waitFor();
    await card.getByText('Nothing shared: sign a consent to share.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'cameras-owner-revoked');
    const camId = (await t.pool.query("SELECT id FROM cameras WHERE name = 'Corner Grocery door'")).rows[0].id;
    expect(await checkLiveAccess(t.pool, { role: 'rtcc-analyst' }, camId, { text: 'robbery at the corner', incidentId })).toEqual({ allowed: false, why: "the owner's consent is missing, revoked or expired" });

    const { page: sp, problems } = staff;
    await sp.getByRole('button', { name: 'Search', exact: true }).click();
    await openGroceryCamera(sp);
    const detail = sp.getByRole('region', { name: 'Corner Grocery door' });
    await detail.getByText('consent revoked', { exact: true }).waitFor();
    await detail.getByRole('cell', { name: /^revoked / }).waitFor();
    expect(await detail.getByRole('form', { name: 'Ask the owner for footage' }).count()).toBe(0);
    await detail.getByText('No current consent: footage cannot be requested until the owner signs one.').waitFor();
    expect(await axeViolations(sp)).toEqual([]);
    await screenshot(sp, 'cameras-registry-revoked');
    expect(appProblems(problems)).toEqual([]);

    // The same page in Spanish, for an owner who reads it better that way.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Registro de cámaras para negocios y residentes' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Consentimiento revocado. El acceso terminó.' }).waitFor();
    const log = page.getByRole('region', { name: 'Cada uso de sus cámaras' });
    await log.getByText('Se vio su grabación').waitFor();
    await log.getByText('Usted aprobó la petición de grabación').waitFor();
    await page.getByRole('button', { name: 'Registrar otra cámara' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('region', { name: 'Peticiones de grabación' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'cameras-owner-es');
    await page.getByRole('button', { name: 'English' }).click();
    expect(appProblems(owner.problems)).toEqual([]);
  });

  it('shows the public transparency page on a phone, without personal data, in English and Spanish', async () => {
    const ctx = await browser.newContext({ ...PHONE, locale: 'en-US' });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${t.url}/transparency/cameras`);
    await page.getByRole('heading', { name: 'Cameras and the 9-1-1 centre: public figures' }).waitFor();
    await page.getByText('Business cameras').waitFor();
    const figure = async (label: string) => Number((await page.locator('.transparency-figures div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').first().textContent())!.replace(/,/g, ''));
    expect(await figure('Business cameras')).toBe(1);
    expect(await figure('City cameras')).toBeGreaterThanOrEqual(603);
    expect(await figure('Revoked by their owners')).toBe(1);
    await page.getByText('No facial recognition: the centre has no face matching of any kind, on any camera.').waitFor();
    const text = (await page.textContent('main')) ?? '';
    for (const personal of ['Corner Grocery', 'Dana', 'Lexington', EMAIL]) expect(text).not.toContain(personal);
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cameras-transparency-en');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Las cámaras y el centro 9-1-1: cifras públicas' }).waitFor();
    await page.getByText('Sin reconocimiento facial', { exact: false }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cameras-transparency-es');
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });
});
