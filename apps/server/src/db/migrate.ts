import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 7_411_911;

interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** The committed migrations, in order: files named NNNN_name.sql. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version: file.slice(0, 4), name: file.slice(5, -4), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrationResult {
  applied: string[];
  current: string | null;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so several
 * servers starting together migrate once. Refuses to run if an applied file was edited since.
 */
export async function migrate(pool: pg.Pool, log: (msg: string) => void = () => undefined): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations');
    const done = new Map(rows.map((r) => [r.version, r.checksum]));
    const applied: string[] = [];
    const all = listMigrations();
    for (const m of all) {
      const had = done.get(m.version);
      if (had) {
        if (had !== m.checksum) throw new Error(`migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`);
        continue;
      }
      log(`applying migration ${m.version}_${m.name}`);
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version}_${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(`${m.version}_${m.name}`);
    }
    const last = all.at(-1);
    return { applied, current: last ? `${last.version}_${last.name}` : null };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
