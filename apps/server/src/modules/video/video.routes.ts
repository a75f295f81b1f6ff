import { z } from 'zod';
import { CameraSeeingQuerySchema, CameraSightingSchema, RtccCamerasSchema, StartViewBodySchema, VideoViewSchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { IdParams, principalOf, type Api } from '../../http/route-types';
import { notFound } from '../../errors/app-error';
import { PLAYLIST_NAME } from './ffmpeg-args';
import { camerasSeeing, rtccCameras } from './camera-positions';
import { videoFor } from './video-service';

const tags = ['video'];
const ViewParams = z.object({ viewId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a view id') }).strict();
const FileParams = ViewParams.extend({ file: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'not a file of this view') }).strict();

/**
 * Live video for the RTCC: start and stop views, the view's HLS (served only to the session that
 * started it while the access rule holds), the cameras on the RTCC map, and which cameras see a point.
 */
export function registerVideoRoutes(api: Api, ctx: AppContext): void {
  const video = videoFor(ctx);
  api.addHook('onClose', async () => video.shutdown());

  api.post('/api/v1/cameras/:id/views', {
    schema: {
      tags,
      summary: 'Start a live view of a camera, with the reason and the incident (refusals are recorded for the owner and audited)',
      params: IdParams,
      body: StartViewBodySchema,
      response: { 201: VideoViewSchema },
    },
    config: { access: { permission: 'camera.live' } },
  }, async (req, reply) => {
    const view = await video.start(req, req.params.id, req.body);
    reply.code(201);
    return view;
  });

  api.get('/api/v1/video/views', {
    schema: { tags, summary: "The caller's running views (a reloaded screen picks its tiles up again)", response: { 200: z.array(VideoViewSchema) } },
    config: { access: { permission: 'camera.live' } },
  }, async (req) => video.viewsOf(principalOf(req)));

  api.get('/api/v1/video/views/:viewId', {
    schema: { tags, summary: "A view's state, and why it ended", params: ViewParams, response: { 200: VideoViewSchema } },
    config: { access: { permission: 'camera.live' } },
  }, async (req) => video.status(req, req.params.viewId));

  api.post('/api/v1/video/views/:viewId/heartbeat', {
    schema: { tags, summary: "The viewer's screen is still open; answers the view's state", params: ViewParams, response: { 200: VideoViewSchema } },
    config: { access: { permission: 'camera.live' } },
  }, async (req) => video.status(req, req.params.viewId));

  api.post('/api/v1/video/views/:viewId/stop', {
    schema: { tags, summary: 'Stop a view (recorded for the owner and audited)', params: ViewParams, response: { 200: VideoViewSchema } },
    config: { access: { permission: 'camera.live' } },
  }, async (req) => video.stop(req, req.params.viewId));

  api.get('/api/v1/video/views/:viewId/:file', {
    schema: { tags, summary: "The view's HLS playlist (index.m3u8) and segments", params: FileParams },
    config: { access: { permission: 'camera.live' } },
  }, async (req, reply) => {
    const { viewId, file } = req.params;
    // Live video is never cached: not by the browser, not by a proxy in between.
    reply.header('cache-control', 'no-store, private');
    if (file === PLAYLIST_NAME) return reply.type('application/vnd.apple.mpegurl').send(await video.playlist(req, viewId));
    if (!file.endsWith('.ts')) throw notFound(`file ${file}`);
    return reply.type('video/mp2t').send(await video.segment(req, viewId, file));
  });

  api.get('/api/v1/video/cameras', {
    schema: { tags, summary: 'Every camera for the RTCC map, with its field of view and whether it is relayed now', response: { 200: RtccCamerasSchema } },
    config: { access: { permission: 'camera.map' } },
  }, async () => {
    const s = video.stats();
    return { cameras: await rtccCameras(ctx, s.relayed), streams: { inUse: s.inUse, max: s.max } };
  });

  api.get('/api/v1/cameras/seeing', {
    schema: {
      tags,
      summary: 'Cameras that can see a point (within range, inside their field of view), nearest first; nearM adds cameras standing that close',
      querystring: CameraSeeingQuerySchema,
      response: { 200: z.array(CameraSightingSchema) },
    },
    config: { access: { permission: 'camera.nearby' } },
  }, async (req) => camerasSeeing(ctx, req.query.lat, req.query.lon, req.query.nearM));
}
