import { resolve } from 'node:path';
import type pg from 'pg';
import { analysisImportContext } from './analysis-import-context';
import { importCallsForService } from './cfs.importer';
import { importAnalysisSites } from './sites.importer';

/** The full source files tests and benchmarks read from ../shared (only a compact copy is committed, in data/jurisdictions/montco). */
export const SHARED_DATA = resolve(import.meta.dirname, '../../../../../../shared/data');
export const MONTCO_CALLS = resolve(SHARED_DATA, 'cfs/montco_pa_911_2015-12_2016-08.csv');
export const PENNDOT_CAMERAS = resolve(SHARED_DATA, 'cameras_stations/penndot_d6_traffic_cameras_2013.csv');

/** Loads the Montgomery County calls and the PennDOT camera sites from ../shared, as an operator would. */
export async function importMontcoFromShared(pool: pg.Pool, who = 'test') {
  const ctx = analysisImportContext(pool, who);
  const calls = await importCallsForService(ctx, MONTCO_CALLS, { preset: 'montco' });
  const sites = await importAnalysisSites(ctx, PENNDOT_CAMERAS, { dataset: 'montco' });
  return { calls, sites };
}
