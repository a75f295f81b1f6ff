import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { analysisImportContext } from './analysis-import-context';
import { formatReport } from '../jurisdiction/importers/import-report';
import { importCallsForService } from './cfs.importer';
import { importAnalysisSites } from './sites.importer';

export const MONTCO_DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../../data/jurisdictions/montco');
const LOCK = 7_411_914;

/**
 * Loads the demo's analysis dataset (real Montgomery County PA calls and PennDOT camera sites, see
 * data/jurisdictions/montco/ATTRIBUTION.md) into a database that has no analysis data yet, with
 * the importers an operator runs. The demo city has no incident history to analyse.
 */
export async function loadDemoAnalysisDataIfEmpty(pool: pg.Pool, log: (msg: string) => void): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const { rows } = await client.query<{ any_data: boolean; demo_without_sites: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM analysis_datasets) AS any_data,
              EXISTS (SELECT 1 FROM analysis_datasets d WHERE d.code = 'montco' AND d.source_file = 'calls.csv.gz'
                       AND NOT EXISTS (SELECT 1 FROM analysis_sites s WHERE s.dataset = d.code)) AS demo_without_sites`,
    );
    const { any_data: anyData, demo_without_sites: demoWithoutSites } = rows[0]!;
    if (anyData && !demoWithoutSites) return false;
    log('loading the analysis demo data (Montgomery County PA 9-1-1 calls 2015-16, PennDOT camera sites)');
    const ctx = analysisImportContext(pool, 'seed');
    // Calls and sites are two transactions; a start interrupted between them adds the sites next time.
    if (!anyData) log(formatReport(await importCallsForService(ctx, join(MONTCO_DEMO_DIR, 'calls.csv.gz'), { preset: 'montco' }), 2));
    log(formatReport(await importAnalysisSites(ctx, join(MONTCO_DEMO_DIR, 'cameras.csv'), { dataset: 'montco' }), 2));
    return true;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    client.release();
  }
}
