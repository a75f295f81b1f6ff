import { z } from 'zod';
import { CreateUnitBodySchema, UnitPositionBodySchema, UnitSchema, UnitStatusBodySchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, principalOf, UnitParams, type Api } from '../../http/route-types';
import { createUnit } from './units.commands';
import { recordPosition } from './unit-position.commands';
import { changeUnitStatus, requireUnitId } from './unit-status.commands';
import { getUnit, listUnits, toUnit } from './units.queries';

const tags = ['units'];

export function registerUnitRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/units', {
    schema: {
      tags,
      summary: 'The roster with current status and position',
      querystring: z.object({
        agencyId: z.coerce.number().int().positive().optional(),
        status: z.string().max(40).optional(),
        includeInactive: z.enum(['true', 'false']).default('false'),
      }).strict(),
      response: { 200: z.array(UnitSchema) },
    },
    config: { access: { permission: 'unit.read' } },
  }, async (req) => {
    const q = req.query;
    return (await listUnits(pool, { agencyId: q.agencyId, status: q.status, includeInactive: q.includeInactive === 'true' })).map(toUnit);
  });

  api.get('/api/v1/units/:id', {
    schema: { tags, summary: 'One unit, by id or call sign', params: UnitParams, response: { 200: UnitSchema } },
    config: { access: { permission: 'unit.read' } },
  }, async (req) => {
    const id = await requireUnitId(pool, req.params.id);
    const row = await getUnit(pool, id);
    if (!row) throw notFound(`unit ${req.params.id}`);
    return toUnit(row);
  });

  api.post('/api/v1/units/:id/status', {
    schema: {
      tags,
      summary: 'Change a unit status (EnRoute, OnScene, Transporting, Hospital, Cleared, Available, OutofService, ...)',
      params: UnitParams,
      body: UnitStatusBodySchema,
      response: { 200: UnitSchema.extend({ changed: z.boolean() }) },
    },
    config: { access: { permission: 'unit.status' } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await requireUnitId(pool, req.params.id);
    const { result, seq } = await changeUnitStatus(pool, actorFor(req), id, req.body, p.user.role === 'responder' ? p.user.unitId ?? -1 : null);
    if (result.changed) reply.header('X-Event-Seq', String(seq));
    return { ...result.unit, changed: result.changed };
  });

  api.post('/api/v1/units/:id/position', {
    schema: {
      tags,
      summary: 'Report a unit\'s position (AVL); stream events are throttled to one per unit per 10 s',
      params: UnitParams,
      body: UnitPositionBodySchema,
      response: { 200: z.object({ current: z.boolean(), published: z.boolean() }) },
    },
    config: { access: { permission: 'unit.position' } },
  }, async (req) => {
    const p = principalOf(req);
    const id = await requireUnitId(pool, req.params.id);
    return recordPosition(pool, actorFor(req), id, req.body, p.user.role === 'responder' ? p.user.unitId ?? -1 : null);
  });

  api.post('/api/v1/units', {
    schema: { tags, summary: 'Add a unit to the roster', body: CreateUnitBodySchema, response: { 201: UnitSchema } },
    config: { access: { permission: 'unit.manage' } },
  }, async (req, reply) => {
    const { result, seq } = await createUnit(pool, actorFor(req), req.body);
    reply.header('X-Event-Seq', String(seq)).code(201);
    return result;
  });
}
