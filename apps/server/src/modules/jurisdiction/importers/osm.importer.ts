import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractRoadsFromPbf, HIGHWAY_CLASSES, interpretStreetTokens, tokenizeStreetText } from '@openpsap/geo';
import { withTransaction } from '../../../db/transaction';
import { appendLedger } from '../../../events/ledger';
import { bumpDataVersion, upsertBySource } from '../jurisdiction.queries';
import type { ImportContext } from './import-context';
import { newReport, type ImportReport } from './import-report';
import { ImportInputError } from './read-input';
import { sourceNameFor } from './streets.importer';

/**
 * Imports the drivable roads of an OpenStreetMap .osm.pbf extract: each way becomes a street
 * segment (name split into parts, one-way, maxspeed or a class speed), and via-node turn
 * restrictions are kept for the road graph. OSM carries no address ranges, so these streets route
 * but geocode only by intersection and name.
 */
export async function importOsm(ctx: ImportContext, file: string, opts: { source?: string; routing?: boolean } = {}): Promise<ImportReport> {
  const started = performance.now();
  const source = opts.source ?? `osm-${sourceNameFor(file)}`;
  const report = newReport('osm', source, file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new ImportInputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let roads;
  try {
    roads = extractRoadsFromPbf(bytes);
  } catch (e) {
    throw new ImportInputError(`${file} is not a readable .osm.pbf extract: ${(e as Error).message}`);
  }
  const s = roads.stats;
  report.read = s.waysRead;
  const rows: unknown[][] = [];
  const wayCount = roads.wayIds.length;
  const tick = ctx.progress?.('reading', wayCount);
  for (let w = 0; w < wayCount; w++) {
    const from = roads.wayNodeOffsets[w]!;
    const to = roads.wayNodeOffsets[w + 1]!;
    const coords: [number, number][] = [];
    for (let k = from; k < to; k++) {
      const n = roads.wayNodes[k]!;
      coords.push([roads.lon[n]!, roads.lat[n]!]);
    }
    if (coords.length < 2) {
      report.rejected.push({ row: `way ${roads.wayIds[w]}`, reason: 'fewer than two nodes in the extract' });
      continue;
    }
    const nameIdx = roads.wayName[w]!;
    const fullName = nameIdx >= 0 ? roads.names[nameIdx]! : '';
    const parts = fullName ? interpretStreetTokens(tokenizeStreetText(fullName))[0] : undefined;
    const oneway = roads.wayOneway[w] === 1 ? 'forward' : roads.wayOneway[w] === -1 ? 'backward' : 'no';
    rows.push([
      String(roads.wayIds[w]),
      parts?.prefix ?? '',
      parts ? parts.nameTokens.join(' ') : fullName.toUpperCase(),
      parts?.type ?? '',
      parts?.suffixDir ?? '',
      0, 0, 0, 0, null, null,
      HIGHWAY_CLASSES[roads.wayClass[w]!] ?? null,
      oneway,
      roads.waySpeedKph[w]!,
      JSON.stringify(coords),
    ]);
    if (tick && w % 2000 === 0) tick(w);
  }
  tick?.(wayCount);
  const r = roads.restrictions;
  const restrictions: unknown[][] = [];
  for (let i = 0; i < r.fromWay.length; i++) {
    const via = r.viaNode[i]!;
    restrictions.push([`${roads.wayIds[r.fromWay[i]!]}>${roads.nodeIds[via]}>${roads.wayIds[r.toWay[i]!]}`, r.only[i] ? 'only_' : 'no_', String(roads.wayIds[r.fromWay[i]!]), roads.lon[via], roads.lat[via], String(roads.wayIds[r.toWay[i]!])]);
  }
  report.notes.push(`${s.waysKept} drivable of ${s.waysRead} ways; ${r.fromWay.length} turn restrictions kept of ${s.restrictionsRead} read`);
  const write = ctx.progress?.('writing', rows.length);
  await withTransaction(ctx.pool, async (tx, now) => {
    const res = await upsertBySource(tx, 'street_segments', ['prefix', 'name', 'suffix_type', 'suffix_dir', 'from_left', 'to_left', 'from_right', 'to_right', 'zip_left', 'zip_right', 'road_class', 'oneway', 'speed_kph', 'coords'], source, rows, write);
    await upsertBySource(tx, 'turn_restrictions', ['kind', 'from_way', 'via_lon', 'via_lat', 'to_way'], source, restrictions);
    report.imported = res.upserted;
    report.removed = res.removed;
    await bumpDataVersion(tx);
    if (opts.routing) await tx.query('UPDATE jurisdiction SET routing_source = $1 WHERE id = 1', [source]);
    await appendLedger(tx, ctx.actor, now, [{ action: 'import.osm', entity: 'jurisdiction', entityId: source, after: { file: basename(file), ways: res.upserted, removed: res.removed, restrictions: restrictions.length } }]);
  });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
