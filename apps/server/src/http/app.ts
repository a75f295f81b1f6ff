import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context';
import { registerAuthHook, type Access } from './auth-hook';
import { registerSecurityHooks, requestIdFrom } from './security-hooks';
import { registerMetricsRoutes, registerRequestMetrics } from './metrics';
import { registerOperationsRoutes } from '../modules/operations/operations.routes';
import { errorHandler } from './error-handler';
import { registerHealthRoutes } from './health.routes';
import { registerAuthRoutes } from '../auth/auth.routes';
import { registerAuditRoutes } from '../audit/audit.routes';
import { registerStreamRoutes } from '../realtime/stream.routes';
import { registerAgencyRoutes } from '../modules/agencies/agencies.routes';
import { registerCallRoutes } from '../modules/calls/calls.routes';
import { registerNg911Routes } from '../modules/ng911/ng911.routes';
import { registerEventRoutes } from '../modules/events/events.routes';
import { registerIncidentRoutes } from '../modules/incidents/incidents.routes';
import { registerRegistryRoutes } from '../modules/registry/registry.routes';
import { registerUnitRoutes } from '../modules/units/units.routes';
import { registerUserRoutes } from '../modules/users/users.routes';
import { registerGeographyRoutes } from '../modules/geography/geography.routes';
import { registerCautionRoutes } from '../modules/cautions/cautions.routes';
import { registerSupervisorRoutes } from '../modules/supervisor/supervisor.routes';
import { registerRecommendationRoutes } from '../modules/recommendation/recommendation.routes';
import { registerResponsePlanRoutes } from '../modules/response-plans/response-plans.routes';
import { registerCareRoutes } from '../modules/care/care.routes';
import { registerCarePublicRoutes } from '../modules/care/care-public.routes';
import { registerHelpMeHomeRoutes } from '../modules/help-me-home/hmh.routes';
import { registerBoloRoutes } from '../modules/bolos/bolos.routes';
import { registerTourRoutes } from '../modules/tours/tours.routes';
import { registerPublicTourRoutes } from '../modules/tours/tours-public.routes';
import { registerSpecialNeedsRoutes } from '../modules/special-needs/special-needs.routes';
import { registerSpecialNeedsPublicRoutes } from '../modules/special-needs/special-needs.public.routes';
import { registerPrivacyRoutes } from '../privacy/privacy.routes';
import { registerEvidenceRoutes } from '../evidence/evidence.routes';
import { registerWitnessUploadRoutes } from '../modules/witness-uploads/witness-uploads.routes';
import { registerCallerVideoRoutes } from '../modules/caller-video/caller-video.routes';
import { registerEvidenceSharingRoutes } from '../modules/evidence-sharing/evidence-sharing.routes';
import { registerHotspotRoutes } from '../modules/hotspots/hotspots.routes';
import { registerCameraEvaluationRoutes } from '../modules/camera-evaluation/camera-evaluation.routes';
import { registerCameraRoutes } from '../modules/cameras/cameras.routes';
import { registerCameraOwnerRoutes } from '../modules/camera-owners/camera-owners.routes';
import { registerFootageRoutes } from '../modules/footage/footage.routes';
import { registerVideoRoutes } from '../modules/video/video.routes';
import { registerDemoFeedRoutes } from '../modules/video/demo-feed.routes';
import { registerCameraShareRoutes } from '../modules/camera-shares/camera-shares.routes';
import { registerAlertRoutes } from '../modules/alerts/alerts.routes';
import { registerOutsideAlertRoutes } from '../modules/outside-alerts/outside-alerts.routes';
import { registerTrainingRoutes } from '../modules/training/training.routes';
import { registerCertificationRoutes } from '../modules/certifications/certifications.routes';
import { registerStaffRoutes } from '../modules/staff/staff.routes';
import { registerRosterRoutes } from '../modules/rosters/rosters.routes';
import { registerLiveStaffingRoutes } from '../modules/rosters/live-staffing.routes';
import { registerStaffingForecastRoutes } from '../modules/staffing-forecast/staffing-forecast.routes';
import { registerStatisticsRoutes } from '../modules/statistics/statistics.routes';
import { registerAnnualReportRoutes } from '../modules/statistics/annual-report.routes';
import { registerEidoRoutes } from '../modules/eido/eido.routes';
import { registerI3LogRoutes } from '../modules/i3-log/i3-log.routes';
import { registerAlarmIntakeRoutes } from '../modules/alarm-intake/alarm-intake.routes';

/** A registered route and who may call it; the role x route test walks this list. */
export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
  websocket: boolean;
  hasBody: boolean;
}

export interface BuildAppOptions {
  /** pino logger options, or false for none (tests). */
  logger: boolean | Record<string, unknown>;
  /** The built web app (apps/web/dist); served at / when present. */
  webDir?: string | null;
}

/** Assembles the HTTP and WebSocket API around a running database and event hub. */
export async function buildApp(ctx: AppContext, opts: BuildAppOptions): Promise<{ app: FastifyInstance; state: { ready: boolean }; routes: RouteInfo[] }> {
  const app = Fastify({
    logger: opts.logger,
    bodyLimit: 1 << 20,
    // Request ids in every log line let an operator follow one request through.
    // A balancer's X-Request-Id is kept, so its log line and ours name the same request.
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    forceCloseConnections: true,
    // Behind a balancer, the caller's address (rate limits, audit) comes from X-Forwarded-For, believed only from it.
    trustProxy: ctx.config.trustProxy ? ctx.config.trustProxy.split(',').map((a) => a.trim()) : false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // A form can POST text/plain across sites without a preflight; only JSON bodies are accepted.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OpenPSAP API',
        version: '1',
        description: 'Calls, incidents, units and the realtime event stream of a 9-1-1 centre. Errors are {"error":{"code","message","fields"?}}.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'psap_session' }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: r.url, access: r.config?.access, websocket: Boolean((r as { websocket?: boolean }).websocket), hasBody: Boolean(r.schema?.body) });
    }
  });
  registerAuthHook(app, ctx);
  registerSecurityHooks(app, ctx);
  registerRequestMetrics(app);
  // Time spent in the server per request, for operators' browser tools and for the benchmarks,
  // which must tell server time apart from time the client spent waiting on its own event loop.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Server-Timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
    return payload;
  });
  const state = { ready: false };
  const api = app.withTypeProvider<ZodTypeProvider>();
  registerHealthRoutes(api, ctx, state);
  registerMetricsRoutes(api, ctx);
  registerOperationsRoutes(api, ctx);
  api.get('/api/v1/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());
  registerAuthRoutes(api, ctx);
  registerRegistryRoutes(api);
  registerAgencyRoutes(api, ctx);
  registerCallRoutes(api, ctx);
  registerNg911Routes(api, ctx);
  registerIncidentRoutes(api, ctx);
  registerUnitRoutes(api, ctx);
  registerUserRoutes(api, ctx);
  registerAuditRoutes(api, ctx);
  registerEventRoutes(api, ctx);
  registerGeographyRoutes(api, ctx);
  registerCautionRoutes(api, ctx);
  registerSupervisorRoutes(api, ctx);
  registerRecommendationRoutes(api, ctx);
  registerResponsePlanRoutes(api, ctx);
  registerSpecialNeedsPublicRoutes(api, ctx);
  registerCareRoutes(api, ctx);
  registerCarePublicRoutes(api, ctx);
  registerHelpMeHomeRoutes(api, ctx);
  registerBoloRoutes(api, ctx);
  registerTourRoutes(api, ctx);
  registerPublicTourRoutes(api, ctx);
  registerSpecialNeedsRoutes(api, ctx);
  registerPrivacyRoutes(api, ctx);
  registerEvidenceRoutes(api, ctx);
  registerWitnessUploadRoutes(api, ctx);
  registerCallerVideoRoutes(api, ctx);
  registerEvidenceSharingRoutes(api, ctx);
  registerHotspotRoutes(api, ctx);
  registerCameraEvaluationRoutes(api, ctx);
  registerCameraRoutes(api, ctx);
  registerCameraOwnerRoutes(api, ctx);
  registerFootageRoutes(api, ctx);
  registerVideoRoutes(api, ctx);
  registerDemoFeedRoutes(api, ctx);
  registerCameraShareRoutes(api, ctx);
  registerAlertRoutes(api, ctx);
  registerOutsideAlertRoutes(api, ctx);
  registerTrainingRoutes(api, ctx);
  registerCertificationRoutes(api, ctx);
  registerStaffRoutes(api, ctx);
  registerRosterRoutes(api, ctx);
  registerLiveStaffingRoutes(api, ctx);
  registerStaffingForecastRoutes(api, ctx);
  registerEidoRoutes(api, ctx);
  registerI3LogRoutes(api, ctx);
  registerAlarmIntakeRoutes(api, ctx);
  registerStatisticsRoutes(api, ctx);
  registerAnnualReportRoutes(api, ctx);
  registerStreamRoutes(api, ctx);

  const webDir = opts.webDir ?? null;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  // The web app routes on the client; unknown non-API paths get its page, unknown API paths a 404.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && webDir && existsSync(join(webDir, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    if (req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html').send('<!doctype html><title>OpenPSAP</title><p>The web app is not built. Run <code>npm start</code> from the repository root, which builds it.</p>');
    }
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });
  return { app, state, routes };
}
