import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { createGeocoder, type Geocoder } from '@openpsap/geo';
import { withTransaction } from '../db/transaction';
import { systemActor } from '../events/actor';
import { appendLedger } from '../events/ledger';
import { loadPlaces, loadStreetSegments } from '../geo/geo-data.queries';
import { importBoundary } from '../modules/jurisdiction/importers/boundary.importer';
import type { ImportContext } from '../modules/jurisdiction/importers/import-context';
import { formatReport } from '../modules/jurisdiction/importers/import-report';
import { importPlaces } from '../modules/jurisdiction/importers/places.importer';
import { importStreets } from '../modules/jurisdiction/importers/streets.importer';
import { importZones } from '../modules/jurisdiction/importers/zones.importer';
import { bumpDataVersion } from '../modules/jurisdiction/jurisdiction.queries';

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../data/jurisdictions/baltimore');
const LOCK = 7_411_913;

/** A geocoder over whatever streets and places the database holds now, built once on first use. */
export function lazyGeocoder(pool: pg.Pool): () => Promise<Geocoder> {
  let g: Promise<Geocoder> | null = null;
  return () => (g ??= Promise.all([loadStreetSegments(pool), loadPlaces(pool)]).then(([segments, places]) => createGeocoder(segments, { places })));
}

/**
 * Loads the Baltimore City demo geography (boundary, street centerlines, 2023 police districts,
 * common places) into an empty database, with the same importers an operator runs.
 */
export async function loadDemoJurisdictionIfEmpty(pool: pg.Pool, log: (msg: string) => void): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const { rowCount } = await client.query('SELECT 1 FROM street_segments LIMIT 1');
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM jurisdiction');
    if (rowCount || rows[0]!.n > 0) return false;
    const actor = systemActor('seed');
    const ctx: ImportContext = { pool, actor, geocoder: lazyGeocoder(pool) };
    log('loading the Baltimore City demo jurisdiction (streets, districts, places)');
    const reports = [
      await importBoundary(ctx, join(DEMO_DIR, 'boundary.geojson.gz'), { name: 'Baltimore City' }),
      await importStreets(pool, actor, join(DEMO_DIR, 'streets.geojson.gz'), { source: 'baltimore-centerlines' }),
      await importZones(pool, actor, join(DEMO_DIR, 'police-districts.geojson.gz'), { set: 'police-district', role: 'police', setName: 'Police districts (2023)', codeField: 'name_abb', nameField: 'name' }),
      await importPlaces(ctx, join(DEMO_DIR, 'places.csv')),
    ];
    for (const r of reports) log(formatReport(r, 3));
    return true;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    client.release();
  }
}

const MIN_SCORE = 0.75;

/**
 * Places stations that have an address but no coordinates (the city publishes fire stations by
 * address only) with the geocoder, lists those it cannot place, and defines the drive-time zone
 * sets: a fire first-due area per engine company and an EMS zone per medic station.
 */
export async function placeDemoStations(pool: pg.Pool, geocoder: Geocoder, log: (msg: string) => void): Promise<{ placed: string[]; failed: string[] }> {
  const { rows } = await pool.query<{ id: number; code: string; address: string }>('SELECT id, code, address FROM stations WHERE lat IS NULL AND address IS NOT NULL ORDER BY id');
  const placed: string[] = [];
  const failed: string[] = [];
  await withTransaction(pool, async (tx, now) => {
    for (const s of rows) {
      // The city's station file omits directionals ("Coldspring La"); candidates tie on score and
      // the first is as good as the data allows. The score is kept so an operator can review it.
      const best = geocoder.geocode(s.address, { limit: 1 })[0];
      if (best && best.score >= MIN_SCORE) {
        await tx.query('UPDATE stations SET lat = $2, lon = $3, geocode_match = $4, geocode_score = $5 WHERE id = $1', [s.id, best.lat, best.lon, `${best.matchType}: ${best.label}`, best.score]);
        placed.push(`${s.code} -> ${best.label} (${best.score.toFixed(2)})`);
      } else {
        failed.push(`${s.code}: "${s.address}"${best ? ` best ${best.label} (${best.score.toFixed(2)})` : ' no candidate'}`);
      }
    }
    for (const [code, name, role, unitType] of [
      ['fire-first-due', 'Fire first-due areas (by drive time)', 'fire', 'engine'],
      ['ems-zone', 'EMS zones (by drive time)', 'ems', 'medic'],
    ] as const) {
      const { rows: set } = await tx.query<{ id: number }>(
        `INSERT INTO zone_sets (code, name, role, derived) VALUES ($1, $2, $3, true)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [code, name, role],
      );
      await tx.query(
        `INSERT INTO zones (zone_set_id, code, name)
         SELECT DISTINCT $1::int, s.code, s.name FROM stations s JOIN units u ON u.home_station_id = s.id
          WHERE u.unit_type = $2 AND s.lat IS NOT NULL
         ON CONFLICT (zone_set_id, code) DO NOTHING`,
        [set[0]!.id, unitType],
      );
    }
    await bumpDataVersion(tx);
    await appendLedger(tx, systemActor('seed'), now, [{ action: 'seed.place-stations', entity: 'jurisdiction', entityId: 'stations', after: { placed: placed.length, failed } }]);
  });
  log(`stations placed by geocoding: ${placed.length}${failed.length ? `; not placed (${failed.length}): ${failed.join('; ')}` : '; none failed'}`);
  return { placed, failed };
}
