import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { primaryFinderFor } from './primary-finder';

// int8 ids and counts fit in a double for any realistic centre; numbers keep the JSON plain.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** One PostgreSQL, embedded or external, with the pool every request shares. */
export interface Database {
  pool: pg.Pool;
  /** Settings for a dedicated client (LISTEN needs its own long-lived connection). */
  clientConfig: pg.ClientConfig;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  role: 'serve' | 'cli' | 'test';
  /** Database name inside the embedded cluster (tests use one database per file). */
  database?: string;
  poolSize?: number;
  log: (msg: string) => void;
}

/** Opens the configured database: DATABASE_URL when set, otherwise the embedded cluster in the data directory. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let clientConfig: pg.ClientConfig;
  // Several hosts (a primary and its standbys): connections follow whichever is writable.
  const failover = opts.databaseUrl ? primaryFinderFor(opts.databaseUrl, opts.log) : null;
  if (failover) {
    await failover.find();
    clientConfig = failover.clientConfig;
  } else if (opts.databaseUrl) {
    clientConfig = { connectionString: opts.databaseUrl };
  } else {
    embedded = await startEmbeddedPostgres(opts.dataDir, opts.role, opts.log);
    clientConfig = { ...embedded.connection, database: opts.database ?? 'psap' };
    await ensureDatabase(embedded.connection, opts.database ?? 'psap');
  }
  const pool = new pg.Pool({ ...clientConfig, ...(failover ? { Client: failover.Client } : {}), max: opts.poolSize ?? 20, idleTimeoutMillis: 30_000, application_name: `psap-${opts.role}` });
  // An idle client losing its connection (database restart) must not crash the process. While we
  // stop the database ourselves, the same event is expected and not worth alarming anyone over.
  let closing = false;
  pool.on('error', (e) => {
    if (closing) return;
    opts.log(`database connection lost: ${e.message}`);
    failover?.suspect();
  });
  // Nor may one lost while checked out (a transaction, a job's lock): its queries fail instead.
  pool.on('connect', (client) => client.on('error', () => failover?.suspect()));
  await checkServer(pool);
  return {
    pool,
    clientConfig,
    embedded,
    async close() {
      closing = true;
      failover?.stop();
      await pool.end().catch(() => undefined);
      if (embedded?.owned) await embedded.stop();
    },
  };
}

async function ensureDatabase(connection: pg.ClientConfig, name: string): Promise<void> {
  const client = new pg.Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((e: { code?: string }) => {
      if (e.code !== '42P04') throw e; // created meanwhile by another process
    });
  } finally {
    await client.end();
  }
}

async function checkServer(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
  const v = rows[0]?.v ?? 0;
  if (v < 150000) throw new Error(`PostgreSQL 15 or newer is required; this server is ${Math.floor(v / 10000)}`);
}
