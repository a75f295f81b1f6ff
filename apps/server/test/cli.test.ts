import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestServer, type TestServer } from './helpers/test-server';
import { TestClient } from './helpers/test-client';
import { runPsap } from './helpers/psap-process';

let dbUrl: string;
let t: TestServer;

beforeAll(async () => {
  dbUrl = (await createTestDatabase()).url;
  t = await createTestServer({ databaseUrl: dbUrl });
});
afterAll(() => t.close());

describe('psap command line', () => {
  it('explains itself and every command', async () => {
    const help = await runPsap(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['serve', 'db migrate', 'users add', 'users list', 'users reset-password', 'audit verify']) expect(help.out).toContain(`psap ${c}`);
    for (const c of [['serve'], ['db', 'migrate'], ['users', 'add'], ['users', 'list'], ['users', 'reset-password'], ['audit', 'verify'], ['tokens', 'create']]) {
      const h = await runPsap([...c, '--help']);
      expect(h.code, c.join(' ')).toBe(0);
      expect(h.out).toContain('Usage: psap');
    }
    expect((await runPsap([])).code).toBe(2);
    const unknown = await runPsap(['launch']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('unknown command');
  });

  it('rejects bad flags and environment at boot with a clear message', async () => {
    const port = await runPsap(['serve', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.out).toContain('PORT must be a whole number');
    const range = await runPsap(['serve'], { PORT: '70000', PSAP_IDLE_LOCK_MINUTES: '0' });
    expect(range.code).toBe(2);
    expect(range.out).toContain('PORT must be at most 65535');
    expect(range.out).toContain('PSAP_IDLE_LOCK_MINUTES must be at least 1');
    const url = await runPsap(['serve'], { DATABASE_URL: 'mysql://x' });
    expect(url.code).toBe(2);
    expect(url.out).toContain('DATABASE_URL must start with postgres');
    const flag = await runPsap(['serve', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.out).toMatch(/Unknown option '--colour'/);
  });

  it('adds, lists and resets users; a new user can sign in', async () => {
    const env = { DATABASE_URL: dbUrl };
    const bad = await runPsap(['users', 'add', '--username', 'kim', '--role', 'chief'], env);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--role: must be one of');
    const add = await runPsap(['users', 'add', '--username', 'kim.lee', '--role', 'dispatcher', '--name', 'Kim Lee'], env);
    expect(add.code).toBe(0);
    const password = /password: (\S+)/.exec(add.out)![1]!;
    expect((await runPsap(['users', 'add', '--username', 'kim.lee', '--role', 'dispatcher'], env)).code).toBe(1);
    const list = await runPsap(['users', 'list', '--json'], env);
    const users = JSON.parse(list.out.trim().split('\n').at(-1)!);
    expect(users.find((u: any) => u.username === 'kim.lee')).toMatchObject({ role: 'dispatcher', displayName: 'Kim Lee' });
    expect(JSON.stringify(users)).not.toContain('argon2');
    const c = new TestClient(t.url);
    expect((await c.post('/api/v1/auth/login', { username: 'kim.lee', password })).status).toBe(200);
    const reset = await runPsap(['users', 'reset-password', 'kim.lee', '--password', 'correct horse battery'], env);
    expect(reset.code).toBe(0);
    expect((await c.get('/api/v1/incidents')).status).toBe(401); // sessions ended by the reset
    expect((await c.post('/api/v1/auth/login', { username: 'kim.lee', password: 'correct horse battery' })).status).toBe(200);
    expect((await runPsap(['users', 'reset-password', 'nobody'], env)).code).toBe(1);
  });

  it('creates an API token that works against the API', async () => {
    const env = { DATABASE_URL: dbUrl };
    await runPsap(['users', 'add', '--username', 'gateway', '--role', 'call-taker'], env);
    const created = await runPsap(['tokens', 'create', '--username', 'gateway', '--name', 'alarm gateway', '--days', '30'], env);
    expect(created.code).toBe(0);
    const token = /(psap_\S+)/.exec(created.out)![1]!;
    const c = new TestClient(t.url);
    c.token = token;
    const call = await c.post('/api/v1/calls', { source: 'alarm', notes: 'zone 4 smoke' });
    expect(call.status).toBe(201);
    expect((await runPsap(['tokens', 'list'], env)).out).toContain('alarm gateway');
    const id = /token (\d+) for/.exec(created.out)![1]!;
    expect((await runPsap(['tokens', 'revoke', id], env)).code).toBe(0);
    expect((await c.get('/api/v1/calls')).status).toBe(401);
  });

  it('shows the outbox of the local messaging stand-in, newest first, filtered by recipient, and audits the look', async () => {
    const env = { DATABASE_URL: dbUrl };
    await t.pool.query(
      `INSERT INTO outbound_messages (channel, recipient, subject, body, purpose, gateway, status, sent_at) VALUES
         ('email', 'Owner@Example.org', 'Your sign-in link', 'Open http://x/public/cameras/link/abc', 'camera-owner.sign-in', 'local', 'sent', now()),
         ('sms', '4105550123', NULL, 'Send your photos: http://x/w/def', 'evidence.upload-link', 'local', 'sent', now())`,
    );
    const all = await runPsap(['messages', 'list', '--limit', '2'], env);
    expect(all.code).toBe(0);
    expect(all.out.indexOf('sms to 4105550123')).toBeLessThan(all.out.indexOf('email to Owner@Example.org'));
    expect(all.out).toContain('  Open http://x/public/cameras/link/abc');
    const phone = await runPsap(['messages', 'list', '--to', '+1 (410) 555-0123', '--json'], env);
    expect(JSON.parse(phone.out.trim().split('\n').at(-1)!).map((m: { body: string }) => m.body)).toEqual(['Send your photos: http://x/w/def']);
    const mail = await runPsap(['messages', 'list', '--to', 'owner@example.org', '--json'], env);
    expect(JSON.parse(mail.out.trim().split('\n').at(-1)!)).toHaveLength(1);
    expect((await runPsap(['messages', 'list', '--limit', '0'], env)).code).toBe(2);
    const audited = await t.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'messages.list'`);
    expect(audited.rows[0].n).toBe(3);
  });

  it('geocodes, routes and recommends on the demo jurisdiction', async () => {
    const env = { DATABASE_URL: dbUrl };
    const g = await runPsap(['geocode', 'n charles & e 25th', '--json'], env);
    expect(g.code, g.out).toBe(0);
    const candidates = JSON.parse(g.out.trim().split('\n').at(-1)!);
    expect(candidates[0]).toMatchObject({ matchType: 'intersection', label: 'N CHARLES ST & E 25TH ST' });
    expect(candidates[0].zoneIds['police-district']).toBeDefined();
    const rev = await runPsap(['geocode', '--reverse', '39.2904,-76.6122', '--json'], env);
    expect(JSON.parse(rev.out.trim().split('\n').at(-1)!)[0].matchType).toBe('address');
    const route = await runPsap(['route', '39.2904,-76.6122', '39.3289,-76.6205', '--json'], env);
    const r = JSON.parse(route.out.trim().split('\n').at(-1)!);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.meters).toBeGreaterThan(4000);
    expect(r.geometry[0]).toHaveLength(2);
    const rec = await runPsap(['recommend', '--type', 'FSTRU', '--at', '39.29057,-76.61037'], env);
    expect(rec.code, rec.out).toBe(0);
    expect(rec.out).toContain('Structure fire (alarm 1)');
    expect(rec.out).toMatch(/E-\d+ +Engines/);
    expect((await runPsap(['recommend', '--type', 'FIRE', '--at', '39.29,-76.61'], env)).out).toContain('--type: "FIRE" is not an APCO');
    expect((await runPsap(['route', '39.29'], env)).code).toBe(2);
  });

  it('exports and imports response plans', async () => {
    const env = { DATABASE_URL: dbUrl };
    const exported = await runPsap(['plans', 'export'], env);
    const doc = JSON.parse(exported.out.slice(exported.out.indexOf('{')));
    expect(doc.plans.length).toBeGreaterThan(20);
    const dir = mkdtempSync(join(tmpdir(), 'psap-plans-'));
    writeFileSync(join(dir, 'plans.json'), JSON.stringify(doc));
    expect((await runPsap(['plans', 'import', join(dir, 'plans.json')], env)).out).toContain(`${doc.plans.length} response plans imported`);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ plans: [{ name: 'x', requirements: [] }] }));
    const bad = await runPsap(['plans', 'import', join(dir, 'bad.json')], env);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('plans.0.requirements');
  });

  it('migrates on demand', async () => {
    const m = await runPsap(['db', 'migrate'], { DATABASE_URL: dbUrl });
    expect(m.code).toBe(0);
    expect(m.out).toContain('schema up to date');
  });
});
