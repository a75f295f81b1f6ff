import type { QueryResultRow } from 'pg';
import type { StatsContext } from './statistics-context';

/** Positional parameters collected while a statement is assembled, so no value is ever spliced in. */
export class SqlParams {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Seconds from `a` to `b` as a double; null when either is missing, negative when b is before a. */
export const seconds = (a: string, b: string) => `date_part('epoch', ${b} - ${a})`;

/**
 * Runs one read-only statistics statement with room to sort in memory: exact percentiles sort every
 * value of a year (a million incidents is some 24 MB of sort tuples per interval), and the default
 * 4 MB work_mem would spill each sort to disk.
 */
export async function statsQuery<R extends QueryResultRow = QueryResultRow>(sc: StatsContext, sql: string, params: unknown[]): Promise<R[]> {
  const client = await sc.pool.connect();
  try {
    await client.query("BEGIN READ ONLY; SET LOCAL work_mem = '128MB'");
    const { rows } = await client.query<R>(sql, params);
    await client.query('COMMIT');
    return rows;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
