import { basename } from 'node:path';
import { withTransaction } from '../../../db/transaction';
import { appendLedger } from '../../../events/ledger';
import { bumpDataVersion } from '../jurisdiction.queries';
import { degrees, findColumn, LAT_GUESSES, LON_GUESSES } from './csv-columns';
import { parseCsv } from './csv';
import type { ImportContext } from './import-context';
import { newReport, type ImportReport } from './import-report';
import { ImportInputError, readTextFile } from './read-input';

// A place is a named point: a street match with the number just outside the city's ranges (placed
// at the nearest range end, score about 0.6) is still the right street and close enough.
const MIN_GEOCODE_SCORE = 0.55;

/**
 * Imports common places ("CITY HALL", "PENN STATION") from CSV: name, aliases (separated by ; or |),
 * and lat/lon or an address that is geocoded. Places are keyed by name; re-running updates them.
 */
export async function importPlaces(ctx: ImportContext, file: string): Promise<ImportReport> {
  const started = performance.now();
  const report = newReport('places', 'places', file);
  const { header, rows } = parseCsv(readTextFile(file));
  report.read = rows.length;
  const nameCol = findColumn(header, undefined, ['name', 'place', 'place_name', 'common_name'], 'name')!;
  const aliasCol = findColumn(header, undefined, ['aliases', 'alias', 'aka'], 'aliases', false);
  const latCol = findColumn(header, undefined, LAT_GUESSES, 'lat', false);
  const lonCol = findColumn(header, undefined, LON_GUESSES, 'lon', false);
  const addrCol = findColumn(header, undefined, ['address', 'location', 'street_address'], 'address', false);
  const kindCol = findColumn(header, undefined, ['kind', 'type', 'category'], 'kind', false);
  if (!(latCol && lonCol) && !addrCol) throw new ImportInputError('places need lat and lon columns or an address column');
  const places: { name: string; aliases: string[]; kind: string | null; address: string | null; lat: number; lon: number }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const row = `line ${r.line}`;
    try {
      const name = r.values[nameCol]!.trim();
      if (!name) throw new Error('empty name');
      if (seen.has(name.toUpperCase())) throw new Error(`duplicate name ${name}`);
      const aliases = aliasCol ? (r.values[aliasCol] ?? '').split(/[;|]/).map((a) => a.trim()).filter(Boolean) : [];
      const address = addrCol ? r.values[addrCol] || null : null;
      let lat: number;
      let lon: number;
      if (latCol && lonCol && r.values[latCol] && r.values[lonCol]) {
        lat = degrees(r.values[latCol], 'lat');
        lon = degrees(r.values[lonCol], 'lon');
      } else if (address) {
        const best = (await ctx.geocoder()).geocode(address, { limit: 1 })[0];
        if (!best || best.score < MIN_GEOCODE_SCORE) throw new Error(`address "${address}" did not geocode${best ? ` (best ${best.label}, score ${best.score.toFixed(2)})` : ''}`);
        lat = best.lat;
        lon = best.lon;
        if (best.outOfRange) report.notes.push(`${name}: "${address}" is outside the street's address ranges; placed at ${best.label}`);
      } else throw new Error('neither lat/lon nor an address');
      seen.add(name.toUpperCase());
      places.push({ name, aliases, kind: kindCol ? r.values[kindCol] || null : null, address, lat, lon });
    } catch (e) {
      report.rejected.push({ row, reason: (e as Error).message });
    }
  }
  await withTransaction(ctx.pool, async (tx, now) => {
    for (const p of places) {
      await tx.query(
        `INSERT INTO places (name, aliases, kind, address, lat, lon) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (upper(name)) DO UPDATE SET aliases = EXCLUDED.aliases, kind = EXCLUDED.kind, address = EXCLUDED.address, lat = EXCLUDED.lat, lon = EXCLUDED.lon`,
        [p.name, p.aliases, p.kind, p.address, p.lat, p.lon],
      );
    }
    report.imported = places.length;
    await bumpDataVersion(tx);
    await appendLedger(tx, ctx.actor, now, [{ action: 'import.places', entity: 'jurisdiction', entityId: 'places', after: { file: basename(file), imported: places.length, rejected: report.rejected.length } }]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
