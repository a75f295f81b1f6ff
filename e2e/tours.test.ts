import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { ManualClock } from '../apps/server/src/scheduler/clock';
import { launchBrowser, screenshot, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

// 15:00 UTC is 10:00 in New York: the centre's local "today" is Monday 2031-03-03.
const clock = new ManualClock(new Date('2031-03-03T15:00:00Z'));
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
// Rule refusals are 422 answers, which Chromium logs as failed resources; they are expected here.
const appProblems = (p: string[]) => p.filter((x) => !/GL Driver Message|GPU stall|WebGL|swiftshader/i.test(x) && !/status of 422/.test(x));

let t: TestServer;
let browser: Browser;
let officer: SignedInClient;

beforeAll(async () => {
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR, clock });
  officer = await t.as('community-officer');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function phonePage(lang: 'en' | 'es'): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await browser.newContext({ ...PHONE, locale: lang === 'es' ? 'es-US' : 'en-US' });
  const page = await ctx.newPage();
  const problems = watchConsole(page);
  await page.goto(`${t.url}/public/tours?lang=${lang}`);
  // The rules have loaded once the date fields carry the window the server allows.
  await page.locator('#tour-choice0-date[min="2031-03-10"]').waitFor();
  return { ctx, page, problems };
}

const choice = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^(Choice|Opción) ${n}`) });
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('public tour request form on a phone', () => {
  it('names each problem at its field in English, then sends the request and shows the reference', async () => {
    const { ctx, page, problems } = await phonePage('en');
    await page.getByRole('heading', { name: 'Visit the 9-1-1 centre' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);

    await page.getByRole('button', { name: 'Send request' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Please correct these before sending' });
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      'School or organisation: is required',
      'Your name: is required',
      'E-mail: give an e-mail address or a phone number so we can answer',
      'Number of people, adults included: is required',
      'Ages: is required',
      'Choice 1 · Date: is required',
      'Choice 1 · Time: choose morning or afternoon',
    ]);
    expect(await page.getByLabel('School or organisation').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tours-form-errors-en');

    await page.getByLabel('School or organisation').fill('Hampden Elementary, Grade 4');
    await page.getByLabel('Number of people, adults included').fill('30');
    await page.getByLabel('Ages', { exact: true }).fill('third grade');
    await page.getByLabel('Your name').fill('Ana Teacher');
    await page.getByLabel('E-mail').fill('ana.teacher@example.org');
    await choice(page, 1).getByLabel('Date').fill('2031-03-15');
    await choice(page, 1).getByLabel('Morning (10:00–11:30)').check();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('groups are 4 to 25 people; for a larger group, ask for two visits').first().waitFor();
    await page.getByText('write ages as a range such as 8-10, a list such as 8, 9, 12, or adults').first().waitFor();
    await choice(page, 1).getByText('tours run Monday to Friday; pick one of those days').waitFor();
    expect(await choice(page, 1).getByLabel('Date').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Number of people, adults included').fill('18');
    await page.getByLabel('Ages', { exact: true }).fill('9-10');
    await choice(page, 1).getByLabel('Date').fill('2031-03-18');
    await choice(page, 2).getByLabel('Date').fill('2031-03-19');
    await choice(page, 2).getByLabel('Afternoon (14:00–15:30)').check();
    await page.getByLabel('Accessibility needs (optional)').fill('one pupil uses a wheelchair');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'Thank you, your request was sent' }).waitFor();
    const text = await page.getByRole('status').textContent();
    const reference = /T-[A-Z2-9]{6}/.exec(text ?? '')?.[0];
    expect(reference).toBeDefined();
    await screenshot(page, 'tours-form-sent-en');
    expect(await axeViolations(page)).toEqual([]);

    const row = (await t.pool.query('SELECT organisation, group_size, ages, lang, preferences, email FROM tour_requests WHERE reference = $1', [reference])).rows[0];
    expect(row).toEqual({
      organisation: 'Hampden Elementary, Grade 4',
      group_size: 18,
      ages: '9-10',
      lang: 'en',
      email: 'ana.teacher@example.org',
      preferences: [
        { date: '2031-03-18', period: 'morning' },
        { date: '2031-03-19', period: 'afternoon' },
      ],
    });
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });

  it('works in Spanish, including a refusal only the server can know about', async () => {
    const { ctx, page, problems } = await phonePage('en');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Visite el centro 9-1-1' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await fitsWidth(page)).toBe(true);

    await page.getByLabel('Escuela u organización').fill('Tropa Scout 417');
    await page.getByLabel('Número de personas, incluidos los adultos').fill('12');
    await page.getByLabel('Edades', { exact: true }).fill('11 a 14, adultos');
    await page.getByLabel('Su nombre').fill('Rosa Díaz');
    await page.getByLabel('Teléfono celular').fill('+1 410 555 0142');
    await choice(page, 1).getByLabel('Fecha').fill('2031-03-05');
    await choice(page, 1).getByLabel('Tarde (14:00–15:30)').check();
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await choice(page, 1).getByText('necesitamos al menos 7 días de anticipación; la primera fecha posible es 2031-03-10').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tours-form-errors-es');

    // Blocked by an officer after the page loaded: the form's copy of the calendar is stale, the server's is not.
    const other = await officer.post('/api/v1/tours/blocked-dates', { date: '2031-03-27', reason: 'simulacro' });
    expect(other.status).toBe(201);
    await choice(page, 1).getByLabel('Fecha').fill('2031-03-27');
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await choice(page, 1).getByText('el centro no tiene visitas ese día; elija otra fecha').waitFor();
    await page.getByRole('alert').getByRole('link', { name: 'Opción 1 · Fecha' }).waitFor();

    await choice(page, 1).getByLabel('Fecha').fill('2031-03-26');
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await page.getByRole('heading', { name: 'Gracias, su solicitud fue enviada' }).waitFor();
    await page.getByText('por mensaje de texto').waitFor();
    await screenshot(page, 'tours-form-sent-es');
    const row = (await t.pool.query("SELECT id, lang, phone, ages FROM tour_requests WHERE organisation = 'Tropa Scout 417'")).rows[0];
    expect(row).toMatchObject({ lang: 'es', phone: '+1 410 555 0142', ages: '11-14, adults' });
    const sms = (await t.pool.query('SELECT channel, body FROM outbound_messages WHERE related = $1', [`tour:${row.id}`])).rows;
    expect(sms).toHaveLength(1);
    expect(sms[0].channel).toBe('sms');
    expect(sms[0].body).toContain('Centro 9-1-1: recibimos la solicitud de visita');
    expect(appProblems(problems)).toEqual([]);

    // The private link in the message: the requester sees the request and can withdraw it.
    const link = /https?:\/\/\S+\/public\/tours\/\S+/.exec(sms[0].body)![0];
    await page.goto(link);
    await page.getByRole('heading', { name: 'Su solicitud de visita' }).waitFor();
    await page.getByText('Esperando que un oficial confirme una fecha').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.getByText('12 · Edades: 11-14, adultos').waitFor();
    const ref = await page.getByText(/^T-[A-Z2-9]{6}$/).boundingBox();
    expect(ref && ref.x >= 0 && ref.x + ref.width <= 390).toBe(true); // the reference is on screen, not pushed off it
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Retirar esta solicitud' }).click();
    await page.getByRole('button', { name: 'Sí, retirar' }).click();
    await page.getByRole('status').filter({ hasText: 'Su solicitud fue retirada' }).waitFor();
    await screenshot(page, 'tours-link-withdrawn-es');
    expect((await t.pool.query('SELECT state FROM tour_requests WHERE id = $1', [row.id])).rows[0].state).toBe('withdrawn');
    await ctx.close();
  });
});

describe('officers\' tour calendar', () => {
  it('confirms a waiting request into a slot from the keyboard-usable calendar and tells the requester', async () => {
    const sent = await fetch(`${t.url}/api/v1/public/tours`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Waverly Neighbours Association', contactName: 'Sam Lee', email: 'sam@example.org', groupSize: 9, ages: 'adults', preferences: [{ date: '2031-03-25', period: 'afternoon' }] }),
    });
    const { id, reference } = (await sent.json()) as { id: number; reference: string };
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 950 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${t.url}/#/programs/tours`);
    await page.getByLabel('Username').fill(officer.username);
    await page.getByLabel('Password').fill(officer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Purpose of access').selectOption('Program administration (review, enrolment, scheduling)');
    await page.getByRole('tab', { name: 'Tours' }).click();

    const request = page.getByRole('button', { name: new RegExp(`${reference} Waverly Neighbours Association`) });
    await request.waitFor();
    await request.focus();
    await page.keyboard.press('Enter');
    expect(await request.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('heading', { name: 'March 2031' }).waitFor();
    await page.getByRole('button', { name: 'Show contact details' }).click();
    await page.getByText('sam@example.org').waitFor();
    const audit = (await t.pool.query("SELECT purpose FROM audit_log WHERE action = 'tour.view' AND entity_id = $1", [String(id)])).rows;
    expect(audit).toEqual([{ purpose: 'Program administration (review, enrolment, scheduling)' }]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tours-calendar-selected');

    // Free slots the request may take are offered as buttons in the month grid; those inside its notice are not.
    await page.getByRole('button', { name: `10:00 Book here: ${reference} on Mon, 10 Mar 2031, morning` }).waitFor();
    expect(await page.getByRole('button', { name: new RegExp(`Book here: ${reference} on Fri, 7 Mar`) }).count()).toBe(0);
    const book = page.getByRole('button', { name: `14:00 Book here: ${reference} on Tue, 25 Mar 2031, afternoon` });
    await book.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `${reference} confirmed for Tue, 25 Mar 2031, afternoon. The requester was told by e-mail.` }).waitFor();
    await page.getByRole('button', { name: new RegExp(`14:00 Waverly Neighbours Association ${reference}`) }).waitFor();
    await request.waitFor({ state: 'detached' }); // no longer waiting
    await page.getByRole('link', { name: 'Download calendar file (.ics)' }).waitFor();
    await screenshot(page, 'tours-calendar-confirmed');
    expect(await axeViolations(page)).toEqual([]);

    expect((await t.pool.query('SELECT state, tour_date::text AS date, period FROM tour_requests WHERE id = $1', [id])).rows[0]).toEqual({ state: 'confirmed', date: '2031-03-25', period: 'afternoon' });
    const purposes = (await t.pool.query('SELECT purpose FROM outbound_messages WHERE related = $1 ORDER BY id', [`tour:${id}`])).rows.map((r) => r.purpose);
    expect(purposes).toEqual(['tour.acknowledged', 'tour.confirmed']);
    expect(appProblems(problems)).toEqual([]);
    await ctx.close();
  });
});
