import { z } from 'zod';
import { CallLocationSchema, CallTextSchema, Ng911CallSchema, SendCallTextBodySchema, SupplementalLocationBodySchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { getCallRow } from '../calls/calls.queries';
import { addSupplementalLocation, sendReply } from './ng911.commands';
import { dialogForCall, locationsForCall, openNg911Calls, textsForCall, toNg911Call } from './ng911.queries';

const tags = ['ng911'];

export function registerNg911Routes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/ng911/calls', {
    schema: { tags, summary: 'NG9-1-1 details (line, location status, shapes) of the calls still open', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }).strict(), response: { 200: z.array(Ng911CallSchema) } },
    config: { access: { permission: 'call.read' } },
  }, async (req) => openNg911Calls(pool, req.query.limit));

  api.get('/api/v1/calls/:id/ng911', {
    schema: { tags, summary: 'What the SIP delivery of a call said: line, identifiers, location status, every location, additional data', params: IdParams, response: { 200: Ng911CallSchema } },
    config: { access: { permission: 'call.read' } },
  }, async (req) => {
    const d = await dialogForCall(pool, req.params.id);
    if (!d) throw notFound(`NG9-1-1 details of call ${req.params.id} (it did not come in over SIP)`);
    return toNg911Call(d, await locationsForCall(pool, req.params.id));
  });

  api.get('/api/v1/calls/:id/texts', {
    schema: { tags, summary: 'The text conversation of a call, oldest first', params: IdParams, response: { 200: z.array(CallTextSchema) } },
    config: { access: { permission: 'call.read' } },
  }, async (req) => {
    if (!(await getCallRow(pool, req.params.id))) throw notFound(`call ${req.params.id}`);
    return textsForCall(pool, req.params.id);
  });

  api.post('/api/v1/calls/:id/texts', {
    schema: { tags, summary: 'Reply to the caller; sent as SIP MESSAGE by the SIP listener once committed', params: IdParams, body: SendCallTextBodySchema, response: { 201: CallTextSchema } },
    config: { access: { permission: 'call.write' } },
  }, async (req, reply) => {
    const { result, seq } = await sendReply(pool, actorFor(req), req.params.id, req.body.body);
    reply.header('X-Event-Seq', String(seq)).code(201);
    return result;
  });

  api.post('/api/v1/calls/:id/supplemental-location', {
    schema: { tags, summary: 'A supplemental device location for a call (shown beside, never instead of, the verified one)', params: IdParams, body: SupplementalLocationBodySchema, response: { 201: CallLocationSchema } },
    config: { access: { permission: 'call.supplemental-location' } },
  }, async (req, reply) => {
    const { result, seq } = await addSupplementalLocation(pool, actorFor(req), req.params.id, req.body);
    reply.header('X-Event-Seq', String(seq)).code(201);
    return result;
  });
}
