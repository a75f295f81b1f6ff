import { basename } from 'node:path';
import type { ImportContext } from './import-context';
import { withTransaction } from '../../../db/transaction';
import { appendLedger } from '../../../events/ledger';
import { bumpDataVersion } from '../jurisdiction.queries';
import { newReport, type ImportReport } from './import-report';
import { ImportInputError, readGeoJsonFeatures } from './read-input';

/** Sets the jurisdiction's boundary (and name) from a GeoJSON polygon; the map centres on it. */
export async function importBoundary(ctx: ImportContext, file: string, opts: { name?: string } = {}): Promise<ImportReport> {
  const started = performance.now();
  const report = newReport('boundary', 'boundary', file);
  const features = readGeoJsonFeatures(file);
  report.read = features.length;
  const polys = features.filter((f) => f?.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'));
  if (polys.length === 0) throw new ImportInputError(`${file} has no Polygon or MultiPolygon feature`);
  const coordinates = polys.flatMap((f) => (f.geometry!.type === 'Polygon' ? [f.geometry!.coordinates] : (f.geometry!.coordinates as unknown[])));
  const boundary = { type: 'MultiPolygon', coordinates };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of coordinates as number[][][][]) for (const c of poly[0] ?? []) {
    minX = Math.min(minX, c[0]!); maxX = Math.max(maxX, c[0]!); minY = Math.min(minY, c[1]!); maxY = Math.max(maxY, c[1]!);
  }
  if (!Number.isFinite(minX)) throw new ImportInputError(`${file}: the polygon has no coordinates`);
  const name = opts.name ?? String(polys[0]!.properties?.name ?? polys[0]!.properties?.NAME ?? 'Jurisdiction');
  await withTransaction(ctx.pool, async (tx, now) => {
    await bumpDataVersion(tx, name);
    await tx.query('UPDATE jurisdiction SET name = $1, boundary = $2, center_lat = $3, center_lon = $4 WHERE id = 1', [name, JSON.stringify(boundary), (minY + maxY) / 2, (minX + maxX) / 2]);
    await appendLedger(tx, ctx.actor, now, [{ action: 'import.boundary', entity: 'jurisdiction', entityId: '1', after: { file: basename(file), name, polygons: coordinates.length } }]);
  });
  report.imported = polys.length;
  report.rejected = features.filter((f) => !polys.includes(f)).map((_, i) => ({ row: `feature ${i + 1}`, reason: 'not a polygon' }));
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
