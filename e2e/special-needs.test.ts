import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|swiftshader/i;
const PORTRAIT = join(import.meta.dirname, '../apps/server/test/fixtures/portrait.jpg');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let t: TestServer;
let browser: Browser;
let manageUrlEn: string;

beforeAll(async () => {
  t = await createTestServer({ geography: true, webDir: DEFAULT_WEB_DIR });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const appProblems = (p: string[]) => p.filter((x) => !ENVIRONMENT_NOISE.test(x));

const signIn = (page: Page, user: SignedInClient) => signInPage(page, t.url, user);

describe('Special Needs Notification, as the public uses it', () => {
  it('on a phone in English: says what is missing, then takes the form with a photo and gives a PDF and a private link', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${t.url}/special-needs?lang=en`);
    await page.getByRole('heading', { name: 'Special Needs Notification' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Sending it empty names what is missing, and nothing is stored.
    await page.getByRole('button', { name: 'Send the notification' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Please correct the fields marked below.' });
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.getByLabel('First name').getAttribute('aria-invalid')).toBe('true');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM special_needs_notices')).rows[0].n).toBe(0);
    await screenshot(page, 'special-needs-form-errors');

    await page.getByLabel('First name').fill('Walter');
    await page.getByLabel('Last name').fill('Greene');
    await page.getByLabel('Preferred name (what to call them)').fill('Walt');
    await page.getByLabel('Date of birth').fill('1941-05-02');
    await page.getByLabel('Street address').fill('100 N Holliday St');
    await page.getByLabel('Apartment or unit').fill('4B');
    await page.getByLabel('ZIP code').fill('21202');
    await page.getByLabel("Dementia / Alzheimer's").check();
    await page.getByLabel('Oxygen in use').check();
    await page.getByLabel('How to communicate and calm them').fill('Face him and speak slowly; he reads lips.');
    await page.getByLabel('Medications or devices').fill('Donepezil; home oxygen 2 L/min');
    await page.getByLabel('Equipment in the home').fill('Oxygen concentrator in the bedroom');
    await page.getByRole('group', { name: 'Contact 1' }).getByLabel('Name').fill('Ruth Greene');
    await page.getByRole('group', { name: 'Contact 1' }).getByLabel('Relationship').fill('daughter');
    await page.getByRole('group', { name: 'Contact 1' }).getByLabel('Phone').fill('410-555-0142');
    await page.getByLabel('This person may wander or get lost (also register them in Help Me Home)').check();
    await page.getByLabel('Usually wears').fill('grey tweed jacket');
    await page.getByRole('button', { name: 'Add a place' }).click();
    await page.getByRole('group', { name: 'Place 1' }).getByLabel('What it is (old home, school, church)').fill('Old workplace');
    await page.getByRole('group', { name: 'Place 1' }).getByLabel('Address').fill('Lexington Market');
    await page.getByLabel('Choose a photo').setInputFiles(PORTRAIT);
    await page.locator('img.photo-preview').waitFor();
    await page.getByLabel('Your name').fill('Ruth Greene');
    await page.getByLabel('E-mail').fill('ruth@example.org');
    await page.getByLabel('I agree').check();
    await page.getByLabel('Type your full name to sign').fill('Ruth Greene');
    await screenshot(page, 'special-needs-form-filled');
    await page.getByRole('button', { name: 'Send the notification' }).click();

    await page.getByRole('heading', { name: 'Thank you. We received your notification.' }).waitFor();
    manageUrlEn = (await page.locator('.link-box').textContent())!.trim();
    expect(manageUrlEn).toMatch(/\/special-needs\/manage\/sn_[\w-]{43}\?lang=en$/);
    await screenshot(page, 'special-needs-receipt');
    expect(await axeViolations(page)).toEqual([]);
    const pdfHref = await page.getByRole('link', { name: 'Download a PDF copy' }).getAttribute('href');
    const pdf = await fetch(t.url + pdfHref);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    // The stored photo is the browser's re-encoded JPEG, not the original file.
    const { rows } = await t.pool.query("SELECT length(photo) AS n, form->'person'->>'firstName' AS first FROM special_needs_notices");
    expect(rows).toHaveLength(1);
    expect(rows[0].first).toBe('Walter');
    expect(rows[0].n).toBeGreaterThan(500);

    // The private link shows the state and offers update and withdrawal.
    await page.goto(manageUrlEn);
    await page.getByText('Waiting for review').waitFor();
    await page.getByRole('button', { name: 'Withdraw this notification' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'special-needs-manage');
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });

  it('on a phone in Spanish, with the language switched mid-way keeping what was typed', async () => {
    const ctx = await browser.newContext({ ...PHONE, locale: 'es-US' });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${t.url}/special-needs`);
    await page.getByRole('heading', { name: 'Notificación de Necesidades Especiales' }).waitFor();
    await page.getByRole('textbox', { name: 'Nombre', exact: true }).first().fill('Lucía');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByLabel('First name').inputValue()).toBe('Lucía');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByLabel('Apellido').fill('Ramírez');
    await page.getByRole('textbox', { name: 'Dirección', exact: true }).fill('1 E Pratt St');
    await page.getByLabel('Autismo').check();
    await page.getByLabel('No verbal').check();
    await page.getByLabel('Cómo comunicarse con la persona y calmarla').fill('No habla; usa una tableta. Le calman los audífonos.');
    await page.getByRole('group', { name: 'Contacto 1' }).getByLabel('Nombre').fill('Ana Ramírez');
    await page.getByRole('group', { name: 'Contacto 1' }).getByLabel('Teléfono').fill('443-555-0190');
    await page.getByRole('textbox', { name: 'Su nombre', exact: true }).fill('Ana Ramírez');
    await page.getByRole('textbox', { name: 'Teléfono', exact: true }).last().fill('443-555-0190');
    await page.getByLabel('Acepto').check();
    await page.getByLabel('Escriba su nombre completo para firmar').fill('Ana Ramírez');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enviar la notificación' }).click();
    await page.getByRole('heading', { name: 'Gracias. Recibimos su notificación.' }).waitFor();
    await screenshot(page, 'special-needs-receipt-es');
    const { rows } = await t.pool.query("SELECT form->>'language' AS lang, form->>'communication' AS comm FROM special_needs_notices WHERE person_name = 'Lucía Ramírez'");
    expect(rows[0]).toEqual({ lang: 'es', comm: 'No habla; usa una tableta. Le calman los audífonos.' });
    const sms = await t.pool.query("SELECT channel, body FROM outbound_messages WHERE recipient = '443-555-0190'");
    expect(sms.rows[0].channel).toBe('sms');
    expect(sms.rows[0].body).toContain('Recibimos');
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });
});

describe('review, and the caution reaching a call at that address', () => {
  it('an officer states a purpose, approves; the call-taker sees the caution on intake and on the incident', async () => {
    const officer = await t.as('community-officer');
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await signIn(page, officer);
    await page.getByRole('tab', { name: 'Special needs' }).waitFor();
    await page.getByText('Choose the purpose of your access above').waitFor();
    await page.getByLabel('Purpose of access').selectOption('Program administration (review, enrolment, scheduling)');
    await page.getByRole('button', { name: 'To review (2)' }).waitFor();
    await page.getByRole('button', { name: /Walter Greene/ }).click();
    await page.getByRole('heading', { name: /Walter Greene/ }).waitFor();
    await page.getByText('Donepezil; home oxygen 2 L/min').waitFor();
    await page.locator('img.sn-photo').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'special-needs-review');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved: the caution is active' }).waitFor();
    await page.locator('.sn-detail .badge', { hasText: 'approved' }).waitFor();
    // The family said he may wander: he is in Help Me Home now, with the place he heads for.
    const hmh = await t.pool.query("SELECT p.usual_clothing, d.label FROM hmh_people p JOIN hmh_destinations d ON d.person_id = p.id WHERE p.first_name = 'Walter'");
    expect(hmh.rows).toEqual([{ usual_clothing: 'grey tweed jacket', label: 'Old workplace' }]);
    const { rows } = await t.pool.query("SELECT purpose FROM audit_log WHERE action = 'special-needs.view' AND actor_label = $1", [officer.username]);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.purpose))).toEqual(new Set(['Program administration (review, enrolment, scheduling)']));
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();

    const calltaker = await t.as('call-taker');
    const ctCtx = await browser.newContext({ viewport: { width: 1600, height: 950 } });
    const ct = await ctCtx.newPage();
    const ctProblems = watchConsole(ct);
    await signIn(ct, calltaker);
    const address = ct.getByRole('combobox', { name: 'Address or place' });
    await address.waitFor();
    await ct.keyboard.press('F2');
    await ct.keyboard.type('100 n holliday');
    await ct.getByRole('option', { name: /^100 (N )?HOLLIDAY ST/ }).first().waitFor();
    await ct.keyboard.press('Enter');
    const caution = ct.locator('.caution.k-special-needs').first();
    await caution.waitFor();
    expect(await caution.textContent()).toContain("Special needs: Dementia / Alzheimer's, Oxygen in use");
    expect(await caution.textContent()).toContain('speak slowly');
    expect(await caution.textContent()).not.toContain('Donepezil');
    await ct.keyboard.type('sick');
    await ct.getByRole('option', { name: /SICK/ }).first().waitFor();
    await ct.keyboard.press('Enter');
    await screenshot(ct, 'special-needs-caution-intake');
    await ct.keyboard.press('Enter');
    const created = ct.getByRole('status').filter({ hasText: /created/ });
    await created.waitFor();
    const number = /(\d{4}-\d{6})/.exec((await created.textContent())!)![1]!;
    const inc = (await calltaker.get(`/api/v1/incidents?number=${number}`)).body[0];
    const detail = await calltaker.get(`/api/v1/incidents/${inc.id}`);
    expect(detail.body.cautions.map((c: { summary: string }) => c.summary)).toContain("Special needs: Dementia / Alzheimer's, Oxygen in use");
    expect(appProblems(ctProblems)).toEqual([]);
    await ctCtx.close();
  });
});
