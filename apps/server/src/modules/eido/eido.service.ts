import type pg from 'pg';
import { buildEido } from './eido.build';
import { loadEidoSource } from './eido.queries';

/** The current EIDO of one incident, or null when there is no such incident. */
export async function currentEido(pool: pg.Pool, incidentId: number, opts: { domain: string; includeCalls: boolean }): Promise<Record<string, unknown> | null> {
  const src = await loadEidoSource(pool, incidentId);
  return src ? buildEido(src, opts) : null;
}
