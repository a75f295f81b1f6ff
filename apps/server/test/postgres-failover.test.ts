import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { hostsOf } from '../src/db/primary-finder';
import { CallReplayDriver, MONTCO_FILE, readMontcoCalls } from './helpers/call-replay';
import { freePort, startPsap, waitReady, type PsapProcess } from './helpers/psap-process';
import { gapsAndRepeats, missingAcknowledgedWrites } from './helpers/replay-checks';
import { findSystemPostgres, startPrimary, startStandby, type PgCluster } from './helpers/system-postgres';
import { TestClient } from './helpers/test-client';

// PostgreSQL high availability: a primary with a synchronous streaming-replication standby
// (pg_basebackup -R), two `psap serve` on a DATABASE_URL that lists both hosts with
// target_session_attrs=read-write. The primary is killed (-9) in the middle of a replayed call
// history and the standby promoted: the servers find the new primary by themselves, every write
// they had acknowledged is on it, and their consoles carry on without a gap.
const pgsys = findSystemPostgres();
const skip = !pgsys ? 'PostgreSQL 15+ binaries not found under /usr/lib/postgresql (apt-get install postgresql-15)' : !existsSync(MONTCO_FILE) ? `call history not found at ${MONTCO_FILE}` : process.env.DATABASE_URL ? 'runs once, in the pass without DATABASE_URL (it starts its own PostgreSQL)' : '';
if (skip) process.stderr.write(`postgres-failover.test.ts skipped: ${skip}\n`);

const dirs: string[] = [];
const servers: PsapProcess[] = [];
const clusters: PgCluster[] = [];
afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) {
    s.child.kill('SIGTERM');
    await s.exited;
  }
  for (const c of clusters) c.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(databaseUrl: string): Promise<{ url: string; proc: PsapProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-ha-'));
  dirs.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startPsap(['serve'], { DATABASE_URL: databaseUrl, PSAP_DATA_DIR: dataDir, PORT: String(port), PSAP_LOG_LEVEL: 'warn' });
  servers.push(proc);
  await waitReady(url, proc);
  return { url, proc, dataDir };
}

describe('DATABASE_URL with several hosts', () => {
  it('reads the hosts from the authority or from ?host= and keeps the other settings', () => {
    const a = hostsOf('postgresql://psap:secret@db1:5432,db2:5433/psap?target_session_attrs=read-write&sslmode=require')!;
    expect(a.hosts).toEqual([{ host: 'db1', port: '5432' }, { host: 'db2', port: '5433' }]);
    expect(a.readWrite).toBe(true);
    expect(a.singleHostUrl(a.hosts[1]!)).toBe('postgresql://psap:secret@localhost/psap?host=db2&port=5433&sslmode=require');
    const b = hostsOf('postgres://postgres@localhost/postgres?host=%2Frun%2Fa,%2Frun%2Fb&port=5432,5433')!;
    expect(b.hosts).toEqual([{ host: '/run/a', port: '5432' }, { host: '/run/b', port: '5433' }]);
    expect(b.readWrite).toBe(false);
    expect(hostsOf('postgresql://postgres@db1:5432/psap')).toBeNull();
  });
});

describe.skipIf(skip !== '')('PostgreSQL failover under a replayed call history (primary + synchronous standby, PostgreSQL 15)', () => {
  it('servers follow the promoted standby and no acknowledged write is lost', async () => {
    const primary = startPrimary(pgsys!, 5432, ["synchronous_standby_names = 'standby1'", 'synchronous_commit = on']);
    clusters.push(primary);
    const standby = startStandby(pgsys!, primary, 5433, 'standby1');
    clusters.push(standby);
    const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(primary.dir)},${encodeURIComponent(standby.dir)}&port=5432,5433&target_session_attrs=read-write`;
    const a = await serve(url);
    const b = await serve(url);

    const creds = readFileSync(join(a.dataDir, 'demo-credentials.txt'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    const [, username, password] = creds.find((c) => c[0] === 'dispatcher')!;
    const viaA = new TestClient(a.url);
    expect((await viaA.post('/api/v1/auth/login', { username, password })).status).toBe(200);
    const viaB = new TestClient(b.url);
    viaB.cookie = viaA.cookie;
    const onA = viaA.stream('since=0');
    const onB = viaB.stream('since=0');
    await onA.until(() => onA.messages.some((m) => m.type === 'caught-up'), 'caught-up');
    await onB.until(() => onB.messages.some((m) => m.type === 'caught-up'), 'caught-up');

    const calls = readMontcoCalls(MONTCO_FILE, { from: '2016-02-01 08:00', limit: 400 });
    const driver = new CallReplayDriver({ baseUrl: a.url, servers: [a.url, b.url], headers: { cookie: viaA.cookie! }, speed: 3000 });
    const replaying = driver.replay(calls);
    const ackedIncidents = () => driver.writes.filter((w) => w.step === 'incident' && w.status === 201).length;
    while (ackedIncidents() < 20) await new Promise((r) => setTimeout(r, 20));

    primary.kill9();
    const atKill = driver.writes.length;
    standby.promote();
    // The promoted server has no standby of its own yet: still asking for a synchronous one, it
    // would hold every commit forever. Part of the failover: stop requiring one until a new standby
    // is attached (the window in which a second loss would lose acknowledged writes).
    const admin = new pg.Client({ connectionString: standby.url });
    await admin.connect();
    await admin.query("ALTER SYSTEM SET synchronous_standby_names = ''");
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
    // Both servers write again, through the new primary, without a restart.
    const okAfter = (server: string) => driver.writes.slice(atKill).filter((w) => w.server === server && w.step === 'incident' && w.status === 201).length;
    const deadline = Date.now() + 60_000;
    while ((okAfter(a.url) < 5 || okAfter(b.url) < 5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    driver.stop();
    await replaying;
    expect(okAfter(a.url), a.proc.output()).toBeGreaterThanOrEqual(5);
    expect(okAfter(b.url), b.proc.output()).toBeGreaterThanOrEqual(5);
    expect(a.proc.output()).toContain('database primary is now host 2 of 2');

    expect(await missingAcknowledgedWrites(viaA, driver.writes)).toEqual([]);
    const head = (await viaA.get('/api/v1/events?since=0&limit=1')).body.head as number;
    await onA.until(() => onA.cursor >= head, 'console on A at the head', 30_000);
    await onB.until(() => onB.cursor >= head, 'console on B at the head', 30_000);
    expect(gapsAndRepeats(onA.events.map((e) => e.seq), head)).toEqual([]);
    expect(gapsAndRepeats(onB.events.map((e) => e.seq), head)).toEqual([]);
    await Promise.all([onA.close(), onB.close()]);
  }, 300_000);
});
