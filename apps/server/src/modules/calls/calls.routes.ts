import { z } from 'zod';
import { CallSchema, CreateCallBodySchema, UpdateCallBodySchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { answerCall, createCall, releaseCall, updateCall } from './calls.commands';
import { getCallRow, listCalls, toCall } from './calls.queries';

const tags = ['calls'];

export function registerCallRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.post('/api/v1/calls', {
    schema: { tags, summary: 'Record a call (9-1-1, non-emergency, text, alarm, ...)', body: CreateCallBodySchema, response: { 201: CallSchema } },
    config: { access: { permission: 'call.write' } },
  }, async (req, reply) => {
    const { result, seq } = await createCall(pool, actorFor(req), req.body);
    reply.header('X-Event-Seq', String(seq)).code(201);
    return result;
  });

  api.get('/api/v1/calls', {
    schema: {
      tags,
      summary: 'Recent calls; `open=true` for those not yet attached or released',
      querystring: z.object({ open: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
      response: { 200: z.array(CallSchema) },
    },
    config: { access: { permission: 'call.read' } },
  }, async (req) => (await listCalls(pool, { open: req.query.open === 'true', limit: req.query.limit })).map(toCall));

  api.get('/api/v1/calls/:id', {
    schema: { tags, summary: 'One call', params: IdParams, response: { 200: CallSchema } },
    config: { access: { permission: 'call.read' } },
  }, async (req) => {
    const row = await getCallRow(pool, req.params.id);
    if (!row) throw notFound(`call ${req.params.id}`);
    return toCall(row);
  });

  api.patch('/api/v1/calls/:id', {
    schema: { tags, summary: 'Correct callback number, caller, location or notes', params: IdParams, body: UpdateCallBodySchema, response: { 200: CallSchema } },
    config: { access: { permission: 'call.write' } },
  }, async (req, reply) => {
    const { result, seq } = await updateCall(pool, actorFor(req), req.params.id, req.body);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });

  api.post('/api/v1/calls/:id/answer', {
    schema: { tags, summary: 'Stamp the answer time', params: IdParams, response: { 200: CallSchema } },
    config: { access: { permission: 'call.write' } },
  }, async (req, reply) => {
    const { result, seq } = await answerCall(pool, actorFor(req), req.params.id);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });

  api.post('/api/v1/calls/:id/release', {
    schema: { tags, summary: 'Stamp the release (hang-up) time', params: IdParams, response: { 200: CallSchema } },
    config: { access: { permission: 'call.write' } },
  }, async (req, reply) => {
    const { result, seq } = await releaseCall(pool, actorFor(req), req.params.id);
    reply.header('X-Event-Seq', String(seq));
    return result;
  });
}
