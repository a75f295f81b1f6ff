import { z } from 'zod';
import { BoloCreateBodySchema, BoloListQuerySchema, BoloPhotoBodySchema, BoloUpdateBodySchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditRepeatedView, statedPurpose } from '../../privacy/purpose';
import { cancelBolo, createBolo, setBoloPhoto, updateBolo } from './bolos.commands';
import { getBolo, listBolos } from './bolos.queries';

const tags = ['bolos'];
// The photo travels base64-encoded inside the JSON (2 MB of picture is about 2.7 MB of text).
const BODY_LIMIT = 4 * 1024 * 1024;

/** The BOLO board: written on the floor (or by Help Me Home and alerts), on every unit's screen while active. */
export function registerBoloRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/bolos', {
    schema: { tags, summary: 'BOLOs, newest first: active by default; filter by state, subject and text (plates match without spaces or dashes)', querystring: BoloListQuerySchema },
    config: { access: { permission: 'bolo.read' } },
  }, async (req) => {
    const q = req.query;
    const state = q.state ?? (q.active === 'false' ? 'all' : 'active');
    return listBolos(pool, { ...q, state: state === 'all' ? undefined : state });
  });

  api.get('/api/v1/bolos/:id', {
    schema: { tags, summary: 'One BOLO', params: IdParams },
    config: { access: { permission: 'bolo.read' } },
  }, async (req) => {
    const b = await getBolo(pool, req.params.id);
    if (!b) throw notFound(`BOLO ${req.params.id}`);
    return b;
  });

  api.post('/api/v1/bolos', {
    bodyLimit: BODY_LIMIT,
    schema: { tags, summary: 'Write a BOLO (person, vehicle or other) for every unit; expires in 24 h unless told (at most 7 days)', body: BoloCreateBodySchema },
    config: { access: { permission: 'bolo.issue' } },
  }, async (req, reply) => reply.code(201).send(await createBolo(pool, actorFor(req), req.body)));

  api.patch('/api/v1/bolos/:id', {
    schema: { tags, summary: 'Change an active BOLO (fields, links or expiry); units get the new copy', params: IdParams, body: BoloUpdateBodySchema },
    config: { access: { permission: 'bolo.issue' } },
  }, async (req) => updateBolo(pool, actorFor(req), req.params.id, req.body));

  api.put('/api/v1/bolos/:id/photo', {
    bodyLimit: BODY_LIMIT,
    schema: { tags, summary: "Set (JPEG or PNG, base64, at most 2 MB) or remove a BOLO's own photo", params: IdParams, body: BoloPhotoBodySchema },
    config: { access: { permission: 'bolo.issue' } },
  }, async (req) => setBoloPhoto(pool, actorFor(req), req.params.id, req.body));

  api.get('/api/v1/bolos/:id/photo', {
    // v: the photo's version, so a screen shows a replaced picture rather than the one it cached.
    schema: { tags, summary: "The BOLO's own photo (needs a purpose; audited)", params: IdParams, querystring: z.object({ purpose: z.string().optional(), v: z.string().max(40).optional() }).strict() },
    config: { access: { permission: 'bolo.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const { rows } = await pool.query<{ photo: Buffer | null; photo_type: string | null }>('SELECT photo, photo_type FROM bolos WHERE id = $1', [req.params.id]);
    if (!rows[0]?.photo) throw notFound('photo');
    // Every unit's screen fetches it when the BOLO arrives: one audit row per viewer and BOLO a while, not one per redraw.
    await auditRepeatedView(ctx, req, 'bolo', [req.params.id], purpose, { photo: true });
    return reply.type(rows[0].photo_type ?? 'image/jpeg').header('cache-control', 'private, max-age=3600').send(rows[0].photo);
  });

  api.post('/api/v1/bolos/:id/cancel', {
    schema: { tags, summary: 'Cancel a BOLO, with the reason units will see', params: IdParams, body: z.object({ reason: z.string().trim().min(1, 'must not be empty').max(500) }).strict() },
    config: { access: { permission: 'bolo.manage' } },
  }, async (req) => cancelBolo(pool, actorFor(req), req.params.id, req.body.reason));
}
