import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CallReplayDriver, MONTCO_FILE, readMontcoCalls } from './helpers/call-replay';
import { freePort, runPsap, startPsap, waitReady, type PsapProcess } from './helpers/psap-process';
import { gapsAndRepeats, missingAcknowledgedWrites } from './helpers/replay-checks';
import { TestClient } from './helpers/test-client';

// kill -9 of `psap serve` while a real call history is replayed through it (calls, incidents,
// dispatches, unit statuses, closures from several calls at once): after the restart every write
// that was acknowledged is there, and a console that was listening resumes from its cursor with
// every event once.
const external = process.env.DATABASE_URL ?? '';
const dataDir = mkdtempSync(join(tmpdir(), 'psap-replay-crash-'));
let running: PsapProcess | null = null;

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(url: string): Promise<TestClient> {
  const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
  const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
  const c = new TestClient(url);
  expect((await c.post('/api/v1/auth/login', { username, password })).status).toBe(200);
  return c;
}

describe.skipIf(external !== '' || !existsSync(MONTCO_FILE))('kill -9 under a replayed call history (embedded PostgreSQL; needs ../shared/data/cfs)', () => {
  it('loses no acknowledged write and the console resumes without a gap', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn' };
    running = startPsap(['serve'], env);
    await waitReady(url, running);
    const d = await signIn(url);
    const consoleBefore = d.stream('since=0');
    await consoleBefore.until(() => consoleBefore.messages.some((m) => m.type === 'caught-up'), 'caught-up');

    // A busy morning at 3000x: about a dozen calls a second, each with its own steps in flight.
    const calls = readMontcoCalls(MONTCO_FILE, { from: '2016-01-11 07:00', limit: 400 });
    const driver = new CallReplayDriver({ baseUrl: url, headers: { cookie: d.cookie! }, speed: 3000 });
    const replaying = driver.replay(calls);
    const acked = (step: string) => driver.writes.filter((w) => w.step === step && w.status >= 200 && w.status < 300).length;
    while (acked('incident') < 40 || acked('status') < 20) {
      if (running.child.exitCode !== null) throw new Error(running.output());
      await new Promise((r) => setTimeout(r, 20));
    }
    process.stderr.write(`killing with ${acked('incident')} incidents acknowledged\n`);
    running.child.kill('SIGKILL');
    await running.exited;
    driver.stop();
    await replaying;
    await consoleBefore.until(() => consoleBefore.closeCode !== null, 'socket closed by the crash');
    const cursor = consoleBefore.cursor;
    const failed = driver.writes.filter((w) => w.status === 0).length;

    running = startPsap(['serve'], env);
    await waitReady(url, running);
    const d2 = await signIn(url);
    process.stderr.write('restarted\n');
    expect(await missingAcknowledgedWrites(d2, driver.writes)).toEqual([]);

    const resumed = d2.stream(`since=${cursor}`);
    const head = (await d2.get('/api/v1/events?since=0&limit=1')).body.head as number;
    await resumed.until(() => resumed.cursor >= head && resumed.messages.some((m) => m.type === 'caught-up'), 'resume to head', 30_000);
    expect(gapsAndRepeats([...consoleBefore.events, ...resumed.events].map((e) => e.seq), head)).toEqual([]);
    // Every acknowledged write's event is among them.
    const seen = new Set([...consoleBefore.events, ...resumed.events].map((e) => e.seq));
    expect(driver.writes.filter((w) => w.seq !== null && w.status < 300 && !seen.has(w.seq))).toEqual([]);
    await resumed.close();

    const verify = await runPsap(['audit', 'verify'], { PSAP_DATA_DIR: dataDir });
    expect(verify.code, verify.out).toBe(0);
    expect(acked('incident')).toBeGreaterThanOrEqual(40);
    void failed;
  }, 300_000);
});
