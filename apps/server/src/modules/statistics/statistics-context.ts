import type pg from 'pg';
import type { StandardsProfile } from '@openpsap/contract';
import { loadStandards } from './standards';

/**
 * What every statistics query needs, without the HTTP server: the API, the CLI and the annual
 * report build one of these and call the same functions.
 */
export interface StatsContext {
  pool: pg.Pool;
  /** The centre's IANA zone: days, hours and months are local to it. */
  timeZone: string;
  standards: StandardsProfile[];
}

export function statsContext(pool: pg.Pool, timeZone: string, env: Record<string, string | undefined> = process.env): StatsContext {
  return { pool, timeZone, standards: loadStandards(env) };
}
