import { z } from 'zod';
import { CameraEvaluationBodySchema, AnalysisSourceCodeSchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { notFound } from '../../errors/app-error';
import { sourceInfo } from '../hotspots/call-sources.queries';
import { runCameraEvaluation } from './camera-evaluation.commands';
import { getEvaluation, recentEvaluations } from './camera-evaluation.queries';
import { listSites } from './evaluation-sites.queries';

/** Before/after evaluations of cameras: so a claimed drop in crime near a camera can be checked. */
export function registerCameraEvaluationRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/camera-evaluations/sites', {
    schema: { tags: ['camera evaluation'], summary: 'Places an evaluation against a source can centre on: registry cameras for "live", a dataset\'s sites otherwise', querystring: z.object({ source: AnalysisSourceCodeSchema }).strict() },
    config: { access: { permission: 'hotspot.read' } },
  }, async (req) => {
    await sourceInfo(ctx.db.pool, req.query.source, ctx.config.timeZone);
    return listSites(ctx.db.pool, req.query.source);
  });

  api.post('/api/v1/camera-evaluations', {
    schema: {
      tags: ['camera evaluation'],
      summary: 'Run a before/after evaluation: calls near a site against a comparison area, difference in differences with a 95% interval and a verdict; stored and audited',
      body: CameraEvaluationBodySchema,
    },
    config: { access: { permission: 'hotspot.read' } },
  }, async (req, reply) => {
    const e = await runCameraEvaluation(ctx, actorFor(req), req.body);
    reply.code(201);
    return e;
  });

  api.get('/api/v1/camera-evaluations', {
    schema: { tags: ['camera evaluation'], summary: 'Recent evaluations, newest first', querystring: z.object({ limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(20) }).strict() },
    config: { access: { permission: 'hotspot.read' } },
  }, async (req) => recentEvaluations(ctx.db.pool, req.query.limit));

  api.get('/api/v1/camera-evaluations/:id', {
    schema: { tags: ['camera evaluation'], summary: 'One evaluation with its inputs, weekly counts and result', params: IdParams },
    config: { access: { permission: 'hotspot.read' } },
  }, async (req) => {
    const e = await getEvaluation(ctx.db.pool, req.params.id);
    if (!e) throw notFound(`evaluation ${req.params.id}`);
    return e;
  });
}
