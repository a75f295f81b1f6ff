import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestServer, type SignedInClient, type TestServer } from '../apps/server/test/helpers/test-server';
import { DEFAULT_WEB_DIR } from '../apps/server/src/server/start-server';
import { launchBrowser, screenshot, signInPage, watchConsole } from './helpers/browser';
import { axeViolations } from './helpers/axe';

let t: TestServer;
let browser: Browser;
let sup: SignedInClient;
// The console behind the supervisor view asks for the map, which this server (no geography loaded)
// answers 503; this program's own requests are watched one by one instead.
const ENVIRONMENT_NOISE = /GL Driver Message|GPU stall|WebGL|Download the React DevTools|status of 503/;

// The centre's date (the server decides "today" in America/New_York), and a hire 200 days before.
const nyDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const TODAY = nyDate(new Date());
const HIRED = nyDate(new Date(Date.now() - 200 * 86_400_000));

beforeAll(async () => {
  t = await createTestServer({ webDir: DEFAULT_WEB_DIR });
  sup = await t.as('supervisor');
  await t.pool.query("INSERT INTO staff_members (display_name, organisation, job_title) VALUES ('Dana Okafor', 'centre', 'Communications training officer')");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signOffPhase(page: Page, phaseName: string) {
  const phase = page.getByRole('region', { name: new RegExp(`^${phaseName}`) });
  const buttons = phase.getByRole('button', { name: /^Sign off: / });
  while ((await buttons.count()) > 0) {
    const before = await buttons.count();
    await buttons.first().click();
    await expect.poll(() => buttons.count()).toBeLessThan(before);
  }
  await phase.getByRole('button', { name: /^Sign off .* \(CTO Dana Okafor and you\)$/ }).click();
  await phase.getByText(/Signed off \d{4}-\d{2}-\d{2}/).waitFor();
}

describe('a trainee from hire to certification', () => {
  it('enrols, writes a DOR, signs checklists and phases through to release, and records the APCO certification', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const problems = watchConsole(page);
    const serverErrors: string[] = [];
    page.on('response', (r) => {
      if (/\/api\/v1\/(training|certifications)/.test(r.url()) && r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
    });
    await signInPage(page, t.url, sup);
    await page.goto(`${t.url}/#/supervisor/training`);
    await page.getByRole('tab', { name: 'Training', selected: true }).waitFor();
    await page.getByText(/No trainees in training/).waitFor();

    // Enrol by keyboard.
    await page.getByRole('button', { name: 'Enrol a trainee' }).click();
    await page.getByLabel('Name').fill('Jordan Reyes');
    await page.getByLabel('Employee number').fill('T-1001');
    await page.getByLabel('E-mail (for certification reminders)').fill('jreyes@example.org');
    await page.getByLabel('Hire date').fill(HIRED);
    await page.getByLabel('Communications training officer').selectOption({ label: 'Dana Okafor (Communications training officer)' });
    await screenshot(page, 'training-enrol');
    await page.getByRole('button', { name: 'Enrol', exact: true }).press('Enter');

    // The trainee's page: progress, behind plan (200 days in phase 1).
    await page.getByRole('heading', { name: /Jordan Reyes/ }).waitFor();
    await page.getByText('Behind', { exact: true }).waitFor();
    await page.getByText(/200 days in Phase 1: Classroom and orientation, planned at most 30/).waitFor();

    // A DOR with a rating left out is refused, naming the category; then saved whole.
    await page.getByLabel('Date observed').fill(TODAY);
    for (const c of ['Call control', 'Radio procedure', 'Knowledge of policy', 'Geography', 'CAD use']) await page.getByLabel(c, { exact: true }).selectOption('5');
    await page.getByLabel('Narrative', { exact: true }).fill('Took a hang-up call and a crash report; verified the location each time before anything else.');
    await page.getByRole('button', { name: 'Save DOR' }).click();
    await page.getByRole('alert').filter({ hasText: /rate every category: Stress management missing/ }).waitFor();
    await page.getByText('Stress management: rate from 1 to 7').waitFor();
    await screenshot(page, 'training-dor-refused');
    await page.getByLabel('Stress management', { exact: true }).selectOption('4');
    await page.getByRole('button', { name: 'Save DOR' }).click();
    await page.getByRole('status').filter({ hasText: 'DOR saved.' }).waitFor();
    await page.getByText('Daily observation reports (1)').waitFor();
    await page.getByText('Awaiting trainee').waitFor();

    // Phase sign-off refused while items are open, with the missing items named.
    const phase1 = page.getByRole('region', { name: /^Phase 1: Classroom and orientation/ });
    await phase1.getByRole('button', { name: 'Sign off: Centre policies and procedures reviewed' }).click();
    await phase1.getByText(/Dana Okafor, \d{4}-\d{2}-\d{2}/).waitFor();
    await phase1.getByRole('button', { name: /^Sign off Classroom and orientation/ }).click();
    await phase1.getByRole('alert').filter({ hasText: /3 checklist items open: Confidentiality and records access explained; CAD sign-in, incident entry and queue basics; Radio codes and phonetic alphabet/ }).waitFor();
    await screenshot(page, 'training-signoff-refused');
    expect(await axeViolations(page)).toEqual([]);

    for (const name of ['Phase 1: Classroom and orientation', 'Phase 2: Call-taking', 'Phase 3: Police dispatch', 'Phase 4: Fire and EMS dispatch']) await signOffPhase(page, name);
    await screenshot(page, 'training-phase-5');
    await signOffPhase(page, 'Phase 5: Solo and release');
    await page.getByText(`Released ${TODAY}`).waitFor();
    await page.getByRole('heading', { name: 'Sign-off trail' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'training-released');
    expect(await axeViolations(page)).toEqual([]);
    const trail = page.getByRole('region', { name: 'Sign-off trail' }).getByRole('row');
    expect(await trail.count()).toBe(1 + 20 + 5);

    // The released trainee's list entry.
    await page.getByRole('button', { name: '← All trainees' }).click();
    await page.getByLabel('Show').selectOption('released');
    await page.getByRole('row', { name: /Jordan Reyes/ }).getByText(`Released ${TODAY}`).waitFor();
    await screenshot(page, 'training-list');

    // Certification: APCO Public Safety Telecommunicator, with the scanned certificate.
    await page.getByRole('tab', { name: 'Certifications' }).click();
    await page.getByRole('heading', { name: /^Certifications/ }).waitFor();
    await page.getByRole('table').first().waitFor();
    await page.getByRole('button', { name: 'Record a certification' }).click();
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Jordan Reyes (centre)' });
    await page.getByLabel('Kind', { exact: true }).last().selectOption('APCO-PST');
    await page.getByLabel('Issued on').fill(TODAY);
    await page.getByLabel('Certificate number').fill('APCO-PST-55012');
    await page.getByLabel('Issuer').fill('APCO International');
    await page.getByLabel(/Scanned copy/).setInputFiles({ name: 'apco.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await screenshot(page, 'certification-record');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.getByLabel('Person, unit or number').fill('Jordan');
    const row = page.getByRole('row', { name: /Jordan Reyes/ });
    await row.getByRole('cell', { name: 'APCO Public Safety Telecommunicator', exact: true }).waitFor();
    await row.getByText('Valid', { exact: true }).waitFor();
    await row.getByRole('link', { name: /View/ }).waitFor();
    await page.getByLabel('Person, unit or number').fill('');
    // The demo's CIT officers are certified at spread dates: one lapses within the month.
    await page.getByLabel('Status').selectOption('expiring');
    await page.locator('table.cert-table tbody tr').first().getByText('Expiring', { exact: true }).waitFor();
    await expect.poll(() => page.locator('table.cert-table tbody tr').filter({ hasNotText: 'Expiring' }).count()).toBe(0);
    await screenshot(page, 'certifications-expiring');
    const expiring = await page.locator('table.cert-table tbody tr').count();
    await page.locator('table.cert-table tbody tr').first().getByRole('button', { name: /^Revoke / }).click();
    await page.getByLabel('Reason', { exact: true }).fill('Recorded in error');
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect.poll(() => page.locator('table.cert-table tbody tr').count()).toBe(expiring - 1);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Kind', { exact: true }).first().selectOption('CIT');
    await page.getByRole('row', { name: /Ofc\. CD-11/ }).waitFor();
    await screenshot(page, 'certifications-cit');

    // Moving a CIT-certified officer to another unit moves the CIT capability with them.
    await page.getByLabel('Officer', { exact: true }).selectOption({ label: 'Ofc. CD-11 (demo) (BPD, CD-11)' });
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'CD-12 (BPD patrol)' });
    await page.getByRole('button', { name: 'Save crew' }).click();
    await page.getByRole('status').filter({ hasText: /Ofc\. CD-11 \(demo\) is on CD-12\. CD-11 no longer has CIT; CD-12 now has CIT\./ }).waitFor();
    // Default validity is a setting of the centre.
    await page.getByRole('button', { name: 'Change CPR / BLS settings' }).click();
    await page.getByLabel('CPR / BLS: default validity in months (empty for none)').fill('18');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('row', { name: /CPR \/ BLS CPR 18 months/ }).waitFor();
    await page.getByRole('heading', { name: 'Unit crews' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'certifications-crew');
    expect(await axeViolations(page)).toEqual([]);
    const caps = await t.pool.query("SELECT call_sign, 'CIT' = ANY(capabilities) AS cit FROM units WHERE call_sign IN ('CD-11', 'CD-12') ORDER BY call_sign");
    expect(caps.rows).toEqual([{ call_sign: 'CD-11', cit: false }, { call_sign: 'CD-12', cit: true }]);

    const { rows } = await t.pool.query("SELECT c.kind_code, c.expires_on::text AS expires_on, c.document_sha256 IS NOT NULL AS scanned FROM certifications c JOIN staff_members s ON s.id = c.staff_member_id WHERE s.display_name = 'Jordan Reyes'");
    expect(rows).toEqual([{ kind_code: 'APCO-PST', expires_on: expect.any(String), scanned: true }]);
    expect(serverErrors).toEqual([]);
    expect(problems.filter((p) => !ENVIRONMENT_NOISE.test(p) && !/status of (409|422)/.test(p))).toEqual([]);
    await page.close();
  });
});
