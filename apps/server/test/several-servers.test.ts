import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CallReplayDriver, MONTCO_FILE, readMontcoCalls } from './helpers/call-replay';
import { freePort, startPsap, waitReady, type PsapProcess } from './helpers/psap-process';
import { gapsAndRepeats, missingAcknowledgedWrites } from './helpers/replay-checks';
import { findSystemPostgres, startPrimary, type PgCluster } from './helpers/system-postgres';
import { TestClient, type StreamClient } from './helpers/test-client';

// Two `psap serve` processes on one external PostgreSQL (the machine's postgresql-15, started here
// in a temporary directory) while a call history is replayed through both, as a load balancer
// would spread it. A console on each server must see every event, whichever server took the write;
// after kill -9 of one server its console reconnects to the other with its cursor and loses nothing.
const pgsys = findSystemPostgres();
const skip = !pgsys ? 'PostgreSQL 15+ binaries not found under /usr/lib/postgresql (apt-get install postgresql-15)' : !existsSync(MONTCO_FILE) ? `call history not found at ${MONTCO_FILE}` : process.env.DATABASE_URL ? 'runs once, in the pass without DATABASE_URL (it starts its own PostgreSQL)' : '';
if (skip) process.stderr.write(`several-servers.test.ts skipped: ${skip}\n`);

const dirs: string[] = [];
const servers: PsapProcess[] = [];
let cluster: PgCluster | null = null;
afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) {
    s.child.kill('SIGTERM');
    await s.exited;
  }
  cluster?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(databaseUrl: string): Promise<{ url: string; proc: PsapProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-multi-'));
  dirs.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startPsap(['serve'], { DATABASE_URL: databaseUrl, PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn' });
  servers.push(proc);
  await waitReady(url, proc);
  return { url, proc, dataDir };
}

async function caughtUp(s: StreamClient): Promise<void> {
  await s.until(() => s.messages.some((m) => m.type === 'caught-up'), 'caught-up');
}

describe.skipIf(skip !== '')('two psap serve processes on one PostgreSQL 15 under a replayed call history', () => {
  it('delivers writes made through either server to consoles on both, and a killed server\'s console resumes on the other without loss', async () => {
    cluster = startPrimary(pgsys!, 5432);
    const a = await serve(cluster.url); // seeds the demo and writes its credentials
    const b = await serve(cluster.url);
    const creds = readFileSync(join(a.dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
    const viaA = new TestClient(a.url);
    expect((await viaA.post('/api/v1/auth/login', { username, password })).status).toBe(200);
    // Sessions live in the database: the same cookie signs in on the other server.
    const viaB = new TestClient(b.url);
    viaB.cookie = viaA.cookie;
    const onA = viaA.stream('since=0');
    const onB = viaB.stream('since=0');
    await Promise.all([caughtUp(onA), caughtUp(onB)]);

    const calls = readMontcoCalls(MONTCO_FILE, { from: '2016-01-11 07:00', limit: 300 });
    const driver = new CallReplayDriver({ baseUrl: a.url, servers: [a.url, b.url], headers: { cookie: viaA.cookie! }, speed: 3000 });
    const replaying = driver.replay(calls);
    const acked = (server?: string) => driver.writes.filter((w) => w.status >= 200 && w.status < 300 && w.step === 'incident' && (!server || w.server === server)).length;
    while (acked(a.url) < 15 || acked(b.url) < 15) await new Promise((r) => setTimeout(r, 20));

    a.proc.child.kill('SIGKILL');
    await a.proc.exited;
    await onA.until(() => onA.closeCode !== null, 'console on the killed server dropped');
    // Its console comes back through the surviving server, from where it was.
    const resumedOnB = viaB.stream(`since=${onA.cursor}`);
    const atKill = acked(b.url);
    while (acked(b.url) < atKill + 15) await new Promise((r) => setTimeout(r, 20));
    driver.stop();
    await replaying;

    expect(await missingAcknowledgedWrites(viaB, driver.writes)).toEqual([]);
    const head = (await viaB.get('/api/v1/events?since=0&limit=1')).body.head as number;
    await resumedOnB.until(() => resumedOnB.cursor >= head, 'resumed console at the head', 30_000);
    await onB.until(() => onB.cursor >= head, 'console on B at the head', 30_000);
    expect(gapsAndRepeats(onB.events.map((e) => e.seq), head)).toEqual([]);
    expect(gapsAndRepeats([...onA.events, ...resumedOnB.events].map((e) => e.seq), head)).toEqual([]);
    // Writes through A reached the console on B and the other way round, before the kill too.
    const onAseqs = new Set(onA.events.map((e) => e.seq));
    const onBseqs = new Set(onB.events.map((e) => e.seq));
    const okWithSeq = driver.writes.filter((w) => w.seq !== null && w.status < 300);
    expect(okWithSeq.filter((w) => w.server === a.url).length).toBeGreaterThan(0);
    expect(okWithSeq.filter((w) => w.server === a.url && !onBseqs.has(w.seq!))).toEqual([]);
    const bBeforeKill = okWithSeq.filter((w) => w.server === b.url && w.seq! <= onA.cursor);
    expect(bBeforeKill.length).toBeGreaterThan(0);
    expect(bBeforeKill.filter((w) => !onAseqs.has(w.seq!))).toEqual([]);
    await Promise.all([onB.close(), resumedOnB.close()]);
  }, 300_000);
});
