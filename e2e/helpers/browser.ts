import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test-results', 'screens');

// A camera that needs no hardware (a moving test pattern), permission granted without a prompt,
// and host addresses in WebRTC candidates instead of mDNS names nobody here can resolve.
const FAKE_CAMERA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns'];

/**
 * Debian's Chromium, headless, with the flags this sandbox needs (no network, no GPU); a fresh
 * profile each launch. `fakeCamera` adds a simulated camera for pages that stream video.
 */
export async function launchBrowser(opts: { fakeCamera?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.fakeCamera ? FAKE_CAMERA : []),
    ],
  });
}

/** Collects console errors and warnings so a test can demand a clean console. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Signs in through the real sign-in page, as a person would. */
export async function signInPage(page: Page, baseUrl: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
