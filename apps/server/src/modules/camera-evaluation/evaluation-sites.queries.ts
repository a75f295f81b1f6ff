import type pg from 'pg';
import { LIVE_SOURCE, type EvaluationSite } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';

type Db = pg.Pool | pg.PoolClient;

/**
 * The places an evaluation against a source can centre on: the registry's cameras for live
 * incidents (they are in the centre's own area), a dataset's imported sites for its calls.
 */
export async function listSites(db: Db, source: string): Promise<EvaluationSite[]> {
  if (source === LIVE_SOURCE) {
    const { rows } = await db.query<{ id: number; name: string; owner_kind: string; lat: number; lon: number; installed_on: string | null }>(
      `SELECT id, name, owner_kind, lat, lon, to_char(installed_on, 'YYYY-MM-DD') AS installed_on FROM cameras WHERE status <> 'removed' ORDER BY name, id`,
    );
    return rows.map((r) => ({ ref: `camera:${r.id}`, kind: 'registry', name: r.name, detail: `${r.owner_kind} camera`, lat: r.lat, lon: r.lon, installedOn: r.installed_on }));
  }
  const { rows } = await db.query<{ id: number; name: string; detail: string | null; lat: number; lon: number; installed_on: string | null }>(
    `SELECT id, name, detail, lat, lon, to_char(installed_on, 'YYYY-MM-DD') AS installed_on FROM analysis_sites WHERE dataset = $1 ORDER BY name, id`,
    [source],
  );
  return rows.map((r) => ({ ref: `site:${r.id}`, kind: 'dataset', name: r.name, detail: r.detail, lat: r.lat, lon: r.lon, installedOn: r.installed_on }));
}

/**
 * One site by its reference, checked to belong to the source whose calls are counted (a camera of
 * this city against another county's calls would count nothing and look like "no effect").
 */
export async function siteByRef(db: Db, ref: string, source: string, field: string): Promise<EvaluationSite> {
  const [kind, idText] = ref.split(':') as ['camera' | 'site', string];
  const id = Number(idText);
  if (kind === 'camera') {
    if (source !== LIVE_SOURCE) throw invalid(field, `${ref} is a camera of the registry; evaluate it against live incidents (source "live"), or choose a site of "${source}"`);
    const { rows } = await db.query<{ name: string; owner_kind: string; lat: number; lon: number; installed_on: string | null }>(
      `SELECT name, owner_kind, lat, lon, to_char(installed_on, 'YYYY-MM-DD') AS installed_on FROM cameras WHERE id = $1 AND status <> 'removed'`,
      [id],
    );
    const r = rows[0];
    if (!r) throw invalid(field, `no camera ${id} in the registry`);
    return { ref, kind: 'registry', name: r.name, detail: `${r.owner_kind} camera`, lat: r.lat, lon: r.lon, installedOn: r.installed_on };
  }
  const { rows } = await db.query<{ dataset: string; name: string; detail: string | null; lat: number; lon: number; installed_on: string | null }>(
    `SELECT dataset, name, detail, lat, lon, to_char(installed_on, 'YYYY-MM-DD') AS installed_on FROM analysis_sites WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) throw invalid(field, `no site ${id}`);
  if (r.dataset !== source) throw invalid(field, `${ref} belongs to dataset "${r.dataset}", not "${source}"`);
  return { ref, kind: 'dataset', name: r.name, detail: r.detail, lat: r.lat, lon: r.lon, installedOn: r.installed_on };
}
