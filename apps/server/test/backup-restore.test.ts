import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runPsap, startPsap, waitReady, type PsapProcess } from './helpers/psap-process';
import { TestClient } from './helpers/test-client';

// psap backup and psap restore end to end, as an operator runs them: a backup taken while the
// server works, more written afterwards, the server stopped, the backup restored, the server
// started again: exactly the backup's incidents and events, and the audit chain verifies.
const dataDir = mkdtempSync(join(tmpdir(), 'psap-backup-'));
const file = join(dataDir, 'centre.backup.gz');
let running: PsapProcess | null = null;
afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ url: string; d: TestClient }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  running = startPsap(['serve'], { PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn' });
  await waitReady(url, running, 240_000); // the shared test machine can be slow to start a server
  const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
  const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
  const d = new TestClient(url);
  expect((await d.post('/api/v1/auth/login', { username, password })).status).toBe(200);
  return { url, d };
}

async function stop(): Promise<void> {
  running!.child.kill('SIGTERM');
  await running!.exited;
}

describe.skipIf((process.env.DATABASE_URL ?? '') !== '')('psap backup and psap restore', () => {
  it('restores exactly what the backup held, with a verifying audit chain', async () => {
    const env = { PSAP_DATA_DIR: dataDir };
    let { d } = await start();
    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.push((await d.post('/api/v1/incidents', { type: 'SUSP', location: { text: `${100 + i} N Charles St` } })).body.number);
    const headAtBackup = (await d.get('/api/v1/events?since=0&limit=1')).body.head as number;

    const backup = await runPsap(['backup', file], env); // while the server runs
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/backup written to .*: \d+ rows in \d+ tables/);
    expect(existsSync(file)).toBe(true);

    const after: string[] = [];
    for (let i = 0; i < 3; i++) after.push((await d.post('/api/v1/incidents', { type: 'FALL', location: { text: `${200 + i} N Charles St` } })).body.number);
    expect((await d.get('/api/v1/events?since=0&limit=1')).body.head).toBeGreaterThan(headAtBackup);

    const refused = await runPsap(['restore', file], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('stop every server before restoring');

    await stop();
    const restore = await runPsap(['restore', file], env);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toContain('restored');
    const verify = await runPsap(['audit', 'verify'], env);
    expect(verify.code, verify.out).toBe(0);

    ({ d } = await start());
    const numbers = ((await d.get('/api/v1/incidents?status=all&limit=500')).body as { number: string }[]).map((i) => i.number);
    expect(numbers.sort()).toEqual([...before].sort());
    expect((await d.get('/api/v1/events?since=0&limit=1')).body.head).toBe(headAtBackup);
    // Ids and numbers continue after the restored ones, not from where the lost writes had left them.
    const next = await d.post('/api/v1/incidents', { type: 'FALL', location: { text: '300 N Charles St' } });
    expect(next.status).toBe(201);
    expect(next.body.number).toBe(after[0]);
    const stream = d.stream(`since=${headAtBackup}`);
    await stream.until(() => stream.events.some((e) => e.seq === headAtBackup + 1), 'the first event after the restore');
    await stream.close();
    await stop();
  }, 300_000);
});
