import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { migrate } from '../src/db/migrate';
import { seedDemoIfEmpty } from '../src/seed/demo-seed';
import { lazyGeocoder, loadDemoJurisdictionIfEmpty, placeDemoStations } from '../src/seed/demo-jurisdiction';
import { seedDefaultPlansIfEmpty } from '../src/modules/response-plans/response-plans.commands';
import { systemActor } from '../src/events/actor';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { adminUrl: string; template: string; runId: string; cacheDir: string };
  }
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL for the whole run: the embedded cluster in a temporary directory, or the server
 * in DATABASE_URL (so the same tests run against PostgreSQL 15). A migrated, seeded template
 * database is cloned for each test file, which keeps files independent and fast.
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop = async () => undefined as void;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'psap-test-'));
    const embedded = await startEmbeddedPostgres(dir, 'test', () => undefined);
    const c = embedded.connection;
    adminUrl = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(String(c.host))}&port=${c.port}`;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = `psap_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 2 });
  await migrate(pool);
  // The template holds the whole demo jurisdiction, as a first start leaves it: every test file
  // gets real Baltimore streets, districts, stations and roster by cloning it.
  await loadDemoJurisdictionIfEmpty(pool, () => undefined);
  await seedDemoIfEmpty(pool);
  await placeDemoStations(pool, await lazyGeocoder(pool)(), () => undefined);
  await seedDefaultPlansIfEmpty(pool, systemActor('seed'));
  await pool.end();
  await admin.end();
  const cacheDir = mkdtempSync(join(tmpdir(), 'psap-cache-'));
  project.provide('pg', { adminUrl, template, runId: String(process.pid), cacheDir });

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2", [`psap_t_${process.pid}_%`, template]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    await c.end();
    await stop();
    rmSync(cacheDir, { recursive: true, force: true });
  };
}
