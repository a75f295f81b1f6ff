import { z } from 'zod';
import { EidoImportResultSchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { authenticate } from '../../http/auth-hook';
import { actorFor, IdParams, principalOf, type Api } from '../../http/route-types';
import type { StreamViewer } from '../../realtime/visibility';
import { getIncidentSummary } from '../incidents/incidents.queries';
import { assertMayReadIncident, mayReadCalls } from './eido-access';
import { importEido } from './eido.import';
import { currentEido } from './eido.service';
import { EidoSubscriber } from './eido-subscription';
import { centreDomain } from './emergency-ids';

const tags = ['eido'];
const EidoJson = z.record(z.string(), z.unknown()).describe('A NENA-STA-021 EIDO (JSON)');

/**
 * NENA EIDO: an incident as an EIDO, an EIDO taken in as a new incident (CAD-to-CAD transfer),
 * and a WebSocket that sends a fresh EIDO after every change (STA-024 subscribe/notify).
 */
export function registerEidoRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  const domain = centreDomain(ctx.config);

  api.get('/api/v1/incidents/:id/eido', {
    schema: { tags, summary: 'The incident as a NENA-STA-021 EIDO (calls only for the centre floor)', params: IdParams, response: { 200: EidoJson } },
    config: { access: { permission: 'eido.read' } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const summary = await getIncidentSummary(pool, req.params.id);
    if (!summary) throw notFound(`incident ${req.params.id}`);
    await assertMayReadIncident(pool, p, summary);
    const doc = await currentEido(pool, summary.id, { domain, includeCalls: mayReadCalls(p) });
    reply.header('content-type', 'application/json; charset=utf-8');
    return doc!;
  });

  api.post('/api/v1/eido', {
    schema: {
      tags,
      summary: 'Import an EIDO as a new incident (CAD-to-CAD transfer); a bad document is refused with 422 naming its JSON path',
      body: z.unknown().describe('A NENA-STA-021 EIDO (JSON)'),
      response: { 201: EidoImportResultSchema },
    },
    config: { access: { permission: 'eido.import' } },
  }, async (req, reply) => {
    const engine = ctx.geo?.ready ? ctx.geo.current : null;
    const result = await importEido(pool, actorFor(req), engine, req.body);
    reply.code(201);
    return result;
  });

  api.get('/api/v1/eido/subscribe', {
    websocket: true,
    schema: { tags, summary: 'WebSocket: subscribe to an incident or an agency\'s incidents; the current EIDO, then a new one on each change (STA-024 messages)' },
    config: { access: { permission: 'eido.read' } },
  }, async (socket, req) => {
    const p = principalOf(req);
    const viewer: StreamViewer = { userId: p.user.id, role: p.user.role, agencyId: p.user.agencyId, unitId: p.user.unitId, incidentIds: new Set() };
    const checkSession = async () => {
      const again = await authenticate(ctx, req).catch(() => null);
      if (!again) return 'ended' as const;
      return again.state === 'ok' ? ('ok' as const) : again.state === 'locked' ? ('locked' as const) : ('ended' as const);
    };
    // Listening starts at once so no subscribe message is lost; the unit's incidents fill in after.
    new EidoSubscriber(socket, pool, ctx.hub, p, viewer, domain, checkSession, ctx.config.heartbeatSeconds, ctx.log).start();
    if (viewer.unitId !== null) {
      const { rows } = await pool.query<{ incident_id: number }>('SELECT DISTINCT incident_id FROM assignments WHERE unit_id = $1', [viewer.unitId]);
      for (const r of rows) viewer.incidentIds.add(r.incident_id);
    }
  });
}
