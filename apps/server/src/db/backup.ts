import { createReadStream, createWriteStream, renameSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';

// A logical backup made by the server itself: the embedded PostgreSQL ships no pg_dump, and a
// system pg_dump older than the server refuses to dump it. One consistent snapshot (REPEATABLE
// READ), every table of the public schema as JSON rows, the sequences, and the schema version;
// gzip, one line per row. A restore goes only into a database at the same schema version.

const FORMAT = 'openpsap-backup';
const BATCH = 2000;

interface Header {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

async function publicTables(c: pg.PoolClient): Promise<string[]> {
  const { rows } = await c.query<{ name: string }>("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1");
  return rows.map((r) => r.name);
}

/** Writes a consistent backup of the whole database to `file` (written aside, then renamed). */
export async function backupDatabase(pool: pg.Pool, file: string): Promise<Header> {
  const c = await pool.connect();
  const tmp = `${file}.partial`;
  const gz = createGzip();
  const out = gz.pipe(createWriteStream(tmp, { mode: 0o600 }));
  const write = async (line: string) => {
    if (!gz.write(`${line}\n`)) await once(gz, 'drain');
  };
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await publicTables(c);
    const migrations = (await c.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    const counts = await Promise.all(tables.map(async (name) => ({ name, rows: Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${c.escapeIdentifier(name)}`)).rows[0]!.n) })));
    const seqNames = (await c.query<{ name: string }>("SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.name);
    const sequences: Header['sequences'] = [];
    for (const name of seqNames) {
      const r = (await c.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${c.escapeIdentifier(name)}`)).rows[0]!;
      sequences.push({ name, lastValue: r.last_value, isCalled: r.is_called });
    }
    const header: Header = { format: FORMAT, version: 1, createdAt: new Date().toISOString(), migrations, tables: counts, sequences };
    await write(JSON.stringify(header));
    for (const { name } of counts) {
      await write(JSON.stringify({ table: name }));
      await c.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${c.escapeIdentifier(name)} t`);
      for (;;) {
        const { rows } = await c.query<{ j: string }>(`FETCH ${BATCH} FROM backup_rows`);
        for (const r of rows) await write(r.j);
        if (rows.length < BATCH) break;
      }
      await c.query('CLOSE backup_rows');
    }
    await write(JSON.stringify({ end: true }));
    await c.query('COMMIT');
    gz.end();
    await once(out, 'finish');
    renameSync(tmp, file);
    return header;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    gz.destroy();
    throw e;
  } finally {
    c.release();
  }
}

/**
 * Replaces the whole content of the database with a backup, in one transaction: either every table
 * is the backup's or nothing changed. Triggers (the append-only guards, foreign keys) are set aside
 * for the copy with session_replication_role, which needs a superuser connection. Refuses while a
 * server is connected: its event hub would hold events the restored log does not have.
 */
export async function restoreDatabase(pool: pg.Pool, file: string, log: (m: string) => void): Promise<Header> {
  const c = await pool.connect();
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    const r = await lines.next();
    return r.done ? null : r.value;
  };
  try {
    const first = await next();
    const header = first ? (JSON.parse(first) as Header) : null;
    if (!header || header.format !== FORMAT) throw new Error(`${file} is not an OpenPSAP backup`);
    const servers = (await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name IN ('psap-serve', 'psap-event-hub') AND pid <> pg_backend_pid()")).rows[0]!.n;
    if (Number(servers) > 0) throw new Error('psap serve is running on this database: stop every server before restoring');
    const migrations = (await c.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    if (migrations.join(',') !== header.migrations.join(',')) {
      throw new Error(`the backup's schema (${header.migrations.at(-1)}) differs from this database's (${migrations.at(-1)}); restore with the psap version that made it`);
    }
    const tables = await publicTables(c);
    const columns = new Map<string, string[]>();
    const colRows = await c.query<{ t: string; col: string }>("SELECT c.relname AS t, a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY c.relname, a.attnum");
    for (const r of colRows.rows) columns.set(r.t, [...(columns.get(r.t) ?? []), r.col]);
    await c.query('BEGIN');
    await c.query("SET LOCAL session_replication_role = 'replica'");
    await c.query(`TRUNCATE ${tables.map((t) => c.escapeIdentifier(t)).join(', ')}`);
    let table: string | null = null;
    let batch: string[] = [];
    const restored = new Map<string, number>();
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const t = c.escapeIdentifier(table);
      const cols = (columns.get(table) ?? []).map((x) => c.escapeIdentifier(x)).join(', ');
      // Identity columns keep the backup's ids; stored generated columns are computed again.
      await c.query(`INSERT INTO ${t} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${t}, $1::json)`, [`[${batch.join(',')}]`]);
      restored.set(table, (restored.get(table) ?? 0) + batch.length);
      batch = [];
    };
    let ended = false;
    for (let line = await next(); line !== null; line = await next()) {
      if (line.startsWith('{"table":') || line.startsWith('{"end":')) {
        await flush();
        const marker = JSON.parse(line) as { table?: string; end?: boolean };
        if (marker.end) {
          ended = true;
          break;
        }
        table = marker.table!;
        if (!tables.includes(table)) throw new Error(`the backup has a table this database does not: ${table}`);
        continue;
      }
      batch.push(line);
      if (batch.length >= BATCH) await flush();
    }
    if (!ended) throw new Error(`${file} is cut short (no end marker): not restored`);
    for (const { name, rows } of header.tables) {
      if ((restored.get(name) ?? 0) !== rows) throw new Error(`table ${name}: ${restored.get(name) ?? 0} rows read, the backup says ${rows}: not restored`);
    }
    for (const s of header.sequences) await c.query('SELECT setval($1::regclass, $2::bigint, $3)', [c.escapeIdentifier(s.name), s.lastValue, s.isCalled]);
    await c.query('COMMIT');
    log(`restored ${header.tables.reduce((n, t) => n + t.rows, 0)} rows in ${header.tables.length} tables from a backup of ${header.createdAt}`);
    return header;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
