import type pg from 'pg';
import { LIVE_SOURCE, type HotspotResult } from '@openpsap/contract';
import { callsFrom, hourOfWeekSql, SqlParams, type CallFilter } from './call-filter';
import type { SourceInfo } from './call-sources.queries';
import { cellAreaKm2, cellCentre, cellColumn, cellHex, cellPolygon, pointCellAt, type HotspotResolution } from './h3-cells';

type Db = pg.Pool | pg.PoolClient;

interface CellCount {
  cell: string;
  count: number;
  label: string | null;
}

/**
 * Counts per cell and per hour of the week for a dataset, in one scan grouped two ways. Both
 * groupings are hashed, which is what keeps 100,000 calls near a tenth of a second:
 * - cells by (cell, area), the label (the area most of a cell's calls name) picked here, rather
 *   than mode() in SQL, which sorts every call;
 * - time by quarter-hour in UTC, and only those few thousand buckets are turned into local hours
 *   of the week; converting every call's time to the zone cost more than the rest of the query.
 *   Exact because zone offsets and their changes fall on quarter-hours (since 1972 everywhere).
 */
async function datasetCounts(db: Db, info: SourceInfo, f: CallFilter, res: HotspotResolution): Promise<{ cells: CellCount[]; hourOfWeek: number[]; withoutLocation: number }> {
  const p = new SqlParams();
  const { from, where, tz } = callsFrom(info, f, p);
  const col = cellColumn(res);
  const bucket = `date_bin('15 minutes', received_at, '2000-01-01 00:00Z')`;
  const { rows } = await db.query<{ cell: string | null; area: string | null; how: number | null; n: number }>(
    `WITH g AS (
       SELECT ${col} AS cell, area, ${bucket} AS q, count(*)::int AS n, GROUPING(${col}) AS by_time
         FROM ${from} WHERE ${where}
        GROUP BY GROUPING SETS ((${col}, area), (${bucket}))
     )
     SELECT cell::text AS cell, area, NULL::int AS how, n FROM g WHERE by_time = 0
     UNION ALL
     SELECT NULL, NULL, ${hourOfWeekSql(`(q AT TIME ZONE ${tz})`)}, sum(n)::int FROM g WHERE by_time = 1 GROUP BY 3`,
    p.values,
  );
  const hourOfWeek = new Array<number>(168).fill(0);
  const byCell = new Map<string, { count: number; label: string | null; labelCount: number }>();
  for (const r of rows) {
    if (r.cell === null) {
      if (r.how !== null) hourOfWeek[r.how] = r.n;
      continue;
    }
    const c = byCell.get(r.cell) ?? { count: 0, label: null, labelCount: 0 };
    c.count += r.n;
    // The most frequent area; on a tie the first by name, so the label does not change between runs.
    if (r.area !== null && (r.n > c.labelCount || (r.n === c.labelCount && c.label !== null && r.area < c.label))) {
      c.label = r.area;
      c.labelCount = r.n;
    }
    byCell.set(r.cell, c);
  }
  const cells = [...byCell].map(([cell, c]) => ({ cell: cellHex(cell), count: c.count, label: c.label }));
  return { cells, hourOfWeek, withoutLocation: 0 };
}

/**
 * Live incidents are binned here rather than in SQL: the incidents table has no stored cells (it
 * belongs to the dispatch core), and a centre's incidents over an analysis window are few enough.
 */
async function liveCounts(db: Db, info: SourceInfo, f: CallFilter, res: HotspotResolution): Promise<{ cells: CellCount[]; hourOfWeek: number[]; withoutLocation: number }> {
  const p = new SqlParams();
  const { from, where, local } = callsFrom(info, f, p);
  const { rows } = await db.query<{ lat: number | null; lon: number | null; how: number }>(`SELECT lat, lon, ${hourOfWeekSql(local)} AS how FROM ${from} WHERE ${where}`, p.values);
  const hourOfWeek = new Array<number>(168).fill(0);
  const byCell = new Map<string, number>();
  let withoutLocation = 0;
  for (const r of rows) {
    if (r.lat === null || r.lon === null) {
      withoutLocation++;
      continue;
    }
    hourOfWeek[r.how]!++;
    const c = pointCellAt(r.lat, r.lon, res);
    byCell.set(c, (byCell.get(c) ?? 0) + 1);
  }
  return { cells: [...byCell].map(([cell, count]) => ({ cell, count, label: null })), hourOfWeek, withoutLocation };
}

/**
 * Legend classes for counts per cell: upper bounds at the median, 80th, 95th and 99th percentile
 * and the maximum, so the few cells that matter stand out on a map where most cells hold a call
 * or two. Repeated bounds collapse into one class.
 */
export function legendBreaks(counts: number[]): number[] {
  if (!counts.length) return [];
  const sorted = [...counts].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return [...new Set([0.5, 0.8, 0.95, 0.99, 1].map(at))];
}

/** Counts of calls per H3 hexagon as GeoJSON, the busiest first, with the query's summary. */
export async function hotspots(db: Db, info: SourceInfo, f: CallFilter, res: HotspotResolution, limit: number): Promise<HotspotResult> {
  const counted = info.source === LIVE_SOURCE ? await liveCounts(db, info, f, res) : await datasetCounts(db, info, f, res);
  const cells = counted.cells.sort((a, b) => b.count - a.count || (a.cell < b.cell ? -1 : 1));
  const total = cells.reduce((a, c) => a + c.count, 0);
  const drawn = cells.slice(0, limit);
  let rank = 0;
  const features = drawn.map((c, i) => {
    // Competition ranking: cells with equal counts share a rank.
    if (i === 0 || cells[i - 1]!.count !== c.count) rank = i + 1;
    const centre = cellCentre(c.cell);
    return {
      type: 'Feature' as const,
      id: c.cell,
      properties: { cell: c.cell, count: c.count, rank, share: total ? c.count / total : 0, label: c.label, lat: centre.lat, lon: centre.lon },
      geometry: { type: 'Polygon' as const, coordinates: cellPolygon(c.cell) },
    };
  });
  return {
    type: 'FeatureCollection',
    features,
    meta: {
      source: info.source,
      sourceName: info.name,
      timeZone: info.timeZone,
      resolution: res,
      cellAreaKm2: Math.round(cellAreaKm2(res) * 10_000) / 10_000,
      from: f.from,
      to: f.to,
      categories: f.categories,
      types: f.types,
      days: f.days ?? null,
      hourFrom: f.hourFrom ?? null,
      hourTo: f.hourTo ?? null,
      total,
      cells: cells.length,
      drawn: drawn.length,
      withoutLocation: counted.withoutLocation,
      hourOfWeek: counted.hourOfWeek,
      breaks: legendBreaks(drawn.map((c) => c.count)),
    },
  };
}
