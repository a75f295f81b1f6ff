import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runPsap, startPsap, waitReady, type PsapProcess } from './helpers/psap-process';
import { TestClient } from './helpers/test-client';

// Logs go to files, terminals and log shippers that many people can read. Whatever a person types
// as a password, and every bearer secret the server hands out (session cookies, API tokens), must
// never appear in them, at the most verbose level an operator would turn on.
const dataDir = mkdtempSync(join(tmpdir(), 'psap-logs-'));
let running: PsapProcess | null = null;
afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf((process.env.DATABASE_URL ?? '') !== '')('secrets stay out of the logs', () => {
  it('logs no password, session cookie or API token through sign-in, failures, tokens and the stream', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    running = startPsap(['serve'], { PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'debug' });
    await waitReady(url, running);
    // The first start prints the demo accounts' generated passwords once, on purpose, for the
    // person starting a demo; everything after that is what a running centre logs.
    const from = running.output().length;
    const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;

    const secrets: string[] = [password!];
    const person = new TestClient(url);
    const wrong = `Wrong-${Math.random().toString(36).slice(2)}-Passw0rd`;
    secrets.push(wrong);
    expect((await person.post('/api/v1/auth/login', { username, password: wrong })).status).toBe(401);
    expect((await person.post('/api/v1/auth/login', { username: 'no-such-user', password: wrong })).status).toBe(401);
    expect((await person.post('/api/v1/auth/login', { username, password })).status).toBe(200);
    secrets.push(person.cookie!.split('=')[1]!);
    const token = (await person.post('/api/v1/auth/tokens', { name: 'log check' })).body.token as string;
    expect(token).toMatch(/^psap_/);
    secrets.push(token);

    const api = new TestClient(url);
    api.token = token;
    expect((await api.get('/api/v1/incidents?status=all')).status).toBe(200);
    expect((await api.post('/api/v1/incidents', { type: 'SUSP', location: { text: '100 N Holliday St' } })).status).toBe(201);
    const bad = new TestClient(url);
    bad.token = `${token.slice(0, -4)}xxxx`; // a wrong token must not be logged either
    secrets.push(bad.token);
    expect((await bad.get('/api/v1/incidents')).status).toBe(401);
    const s = person.stream('since=0');
    await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    await s.close();
    const cli = await runPsap(['users', 'list'], { PSAP_DATA_DIR: dataDir });
    expect(cli.code).toBe(0);

    running.child.kill('SIGTERM');
    await running.exited;
    const logs = running.output().slice(from) + cli.out;
    expect(logs.length).toBeGreaterThan(0);
    expect(secrets.filter((x) => logs.includes(x))).toEqual([]);
    // Nor the parts a log might cut a secret into.
    expect(secrets.filter((x) => x.length >= 24 && logs.includes(x.slice(0, 24)))).toEqual([]);
  }, 240_000);
});
