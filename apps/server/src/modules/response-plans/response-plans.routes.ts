import { ResponsePlanSetSchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { actorFor, type Api } from '../../http/route-types';
import { importPlans } from './response-plans.commands';
import { loadPlans } from './response-plans.queries';

export function registerResponsePlanRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/response-plans', {
    schema: { tags: ['response plans'], summary: 'Every run card, as the JSON that PUT accepts (export)' },
    config: { access: { permission: 'plan.read' } },
  }, async () => ({ plans: await loadPlans(ctx.db.pool) }));

  api.put('/api/v1/response-plans', {
    schema: { tags: ['response plans'], summary: 'Replace every run card (import); the previous set is kept in the audit log', body: ResponsePlanSetSchema },
    config: { access: { permission: 'plan.manage' } },
  }, async (req) => ({ imported: await importPlans(ctx.db.pool, actorFor(req), req.body.plans) }));
}
