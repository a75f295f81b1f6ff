import { HotspotQuerySchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { actorFor, type Api } from '../../http/route-types';
import { listSources } from './call-sources.queries';
import { runHotspots } from './hotspots.commands';

/** Hot spots for the RTCC: where calls concentrate, by type, period and hour of the week. */
export function registerHotspotRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/hotspots/sources', {
    schema: { tags: ['hotspots'], summary: 'What can be counted: live incidents and each imported dataset of calls for service, with their categories, types and dates' },
    config: { access: { permission: 'hotspot.read' } },
  }, async () => listSources(ctx.db.pool, ctx.config.timeZone));

  api.get('/api/v1/hotspots', {
    schema: {
      tags: ['hotspots'],
      summary: 'Calls per H3 hexagon as GeoJSON (busiest first) with calls per hour of the week; repeat categories= and types= for several',
      querystring: HotspotQuerySchema,
    },
    config: { access: { permission: 'hotspot.read' } },
  }, async (req) => runHotspots(ctx, actorFor(req), req.query));
}
