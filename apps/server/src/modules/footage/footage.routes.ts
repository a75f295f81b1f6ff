import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FootageCancelBodySchema, FootageDecisionBodySchema, FootageListQuerySchema, FootageRequestBodySchema, FootageRequestSchema } from '@openpsap/contract';
import { AppError, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { signedInOwner } from '../camera-owners/owner-session';
import { cancelFootage, decideFootage, requestFootage, uploadFootage } from './footage.commands';
import { getFootageRow, listFootage, toFootage } from './footage.queries';

const staffTags = ['footage requests'];
const ownerTags = ['camera owners (public)'];
const OWNER_BASE = '/api/v1/public/camera-owners/me/footage-requests';
/** What an owner's file may be sent as; the evidence store then decides from the bytes themselves. */
const UPLOAD_TYPES: RegExp = /^(application\/octet-stream|video\/[\w.+-]+)$/;

/** The name the owner's browser gave the file, made safe to show; never used as a path. */
function fileNameOf(header: string): string {
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // not percent-encoded: keep it as sent
  }
  return name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255);
}

/**
 * Footage requests from both sides: analysts ask and cancel; owners approve, decline and upload
 * in their portal (with the owner cookie, checked in each handler).
 */
export function registerFootageRoutes(api: Api, ctx: AppContext): void {
  api.post('/api/v1/footage-requests', {
    schema: { tags: staffTags, summary: "Ask a camera's owner for recorded video (at most 2 hours) for an incident; the owner is e-mailed", body: FootageRequestBodySchema, response: { 201: FootageRequestSchema } },
    config: { access: { permission: 'footage.request' } },
  }, async (req, reply) => {
    const id = await requestFootage(ctx, actorFor(req), req.body);
    reply.code(201);
    return toFootage((await getFootageRow(ctx.db.pool, id))!);
  });

  api.get('/api/v1/footage-requests', {
    schema: { tags: staffTags, summary: 'Footage requests, newest first (purpose required)', querystring: FootageListQuerySchema, response: { 200: z.array(FootageRequestSchema) } },
    config: { access: { permission: 'footage.request' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const list = await listFootage(ctx.db.pool, { cameraId: req.query.cameraId, incidentId: req.query.incidentId, state: req.query.state });
    await auditView(ctx, req, 'footage-request', list.map((f) => f.id), purpose);
    return list;
  });

  api.post('/api/v1/footage-requests/:id/cancel', {
    schema: { tags: staffTags, summary: 'Withdraw a request the owner has not fulfilled; the owner is told', params: IdParams, body: FootageCancelBodySchema, response: { 200: FootageRequestSchema } },
    config: { access: { permission: 'footage.request' } },
  }, async (req) => {
    await cancelFootage(ctx, actorFor(req), req.params.id, req.body.reason);
    return toFootage((await getFootageRow(ctx.db.pool, req.params.id))!);
  });

  api.get(OWNER_BASE, {
    schema: { tags: ownerTags, summary: "Footage requests for the owner's cameras, newest first", response: { 200: z.array(FootageRequestSchema) } },
    config: { access: { public: true } },
  }, async (req, reply) => {
    const owner = await signedInOwner(ctx, req);
    reply.header('cache-control', 'no-store');
    return listFootage(ctx.db.pool, { ownerId: owner.id });
  });

  const ownersView = async (ownerId: number, id: number) => {
    const f = await getFootageRow(ctx.db.pool, id);
    if (!f || f.owner_id !== ownerId) throw notFound(`footage request ${id}`);
    return toFootage(f);
  };

  for (const decision of ['approved', 'declined'] as const) {
    api.post(`${OWNER_BASE}/:id/${decision === 'approved' ? 'approve' : 'decline'}`, {
      schema: { tags: ownerTags, summary: decision === 'approved' ? 'Approve a footage request (then upload the file)' : 'Decline a footage request; no reason is needed', params: IdParams, body: FootageDecisionBodySchema, response: { 200: FootageRequestSchema } },
      config: { access: { public: true } },
    }, async (req) => {
      const owner = await signedInOwner(ctx, req);
      await decideFootage(ctx, owner, req.params.id, decision, req.body.note, req.ip ?? null);
      return ownersView(owner.id, req.params.id);
    });
  }

  // The file travels as the raw body (video/* or application/octet-stream), streamed to the
  // evidence store while it is hashed: a two-hour recording never sits in memory. The parser is
  // scoped to this one route; everywhere else JSON stays the only body accepted.
  void api.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, (_req: unknown, payload: unknown, done: (err: Error | null, body?: unknown) => void) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().put(`${OWNER_BASE}/:id/file`, {
      schema: {
        tags: ownerTags,
        summary: 'Upload the footage for a request: the raw file as the body (Content-Type video/* or application/octet-stream), its name in X-File-Name',
        params: IdParams,
        response: { 200: FootageRequestSchema },
      },
      config: { access: { public: true } },
    }, async (req) => {
      const owner = await signedInOwner(ctx, req);
      if (!(req.body instanceof Readable)) throw new AppError(415, 'unsupported_media_type', 'file: send the file itself as the body, with Content-Type video/... or application/octet-stream', { file: 'send the file itself as the body' });
      const rawName = req.headers['x-file-name'];
      const name = typeof rawName === 'string' ? fileNameOf(rawName) : '';
      await uploadFootage(ctx, owner, req.params.id, req.body, name, req.ip ?? null);
      return ownersView(owner.id, req.params.id);
    });
  });
}
