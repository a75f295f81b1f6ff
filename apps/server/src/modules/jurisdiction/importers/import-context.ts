import type pg from 'pg';
import type { Geocoder } from '@openpsap/geo';
import type { Actor } from '../../../events/actor';

/**
 * What importers share: the database, who is importing, a geocoder for rows given by address
 * (built on demand from the streets already imported), and a progress bar factory.
 */
export interface ImportContext {
  pool: pg.Pool;
  actor: Actor;
  geocoder: () => Promise<Geocoder>;
  progress?: (phase: string, total: number) => (done: number) => void;
}
