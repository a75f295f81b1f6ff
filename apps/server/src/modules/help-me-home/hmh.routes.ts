import { z } from 'zod';
import { FoundBodySchema, HmhPersonBodySchema, HmhSearchQuerySchema, LatLonTextSchema, ReportMissingBodySchema } from '@openpsap/contract';
import { invalid, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { centreName } from '../../http/centre-name';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { createPerson, setPersonActive, updatePerson } from './hmh.commands';
import { flyerPdf } from './hmh.flyer';
import { markFound, reportMissing } from './hmh.missing';
import { getPerson, personPhoto } from './hmh.queries';
import { searchPeople } from './hmh.search';

const tags = ['help me home'];
const PurposeQuery = z.object({ purpose: z.string().optional() }).strict();
// The photo travels base64-encoded inside the JSON.
const BODY_LIMIT = 4 * 1024 * 1024;
const NEAR_SCORE = 0.7;

/** The Help Me Home registry: search while on a call, register, report missing, print a flyer. */
export function registerHelpMeHomeRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/hmh/search', {
    schema: { tags, summary: 'Search by description and/or by where someone was found (needs a stated purpose; audited)', querystring: HmhSearchQuerySchema },
    config: { access: { permission: 'hmh.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const q = req.query;
    let near: { lat: number; lon: number; label: string } | null = null;
    if (q.near) {
      const asPoint = LatLonTextSchema.safeParse(q.near);
      if (asPoint.success) near = { ...asPoint.data, label: q.near };
      else {
        const engine = ctx.geo?.ready ? ctx.geo.current : null;
        const best = engine?.geocoder.geocode(q.near, { limit: 1 })[0];
        // A weak match would rank people by distance from the wrong place: better to ask again.
        if (!best || best.score < NEAR_SCORE) throw invalid('near', 'could not find that place; give an address, an intersection, a place name or "lat,lon"');
        near = { lat: best.lat, lon: best.lon, label: best.label };
      }
    }
    const matches = await searchPeople(pool, { q: q.q ?? null, near, sex: q.sex ?? null, minAge: q.minAge ?? null, maxAge: q.maxAge ?? null, state: q.state, limit: q.limit });
    // The search terms are what the caller described; they are recorded as given, with the purpose.
    await auditView(ctx, req, 'hmh-person', matches.map((m) => m.id), purpose, { search: { q: q.q ?? null, near: q.near ?? null, sex: q.sex ?? null } });
    return { near, matches };
  });

  api.get('/api/v1/hmh/people/:id', {
    schema: { tags, summary: 'One registered person (needs a stated purpose; audited)', params: IdParams, querystring: PurposeQuery },
    config: { access: { permission: 'hmh.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const p = await getPerson(pool, req.params.id);
    if (!p) throw notFound(`person ${req.params.id}`);
    await auditView(ctx, req, 'hmh-person', [p.id], purpose);
    return p;
  });

  api.get('/api/v1/hmh/people/:id/photo', {
    schema: { tags, summary: 'The photo (needs ?purpose=; audited)', params: IdParams, querystring: PurposeQuery },
    config: { access: { permission: 'hmh.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const photo = await personPhoto(pool, req.params.id);
    if (!photo) throw notFound('photo');
    await auditView(ctx, req, 'hmh-person', [req.params.id], purpose, { photo: true });
    return reply.type('image/jpeg').header('Cache-Control', 'private, no-store').send(photo);
  });

  api.get('/api/v1/hmh/people/:id/flyer.pdf', {
    schema: { tags, summary: 'A printable flyer (needs ?purpose=; audited)', params: IdParams, querystring: PurposeQuery },
    config: { access: { permission: 'hmh.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const p = await getPerson(pool, req.params.id);
    if (!p) throw notFound(`person ${req.params.id}`);
    const { rows } = await pool.query<{ last_seen_text: string | null; clothing: string | null }>(
      'SELECT last_seen_text, clothing FROM hmh_missing_reports WHERE person_id = $1 ORDER BY id DESC LIMIT 1',
      [p.id],
    );
    await auditView(ctx, req, 'hmh-person', [p.id], purpose, { flyer: true });
    const pdf = flyerPdf(p, p.hasPhoto ? await personPhoto(pool, p.id) : null, centreName(ctx), { place: p.missing ? rows[0]?.last_seen_text ?? null : null, clothing: p.missing ? rows[0]?.clothing ?? null : null });
    return reply.type('application/pdf').header('Cache-Control', 'private, no-store').header('Content-Disposition', `inline; filename="flyer-${p.id}.pdf"`).send(pdf);
  });

  api.post('/api/v1/hmh/people', {
    schema: { tags, summary: 'Register a person who may wander', body: HmhPersonBodySchema },
    config: { access: { permission: 'hmh.manage' } },
    bodyLimit: BODY_LIMIT,
  }, async (req, reply) => {
    const id = await createPerson(ctx, actorFor(req), req.body);
    reply.code(201);
    return getPerson(pool, id);
  });

  api.put('/api/v1/hmh/people/:id', {
    schema: { tags, summary: 'Replace a profile (the photo stays unless replaced or removed)', params: IdParams, body: HmhPersonBodySchema.and(z.object({ removePhoto: z.boolean().optional() })) },
    config: { access: { permission: 'hmh.manage' } },
    bodyLimit: BODY_LIMIT,
  }, async (req) => {
    const { removePhoto, ...body } = req.body;
    await updatePerson(ctx, actorFor(req), req.params.id, body, removePhoto ?? false);
    return getPerson(pool, req.params.id);
  });

  api.post('/api/v1/hmh/people/:id/active', {
    schema: { tags, summary: 'Take off the active registry, or put back', params: IdParams, body: z.object({ active: z.boolean(), reason: z.string().trim().min(1, 'must not be empty').max(500) }).strict() },
    config: { access: { permission: 'hmh.manage' } },
  }, async (req) => {
    await setPersonActive(ctx, actorFor(req), req.params.id, req.body.active, req.body.reason);
    return getPerson(pool, req.params.id);
  });

  api.post('/api/v1/hmh/people/:id/report-missing', {
    schema: { tags, summary: 'Report missing: missing-person incident with the profile, BOLO to units, draft alert', params: IdParams, body: ReportMissingBodySchema },
    config: { access: { permission: 'hmh.report-missing' } },
  }, async (req, reply) => {
    const r = await reportMissing(ctx, actorFor(req), req.params.id, req.body);
    reply.code(201);
    return r;
  });

  api.post('/api/v1/hmh/reports/:id/found', {
    schema: { tags, summary: 'Found: cancels the BOLO and the draft alert, notes it on the incident', params: IdParams, body: FoundBodySchema },
    config: { access: { permission: 'hmh.report-missing' } },
  }, async (req) => {
    await markFound(ctx, actorFor(req), req.params.id, req.body.note);
    return { ok: true };
  });
}
