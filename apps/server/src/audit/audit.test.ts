import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/helpers/test-server';
import { verifyAuditChain } from './verify-chain';

const run = promisify(execFile);
const PSAP = fileURLToPath(new URL('../../bin/psap.mjs', import.meta.url));

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer();
  const d = await t.as('dispatcher');
  for (let i = 0; i < 5; i++) {
    const inc = (await d.post('/api/v1/incidents', { type: 'NOISE', location: { text: `${100 + i} W Baltimore St` } })).body;
    await d.post(`/api/v1/incidents/${inc.id}/narrative`, { text: `note ${i}` });
  }
});
afterAll(() => t.close());

/** A DBA with direct database access, bypassing the append-only triggers. */
async function asDba(sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    await c.query('SET session_replication_role = replica');
    await c.query(sql, params);
  } finally {
    await c.end();
  }
}

async function psapAuditVerify(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [PSAP, 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: t.databaseUrl } });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

describe('audit log', () => {
  it('records every write with actor, address, before and after', async () => {
    const { rows } = await t.pool.query("SELECT actor_label, ip, before, after FROM audit_log WHERE action = 'incident.narrative' ORDER BY seq LIMIT 1");
    expect(rows[0].actor_label).toMatch(/^dispatcher/);
    expect(rows[0].ip).toMatch(/127\.0\.0\.1|::1/);
    expect(rows[0].after.text).toBe('note 0');
  });

  it('refuses updates and deletes through the normal path', async () => {
    await expect(t.pool.query("UPDATE audit_log SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.pool.query('DELETE FROM events WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain, from the API and from psap audit verify', async () => {
    const report = await verifyAuditChain(t.pool);
    expect(report.ok).toBe(true);
    expect(report.rows).toBeGreaterThan(10);
    const admin = await t.as('admin');
    expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true);
    const cli = await psapAuditVerify();
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/audit chain intact: \d+ rows/);
  });

  it('names the first altered row and exits non-zero', async () => {
    const { rows } = await t.pool.query("SELECT seq FROM audit_log WHERE action = 'incident.narrative' ORDER BY seq LIMIT 1 OFFSET 2");
    const seq = rows[0].seq as number;
    await asDba(`UPDATE audit_log SET after = jsonb_set(after, '{text}', '"nothing happened"') WHERE seq = $1`, [seq]);
    const report = await verifyAuditChain(t.pool);
    expect(report.ok).toBe(false);
    expect(report.firstBad).toEqual({ seq, reason: expect.stringContaining('altered') });
    const cli = await psapAuditVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`BROKEN at row ${seq}`);
  });

  it('detects a deleted tail row and a row inserted with a forged hash', async () => {
    const other = await createTestServer();
    try {
      const d = await other.as('dispatcher');
      await d.post('/api/v1/incidents', { type: 'NOISE', location: { text: '1 N Charles St' } });
      const { rows } = await other.pool.query('SELECT max(seq)::int AS last FROM audit_log');
      const c = new pg.Client({ connectionString: other.databaseUrl });
      await c.connect();
      await c.query('SET session_replication_role = replica');
      await c.query('DELETE FROM audit_log WHERE seq = $1', [rows[0].last]);
      let report = await verifyAuditChain(other.pool);
      expect(report.ok).toBe(false);
      expect(report.firstBad?.reason).toMatch(/deleted or added/);
      await c.query(
        "INSERT INTO audit_log (seq, at, actor_label, action, entity, prev_hash, hash) SELECT $1::bigint, now(), 'mallory', 'user.create', 'user', hash, repeat('f', 64) FROM audit_log WHERE seq = $1::bigint - 1",
        [rows[0].last],
      );
      report = await verifyAuditChain(other.pool);
      expect(report.firstBad?.seq).toBe(rows[0].last);
      await c.end();
    } finally {
      await other.close();
    }
  });
});
