import { basename } from 'node:path';
import type pg from 'pg';
import { withTransaction } from '../../../db/transaction';
import { appendLedger } from '../../../events/ledger';
import type { Actor } from '../../../events/actor';
import { bumpDataVersion } from '../jurisdiction.queries';
import { newReport, type ImportReport } from './import-report';
import { ImportInputError, readGeoJsonFeatures } from './read-input';

export interface ZoneImportOptions {
  /** Zone set code, e.g. police-district, fire-first-due, ems-zone. */
  set: string;
  /** Which incident field the set fills: police, fire, ems or other. */
  role: 'police' | 'fire' | 'ems' | 'other';
  setName?: string;
  codeField?: string;
  nameField?: string;
}

const CODE_GUESSES = ['code', 'name_abb', 'abbr', 'id', 'zone', 'district', 'dist_num', 'beat'];
const NAME_GUESSES = ['name', 'label', 'district_name', 'zone_name', 'dist_name'];

function pick(keys: Set<string>, explicit: string | undefined, guesses: string[], what: string): string {
  const lower = new Map([...keys].map((k) => [k.toLowerCase(), k]));
  if (explicit) {
    const k = lower.get(explicit.toLowerCase());
    if (!k) throw new ImportInputError(`--${what}-field: no property "${explicit}" (properties: ${[...keys].join(', ')})`);
    return k;
  }
  for (const g of guesses) if (lower.has(g)) return lower.get(g)!;
  throw new ImportInputError(`cannot tell which property holds the zone ${what}; pass --${what}-field (properties: ${[...keys].join(', ')})`);
}

function validRing(r: unknown): boolean {
  return Array.isArray(r) && r.length >= 4 && r.every((c) => Array.isArray(c) && Number.isFinite(c[0]) && Number.isFinite(c[1]) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90);
}

/** Imports a zone set (police districts, beats, fire first-due areas, EMS zones) from GeoJSON polygons, replacing the set. */
export async function importZones(pool: pg.Pool, actor: Actor, file: string, opts: ZoneImportOptions): Promise<ImportReport> {
  const started = performance.now();
  if (!/^[a-z0-9-]+$/.test(opts.set)) throw new ImportInputError('--set must be lower-case letters, digits and dashes, e.g. police-district');
  const report = newReport('zones', opts.set, file);
  const features = readGeoJsonFeatures(file);
  report.read = features.length;
  const keys = new Set<string>();
  for (const f of features) for (const k of Object.keys(f?.properties ?? {})) keys.add(k);
  const codeField = pick(keys, opts.codeField, CODE_GUESSES, 'code');
  const nameField = pick(keys, opts.nameField, NAME_GUESSES, 'name');
  const zones: { code: string; name: string; geometry: unknown }[] = [];
  const seen = new Set<string>();
  features.forEach((f, i) => {
    const row = `feature ${i + 1}`;
    const g = f?.geometry;
    const code = String(f?.properties?.[codeField] ?? '').trim();
    const name = String(f?.properties?.[nameField] ?? '').trim() || code;
    if (!g) return report.rejected.push({ row, reason: 'no geometry' });
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return report.rejected.push({ row, reason: `geometry is ${g.type}, not a polygon` });
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
    if (!Array.isArray(polys) || !polys.every((p) => Array.isArray(p) && p.length > 0 && p.every(validRing))) return report.rejected.push({ row, reason: 'a ring has fewer than 4 valid [lon, lat] points' });
    if (!code) return report.rejected.push({ row, reason: `empty ${codeField}` });
    if (seen.has(code)) return report.rejected.push({ row, reason: `duplicate zone code ${code}` });
    seen.add(code);
    zones.push({ code, name, geometry: g });
  });
  if (zones.length === 0) throw new ImportInputError(`${file} has no usable polygons`);
  await withTransaction(pool, async (tx, now) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO zone_sets (code, name, role, derived) VALUES ($1, $2, $3, false)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, derived = false RETURNING id`,
      [opts.set, opts.setName ?? opts.set.replace(/-/g, ' '), opts.role],
    );
    const setId = rows[0]!.id;
    for (const z of zones) {
      await tx.query(
        `INSERT INTO zones (zone_set_id, code, name, geometry) VALUES ($1, $2, $3, $4)
         ON CONFLICT (zone_set_id, code) DO UPDATE SET name = EXCLUDED.name, geometry = EXCLUDED.geometry`,
        [setId, z.code, z.name, JSON.stringify(z.geometry)],
      );
    }
    const del = await tx.query('DELETE FROM zones WHERE zone_set_id = $1 AND NOT (code = ANY($2::text[]))', [setId, zones.map((z) => z.code)]);
    report.imported = zones.length;
    report.removed = del.rowCount ?? 0;
    await bumpDataVersion(tx);
    await appendLedger(tx, actor, now, [{ action: 'import.zones', entity: 'zone-set', entityId: opts.set, after: { file: basename(file), zones: zones.map((z) => z.code), rejected: report.rejected.length } }]);
  });
  report.notes.push(`zone code from "${codeField}", name from "${nameField}"`);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
