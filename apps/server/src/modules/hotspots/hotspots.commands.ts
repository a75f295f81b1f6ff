import type { HotspotQuery, HotspotResult } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { invalid } from '../../errors/app-error';
import type { CallFilter } from './call-filter';
import { sourceInfo } from './call-sources.queries';
import { hotspots } from './hotspots.queries';
import type { HotspotResolution } from './h3-cells';

/**
 * Runs a hot-spot query and records who ran it with what filters. The result holds counts only,
 * but the audit log still says which analyst looked at which area and period, and the answer is
 * sent only once that row is written.
 */
export async function runHotspots(ctx: AppContext, actor: Actor, q: HotspotQuery): Promise<HotspotResult> {
  if (q.from && q.to && q.to < q.from) throw invalid('to', `must be on or after from (${q.from})`);
  const info = await sourceInfo(ctx.db.pool, q.source, ctx.config.timeZone);
  const filter: CallFilter = { categories: q.categories ?? [], types: q.types ?? [], from: q.from ?? null, to: q.to ?? null, days: q.days ?? null, hourFrom: q.hourFrom ?? null, hourTo: q.hourTo ?? null };
  const result = await hotspots(ctx.db.pool, info, filter, q.resolution as HotspotResolution, q.limit);
  await runCommand(ctx.db.pool, actor, async () => ({
    result: null,
    audits: [{ action: 'hotspots.run', entity: 'analysis', entityId: q.source, after: { ...filter, resolution: q.resolution, total: result.meta.total, cells: result.meta.cells } }],
  }));
  return result;
}
