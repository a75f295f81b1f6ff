import { basename } from 'node:path';
import { withTransaction } from '../../../db/transaction';
import { appendLedger } from '../../../events/ledger';
import { addressInText, degrees, findColumn, LAT_GUESSES, LOCATION_GUESSES, LON_GUESSES, pointInText } from './csv-columns';
import { parseCsv } from './csv';
import type { ImportContext } from './import-context';
import { newReport, type ImportReport } from './import-report';
import { ImportInputError, readTextFile } from './read-input';

const MIN_GEOCODE_SCORE = 0.75;

export interface StationImportOptions {
  agency: string;
  codeColumn?: string;
  nameColumn?: string;
  addressColumn?: string;
}

/**
 * Imports an agency's stations from CSV, placed by lat/lon columns, by a point written in a
 * location field, or by geocoding the address. Stations that cannot be placed are kept without
 * a position and listed, so the roster still loads and the operator knows what to fix.
 */
export async function importStations(ctx: ImportContext, file: string, opts: StationImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const { rows: agencies } = await ctx.pool.query<{ id: number }>('SELECT id FROM agencies WHERE code = upper($1)', [opts.agency]);
  if (!agencies[0]) throw new ImportInputError(`--agency: no agency with code ${opts.agency}`);
  const agencyId = agencies[0].id;
  const report = newReport('stations', opts.agency.toUpperCase(), file);
  const { header, rows } = parseCsv(readTextFile(file));
  report.read = rows.length;
  const codeCol = findColumn(header, opts.codeColumn, ['code', 'station', 'station_code', 'stnid', 'station_id', 'name'], 'code-column')!;
  const nameCol = findColumn(header, opts.nameColumn, ['name', 'station_name', 'district', 'name1'], 'name-column')!;
  const latCol = findColumn(header, undefined, LAT_GUESSES, 'lat', false);
  const lonCol = findColumn(header, undefined, LON_GUESSES, 'lon', false);
  const locCol = findColumn(header, undefined, LOCATION_GUESSES, 'location', false);
  const addrCol = findColumn(header, opts.addressColumn, ['address', 'street_address', 'location 1', 'location'], 'address-column', false);
  const out: { code: string; name: string; address: string | null; lat: number | null; lon: number | null; match: string | null; score: number | null }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const row = `line ${r.line}`;
    try {
      const v = r.values;
      const code = (v[codeCol] ?? '').trim().toUpperCase();
      if (!code) throw new Error(`empty ${codeCol}`);
      if (seen.has(code)) throw new Error(`duplicate station code ${code}`);
      const name = (v[nameCol] ?? '').trim() || code;
      const addressRaw = addrCol ? v[addrCol] ?? '' : '';
      const address = addressRaw ? addressInText(addressRaw) || null : null;
      let pos: { lat: number; lon: number } | null = null;
      let match: string | null = 'coordinates';
      let score: number | null = null;
      if (latCol && lonCol && v[latCol] && v[lonCol]) pos = { lat: degrees(v[latCol], 'lat'), lon: degrees(v[lonCol], 'lon') };
      else if (locCol && pointInText(v[locCol] ?? '')) pos = pointInText(v[locCol] ?? '');
      else if (address) {
        const best = (await ctx.geocoder()).geocode(address, { limit: 1 })[0];
        if (best && best.score >= MIN_GEOCODE_SCORE) {
          pos = { lat: best.lat, lon: best.lon };
          match = `${best.matchType}: ${best.label}`;
          score = best.score;
        } else {
          match = null;
          report.notes.push(`station ${code} kept without a position: "${address}" did not geocode${best ? ` (best ${best.label}, ${best.score.toFixed(2)})` : ''}`);
        }
      } else throw new Error('no coordinates and no address');
      seen.add(code);
      out.push({ code, name, address, lat: pos?.lat ?? null, lon: pos?.lon ?? null, match, score });
    } catch (e) {
      report.rejected.push({ row, reason: (e as Error).message });
    }
  }
  await withTransaction(ctx.pool, async (tx, now) => {
    for (const s of out) {
      await tx.query(
        `INSERT INTO stations (agency_id, code, name, address, lat, lon, geocode_match, geocode_score) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (agency_id, code) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
           geocode_match = EXCLUDED.geocode_match, geocode_score = EXCLUDED.geocode_score`,
        [agencyId, s.code, s.name, s.address, s.lat, s.lon, s.match, s.score],
      );
    }
    report.imported = out.length;
    await appendLedger(tx, ctx.actor, now, [{ action: 'import.stations', entity: 'agency', entityId: opts.agency.toUpperCase(), after: { file: basename(file), imported: out.length, unplaced: out.filter((s) => s.lat === null).map((s) => s.code), rejected: report.rejected.length } }]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
