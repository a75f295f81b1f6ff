import { z } from 'zod';
import {
  CameraDetailSchema,
  CameraListQuerySchema,
  CameraListSchema,
  CameraReadQuerySchema,
  CameraTransparencySchema,
  CameraUpdateBodySchema,
  CityCameraBodySchema,
  PORTAL_LANGS,
  RegistryCameraSchema,
} from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { cameraAccessLog, consentsOf } from '../camera-owners/camera-owners.queries';
import { listFootage } from '../footage/footage.queries';
import { createCityCamera, updateCityCamera } from './cameras.commands';
import { getRegistryCamera, searchCameras } from './cameras.queries';
import { cameraTransparency } from './camera-transparency';

const tags = ['cameras'];

/**
 * The RTCC's camera registry: search, one camera with its owner, consents and access log, and
 * edits to the city's own cameras. Every read states a purpose and is audited: the registry says
 * where private cameras are and who owns them.
 */
export function registerCameraRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/cameras', {
    schema: { tags, summary: 'Search the camera registry (purpose required)', querystring: CameraListQuerySchema, response: { 200: CameraListSchema } },
    config: { access: { permission: 'camera.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const { purpose: _p, ...filters } = req.query;
    const found = await searchCameras(ctx.db.pool, req.query);
    const privateShown = found.cameras.filter((c) => c.ownerKind !== 'city').map((c) => c.id);
    await auditView(ctx, req, 'camera-search', [], purpose, { filters, shown: found.cameras.length, total: found.total, privateCameras: privateShown });
    return found;
  });

  api.get('/api/v1/cameras/:id', {
    schema: { tags, summary: 'One camera: owner contact, consents, access log and footage requests (purpose required)', params: IdParams, querystring: CameraReadQuerySchema, response: { 200: CameraDetailSchema } },
    config: { access: { permission: 'camera.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const camera = await getRegistryCamera(ctx.db.pool, req.params.id);
    if (!camera) throw notFound(`camera ${req.params.id}`);
    const [owner, consents, access, footageRequests] = await Promise.all([
      camera.ownerId === null
        ? null
        : ctx.db.pool.query<{ kind: 'business' | 'resident'; name: string; organisation: string | null; email: string; phone: string | null; id: number }>('SELECT id, kind, name, organisation, email, phone FROM camera_owners WHERE id = $1', [camera.ownerId]).then((r) => r.rows[0] ?? null),
      consentsOf(ctx.db.pool, [camera.id]),
      cameraAccessLog(ctx.db.pool, { cameraId: camera.id }, 200),
      listFootage(ctx.db.pool, { cameraId: camera.id }),
    ]);
    await auditView(ctx, req, 'camera', [camera.id], purpose, { ownerKind: camera.ownerKind, ownerId: camera.ownerId });
    return { camera, owner, consents, access, footageRequests };
  });

  api.post('/api/v1/cameras', {
    schema: { tags, summary: 'Add a city camera', body: CityCameraBodySchema, response: { 201: RegistryCameraSchema } },
    config: { access: { permission: 'camera.manage' } },
  }, async (req, reply) => {
    const id = await createCityCamera(ctx, actorFor(req), req.body);
    reply.code(201);
    return (await getRegistryCamera(ctx.db.pool, id))!;
  });

  api.patch('/api/v1/cameras/:id', {
    schema: { tags, summary: 'Edit a city camera (status, health, placement, stream, tags); private cameras are edited by their owners', params: IdParams, body: CameraUpdateBodySchema, response: { 200: RegistryCameraSchema } },
    config: { access: { permission: 'camera.manage' } },
  }, async (req) => {
    await updateCityCamera(ctx, actorFor(req), req.params.id, req.body);
    return (await getRegistryCamera(ctx.db.pool, req.params.id))!;
  });

  api.get('/api/v1/public/transparency/cameras', {
    schema: {
      tags: ['transparency (public)'],
      summary: 'Counts about the camera registry for the public: cameras by owner kind, consents, live views and footage requests per month; no personal data',
      querystring: z.object({ lang: z.enum(PORTAL_LANGS, { error: 'must be en or es' }).default('en') }).strict(),
      response: { 200: CameraTransparencySchema },
    },
    config: { access: { public: true } },
  }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return cameraTransparency(ctx.db.pool, ctx.clock.now(), ctx.config.timeZone, req.query.lang);
  });
}
