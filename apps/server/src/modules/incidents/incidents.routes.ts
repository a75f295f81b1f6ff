import { z } from 'zod';
import {
  AddNarrativeBodySchema,
  AttachCallBodySchema,
  CloseIncidentBodySchema,
  CreateIncidentBodySchema,
  DispatchBodySchema,
  IncidentDetailSchema,
  NearbyIncidentSchema,
  IncidentSummarySchema,
  NarrativeEntrySchema,
  ReopenIncidentBodySchema,
  UpdateIncidentBodySchema,
  CallSchema,
  type AnyStreamEvent,
} from '@openpsap/contract';
import type pg from 'pg';
import { forbidden, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, principalOf, type Api } from '../../http/route-types';
import type { Principal } from '../../auth/principal';
import { eventFromRow, EVENT_COLUMNS, type EventRow } from '../../realtime/event-row';
import { addNarrative, attachCall, closeIncident, createIncident, reopenIncident, updateIncident } from './incidents.commands';
import { dispatchUnits } from './dispatch.commands';
import { allAssignments, getIncidentSummary, incidentCalls, listIncidents, listNarrative, nearbyOpenIncidents } from './incidents.queries';
import { cautionsNear } from '../cautions/cautions.queries';
import { auditCautionViews } from '../special-needs/special-needs.caution-audit';
import { missingProfilesForIncident } from '../help-me-home/hmh.queries';
import { auditRepeatedView } from '../../privacy/purpose';
import { summarise } from './timeline';
import { locate } from './locate';

/** The geography if this server has one; an incident can be taken before the map data loads. */
async function geoEngine(ctx: AppContext) {
  return ctx.geo?.ready ? ctx.geo.current : null;
}

const tags = ['incidents'];

/**
 * A responder sees incidents of their own agency and those their unit has worked; everyone
 * else with incident.read sees the whole centre.
 */
async function assertMayRead(pool: pg.Pool, p: Principal, incident: { id: number; agencyId: number }): Promise<void> {
  if (p.user.role !== 'responder') return;
  if (p.user.agencyId === incident.agencyId) return;
  if (p.user.unitId !== null) {
    const { rowCount } = await pool.query('SELECT 1 FROM assignments WHERE incident_id = $1 AND unit_id = $2', [incident.id, p.user.unitId]);
    if (rowCount) return;
  }
  throw forbidden('this incident belongs to another agency and your unit is not on it');
}

export function registerIncidentRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.post('/api/v1/incidents', {
    schema: { tags, summary: 'Create an incident, directly or from a call', body: CreateIncidentBodySchema, response: { 201: IncidentSummarySchema } },
    config: { access: { permission: 'incident.create' } },
  }, async (req, reply) => {
    const { result, seq } = await createIncident(pool, actorFor(req), req.body, locate(await geoEngine(ctx), req.body.location));
    reply.header('X-Event-Seq', String(seq)).code(201);
    return result;
  });

  api.get('/api/v1/incidents', {
    schema: {
      tags,
      summary: 'List incidents, open ones first',
      querystring: z.object({
        status: z.enum(['open', 'closed', 'all']).default('open'),
        agencyId: z.coerce.number().int().positive().optional(),
        number: z.string().regex(/^\d{4}-\d{6,}$/, 'must look like 2026-000123').optional(),
        limit: z.coerce.number().int().min(1).max(500).default(200),
        before: z.coerce.number().int().positive().optional(),
      }).strict(),
      response: { 200: z.array(IncidentSummarySchema) },
    },
    config: { access: { permission: 'incident.read' } },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    // Responders list their own agency's incidents only.
    const agencyId = p.user.role === 'responder' ? p.user.agencyId ?? -1 : q.agencyId ?? null;
    return listIncidents(pool, { open: q.status === 'all' ? null : q.status === 'open', agencyId, number: q.number ?? null, limit: q.limit, before: q.before ?? null });
  });

  api.get('/api/v1/incidents/:id', {
    schema: { tags, summary: 'One incident with its calls, narrative, units and timeline', params: IdParams, response: { 200: IncidentDetailSchema } },
    config: { access: { permission: 'incident.read' } },
  }, async (req) => {
    const summary = await getIncidentSummary(pool, req.params.id);
    if (!summary) throw notFound(`incident ${req.params.id}`);
    const p = principalOf(req);
    await assertMayRead(pool, p, summary);
    const { lat, lon } = summary.location;
    const [calls, narrative, assignmentHistory, events, cautions, nearby, missingPersons] = await Promise.all([
      incidentCalls(pool, summary.id),
      listNarrative(pool, summary.id),
      allAssignments(pool, summary.id),
      pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = $1 ORDER BY seq`, [summary.id]),
      lat !== null && lon !== null ? cautionsNear(pool, lat, lon, p.user.role) : Promise.resolve([]),
      lat !== null && lon !== null ? nearbyOpenIncidents(pool, lat, lon, summary.id) : Promise.resolve([]),
      missingProfilesForIncident(pool, summary.id),
    ]);
    const purpose = `incident ${summary.agencyCode} ${summary.number}`;
    await auditCautionViews(ctx, req, cautions, purpose);
    if (missingPersons.length) await auditRepeatedView(ctx, req, 'hmh-person', missingPersons.map((m) => m.personId), purpose, { via: 'incident' });
    const timeline = events.rows.map((r) => {
      const e = eventFromRow(r) as AnyStreamEvent;
      return { seq: e.seq, at: e.at, type: e.type, actor: e.actor, summary: summarise(e) };
    });
    return { ...summary, calls, narrative, assignmentHistory, timeline, cautions, nearby, missingPersons };
  });

  api.get('/api/v1/incidents/nearby', {
    schema: {
      tags,
      summary: 'Open incidents near a point (possible duplicates while a call is taken)',
      querystring: z.object({ lat: z.coerce.number().min(-90).max(90), lon: z.coerce.number().min(-180).max(180), radius: z.coerce.number().min(10).max(2000).default(300) }).strict(),
      response: { 200: z.array(NearbyIncidentSchema) },
    },
    config: { access: { permission: 'incident.read' } },
  }, async (req) => nearbyOpenIncidents(pool, req.query.lat, req.query.lon, null, req.query.radius));

  api.patch('/api/v1/incidents/:id', {
    schema: { tags, summary: 'Change type, priority or location', params: IdParams, body: UpdateIncidentBodySchema, response: { 200: IncidentSummarySchema } },
    config: { access: { permission: 'incident.update' } },
  }, async (req, reply) => {
    const located = req.body.location ? locate(await geoEngine(ctx), req.body.location) : undefined;
    const { result, seq } = await updateIncident(pool, actorFor(req), req.params.id, req.body, located);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });

  api.post('/api/v1/incidents/:id/narrative', {
    schema: { tags, summary: 'Add a narrative entry', params: IdParams, body: AddNarrativeBodySchema, response: { 201: NarrativeEntrySchema } },
    config: { access: { permission: 'incident.narrative' } },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (p.user.role === 'responder') {
      const { rowCount } = await pool.query('SELECT 1 FROM assignments WHERE incident_id = $1 AND unit_id = $2', [req.params.id, p.user.unitId ?? -1]);
      if (!rowCount) throw forbidden('a responder may add narrative only to incidents their unit works');
    }
    const { result, seq } = await addNarrative(pool, actorFor(req), req.params.id, req.body.text);
    reply.header('X-Event-Seq', String(seq)).code(201);
    return result;
  });

  api.post('/api/v1/incidents/:id/calls', {
    schema: { tags, summary: 'Attach a call to the incident', params: IdParams, body: AttachCallBodySchema, response: { 200: CallSchema } },
    config: { access: { permission: 'incident.update' } },
  }, async (req, reply) => {
    const { result, seq } = await attachCall(pool, actorFor(req), req.params.id, req.body.callId);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });

  api.post('/api/v1/incidents/:id/dispatch', {
    schema: { tags, summary: 'Dispatch units (by id or call sign)', params: IdParams, body: DispatchBodySchema, response: { 200: IncidentSummarySchema } },
    config: { access: { permission: 'incident.dispatch' } },
  }, async (req, reply) => {
    const { result, seq } = await dispatchUnits(pool, actorFor(req), req.params.id, req.body.unitIds, req.body.divert ?? false);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });

  api.post('/api/v1/incidents/:id/close', {
    schema: { tags, summary: 'Close with an APCO 1.111.2 disposition', params: IdParams, body: CloseIncidentBodySchema, response: { 200: IncidentSummarySchema } },
    config: { access: { permission: 'incident.close' } },
  }, async (req, reply) => {
    const { result, seq } = await closeIncident(pool, actorFor(req), req.params.id, req.body.disposition, req.body.narrative);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });

  api.post('/api/v1/incidents/:id/reopen', {
    schema: { tags, summary: 'Reopen a closed incident', params: IdParams, body: ReopenIncidentBodySchema.optional(), response: { 200: IncidentSummarySchema } },
    config: { access: { permission: 'incident.reopen' } },
  }, async (req, reply) => {
    const { result, seq } = await reopenIncident(pool, actorFor(req), req.params.id, req.body?.reason);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });
}
