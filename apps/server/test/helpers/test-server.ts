import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '@openpsap/contract';
import { loadConfig, type AuthConfig } from '../../src/config/config';
import { openDatabase } from '../../src/db/database';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { createUser } from '../../src/modules/users/users.commands';
import { systemActor } from '../../src/events/actor';
import { withDatabase } from '../global-setup';
import type { Clock } from '../../src/scheduler/clock';
import { TestClient } from './test-client';

/** A client signed in as a freshly created user. */
export type SignedInClient = TestClient & { username: string; password: string; userId: number };

export interface TestServer {
  server: RunningServer;
  url: string;
  pool: pg.Pool;
  databaseUrl: string;
  /** A signed-in client for a fresh user with the given role. */
  as(role: Role, extra?: { agencyId?: number; unitId?: number; username?: string }): Promise<SignedInClient>;
  anonymous(): TestClient;
  close(): Promise<void>;
}

/** A fresh database cloned from the seeded template, for one test file. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const { adminUrl, template, runId } = inject('pg');
  const name = `psap_t_${runId}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return { name, url: withDatabase(adminUrl, name) };
}

/** A real server (HTTP and WebSocket on a free port) on its own database. */
export async function createTestServer(
  opts: { auth?: Partial<AuthConfig>; databaseUrl?: string; heartbeatSeconds?: number; webDir?: string; geography?: boolean; clock?: Clock; scheduler?: boolean; timeZone?: string; trustProxy?: string } = {},
): Promise<TestServer> {
  const databaseUrl = opts.databaseUrl ?? (await createTestDatabase()).url;
  const config = loadConfig({}, { PORT: '0', PSAP_SEED_DEMO: '0', PSAP_DATA_DIR: mkdtempSync(join(tmpdir(), 'psap-data-')), DATABASE_URL: databaseUrl });
  // One hierarchy cache for the run: the demo streets contract once, then every server loads it.
  const { cacheDir } = inject('pg');
  Object.assign(config.auth, opts.auth ?? {});
  if (opts.heartbeatSeconds) config.heartbeatSeconds = opts.heartbeatSeconds;
  if (opts.timeZone) config.timeZone = opts.timeZone;
  if (opts.trustProxy) config.trustProxy = opts.trustProxy;
  const db = await openDatabase({ databaseUrl, dataDir: config.dataDir, role: 'test', log: () => undefined, poolSize: 10 });
  const server = await startServer(config, { role: 'test', log: () => undefined, logger: false, listen: true, db, webDir: opts.webDir ?? null, geography: opts.geography ?? false, cacheDir, ...(opts.clock ? { clock: opts.clock } : {}), scheduler: opts.scheduler ?? false });
  const url = server.url!;
  let n = 0;
  return {
    server,
    url,
    pool: db.pool,
    databaseUrl,
    async as(role, extra = {}) {
      const username = extra.username ?? `${role.replace(/[^a-z]/g, '')}${++n}${randomBytes(2).toString('hex')}`;
      const password = `pw-${randomBytes(9).toString('hex')}`;
      const { user } = await createUser(db.pool, systemActor('test'), { username, role, password, agencyId: extra.agencyId, unitId: extra.unitId });
      const client = new TestClient(url);
      const res = await client.post('/api/v1/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`test login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return Object.assign(client, { username, password, userId: user.id });
    },
    anonymous: () => new TestClient(url),
    async close() {
      await server.close();
      await db.close();
    },
  };
}
