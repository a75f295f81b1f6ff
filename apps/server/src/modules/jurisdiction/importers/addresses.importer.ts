import { basename } from 'node:path';
import { withTransaction } from '../../../db/transaction';
import { appendLedger } from '../../../events/ledger';
import { bumpDataVersion, upsertBySource } from '../jurisdiction.queries';
import { degrees, findColumn, LAT_GUESSES, LON_GUESSES } from './csv-columns';
import { parseCsv } from './csv';
import type { ImportContext } from './import-context';
import { newReport, type ImportReport } from './import-report';
import { readTextFile } from './read-input';
import { sourceNameFor } from './streets.importer';

/**
 * Imports surveyed address points from OpenAddresses CSV (LON, LAT, NUMBER, STREET, UNIT, CITY,
 * POSTCODE, HASH); other layouts work when their columns carry the usual names.
 */
export async function importAddresses(ctx: ImportContext, file: string, opts: { source?: string } = {}): Promise<ImportReport> {
  const started = performance.now();
  const source = opts.source ?? sourceNameFor(file);
  const report = newReport('addresses', source, file);
  const { header, rows } = parseCsv(readTextFile(file));
  report.read = rows.length;
  const lonCol = findColumn(header, undefined, LON_GUESSES, 'lon')!;
  const latCol = findColumn(header, undefined, LAT_GUESSES, 'lat')!;
  const numCol = findColumn(header, undefined, ['number', 'addr_num', 'house_number', 'housenumber', 'add_number'], 'number')!;
  const streetCol = findColumn(header, undefined, ['street', 'st_name', 'street_name', 'streetname'], 'street')!;
  const typeCol = findColumn(header, undefined, ['st_type', 'street_type'], 'street type', false);
  const unitCol = findColumn(header, undefined, ['unit', 'unit_num', 'apt'], 'unit', false);
  const cityCol = findColumn(header, undefined, ['city', 'municipality'], 'city', false);
  const zipCol = findColumn(header, undefined, ['postcode', 'zip', 'zipcode', 'zip_code'], 'postcode', false);
  const idCol = findColumn(header, undefined, ['hash', 'id', 'eas_subid', 'objectid'], 'id', false);
  const out: unknown[][] = [];
  const seen = new Set<string>();
  const tick = ctx.progress?.('reading', rows.length);
  rows.forEach((r, i) => {
    try {
      const v = r.values;
      const number = (v[numCol] ?? '').trim();
      if (!number || number === '0') throw new Error('no house number');
      const street = [v[streetCol], typeCol ? v[typeCol] : ''].filter(Boolean).join(' ').trim();
      if (!street) throw new Error('no street');
      const lat = degrees(v[latCol], 'lat');
      const lon = degrees(v[lonCol], 'lon');
      const unit = unitCol ? v[unitCol] || null : null;
      let id = idCol ? v[idCol] || '' : '';
      if (!id || seen.has(id)) id = `${number}|${street}|${unit ?? ''}|${lat.toFixed(6)}|${lon.toFixed(6)}`;
      if (seen.has(id)) throw new Error('duplicate of an earlier row');
      seen.add(id);
      out.push([id, number, street.toUpperCase(), unit, cityCol ? v[cityCol] || null : null, zipCol ? v[zipCol] || null : null, lat, lon]);
    } catch (e) {
      report.rejected.push({ row: `line ${r.line}`, reason: (e as Error).message });
    }
    if (tick && i % 2000 === 0) tick(i);
  });
  tick?.(rows.length);
  const write = ctx.progress?.('writing', out.length);
  await withTransaction(ctx.pool, async (tx, now) => {
    const res = await upsertBySource(tx, 'address_points', ['number', 'street', 'unit', 'city', 'zip', 'lat', 'lon'], source, out, write);
    report.imported = res.upserted;
    report.removed = res.removed;
    await bumpDataVersion(tx);
    await appendLedger(tx, ctx.actor, now, [{ action: 'import.addresses', entity: 'jurisdiction', entityId: source, after: { file: basename(file), imported: res.upserted, removed: res.removed, rejected: report.rejected.length } }]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
