import type pg from 'pg';

type Queryable = pg.Pool | pg.PoolClient;

/**
 * Marks the jurisdiction's data as changed, inside the importer's transaction; every server
 * rebuilds its geography engine when it sees the new version (NOTIFY wakes them at commit).
 */
export async function bumpDataVersion(tx: pg.PoolClient, name = 'Jurisdiction'): Promise<number> {
  const { rows } = await tx.query<{ data_version: number }>(
    `INSERT INTO jurisdiction (id, name, data_version) VALUES (1, $1, 1)
     ON CONFLICT (id) DO UPDATE SET data_version = jurisdiction.data_version + 1, updated_at = now()
     RETURNING data_version`,
    [name],
  );
  await tx.query("SELECT pg_notify('psap_geo', $1)", [String(rows[0]!.data_version)]);
  return rows[0]!.data_version;
}

export async function dataVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ data_version: number }>('SELECT data_version FROM jurisdiction WHERE id = 1');
  return rows[0]?.data_version ?? 0;
}

/**
 * Inserts or updates rows keyed by (source, source_id) in batches, then removes the source's rows
 * that the file no longer has, so running the same import twice leaves the same data.
 */
export async function upsertBySource(
  tx: pg.PoolClient,
  table: string,
  columns: string[],
  source: string,
  rows: unknown[][],
  onProgress?: (done: number) => void,
): Promise<{ upserted: number; removed: number }> {
  const BATCH = 500;
  const all = ['source', 'source_id', ...columns];
  await tx.query(`CREATE TEMP TABLE IF NOT EXISTS import_seen (source_id text PRIMARY KEY) ON COMMIT DROP`);
  await tx.query('TRUNCATE import_seen');
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const values = [source, ...r];
      return `(${values.map((v) => {
        params.push(v);
        return `$${params.length}`;
      }).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO ${table} (${all.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (source, source_id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      params,
    );
    await tx.query('INSERT INTO import_seen SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [chunk.map((r) => String(r[0]))]);
    onProgress?.(Math.min(rows.length, i + BATCH));
  }
  const del = await tx.query(`DELETE FROM ${table} t WHERE t.source = $1 AND NOT EXISTS (SELECT 1 FROM import_seen s WHERE s.source_id = t.source_id)`, [source]);
  return { upserted: rows.length, removed: del.rowCount ?? 0 };
}
