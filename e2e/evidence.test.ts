import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request, Route } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { findFfmpeg } from '../apps/server/src/modules/video/ffmpeg-binary';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// Pratt and Light, downtown Baltimore.
const SCENE = { lat: 39.2866, lon: -76.6138 };
const CHUNK = 1024 * 1024;

let t: TestServer;
let browser: Browser;
let dir: string;
let dispatcher: SignedInClient;
let incident: { id: number; number: string; agencyCode: string };
const files: Record<'video' | 'photo' | 'fake', string> = { video: '', photo: '', fake: '' };

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'psap-evidence-e2e-'));
  const ffmpeg = findFfmpeg(null);
  // Noise keeps the encoder from squeezing the clip small: several chunks, so progress and resuming show.
  files.video = join(dir, 'corner-clip.mp4');
  execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=duration=3:size=640x360:rate=25,noise=alls=25:allf=t', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', files.video]);
  files.photo = join(dir, 'car-plate.jpg');
  execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=1024x768', '-frames:v', '1', files.photo]);
  // Named like a video, but a script: the name must not decide.
  files.fake = join(dir, 'holiday.mp4');
  writeFileSync(files.fake, '#!/bin/sh\necho "this is not a video"\n'.repeat(400));
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  dispatcher = await t.as('dispatcher');
  const inc = await dispatcher.post('/api/v1/incidents', { type: 'ROBBERY', location: { text: 'Pratt St and Light St', ...SCENE, verified: true } });
  expect(inc.status).toBe(201);
  incident = inc.body;
  browser = await launchBrowser({ fakeCamera: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function console_(user: SignedInClient): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 950 } });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await page.goto(t.url);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('option', { name: new RegExp(incident.number) }).click();
  await page.locator('.panel.detail h2', { hasText: incident.number }).waitFor();
  return { ctx, page, problems };
}

const evidence = (page: Page) => page.getByRole('region', { name: /^Evidence/ });

/** The link the local message gateway recorded for this phone, as the text message carries it. */
async function textedLink(phone: string, purpose: string): Promise<{ url: string; body: string }> {
  const { rows } = await t.pool.query<{ body: string }>('SELECT body FROM outbound_messages WHERE recipient = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1', [phone, purpose]);
  expect(rows.length).toBe(1);
  const url = /(https?:\/\/\S+\/[wvs]\/[0-9a-z]+(?:\?lang=es)?)/.exec(rows[0]!.body)?.[1];
  expect(url).toBeTruthy();
  return { url: url!, body: rows[0]!.body };
}

async function sendLink(page: Page, kind: 'upload' | 'live-video', phone: string, name: string, language?: 'Español'): Promise<void> {
  const section = evidence(page);
  await section.getByRole('button', { name: kind === 'upload' ? 'Send upload link' : 'Request live video' }).click();
  const form = section.getByRole('form', { name: kind === 'upload' ? 'Send upload link' : 'Request live video' });
  await form.getByLabel('Mobile number').fill(phone);
  await form.getByLabel('Name (optional)').fill(name);
  if (language) await form.getByLabel('Language').selectOption({ label: language });
  await form.getByRole('button', { name: kind === 'upload' ? 'Text the upload link' : 'Text the video link' }).click();
  await page.getByText(`Link texted to ${phone}`).first().waitFor();
}

const fileRow = (page: Page, name: string) => page.getByRole('list', { name: /Files|Archivos/ }).getByRole('listitem').filter({ hasText: name });

describe('evidence from witnesses and callers', () => {
  it('a) a witness link: texted, phone-sized upload with progress, resumes after a cut and a reload, hashes match, content checked, link spent and expiring', async () => {
    const c = await console_(dispatcher);
    // A number that is not one is refused at the field, and nothing is texted.
    await evidence(c.page).getByRole('button', { name: 'Send upload link' }).click();
    const linkForm = evidence(c.page).getByRole('form', { name: 'Send upload link' });
    await linkForm.getByLabel('Mobile number').fill('12');
    await linkForm.getByRole('button', { name: 'Text the upload link' }).click();
    await linkForm.locator('#ev-upload-phone-err').waitFor();
    expect(await linkForm.getByLabel('Mobile number').getAttribute('aria-invalid')).toBe('true');
    await screenshot(c.page, 'evidence-console-bad-phone');
    expect((await t.pool.query("SELECT count(*)::int AS n FROM outbound_messages WHERE purpose = 'evidence.upload-link'")).rows[0].n).toBe(0);
    await linkForm.getByRole('button', { name: 'Cancel' }).click();
    await sendLink(c.page, 'upload', '+14105550123', 'Dana Reyes');
    await screenshot(c.page, 'evidence-console-link-sent');
    expect(await axeViolations(c.page)).toEqual([]);
    const { url, body } = await textedLink('+14105550123', 'evidence.upload-link');
    expect(body).toMatch(/photos or videos/);
    // The console shows the same link, so it can be read out when a text does not arrive.
    await evidence(c.page).getByText(url).waitFor();

    const where = { latitude: 39.28655, longitude: -76.61371, accuracy: 9 };
    const phoneCtx = await browser.newContext({ ...PHONE, permissions: ['geolocation'], geolocation: where });
    const phone = await phoneCtx.newPage();
    const phoneProblems = watchConsole(phone);
    await phone.goto(url);
    await phone.getByRole('heading', { name: 'Send photos or videos' }).waitFor();
    await phone.getByText(/This link works until/).waitFor();
    await screenshot(phone, 'evidence-witness-en');
    expect(await axeViolations(phone)).toEqual([]);

    // First attempt: the second chunk is lost on the way (the page retries from the server's
    // offset), the fourth never answers and the page is reloaded, as when a phone locks.
    const videoSize = statSync(files.video).size;
    expect(videoSize).toBeGreaterThan(5 * CHUNK);
    let patches = 0;
    let held: Route | null = null;
    let heldSeen!: () => void;
    const heldArrived = new Promise<void>((r) => (heldSeen = r));
    // The page's question "how far did it get?" after the cut waits until the test has seen the page say so.
    let asking: Route | null = null;
    let askingSeen!: () => void;
    const askingArrived = new Promise<void>((r) => (askingSeen = r));
    await phone.route('**/api/v1/public/witness/*/uploads/*', async (route) => {
      if (route.request().method() === 'GET' && patches === 2 && !asking) {
        asking = route;
        askingSeen();
        return;
      }
      if (route.request().method() !== 'PATCH') return route.continue();
      patches++;
      if (patches === 2) return route.abort('connectionreset');
      if (patches === 5) {
        held = route;
        heldSeen();
        return;
      }
      return route.continue();
    });
    await phone.getByLabel('Also send where I am now (optional)').check();
    await phone.getByText('Location found (within about 9 m).').waitFor();
    await phone.getByLabel('Choose photos or videos').setInputFiles([files.video, files.photo]);
    await fileRow(phone, 'corner-clip.mp4').waitFor();
    await phone.getByRole('button', { name: 'Send 2 files' }).click();
    await askingArrived;
    await fileRow(phone, 'corner-clip.mp4').getByText('Connection lost; resuming…').waitFor();
    expect(await fileRow(phone, 'corner-clip.mp4').getByRole('progressbar').getAttribute('value')).toBe(String(CHUNK));
    await screenshot(phone, 'evidence-witness-resuming');
    await (asking as Route | null)!.continue();
    await heldArrived;
    const bar = fileRow(phone, 'corner-clip.mp4').getByRole('progressbar');
    // Chunks 1, 3 and 4 arrived (the retry of 2 was chunk 3 on the wire): 3 MB of the clip.
    await expect.poll(() => bar.getAttribute('value')).toBe(String(3 * CHUNK));
    expect(await bar.getAttribute('max')).toBe(String(videoSize));
    await fileRow(phone, 'corner-clip.mp4').getByText(new RegExp(`Sending… ${Math.floor((3 * CHUNK * 100) / videoSize)}%`)).waitFor();
    await screenshot(phone, 'evidence-witness-progress');
    expect(await axeViolations(phone)).toEqual([]);

    // The phone reloads the page mid-file; the held chunk dies with it.
    await (held as Route | null)?.abort('connectionreset');
    await phone.unroute('**/api/v1/public/witness/*/uploads/*');
    await phone.reload();
    await phone.getByText('Partly sent. Choose the same file again and it continues where it stopped:').waitFor();
    expect((await t.pool.query("SELECT received_bytes::int AS n FROM evidence_uploads WHERE declared_name = 'corner-clip.mp4'")).rows).toEqual([{ n: 3 * CHUNK }]);
    await phone.getByText(`corner-clip.mp4 (3.0 MB of ${(videoSize / CHUNK).toFixed(1)} MB)`).waitFor();
    await screenshot(phone, 'evidence-witness-partly-sent');
    const offsets: number[] = [];
    const watch = (r: Request) => {
      if (r.method() === 'PATCH' && r.url().includes('/uploads/')) offsets.push(Number(r.headers()['upload-offset']));
    };
    phone.on('request', watch);
    await phone.getByLabel('Also send where I am now (optional)').check();
    await phone.getByText('Location found (within about 9 m).').waitFor();
    await phone.getByLabel('Choose photos or videos').setInputFiles([files.video, files.photo]);
    const started = Date.now();
    await phone.getByRole('button', { name: 'Send 2 files' }).click();
    await fileRow(phone, 'corner-clip.mp4').getByText(/Received\. Fingerprint/).waitFor({ timeout: 60_000 });
    const seconds = (Date.now() - started) / 1000;
    await fileRow(phone, 'car-plate.jpg').getByText(/Received\. Fingerprint/).waitFor({ timeout: 60_000 });
    phone.off('request', watch);
    // It went on from 3 MB instead of starting again, each megabyte sent once; then the photo.
    const expected: number[] = [];
    for (let o = 3 * CHUNK; o < videoSize; o += CHUNK) expected.push(o);
    expect(offsets).toEqual([...expected, 0]);
    console.log(`witness upload: ${((videoSize - 3 * CHUNK) / 1024 / 1024).toFixed(1)} MB resumed in ${seconds.toFixed(2)} s = ${((videoSize - 3 * CHUNK) / 1024 / 1024 / seconds).toFixed(1)} MB/s (1 MB chunks, loopback)`);

    // The server's SHA-256 is the file's; the page shows its start.
    const stored = (await t.pool.query<{ declared_name: string; sha256: string; size_bytes: string; media_kind: string; content_type: string; submitted_by: string }>(
      'SELECT declared_name, sha256, size_bytes, media_kind, content_type, submitted_by FROM evidence_items WHERE incident_id = $1 ORDER BY id', [incident.id],
    )).rows;
    expect(stored.map((s) => [s.declared_name, s.sha256, Number(s.size_bytes), s.media_kind])).toEqual([
      ['corner-clip.mp4', sha256(files.video), videoSize, 'video'],
      ['car-plate.jpg', sha256(files.photo), statSync(files.photo).size, 'photo'],
    ]);
    expect(stored[0]!.submitted_by).toBe('Dana Reyes (+14105550123)');
    // Where the witness was, with their consent, on both files.
    const located = (await t.pool.query('SELECT lat, lon, location_accuracy_m FROM evidence_items WHERE incident_id = $1 ORDER BY id', [incident.id])).rows;
    expect(located).toEqual([{ lat: 39.28655, lon: -76.61371, location_accuracy_m: 9 }, { lat: 39.28655, lon: -76.61371, location_accuracy_m: 9 }]);
    await fileRow(phone, 'corner-clip.mp4').getByText(`Received. Fingerprint ${sha256(files.video).slice(0, 12)}…`).waitFor();

    // A script named .mp4 is refused by its content, with words a witness understands, and can be taken off the list.
    await phone.getByLabel('Choose photos or videos').setInputFiles(files.fake);
    await phone.getByRole('button', { name: 'Send 1 file' }).click();
    await fileRow(phone, 'holiday.mp4').getByText('Not sent: This file is not a photo or video we can accept.').waitFor();
    expect((await t.pool.query("SELECT state FROM evidence_uploads WHERE declared_name = 'holiday.mp4'")).rows).toEqual([{ state: 'refused' }]);
    expect((await t.pool.query("SELECT count(*)::int AS n FROM evidence_items WHERE declared_name = 'holiday.mp4'")).rows[0].n).toBe(0);
    await screenshot(phone, 'evidence-witness-refused');
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Remove holiday.mp4' }).click();

    // Done: the link is spent.
    await phone.getByRole('button', { name: 'I am done' }).click();
    await phone.getByText('Thank you. The centre received 2 files. You can close this page.').waitFor();
    await screenshot(phone, 'evidence-witness-thanks');
    await phone.reload();
    await phone.getByRole('alert').filter({ hasText: 'This link no longer works.' }).waitFor();
    expect(appProblems(phoneProblems).filter((p) => !/Failed to load resource|ERR_CONNECTION_RESET/.test(p))).toEqual([]);

    // The console lists both files with their fingerprints.
    const items = evidence(c.page).getByRole('list', { name: 'Evidence items' });
    await items.locator(`code[data-sha256="${sha256(files.video)}"]`).waitFor();
    await items.locator(`code[data-sha256="${sha256(files.photo)}"]`).waitFor();
    await screenshot(c.page, 'evidence-console-items');
    expect(await axeViolations(c.page)).toEqual([]);

    // A link in Spanish, which expires before it is used.
    await sendLink(c.page, 'upload', '+14105550124', 'Luis', 'Español');
    const es = await textedLink('+14105550124', 'evidence.upload-link');
    expect(es.body).toMatch(/envíe sus fotos o videos/);
    expect(es.url).toMatch(/\?lang=es$/);
    await phone.goto(es.url);
    await phone.getByRole('heading', { name: 'Enviar fotos o videos' }).waitFor();
    await phone.getByText(/Este enlace funciona hasta/).waitFor();
    await screenshot(phone, 'evidence-witness-es');
    expect(await axeViolations(phone)).toEqual([]);
    await t.pool.query("UPDATE evidence_links SET created_at = now() - interval '1 day', expires_at = now() - interval '1 minute' WHERE recipient_phone = '+14105550124'");
    await phone.reload();
    await phone.getByRole('alert').filter({ hasText: 'Este enlace ya no funciona.' }).waitFor();
    await screenshot(phone, 'evidence-witness-es-expired');
    // The one 400 is the refused number at the start.
    expect(appProblems(c.problems).filter((p) => !/status of 400/.test(p))).toEqual([]);
    await phoneCtx.close();
    await c.ctx.close();
  });

  it('b) live video from a caller\'s phone: consent, fake camera to the console by WebRTC, the caller\'s location, recorded as evidence', async () => {
    const c = await console_(dispatcher);
    await sendLink(c.page, 'live-video', '+14105550188', 'Sam Caller');
    const { url, body } = await textedLink('+14105550188', 'evidence.live-video-link');
    expect(body).toMatch(/live video/);
    const here = { latitude: 39.28691, longitude: -76.61412, accuracy: 12 };
    const phoneCtx = await browser.newContext({ ...PHONE, permissions: ['camera', 'geolocation'], geolocation: here });
    const phone = await phoneCtx.newPage();
    const phoneProblems = watchConsole(phone);
    await phone.goto(url);
    await phone.getByRole('heading', { name: 'Show the dispatcher live video' }).waitFor();
    await phone.locator('.consent-text').getByText('The video is recorded and kept as evidence.').waitFor();
    await screenshot(phone, 'evidence-caller-consent-en');
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Español' }).click();
    await phone.getByRole('heading', { name: 'Mostrar video en vivo al despachador' }).waitFor();
    await screenshot(phone, 'evidence-caller-consent-es');
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'English' }).click();
    // A first "no" is not final.
    await phone.getByRole('button', { name: 'No thanks' }).click();
    await phone.getByText('No video was started. You can close this page.').waitFor();
    await phone.getByRole('button', { name: 'Show video after all' }).click();
    // Nothing is on before the caller agrees.
    expect((await t.pool.query("SELECT consented_at FROM evidence_links WHERE recipient_phone = '+14105550188'")).rows[0].consented_at).toBeNull();
    await phone.getByLabel('Also share my location while the video is on (optional)').check();
    await phone.getByRole('button', { name: 'Start video' }).click();
    await phone.getByText('Camera on. Waiting for the dispatcher to connect…').waitFor();
    await screenshot(phone, 'evidence-caller-waiting');

    // The console learns of the consent and offers the video.
    const section = evidence(c.page);
    await section.getByText(/Live video to \+14105550188 \(Sam Caller\): caller agreed/).waitFor();
    const asked = Date.now();
    await section.getByRole('button', { name: 'Watch live video' }).click();
    const video = section.locator('.live-video video');
    await video.waitFor();
    await c.page.waitForFunction((el) => (el as HTMLVideoElement).videoWidth > 0, await video.elementHandle(), { timeout: 30_000 });
    const ms = Date.now() - asked;
    const size = await video.evaluate((el) => `${(el as HTMLVideoElement).videoWidth}x${(el as HTMLVideoElement).videoHeight}`);
    console.log(`caller video: first frame (${size}) on the console ${ms} ms after Watch (signalling over the WebSocket, loopback, no STUN/TURN)`);
    await c.page.waitForFunction((el) => (el as HTMLVideoElement).currentTime > 0.3, await video.elementHandle(), { timeout: 30_000 });
    const t0 = await video.evaluate((el) => (el as HTMLVideoElement).currentTime);
    await c.page.waitForFunction(([el, t]) => (el as HTMLVideoElement).currentTime > (t as number) + 1, [await video.elementHandle(), t0] as const, { timeout: 20_000 });
    expect(await video.evaluate((el) => (el as HTMLVideoElement).videoWidth)).toBeGreaterThan(0);
    await section.getByRole('status').filter({ hasText: /^Live$/ }).waitFor();
    await section.getByText(/Caller's location: 39\.28691, -76\.61412 ±12 m/).waitFor();
    await phone.getByText('The dispatcher can see your video.').waitFor();
    // The agency records: the console uploads the recording as it goes.
    await section.getByText(/Recording as evidence/).waitFor();
    await expect.poll(async () => (await t.pool.query("SELECT coalesce(max(received_bytes), 0)::int AS n FROM evidence_uploads WHERE source = 'caller-video'")).rows[0].n, { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(c.page, 'evidence-console-live-video');
    await screenshot(phone, 'evidence-caller-live');
    expect(await axeViolations(c.page)).toEqual([]);
    expect(await axeViolations(phone)).toEqual([]);

    // The dispatcher ends it: the phone says so, the recording becomes evidence with its SHA-256.
    await section.getByRole('button', { name: 'End video' }).click();
    await phone.getByText('The video has ended. Thank you. You can close this page.').waitFor();
    await c.page.getByText(/Recording saved as evidence \d+/).first().waitFor({ timeout: 30_000 });
    const rec = (await t.pool.query<{ id: number; sha256: string; size_bytes: string; content_type: string; media_kind: string; submitted_by: string }>(
      "SELECT id, sha256, size_bytes, content_type, media_kind, submitted_by FROM evidence_items WHERE source = 'caller-video' AND incident_id = $1", [incident.id],
    )).rows;
    expect(rec.length).toBe(1);
    expect(rec[0]!.media_kind).toBe('video');
    expect(rec[0]!.content_type).toBe('video/webm');
    expect(Number(rec[0]!.size_bytes)).toBeGreaterThan(10_000);
    const verified = await dispatcher.post(`/api/v1/evidence/${rec[0]!.id}/verify`);
    expect(verified.body).toMatchObject({ intact: true });
    await section.getByRole('list', { name: 'Evidence items' }).locator(`code[data-sha256="${rec[0]!.sha256}"]`).waitFor();
    // The spent link no longer opens the camera.
    await phone.reload();
    await phone.getByRole('alert').filter({ hasText: 'This link no longer works.' }).waitFor();
    expect(appProblems(c.problems)).toEqual([]);
    // An agency that does not record: the caller is told so before agreeing.
    const settings = t.server.ctx.config.evidence;
    const before = settings.recordCallerVideo;
    settings.recordCallerVideo = ['NONE'];
    try {
      await sendLink(c.page, 'live-video', '+14105550189', 'Kim');
      await section.getByText(/Live video to \+14105550189 \(Kim\): not opened yet · not recorded/).waitFor();
      await phone.goto((await textedLink('+14105550189', 'evidence.live-video-link')).url);
      await phone.locator('.consent-text').getByText('The video is not recorded.').waitFor();
    } finally {
      settings.recordCallerVideo = before;
    }
    // The reloaded page asked for a spent link: the 410 is the answer it shows above.
    expect(appProblems(phoneProblems).filter((p) => !/status of 410/.test(p))).toEqual([]);
    await phoneCtx.close();
    await c.ctx.close();
  });

  it('c) sharing an item by an expiring link: it opens on the shared page, and after withdrawal it is refused', async () => {
    const supervisor = await t.as('supervisor');
    const c = await console_(supervisor);
    const item = evidence(c.page).locator('li.evidence-item', { hasText: 'corner-clip.mp4' });
    await item.getByRole('button', { name: 'Share' }).click();
    const form = item.getByRole('form', { name: 'Share this item' });
    await form.getByLabel('Recipient').fill('Baltimore County Police');
    await form.getByLabel('Purpose of sharing').fill('robbery follow-up by county detectives');
    await form.getByLabel('Link works for (hours)').fill('2');
    await screenshot(c.page, 'evidence-console-share-form');
    await form.getByRole('button', { name: 'Create share link' }).click();
    const shareUrl = (await item.locator('.evidence-created .link-text').textContent())!.trim();
    expect(shareUrl).toMatch(/\/s\/[\w-]+$/);
    await screenshot(c.page, 'evidence-console-shared');
    expect(await axeViolations(c.page)).toEqual([]);

    const otherCtx = await browser.newContext(PHONE);
    const other = await otherCtx.newPage();
    const otherProblems = watchConsole(other);
    await other.goto(shareUrl);
    await other.getByRole('heading', { name: 'Shared evidence' }).waitFor();
    await other.getByText('Shared with Baltimore County Police').waitFor();
    await other.getByText(sha256(files.video)).waitFor();
    const media = other.locator('video.shared-media');
    await other.waitForFunction((el) => (el as HTMLVideoElement).readyState >= 1 && (el as HTMLVideoElement).duration > 2.5, await media.elementHandle(), { timeout: 20_000 });
    await screenshot(other, 'evidence-shared-en');
    expect(await axeViolations(other)).toEqual([]);
    await other.goto(`${shareUrl}?lang=es`);
    await other.getByRole('heading', { name: 'Evidencia compartida' }).waitFor();
    await screenshot(other, 'evidence-shared-es');
    expect(await axeViolations(other)).toEqual([]);
    const download = await other.evaluate(async (u) => {
      const r = await fetch(u);
      const b = new Uint8Array(await r.arrayBuffer());
      const h = new Uint8Array(await crypto.subtle.digest('SHA-256', b));
      return { status: r.status, sha: [...h].map((x) => x.toString(16).padStart(2, '0')).join('') };
    }, `${shareUrl.replace(/^https?:\/\/[^/]+/, '')}`.replace('/s/', '/api/v1/public/shared/') + '/content?download=1');
    expect(download).toEqual({ status: 200, sha: sha256(files.video) });

    // Every use is in the chain of custody; the supervisor withdraws the link.
    await item.getByRole('button', { name: 'Chain of custody' }).click();
    const custody = item.getByRole('table', { name: /Chain of custody of evidence/ });
    await custody.getByRole('cell', { name: 'share-use' }).first().waitFor();
    const shares = item.getByRole('list', { name: 'Share links' });
    await shares.getByText(/Shared with Baltimore County Police \(agency\)/).waitFor();
    await screenshot(c.page, 'evidence-console-custody');
    await shares.getByRole('button', { name: 'Withdraw' }).click();
    await shares.getByText(/revoked|withdrawn/).waitFor();
    await other.goto(shareUrl);
    await other.getByRole('alert').filter({ hasText: 'This share link no longer works.' }).waitFor();
    await screenshot(other, 'evidence-shared-withdrawn');
    const after = await other.evaluate(async (u) => (await fetch(u)).status, shareUrl.replace(/^https?:\/\/[^/]+/, '').replace('/s/', '/api/v1/public/shared/') + '/content');
    expect(after).toBe(410);
    expect(appProblems(c.problems)).toEqual([]);
    expect(appProblems(otherProblems).filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    await otherCtx.close();
    await c.ctx.close();
  });
});
