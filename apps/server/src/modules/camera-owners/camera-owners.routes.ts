import { z } from 'zod';
import {
  AccessLogQuerySchema,
  CameraAccessEntrySchema,
  CameraOwnerSchema,
  ConsentTermsQuerySchema,
  ConsentTermsSchema,
  OwnerCameraBodySchema,
  OwnerCameraSchema,
  OwnerCameraUpdateBodySchema,
  OwnerSignInBodySchema,
  OwnerVerifyBodySchema,
  RevokeConsentBodySchema,
  SignConsentBodySchema,
} from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import type { Access } from '../../http/auth-hook';
import { rateLimit } from '../../http/rate-limit';
import { IdParams, type Api } from '../../http/route-types';
import { registerOwnerCamera, removeOwnerCamera, requestOwnerLink, revokeConsent, signConsent, updateOwnerCamera, useLinkAndSignIn } from './camera-owners.commands';
import { cameraAccessLog, ownerCameras, toOwner } from './camera-owners.queries';
import { consentTerms } from './consent-terms';
import { endOwnerSession, OWNER_COOKIE, setOwnerCookie, signedInOwner } from './owner-session';

const tags = ['camera owners (public)'];
// The portal has its own sign-in (a link by e-mail and the owner cookie), checked in each handler:
// to the staff access rules these routes are public, and no staff session opens them.
const access: Access = { public: true };
const BASE = '/api/v1/public/camera-owners';
const Ok = z.object({ ok: z.literal(true) });

/** The camera owners' portal: sign-up and sign-in by e-mail link, cameras, consents, the access log. */
export function registerCameraOwnerRoutes(api: Api, ctx: AppContext): void {
  const linkLimit = rateLimit('camera owner sign-in', 30, 60 * 60_000);
  const verifyLimit = rateLimit('camera owner link', 30, 60 * 60_000);

  api.post(`${BASE}/sign-in`, {
    schema: { tags, summary: 'E-mail a sign-in link (or, with signup details, a sign-up link); the answer never says whether the address has an account', body: OwnerSignInBodySchema, response: { 202: Ok } },
    config: { access },
    preHandler: linkLimit,
  }, async (req, reply) => {
    await requestOwnerLink(ctx, req.body, req.ip ?? null);
    reply.code(202);
    return { ok: true as const };
  });

  // POST, not GET: mail scanners open links in e-mails, and must not use up the owner's link.
  api.post(`${BASE}/verify`, {
    schema: { tags, summary: 'Use a sign-in link once: sets the owner cookie', body: OwnerVerifyBodySchema, response: { 200: CameraOwnerSchema } },
    config: { access },
    preHandler: verifyLimit,
  }, async (req, reply) => {
    const { owner, secret } = await useLinkAndSignIn(ctx, req.body.token, req.ip ?? null, req.headers['user-agent'] ?? null);
    setOwnerCookie(reply, secret);
    reply.header('cache-control', 'no-store');
    return toOwner(owner);
  });

  api.post(`${BASE}/sign-out`, {
    schema: { tags, summary: 'End this device\'s owner session', response: { 200: Ok } },
    config: { access },
  }, async (req, reply) => {
    const owner = await signedInOwner(ctx, req).catch(() => null);
    if (owner) await endOwnerSession(ctx.db.pool, owner.sessionHash, ctx.clock.now());
    reply.clearCookie(OWNER_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  api.get(`${BASE}/terms`, {
    schema: { tags, summary: 'The consent terms for a level, in English or Spanish, with their version', querystring: ConsentTermsQuerySchema, response: { 200: ConsentTermsSchema } },
    config: { access },
  }, async (req) => consentTerms(req.query.level, req.query.lang));

  api.get(`${BASE}/me`, {
    schema: { tags, summary: 'The signed-in owner', response: { 200: CameraOwnerSchema } },
    config: { access },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return toOwner(await signedInOwner(ctx, req));
  });

  api.get(`${BASE}/me/cameras`, {
    schema: { tags, summary: 'The owner\'s cameras with their consents', response: { 200: z.array(OwnerCameraSchema) } },
    config: { access },
  }, async (req, reply) => {
    const owner = await signedInOwner(ctx, req);
    reply.header('cache-control', 'no-store');
    return ownerCameras(ctx.db.pool, owner.id);
  });

  const oneCamera = async (ownerId: number, id: number) => {
    const [cam] = await ownerCameras(ctx.db.pool, ownerId, id);
    if (!cam) throw notFound(`camera ${id}`);
    return cam;
  };

  api.post(`${BASE}/me/cameras`, {
    schema: { tags, summary: 'Register a camera: the map point, or an address to look up', body: OwnerCameraBodySchema, response: { 201: OwnerCameraSchema } },
    config: { access },
  }, async (req, reply) => {
    const owner = await signedInOwner(ctx, req);
    const id = await registerOwnerCamera(ctx, owner, req.body, req.ip ?? null);
    reply.code(201);
    return oneCamera(owner.id, id);
  });

  api.patch(`${BASE}/me/cameras/:id`, {
    schema: { tags, summary: 'Correct a camera\'s details (a stream address can be replaced or cleared, never read back)', params: IdParams, body: OwnerCameraUpdateBodySchema, response: { 200: OwnerCameraSchema } },
    config: { access },
  }, async (req) => {
    const owner = await signedInOwner(ctx, req);
    await updateOwnerCamera(ctx, owner, req.params.id, req.body, req.ip ?? null);
    return oneCamera(owner.id, req.params.id);
  });

  api.delete(`${BASE}/me/cameras/:id`, {
    schema: { tags, summary: 'Take a camera out of the registry; its consent ends at once', params: IdParams, response: { 200: Ok } },
    config: { access },
  }, async (req) => {
    const owner = await signedInOwner(ctx, req);
    await removeOwnerCamera(ctx, owner, req.params.id, req.ip ?? null);
    return { ok: true as const };
  });

  api.post(`${BASE}/me/cameras/:id/consents`, {
    schema: { tags, summary: 'Sign a written consent for a camera (replaces its current one)', params: IdParams, body: SignConsentBodySchema, response: { 201: OwnerCameraSchema } },
    config: { access },
  }, async (req, reply) => {
    const owner = await signedInOwner(ctx, req);
    await signConsent(ctx, owner, req.params.id, req.body, req.ip ?? null);
    reply.code(201);
    return oneCamera(owner.id, req.params.id);
  });

  api.post(`${BASE}/me/consents/:id/revoke`, {
    schema: { tags, summary: 'Revoke a consent now: live view and new footage requests stop at once', params: IdParams, body: RevokeConsentBodySchema, response: { 200: Ok } },
    config: { access },
  }, async (req) => {
    const owner = await signedInOwner(ctx, req);
    await revokeConsent(ctx, owner, req.params.id, req.body.reason, req.ip ?? null);
    return { ok: true as const };
  });

  api.get(`${BASE}/me/access`, {
    schema: { tags, summary: 'Every use of the owner\'s cameras: views, refusals, footage requests, newest first', querystring: AccessLogQuerySchema, response: { 200: z.array(CameraAccessEntrySchema) } },
    config: { access },
  }, async (req, reply) => {
    const owner = await signedInOwner(ctx, req);
    reply.header('cache-control', 'no-store');
    return cameraAccessLog(ctx.db.pool, { ownerId: owner.id, cameraId: req.query.cameraId }, req.query.limit);
  });
}
