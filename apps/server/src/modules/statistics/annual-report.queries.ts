import type pg from 'pg';
import { incidentType, type StatisticsFilter } from '@openpsap/contract';
import type { StatsContext } from './statistics-context';
import { resolveFilter } from './statistics-filter';
import { SqlParams } from './statistics-sql';
import { incidentRows } from './statistics-sources';

/** A square-celled grid over the area the density map shows. */
export interface DensityGrid {
  minLon: number;
  minLat: number;
  cellLon: number;
  cellLat: number;
  cols: number;
  rows: number;
  /** Approximate side of a cell on the ground, metres. */
  cellMetres: number;
}

export interface YearVolumes {
  incidents: number;
  byMonth: number[];
  byHour: number[];
  /** 0 = Sunday. */
  byWeekday: number[];
  byType: Array<{ key: string; label: string; count: number }>;
  byAgency: Array<{ key: string; count: number }>;
  byPriority: Array<{ key: string; count: number }>;
  byDataset: Array<{ key: string; count: number }>;
  /** Incidents per grid cell ("col,row" -> count); empty without a grid. */
  cells: Map<string, number>;
  /** Incidents with a position inside the grid, and with any position at all. */
  located: number;
  inGrid: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Local month (1-12), weekday (0 = Sunday) and hour of an instant in a zone. */
export function localPartsIn(timeZone: string): (ms: number) => { month: number; weekday: number; hour: number } {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric', weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
  return (ms) => {
    let month = 1;
    let weekday = 0;
    let hour = 0;
    for (const p of f.formatToParts(ms)) {
      if (p.type === 'month') month = Number(p.value);
      else if (p.type === 'weekday') weekday = WEEKDAY_INDEX[p.value] ?? 0;
      else if (p.type === 'hour') hour = Number(p.value) % 24;
    }
    return { month, weekday, hour };
  };
}

/** What a report covers besides its year: the sources, optionally one agency, the standards to judge by. */
export interface ReportScope {
  dataset: string;
  agency?: string;
  standards?: string;
}

/** The filter for one local calendar year. */
export function yearFilter(year: number, scope: ReportScope): StatisticsFilter {
  return { from: `${year}-01-01`, to: `${year}-12-31`, dataset: scope.dataset, ...(scope.agency ? { agency: scope.agency } : {}), ...(scope.standards ? { standards: scope.standards } : {}) };
}

/**
 * Every count the annual report shows, in one pass over the year's incidents (the statistics
 * engine's own incident rows, live and imported as the dataset says): grouping sets give months,
 * hours, weekdays, types, agencies, priorities, datasets and density cells from a single scan,
 * which is what keeps a report over a million incidents within seconds.
 */
export async function yearVolumes(sc: StatsContext, opts: { year: number; scope: ReportScope; grid: DensityGrid | null }): Promise<YearVolumes> {
  const g = opts.grid ?? { minLon: 0, minLat: 0, cellLon: 1, cellLat: 1, cols: 0, rows: 0 };
  const rf = await resolveFilter(sc, yearFilter(opts.year, opts.scope));
  const q = new SqlParams();
  const localParts = localPartsIn(sc.timeZone);
  const [x0, y0, cw, ch, nc, nr] = [g.minLon, g.minLat, g.cellLon, g.cellLat, g.cols, g.rows].map((v) => q.p(v));
  // Time is grouped by UTC quarter-hour (35,000 keys a year, hashed) and turned into local months,
  // weekdays and hours here: exact, since every zone's offset is a whole number of quarter-hours,
  // and far cheaper than converting a million timestamps to local time in SQL.
  type Row = { dim: string; key: string | null; key2: string | null; label: string | null; n: string; located: string; in_grid: string };
  const client = await sc.pool.connect();
  let rows: Row[];
  try {
    // Room to hash every grouping set in memory: with the default work_mem the planner sorts the
    // year's rows on disk instead, several times slower over a million incidents.
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL work_mem = '64MB'`);
    ({ rows } = await client.query<Row>(
    `WITH r AS (
       SELECT dataset AS ds, floor(extract(epoch FROM received_at) / 900)::int AS qh, coalesce(nullif(type_code, ''), nullif(type_text, ''), '(no type)') AS ty, type_text AS ty_text,
              coalesce(nullif(priority, ''), '(none)') AS pr, coalesce(nullif(agency, ''), '(none)') AS ag, lat IS NOT NULL AND lon IS NOT NULL AS located,
              floor((lon - ${x0}::float8) / ${cw}::float8)::int AS cx, floor((lat - ${y0}::float8) / ${ch}::float8)::int AS cy
         FROM (${incidentRows(rf, q)}) src
     ),
     c AS (
       SELECT ds, qh, ty, ty_text, pr, ag, located,
              CASE WHEN cx >= 0 AND cx < ${nc}::int AND cy >= 0 AND cy < ${nr}::int THEN cx END AS cx,
              CASE WHEN cx >= 0 AND cx < ${nc}::int AND cy >= 0 AND cy < ${nr}::int THEN cy END AS cy
         FROM r
     )
     SELECT CASE WHEN GROUPING(qh) = 0 THEN 'time' WHEN GROUPING(ty) = 0 THEN 'type' WHEN GROUPING(ag) = 0 THEN 'agency' WHEN GROUPING(pr) = 0 THEN 'priority'
                 WHEN GROUPING(ds) = 0 THEN 'dataset' ELSE 'cell' END AS dim,
            coalesce(qh::text, ty, ag, pr, ds, cx::text) AS key, cy::text AS key2, max(ty_text) AS label,
            count(*) AS n, count(*) FILTER (WHERE located) AS located, count(cx) AS in_grid
       FROM c
      GROUP BY GROUPING SETS ((qh), (ty), (ag), (pr), (ds), (cx, cy))`,
    q.values,
    ));
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  const v: YearVolumes = {
    incidents: 0,
    byMonth: Array(12).fill(0),
    byHour: Array(24).fill(0),
    byWeekday: Array(7).fill(0),
    byType: [],
    byAgency: [],
    byPriority: [],
    byDataset: [],
    cells: new Map(),
    located: 0,
    inGrid: 0,
  };
  for (const row of rows) {
    const n = Number(row.n);
    const key = row.key ?? '';
    switch (row.dim) {
      case 'time':
        v.incidents += n;
        v.located += Number(row.located);
        v.inGrid += Number(row.in_grid);
        {
          const local = localParts(Number(key) * 900_000);
          v.byMonth[local.month - 1]! += n;
          v.byWeekday[local.weekday]! += n;
          v.byHour[local.hour]! += n;
        }
        break;
      case 'type':
        v.byType.push({ key, label: row.label ?? incidentType(key)?.name ?? key, count: n });
        break;
      case 'agency':
        v.byAgency.push({ key, count: n });
        break;
      case 'priority':
        v.byPriority.push({ key, count: n });
        break;
      case 'dataset':
        v.byDataset.push({ key, count: n });
        break;
      case 'cell':
        if (row.key !== null && row.key2 !== null) v.cells.set(`${row.key},${row.key2}`, n);
        break;
    }
  }
  const byCount = (a: { count: number; key: string }, b: { count: number; key: string }) => b.count - a.count || a.key.localeCompare(b.key);
  v.byType.sort(byCount);
  v.byAgency.sort(byCount);
  v.byDataset.sort(byCount);
  v.byPriority.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  return v;
}

/** The jurisdiction's name and boundary (GeoJSON Polygon or MultiPolygon), when one is loaded. */
export async function jurisdictionOutline(pool: pg.Pool): Promise<{ name: string | null; rings: Array<Array<[number, number]>> }> {
  const { rows } = await pool.query<{ name: string; boundary: { type: string; coordinates: unknown } | null }>('SELECT name, boundary FROM jurisdiction WHERE id = 1');
  const b = rows[0]?.boundary;
  let rings: Array<Array<[number, number]>> = [];
  if (b?.type === 'Polygon') rings = b.coordinates as Array<Array<[number, number]>>;
  else if (b?.type === 'MultiPolygon') rings = (b.coordinates as Array<Array<Array<[number, number]>>>).flat();
  return { name: rows[0]?.name ?? null, rings };
}

/**
 * The bounding box of the year's positions (2nd to 98th percentile, so a few points geocoded to
 * the wrong state do not shrink the map to a dot), for data imported from somewhere other than the
 * loaded jurisdiction.
 */
export async function positionExtent(sc: StatsContext, opts: { year: number; scope: ReportScope }): Promise<[number, number, number, number] | null> {
  const rf = await resolveFilter(sc, yearFilter(opts.year, opts.scope));
  const q = new SqlParams();
  const { rows } = await sc.pool.query<{ x0: number | null; y0: number | null; x1: number | null; y1: number | null }>(
    `SELECT percentile_cont(0.02) WITHIN GROUP (ORDER BY lon) AS x0, percentile_cont(0.02) WITHIN GROUP (ORDER BY lat) AS y0,
            percentile_cont(0.98) WITHIN GROUP (ORDER BY lon) AS x1, percentile_cont(0.98) WITHIN GROUP (ORDER BY lat) AS y1
       FROM (${incidentRows(rf, q)}) p WHERE lat IS NOT NULL AND lon IS NOT NULL`,
    q.values,
  );
  const r = rows[0];
  if (!r || r.x0 === null || r.y0 === null || r.x1 === null || r.y1 === null) return null;
  return [r.x0, r.y0, r.x1, r.y1];
}

export interface DatasetInfo {
  code: string;
  name: string;
  profile: string;
  sourceFile: string | null;
  rowsImported: number;
  rowsRejected: number;
  importedAt: Date;
}

export async function datasetInfo(pool: pg.Pool, codes: string[]): Promise<DatasetInfo[]> {
  if (!codes.length) return [];
  const { rows } = await pool.query<{ code: string; name: string; profile: string; source_file: string | null; rows_imported: number; rows_rejected: number; imported_at: Date }>(
    'SELECT code, name, profile, source_file, rows_imported, rows_rejected, imported_at FROM stat_datasets WHERE code = ANY($1) ORDER BY code',
    [codes],
  );
  return rows.map((r) => ({ code: r.code, name: r.name, profile: r.profile, sourceFile: r.source_file, rowsImported: r.rows_imported, rowsRejected: r.rows_rejected, importedAt: r.imported_at }));
}
