import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from './helpers/test-client';
import { freePort, runPsap, startPsap, waitReady, type PsapProcess } from './helpers/psap-process';

// This file runs `psap serve` exactly as an operator would: embedded PostgreSQL in a data
// directory, demo seed on first start. With DATABASE_URL set it uses that server instead.
const dataDir = mkdtempSync(join(tmpdir(), 'psap-crash-'));
const external = process.env.DATABASE_URL ?? '';
let running: PsapProcess | null = null;

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function postmasterPid(): number | null {
  const f = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : null;
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function signIn(url: string): Promise<TestClient> {
  const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
  const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
  const c = new TestClient(url);
  const r = await c.post('/api/v1/auth/login', { username, password });
  expect(r.status).toBe(200);
  return c;
}

describe.skipIf(external !== '')('psap serve on the embedded PostgreSQL', () => {
  it('keeps every acknowledged write through kill -9 during a burst, and restarts cleanly', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn' };
    running = startPsap(['serve'], env);
    await waitReady(url, running);
    expect(running.output()).toContain('demo jurisdiction loaded');
    expect(readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n')).toHaveLength(7);
    const d = await signIn(url);

    // A console listening through the crash.
    const s = d.stream('since=0');
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');

    const acknowledged: { id: number; number: string }[] = [];
    let failures = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const r = await d.post('/api/v1/incidents', { type: 'SUSP', location: { text: `${acknowledged.length} N Eutaw St` } });
          if (r.status === 201) acknowledged.push({ id: r.body.id, number: r.body.number });
          else failures++;
        } catch {
          failures++;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 10));
    running.child.kill('SIGKILL');
    await running.exited;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(workers);
    const cursorBeforeCrash = s.cursor;
    await s.until(() => s.closeCode !== null, 'socket closed by the crash');

    const orphan = postmasterPid();
    expect(orphan).not.toBeNull();

    running = startPsap(['serve'], env);
    await waitReady(url, running);
    expect(running.output()).not.toContain('demo jurisdiction loaded'); // seeded once, credentials unchanged
    if (orphan && orphan !== postmasterPid()) expect(alive(orphan)).toBe(false);

    const d2 = await signIn(url);
    for (const a of acknowledged) {
      const r = await d2.get(`/api/v1/incidents/${a.id}`);
      expect(r.status, `acknowledged incident ${a.number} lost`).toBe(200);
      expect(r.body.number).toBe(a.number);
    }
    // Incident numbers stay gap-free within what was committed, and events stay gap-free.
    const all = (await d2.get('/api/v1/incidents?status=all&limit=500')).body as { number: string }[];
    const nums = all.map((i) => Number(i.number.slice(5))).sort((a, b) => a - b);
    expect(nums).toEqual(Array.from({ length: nums.length }, (_, i) => i + 1));

    // The console resumes where it was: every event once, in order, none missing.
    const resumed = d2.stream(`since=${cursorBeforeCrash}`);
    const head = (await d2.get('/api/v1/events?since=0&limit=1')).body.head as number;
    await resumed.until(() => resumed.cursor >= head && resumed.messages.some((m) => m.type === 'caught-up'), 'resume to head');
    const seen = [...s.events, ...resumed.events].map((e) => e.seq);
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    await resumed.close();

    const verify = await runPsap(['audit', 'verify'], { PSAP_DATA_DIR: dataDir });
    expect(verify.code, verify.out).toBe(0);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('stopped cleanly');
    const pid = postmasterPid();
    expect(pid === null || !alive(pid)).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    void failures;
  });

  it('starts again on the same data after a clean stop, and refuses a second server on it', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    running = startPsap(['serve'], { PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn' });
    await waitReady(url, running);
    const d = await signIn(url);
    expect((await d.get('/api/v1/incidents?status=all&limit=1')).body.length).toBe(1);
    const second = await runPsap(['serve'], { PSAP_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.out).toContain('another psap serve');
    // A CLI command shares the running cluster.
    const list = await runPsap(['users', 'list'], { PSAP_DATA_DIR: dataDir });
    expect(list.code).toBe(0);
    expect(list.out).toContain('dispatcher');
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  });
});
