import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  CallerConsentBodySchema,
  CallerVideoInfoSchema,
  CallerVideoSessionSchema,
  EvidenceLinkCreatedSchema,
  SendEvidenceLinkBodySchema,
  StartRecordingBodySchema,
  UPLOAD_OFFSET_HEADER,
  UploadStateSchema,
  type SignalMessage,
} from '@openpsap/contract';
import { AppError, conflict, notFound } from '../../errors/app-error';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { rateLimit } from '../../http/rate-limit';
import { actorFor, IdParams, principalOf, type Api } from '../../http/route-types';
import { usableLink } from '../../evidence/evidence-links';
import { getLink, toEvidenceLink } from '../../evidence/evidence.queries';
import { chunkBody, chunkOffset, registerChunkParser } from '../../evidence/chunk-request';
import { appendChunk, completeUpload, createUpload, currentUploadState, uploadByKey, uploadState } from '../../evidence/resumable-upload';
import { callerActor, callerVideoInfo, endCallerVideo, recordConsent, recordingOrigin, requestCallerVideo, updateCallerLocation, watchableSession } from './caller-video.commands';
import { SIGNAL_CLOSE, signalHubFor } from './signal-hub';

const tags = ['caller video'];
const publicTags = ['caller video (public)'];
const TokenParams = z.object({ token: z.string().min(1).max(64) }).strict();
const RecordingParams = z.object({ id: IdParams.shape.id, key: z.string().min(1).max(64) }).strict();

/**
 * Live video from a caller's phone: a texted link, the caller's consent on the page, then WebRTC
 * from the phone to the consoles with signalling over our own WebSocket routes (not the event
 * stream). When the agency records, one watching console records and uploads the recording.
 */
export function registerCallerVideoRoutes(api: Api, ctx: AppContext): void {
  registerChunkParser(api);
  const hub = signalHubFor(ctx);
  const pool = ctx.db.pool;

  api.post('/api/v1/incidents/:id/caller-video', {
    schema: { tags, summary: "Text the caller a link to show live video from their phone's camera", params: IdParams, body: SendEvidenceLinkBodySchema, response: { 201: EvidenceLinkCreatedSchema } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req, reply) => {
    const created = await requestCallerVideo(ctx, actorFor(req), req.params.id, req.body);
    reply.code(201);
    return created;
  });

  api.get('/api/v1/caller-video/:id', {
    schema: { tags, summary: 'A live-video session: state, consent, location, whether the phone is connected', params: IdParams, response: { 200: CallerVideoSessionSchema } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req) => {
    const link = await getLink(pool, req.params.id);
    if (!link || link.purpose !== 'live-video') throw notFound(`live-video session ${req.params.id}`);
    return { link: toEvidenceLink(link, ctx.clock.now()), iceServers: ctx.config.evidence.iceServers, callerConnected: hub.callerConnected(link.id) };
  });

  api.post('/api/v1/caller-video/:id/end', {
    schema: { tags, summary: 'End the live video; the link stops working', params: IdParams, response: { 200: z.object({ ended: z.literal(true) }) } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req) => {
    await endCallerVideo(ctx, actorFor(req), req.params.id, 'centre');
    return { ended: true as const };
  });

  api.post('/api/v1/caller-video/:id/recordings', {
    schema: { tags, summary: 'Start uploading a recording of the live video (its length is known at the end)', params: IdParams, body: StartRecordingBodySchema, response: { 201: UploadStateSchema } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req, reply) => {
    const link = await watchableSession(ctx, req.params.id);
    if (!link.record) throw conflict("the incident's agency does not record live caller video");
    const actor = actorFor(req);
    const { result } = await runCommand(pool, actor, async (tx, now) => {
      const row = await createUpload(ctx, tx, now, { source: 'caller-video', linkId: link.id, incidentId: Number(link.incident_id), startedBy: actor.userId, name: req.body.name ?? `live-video-${link.id}.webm`, size: req.body.size ?? null, type: 'video/webm' });
      return { result: row, audits: [{ action: 'evidence.recording-started', entity: 'evidence-upload', entityId: row.id, after: { linkId: link.id } }] };
    });
    reply.code(201);
    return uploadState(result);
  });

  async function recordingOf(id: number, key: string) {
    const upload = await uploadByKey(pool, key);
    if (!upload || upload.link_id !== id || upload.source !== 'caller-video') throw notFound('recording');
    return { upload, link: (await getLink(pool, id))! };
  }

  api.get('/api/v1/caller-video/:id/recordings/:key', {
    schema: { tags, summary: 'How far a recording upload got: resume from `offset`', params: RecordingParams, response: { 200: UploadStateSchema } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req, reply) => {
    const { upload } = await recordingOf(req.params.id, req.params.key);
    const state = (await currentUploadState(ctx, upload.upload_key)) ?? uploadState(upload);
    reply.header('cache-control', 'no-store').header(UPLOAD_OFFSET_HEADER, String(state.offset));
    return state;
  });

  api.patch('/api/v1/caller-video/:id/recordings/:key', {
    schema: { tags, summary: `Append recorded bytes at ${UPLOAD_OFFSET_HEADER}`, params: RecordingParams },
    config: { access: { permission: 'evidence.request' } },
  }, async (req, reply) => {
    const body = chunkBody(req);
    const offset = chunkOffset(req);
    const { upload, link } = await recordingOf(req.params.id, req.params.key);
    const state = await appendChunk(ctx, upload.upload_key, offset, body as Readable, recordingOrigin(link, actorFor(req)));
    reply.header(UPLOAD_OFFSET_HEADER, String(state.offset));
    return state;
  });

  api.post('/api/v1/caller-video/:id/recordings/:key/complete', {
    schema: { tags, summary: 'Finish a recording: it becomes an evidence item with its SHA-256', params: RecordingParams, response: { 200: UploadStateSchema } },
    config: { access: { permission: 'evidence.request' } },
  }, async (req) => {
    const { upload, link } = await recordingOf(req.params.id, req.params.key);
    return completeUpload(ctx, upload.upload_key, recordingOrigin(link, actorFor(req)));
  });

  api.get('/api/v1/caller-video/:id/signal', {
    websocket: true,
    schema: { tags, summary: 'WebSocket: signalling for watching the caller\'s live video' },
    config: { access: { permission: 'evidence.request' } },
  }, async (socket, req) => {
    const p = principalOf(req);
    const id = Number((req.params as { id?: string }).id);
    const fail = (code: number, message: string) => {
      socket.send(JSON.stringify({ type: 'error', message } satisfies SignalMessage));
      socket.close(code, message.slice(0, 100));
    };
    if (!Number.isSafeInteger(id) || id <= 0) return fail(SIGNAL_CLOSE.badRequest, 'id: must be a session number');
    const link = await watchableSession(ctx, id).catch((e: AppError) => e);
    if (link instanceof Error) return fail(SIGNAL_CLOSE.gone, link.message);
    hub.joinViewer(link.id, link.record, socket, p.user.username);
  });

  const limit = rateLimit('caller video link', 120, 10 * 60_000);

  api.get('/api/v1/public/caller-video/:token', {
    schema: { tags: publicTags, summary: 'The caller\'s live-video link: state, whether it is recorded, ICE servers', params: TokenParams, response: { 200: CallerVideoInfoSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return callerVideoInfo(ctx, req.params.token);
  });

  api.post('/api/v1/public/caller-video/:token/consent', {
    schema: { tags: publicTags, summary: 'The caller agrees to show live video (and, if they choose, their location)', params: TokenParams, body: CallerConsentBodySchema, response: { 200: CallerVideoInfoSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req) => recordConsent(ctx, req.params.token, req.body, req.ip ?? null));

  api.post('/api/v1/public/caller-video/:token/end', {
    schema: { tags: publicTags, summary: 'The caller stops the video; the link stops working', params: TokenParams, response: { 200: z.object({ ended: z.literal(true) }) } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req) => {
    const link = await usableLink(ctx, req.params.token, 'live-video');
    await endCallerVideo(ctx, callerActor(link.id, req.ip ?? null), link.id, 'caller');
    return { ended: true as const };
  });

  api.get('/api/v1/public/caller-video/:token/signal', {
    websocket: true,
    schema: { tags: publicTags, summary: 'WebSocket: signalling from the caller\'s phone (after consent)' },
    config: { access: { public: true } },
  }, async (socket, req) => {
    const token = String((req.params as { token?: string }).token ?? '');
    const fail = (code: number, message: string) => {
      socket.send(JSON.stringify({ type: 'error', message } satisfies SignalMessage));
      socket.close(code, message.slice(0, 100));
    };
    const link = await usableLink(ctx, token, 'live-video').catch((e: AppError) => e);
    if (link instanceof Error) return fail(SIGNAL_CLOSE.gone, link.message);
    if (!link.consented_at) return fail(SIGNAL_CLOSE.forbidden, 'consent is needed before the camera starts');
    let lastStored = 0;
    hub.joinCaller(link.id, link.record, socket, (l) => {
      // Positions arrive every few seconds; storing one per 5 s keeps the latest without a write per fix.
      if (!link.location_consent || Date.now() - lastStored < 5000) return;
      lastStored = Date.now();
      void updateCallerLocation(ctx, link.id, l).catch(() => undefined);
    });
  });
}
