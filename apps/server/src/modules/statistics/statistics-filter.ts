import type { StandardsProfile, StatisticsFilter } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import type { StatsContext } from './statistics-context';

/** A filter checked against the database: the period as instants, which sources, which standards. */
export interface ResolvedFilter {
  filter: StatisticsFilter;
  from: string;
  to: string;
  /** Local midnight starting `from`, and local midnight after `to` (exclusive). */
  lo: Date;
  hi: Date;
  timeZone: string;
  live: boolean;
  /** Imported datasets to read; null means every one. */
  datasets: string[] | null;
  profiles: StandardsProfile[];
}

const MAX_DAYS = 3 * 366 + 1;

/**
 * Turns the caller's filter into instants and sources, refusing what cannot be answered with the
 * field named: an unknown dataset or standard, or a period that ends before it starts.
 */
export async function resolveFilter(sc: StatsContext, filter: StatisticsFilter): Promise<ResolvedFilter> {
  if (filter.to < filter.from) throw invalid('to', `must not be before from (${filter.from})`);
  const days = (Date.parse(`${filter.to}T00:00:00Z`) - Date.parse(`${filter.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_DAYS) throw invalid('to', `the period may span at most ${MAX_DAYS} days`);
  const dataset = filter.dataset ?? 'live';
  let live = true;
  let datasets: string[] | null = [];
  if (dataset === 'all') datasets = null;
  else if (dataset !== 'live') {
    const { rowCount } = await sc.pool.query('SELECT 1 FROM stat_datasets WHERE code = $1', [dataset]);
    if (!rowCount) {
      const { rows } = await sc.pool.query<{ code: string }>('SELECT code FROM stat_datasets ORDER BY code LIMIT 20');
      throw invalid('dataset', `no dataset "${dataset}" (known: live, all${rows.map((r) => `, ${r.code}`).join('')})`);
    }
    live = false;
    datasets = [dataset];
  }
  let profiles = sc.standards;
  if (filter.standards) {
    const ids = filter.standards.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !sc.standards.some((p) => p.id === id));
    if (unknown.length) throw invalid('standards', `unknown profile ${unknown.join(', ')} (known: ${sc.standards.map((p) => p.id).join(', ')})`);
    profiles = sc.standards.filter((p) => ids.includes(p.id));
  }
  const { rows } = await sc.pool.query<{ lo: Date; hi: Date }>(
    'SELECT ($1::date::timestamp AT TIME ZONE $3) AS lo, (($2::date + 1)::timestamp AT TIME ZONE $3) AS hi',
    [filter.from, filter.to, sc.timeZone],
  );
  return { filter, from: filter.from, to: filter.to, lo: rows[0]!.lo, hi: rows[0]!.hi, timeZone: sc.timeZone, live, datasets, profiles };
}
