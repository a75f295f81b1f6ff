import { z } from 'zod';
import { CameraShareCreatedSchema, CameraShareListQuerySchema, CameraShareRecipientsSchema, CameraShareSchema, CreateCameraShareBodySchema, SharedCameraSchema, SharedViewSchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { centreName } from '../../http/centre-name';
import { rateLimit } from '../../http/rate-limit';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { notFound } from '../../errors/app-error';
import { PLAYLIST_NAME } from '../video/ffmpeg-args';
import { createCameraShare, revokeCameraShare } from './camera-shares.commands';
import { listShares, toCameraShare } from './camera-shares.queries';
import { sharedViewingFor } from './shared-viewing';

const tags = ['camera sharing'];
const publicTags = ['camera sharing (public)'];
const TokenParams = z.object({ token: z.string().min(1).max(100) }).strict();
const ViewParams = TokenParams.extend({ viewId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a view id') }).strict();
const FileParams = ViewParams.extend({ file: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'not a file of this view') }).strict();

/**
 * A live camera shared with another agency or a unit: analysts create, list and revoke links; the
 * link's public page plays the camera through the relay while the access rule holds for it.
 */
export function registerCameraShareRoutes(api: Api, ctx: AppContext): void {
  const viewing = sharedViewingFor(ctx);
  api.addHook('onClose', async () => viewing.shutdown());

  api.post('/api/v1/camera-shares', {
    schema: { tags, summary: 'Share the camera of one of my live views with an agency or a unit by an expiring link (reason required)', body: CreateCameraShareBodySchema, response: { 201: CameraShareCreatedSchema } },
    config: { access: { permission: 'camera.share' } },
  }, async (req, reply) => {
    const created = await createCameraShare(ctx, req, req.body);
    reply.code(201);
    return created;
  });

  api.get('/api/v1/camera-shares', {
    schema: { tags, summary: "Shared camera links: an incident's, a camera's, or those of the last day and any still running", querystring: CameraShareListQuerySchema, response: { 200: z.array(CameraShareSchema) } },
    config: { access: { permission: 'camera.share' } },
  }, async (req) => {
    const now = ctx.clock.now();
    return (await listShares(ctx.db.pool, req.query, now)).map((s) => toCameraShare(s, now, viewing.watching(s.id)));
  });

  api.post('/api/v1/camera-shares/:id/revoke', {
    schema: { tags, summary: 'Revoke a link: whoever watches through it is cut off at once', params: IdParams, response: { 200: CameraShareSchema } },
    config: { access: { permission: 'camera.share' } },
  }, async (req) => toCameraShare(await revokeCameraShare(ctx, actorFor(req), req.params.id), ctx.clock.now(), 0));

  api.get('/api/v1/camera-shares/recipients', {
    schema: { tags, summary: 'Agencies and units a camera can be shared with', response: { 200: CameraShareRecipientsSchema } },
    config: { access: { permission: 'camera.share' } },
  }, async () => {
    const agencies = await ctx.db.pool.query<{ id: number; name: string }>('SELECT id, name FROM agencies ORDER BY name');
    const units = await ctx.db.pool.query<{ id: number; callSign: string; agencyName: string }>(
      `SELECT u.id, u.call_sign AS "callSign", a.name AS "agencyName" FROM units u JOIN agencies a ON a.id = u.agency_id ORDER BY u.call_sign LIMIT 2000`,
    );
    return { agencies: agencies.rows, units: units.rows };
  });

  // The public side. The token is in every address: the link is the credential, and each opening
  // that plays is recorded for the camera's owner.
  const limit = rateLimit('shared camera', 2000, 10 * 60_000);

  api.get('/api/v1/public/camera-shares/:token', {
    schema: { tags: publicTags, summary: 'What a camera link shows (404 unknown, 410 expired or revoked)', params: TokenParams, response: { 200: SharedCameraSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req, reply) => {
    const s = await viewing.linkFor(req.params.token);
    reply.header('cache-control', 'no-store');
    return { centreName: centreName(ctx), cameraName: s.camera_name, incidentNumber: s.incident_number, recipient: s.recipient, reason: s.reason, sharedBy: s.created_by_label, expiresAt: s.expires_at.toISOString() };
  });

  api.post('/api/v1/public/camera-shares/:token/views', {
    schema: { tags: publicTags, summary: 'Start playing the shared camera (checked by the access rule, recorded for the owner)', params: TokenParams, response: { 201: SharedViewSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req, reply) => {
    const v = await viewing.open(req, req.params.token);
    reply.code(201);
    return v;
  });

  api.get('/api/v1/public/camera-shares/:token/views/:viewId', {
    schema: { tags: publicTags, summary: 'State of a playing link, and why it stopped', params: ViewParams, response: { 200: SharedViewSchema } },
    config: { access: { public: true } },
  }, async (req) => viewing.status(req.params.token, req.params.viewId));

  api.post('/api/v1/public/camera-shares/:token/views/:viewId/heartbeat', {
    schema: { tags: publicTags, summary: 'The page is still open; answers the state', params: ViewParams, response: { 200: SharedViewSchema } },
    config: { access: { public: true } },
  }, async (req) => viewing.status(req.params.token, req.params.viewId));

  api.post('/api/v1/public/camera-shares/:token/views/:viewId/stop', {
    schema: { tags: publicTags, summary: 'Stop playing (the page closed)', params: ViewParams, response: { 200: SharedViewSchema } },
    config: { access: { public: true } },
  }, async (req) => viewing.stop(req.params.token, req.params.viewId, req.ip ?? null));

  api.get('/api/v1/public/camera-shares/:token/views/:viewId/:file', {
    schema: { tags: publicTags, summary: 'HLS playlist (index.m3u8, re-checked on every reload) and segments of a playing link', params: FileParams },
    config: { access: { public: true } },
  }, async (req, reply) => {
    const { token, viewId, file } = req.params;
    reply.header('cache-control', 'no-store, private');
    if (file === PLAYLIST_NAME) return reply.type('application/vnd.apple.mpegurl').send(await viewing.playlist(token, viewId));
    if (!file.endsWith('.ts')) throw notFound(`file ${file}`);
    return reply.type('video/mp2t').send(await viewing.segment(token, viewId, file));
  });
}
