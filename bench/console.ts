// Console benchmark: from signing in to a usable map showing the whole demo roster, in Debian's
// Chromium against `psap serve` on a fresh embedded PostgreSQL with the demo jurisdiction.
//
//   npm run bench -- console [--runs 5] [--json]
//
// "Usable" = the map has loaded its style and first tiles and draws all 150 units.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, waitReady, type PsapProcess } from '../apps/server/test/helpers/psap-process';
import { launchBrowser } from '../e2e/helpers/browser';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-bench-console-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [resolve(import.meta.dirname, '../apps/server/bin/psap.mjs'), 'serve'], { env: { ...process.env, PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const proc: PsapProcess = { child, output: () => out, exited: new Promise((r) => child.on('exit', r)) };
  const browser = await launchBrowser();
  try {
    await waitReady(url, proc);
    const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
    const signInToMap: number[] = [];
    const signInToFloor: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1600, height: 950 } });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.getByLabel('Username').fill(username!);
      await page.getByLabel('Password').fill(password!);
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: /Units/ }).waitFor();
      signInToFloor.push(Date.now() - t0);
      await page.waitForSelector('.map-canvas[data-ready="true"]', { timeout: 60_000 });
      await page.waitForFunction(() => Number(document.querySelector('.map-canvas')?.getAttribute('data-units')) >= 150, undefined, { timeout: 60_000 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      signInToMap.push(Date.now() - t0);
      await ctx.close();
    }
    const result = {
      benchmark: 'console',
      runs: RUNS,
      sign_in_to_floor_ms_median: median(signInToFloor),
      sign_in_to_map_with_roster_ms_median: median(signInToMap),
      sign_in_to_map_with_roster_ms_all: signInToMap,
      units: 150,
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, Debian Chromium, software WebGL`,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(40)} ${Array.isArray(v) ? v.join(', ') : v}\n`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await proc.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
