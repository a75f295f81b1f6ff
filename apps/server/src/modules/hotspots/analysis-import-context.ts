import type pg from 'pg';
import { systemActor } from '../../events/actor';
import type { ImportContext } from '../jurisdiction/importers/import-context';

/** An import context for analysis data loaded outside the command line (first start, tests, benchmarks); these imports never geocode. */
export function analysisImportContext(pool: pg.Pool, who: string): ImportContext {
  return { pool, actor: systemActor(who), geocoder: () => Promise.reject(new Error('analysis imports do not geocode')) };
}
