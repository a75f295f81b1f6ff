import { join } from 'node:path';
import type pg from 'pg';
import { parseCameraFile, writeCityCameras } from './cameras.importer';

/** The source the demo's cameras and the city's original file share, so either updates the other. */
export const CITIWATCH_SOURCE = 'baltimore-citiwatch';

/**
 * Loads the committed CitiWatch camera list as city cameras inside the demo seed's transaction,
 * with the importer `psap import cameras` uses. Returns how many cameras were written.
 */
export async function seedDemoCameras(tx: pg.PoolClient, jurisdictionDir: string): Promise<number> {
  const { rows, mapping } = parseCameraFile(join(jurisdictionDir, 'cameras.csv'), { source: CITIWATCH_SOURCE });
  await writeCityCameras(tx, CITIWATCH_SOURCE, rows, mapping);
  return rows.length;
}
