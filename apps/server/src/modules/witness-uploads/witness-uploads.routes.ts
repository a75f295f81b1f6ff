import type { Readable } from 'node:stream';
import { z } from 'zod';
import { CHUNK_CONTENT_TYPE, EvidenceLinkCreatedSchema, EvidenceLinkSchema, SendEvidenceLinkBodySchema, StartUploadBodySchema, UPLOAD_OFFSET_HEADER, UploadStateSchema, WitnessLinkInfoSchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { rateLimit } from '../../http/rate-limit';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { createEvidenceLink, revokeEvidenceLink, toEvidenceLink } from '../../evidence/evidence-links';
import { appendChunk, currentUploadState, uploadState } from '../../evidence/resumable-upload';
import { chunkBody, chunkOffset, registerChunkParser } from '../../evidence/chunk-request';
import { finishWitnessLink, startWitnessUpload, witnessInfo, witnessOrigin, witnessUpload } from './witness-uploads.commands';

const tags = ['witness uploads'];
const publicTags = ['witness uploads (public)'];
const TokenParams = z.object({ token: z.string().min(1).max(64) }).strict();
const UploadParams = z.object({ token: z.string().min(1).max(64), key: z.string().min(1).max(64) }).strict();

/**
 * Cell-phone video sharing: a dispatcher texts a one-time link from an incident; the witness's
 * phone sends photos and videos through it in resumable chunks; each file becomes evidence.
 */
export function registerWitnessUploadRoutes(api: Api, ctx: AppContext): void {
  registerChunkParser(api);

  api.post('/api/v1/incidents/:id/upload-links', {
    schema: { tags, summary: 'Text a one-time upload link to a caller or witness; the link is answered once so it can be read out', params: IdParams, body: SendEvidenceLinkBodySchema, response: { 201: EvidenceLinkCreatedSchema } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req, reply) => {
    const created = await createEvidenceLink(ctx, actorFor(req), { purpose: 'upload', incidentId: req.params.id, phone: req.body.phone, name: req.body.name, language: req.body.language });
    reply.code(201);
    return created;
  });

  api.post('/api/v1/evidence-links/:id/revoke', {
    schema: { tags, summary: 'Withdraw an upload or live-video link so it stops working at once', params: IdParams, response: { 200: EvidenceLinkSchema } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req) => toEvidenceLink(await revokeEvidenceLink(ctx, actorFor(req), req.params.id), ctx.clock.now()));

  // Guessing tokens is slow; a witness sending twenty files with retries stays well under this.
  const limit = rateLimit('witness link', 300, 10 * 60_000);

  api.get('/api/v1/public/witness/:token', {
    schema: { tags: publicTags, summary: 'The witness link: limits, expiry and files already sent', params: TokenParams, response: { 200: WitnessLinkInfoSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return witnessInfo(ctx, req.params.token);
  });

  api.post('/api/v1/public/witness/:token/uploads', {
    schema: { tags: publicTags, summary: 'Start one file: its name, size in bytes and (with consent) where it was taken', params: TokenParams, body: StartUploadBodySchema, response: { 201: UploadStateSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req, reply) => {
    const state = await startWitnessUpload(ctx, req.params.token, req.body, req.ip ?? null);
    reply.code(201).header(UPLOAD_OFFSET_HEADER, '0');
    return state;
  });

  api.get('/api/v1/public/witness/:token/uploads/:key', {
    schema: { tags: publicTags, summary: 'How far a file got: resume from `offset`', params: UploadParams, response: { 200: UploadStateSchema } },
    config: { access: { public: true } },
  }, async (req, reply) => {
    const { upload } = await witnessUpload(ctx, req.params.token, req.params.key);
    const state = (await currentUploadState(ctx, upload.upload_key)) ?? uploadState(upload);
    reply.header('cache-control', 'no-store').header(UPLOAD_OFFSET_HEADER, String(state.offset));
    return state;
  });

  api.patch('/api/v1/public/witness/:token/uploads/:key', {
    schema: { tags: publicTags, summary: `Send a chunk: body ${CHUNK_CONTENT_TYPE}, header ${UPLOAD_OFFSET_HEADER} = where it starts. The last chunk answers the evidence id and SHA-256.`, params: UploadParams },
    config: { access: { public: true } },
  }, async (req, reply) => {
    const body = chunkBody(req);
    const offset = chunkOffset(req);
    const { link, upload } = await witnessUpload(ctx, req.params.token, req.params.key);
    const state = await appendChunk(ctx, upload.upload_key, offset, body as Readable, witnessOrigin(link, req.ip ?? null));
    reply.header(UPLOAD_OFFSET_HEADER, String(state.offset));
    return state;
  });

  api.post('/api/v1/public/witness/:token/finish', {
    schema: { tags: publicTags, summary: 'Done sending: the link stops working', params: TokenParams, response: { 200: z.object({ files: z.number().int() }) } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req) => finishWitnessLink(ctx, req.params.token, req.ip ?? null));
}
