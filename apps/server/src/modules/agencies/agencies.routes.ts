import { z } from 'zod';
import { AgencySchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { listAgencies } from './agencies.queries';

export function registerAgencyRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/agencies', {
    schema: { tags: ['agencies'], summary: 'Agencies the centre dispatches for, with their priority labels', response: { 200: z.array(AgencySchema) } },
    config: { access: { permission: 'agency.read' } },
  }, async () => listAgencies(ctx.db.pool));
}
