import type pg from 'pg';
import { incidentType, LIVE_SOURCE, type AnalysisSource } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import type { CallTable } from './call-filter';

type Db = pg.Pool | pg.PoolClient;

export interface SourceInfo extends CallTable {
  name: string;
  attribution: string;
}

export const LIVE_NAME = 'Live incidents (this centre)';

/** The source a request names, or a 422 naming the field and the sources there are. */
export async function sourceInfo(db: Db, source: string, centreTimeZone: string, field = 'source'): Promise<SourceInfo> {
  if (source === LIVE_SOURCE) return { source, timeZone: centreTimeZone, name: LIVE_NAME, attribution: '' };
  const { rows } = await db.query<{ name: string; time_zone: string; attribution: string }>('SELECT name, time_zone, attribution FROM analysis_datasets WHERE code = $1', [source]);
  const r = rows[0];
  if (!r) {
    const { rows: all } = await db.query<{ code: string }>('SELECT code FROM analysis_datasets ORDER BY code');
    throw invalid(field, `no source "${source}"; there are: ${[LIVE_SOURCE, ...all.map((a) => a.code)].join(', ')}`);
  }
  return { source, timeZone: r.time_zone, name: r.name, attribution: r.attribution };
}

const LIVE_CATEGORY_ORDER = ['police', 'fire', 'ems'];

/** Every source an analyst can count: live incidents and each imported dataset, with what they hold. */
export async function listSources(db: Db, centreTimeZone: string): Promise<AnalysisSource[]> {
  const live = await db.query<{ type: string; n: number; first: string | null; last: string | null }>(
    `SELECT type_code AS type, count(*)::int AS n,
            to_char(min(received_at AT TIME ZONE $1), 'YYYY-MM-DD') AS first, to_char(max(received_at AT TIME ZONE $1), 'YYYY-MM-DD') AS last
       FROM incidents GROUP BY type_code ORDER BY n DESC, type_code`,
    [centreTimeZone],
  );
  const liveCategories = new Map<string, number>();
  const liveTypes = live.rows.map((r) => {
    const category = incidentType(r.type)?.discipline ?? 'police';
    liveCategories.set(category, (liveCategories.get(category) ?? 0) + r.n);
    return { name: r.type, category, count: r.n };
  });
  const dates = live.rows.flatMap((r) => [r.first, r.last]).filter((d): d is string => d !== null).sort();
  const sources: AnalysisSource[] = [
    {
      id: LIVE_SOURCE,
      name: LIVE_NAME,
      kind: 'live',
      timeZone: centreTimeZone,
      first: dates[0] ?? null,
      last: dates.at(-1) ?? null,
      total: live.rows.reduce((a, r) => a + r.n, 0),
      attribution: '',
      categories: LIVE_CATEGORY_ORDER.filter((c) => liveCategories.has(c)).map((name) => ({ name, count: liveCategories.get(name)! })),
      types: liveTypes,
    },
  ];
  const { rows: datasets } = await db.query<{ code: string; name: string; time_zone: string; attribution: string }>('SELECT code, name, time_zone, attribution FROM analysis_datasets ORDER BY code');
  for (const d of datasets) {
    const { rows } = await db.query<{ category: string; type: string; n: number; first: string; last: string }>(
      `SELECT category, type, count(*)::int AS n,
              to_char(min(received_at AT TIME ZONE $2), 'YYYY-MM-DD') AS first, to_char(max(received_at AT TIME ZONE $2), 'YYYY-MM-DD') AS last
         FROM analysis_calls WHERE dataset = $1 GROUP BY category, type ORDER BY n DESC, type`,
      [d.code, d.time_zone],
    );
    const categories = new Map<string, number>();
    for (const r of rows) categories.set(r.category, (categories.get(r.category) ?? 0) + r.n);
    const ds = rows.flatMap((r) => [r.first, r.last]).sort();
    sources.push({
      id: d.code,
      name: d.name,
      kind: 'dataset',
      timeZone: d.time_zone,
      first: ds[0] ?? null,
      last: ds.at(-1) ?? null,
      total: rows.reduce((a, r) => a + r.n, 0),
      attribution: d.attribution,
      categories: [...categories].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, count })),
      types: rows.map((r) => ({ name: r.type, category: r.category, count: r.n })),
    });
  }
  return sources;
}
