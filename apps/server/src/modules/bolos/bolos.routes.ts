import { z } from 'zod';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { cancelBolo } from './bolos.commands';
import { listBolos } from './bolos.queries';

const tags = ['bolos'];

/** BOLOs to units: listed on every unit's screen while active, cancelled when resolved. */
export function registerBoloRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/bolos', {
    schema: { tags, summary: 'BOLOs, newest first (active only by default)', querystring: z.object({ active: z.enum(['true', 'false']).default('true'), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict() },
    config: { access: { permission: 'bolo.read' } },
  }, async (req) => listBolos(ctx.db.pool, req.query.active === 'true', req.query.limit));

  api.post('/api/v1/bolos/:id/cancel', {
    schema: { tags, summary: 'Cancel a BOLO, with the reason units will see', params: IdParams, body: z.object({ reason: z.string().trim().min(1, 'must not be empty').max(500) }).strict() },
    config: { access: { permission: 'bolo.manage' } },
  }, async (req) => cancelBolo(ctx.db.pool, actorFor(req), req.params.id, req.body.reason));
}
