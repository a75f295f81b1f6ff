import type pg from 'pg';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs `fn` in a transaction and retries it when PostgreSQL aborts it for a serialization
 * failure or deadlock, which concurrent dispatchers can cause and which are safe to retry.
 * `now` is the transaction's own clock (the database's, so every server agrees), to the millisecond.
 * With `bodyCommits`, `fn` sends COMMIT itself (bundled with its last statement).
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient, now: Date) => Promise<T>, opts: { bodyCommits?: boolean } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = await pool.connect();
    let broken = false;
    try {
      const res = (await tx.query("BEGIN; SELECT date_trunc('milliseconds', now()) AS now")) as unknown as pg.QueryResult[];
      const now = (res[1]!.rows[0] as { now: Date }).now;
      const out = await fn(tx, now);
      if (!opts.bodyCommits) await tx.query('COMMIT');
      return out;
    } catch (e) {
      try {
        await tx.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed; do not return it to the pool
      }
      const code = (e as { code?: string }).code;
      if (code && RETRYABLE.has(code) && attempt < 4) continue;
      throw e;
    } finally {
      tx.release(broken);
    }
  }
}
