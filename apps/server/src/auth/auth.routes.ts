import { z } from 'zod';
import { UnitRefSchema, ChangePasswordBodySchema, CreateTokenBodySchema, LoginBodySchema, SessionSchema, TotpCodeBodySchema, UnlockBodySchema } from '@openpsap/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../errors/app-error';
import type { AppContext } from '../http/app-context';
import { authenticate, SESSION_COOKIE } from '../http/auth-hook';
import { actorFor, IdParams, principalOf, type Api } from '../http/route-types';
import { withTransaction } from '../db/transaction';
import { appendLedger } from '../events/ledger';
import { findUserById } from '../modules/users/users.queries';
import { beginTotpSetup, login, unlockSession, verifySessionTotp } from './auth.commands';
import { insertToken, listTokens } from './api-tokens';
import { hashPassword, verifyPassword } from './passwords';
import { revokeSession } from './sessions';
import { resolveUnitRefs } from '../modules/units/units.queries';

const tags = ['auth'];

function sessionCookie(req: FastifyRequest): string {
  const secret = req.cookies?.[SESSION_COOKIE];
  if (!secret) throw new AppError(401, 'unauthenticated', 'this needs a browser session, not an API token');
  return secret;
}

export function registerAuthRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  const cfg = ctx.config.auth;
  const setCookie = (reply: FastifyReply, secret: string) =>
    reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', path: '/', secure: 'auto', maxAge: cfg.sessionHours * 3600 });

  api.post('/api/v1/auth/login', {
    schema: { tags, summary: 'Sign in with username and password; sets the session cookie', body: LoginBodySchema, response: { 200: SessionSchema } },
    config: { access: { public: true } },
  }, async (req, reply) => {
    const r = await login(pool, cfg, { username: req.body.username, password: req.body.password, ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
    setCookie(reply, r.sessionSecret);
    const u = r.user;
    return { user: { id: u.id, username: u.username, displayName: u.display_name, role: u.role, agencyId: u.agency_id, unitId: u.unit_id }, mfa: r.mfa, idleLockMinutes: cfg.idleLockMinutes };
  });

  // The web app asks this on load; "not signed in" is a normal answer there, not an error.
  api.get('/api/v1/auth/status', {
    schema: { tags, summary: 'Whether this browser is signed in (always 200), and the session if so' },
    config: { access: { public: true } },
  }, async (req) => {
    const auth = await authenticate(ctx, req).catch(() => null);
    if (!auth) return { signedIn: false };
    return { signedIn: true, session: { user: auth.principal.user, via: auth.principal.via, mfa: auth.state === 'mfa' ? 'pending' : 'none', locked: auth.state === 'locked', idleLockMinutes: cfg.idleLockMinutes } };
  });

  api.get('/api/v1/auth/session', {
    schema: { tags, summary: 'Who is signed in, and whether the session is locked or waiting for a TOTP code' },
    config: { access: { signedIn: true, allowPendingMfa: true, allowLocked: true } },
  }, async (req) => {
    const p = principalOf(req);
    return { user: p.user, via: p.via, mfa: req.authState === 'mfa' ? 'pending' : 'none', locked: req.authState === 'locked', idleLockMinutes: cfg.idleLockMinutes };
  });

  api.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'End the session' },
    config: { access: { signedIn: true, allowPendingMfa: true, allowLocked: true } },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (p.sessionHash) {
      await withTransaction(pool, async (tx, now) => {
        await revokeSession(tx, p.sessionHash!);
        await appendLedger(tx, actorFor(req), now, [{ action: 'auth.logout', entity: 'user', entityId: p.user.id }]);
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.post('/api/v1/auth/totp/setup', {
    schema: { tags, summary: 'Start TOTP enrolment: returns the secret and otpauth URI to scan' },
    config: { access: { signedIn: true, allowPendingMfa: true } },
  }, async (req) => beginTotpSetup(pool, sessionCookie(req)));

  api.post('/api/v1/auth/totp/verify', {
    schema: { tags, summary: 'Enter the 6-digit code: completes sign-in or enrolment', body: TotpCodeBodySchema },
    config: { access: { signedIn: true, allowPendingMfa: true } },
  }, async (req) => {
    await verifySessionTotp(pool, cfg, sessionCookie(req), req.body.code, req.ip ?? null);
    return { ok: true };
  });

  api.post('/api/v1/auth/unlock', {
    schema: { tags, summary: 'Unlock a session locked for idleness by re-entering the password', body: UnlockBodySchema },
    config: { access: { signedIn: true, allowLocked: true } },
  }, async (req) => {
    await unlockSession(pool, cfg, sessionCookie(req), req.body.password, req.ip ?? null);
    return { ok: true };
  });

  api.post('/api/v1/auth/password', {
    schema: { tags, summary: 'Change your own password', body: ChangePasswordBodySchema },
    config: { access: { signedIn: true } },
  }, async (req) => {
    const p = principalOf(req);
    const user = (await findUserById(pool, p.user.id))!;
    if (!(await verifyPassword(user.password_hash, req.body.currentPassword))) throw new AppError(401, 'unauthenticated', 'currentPassword: wrong password', { currentPassword: 'wrong password' });
    const hash = await hashPassword(req.body.newPassword);
    await withTransaction(pool, async (tx, now) => {
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1', [p.user.id, hash, now]);
      await tx.query('UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2 AND revoked_at IS NULL', [p.user.id, p.sessionHash, now]);
      await appendLedger(tx, actorFor(req), now, [{ action: 'auth.password-changed', entity: 'user', entityId: p.user.id, after: { otherSessionsRevoked: true } }]);
    });
    return { ok: true };
  });

  api.post('/api/v1/auth/unit', {
    schema: { tags, summary: 'A responder signs on to the unit they crew today (by id or call sign)', body: z.object({ unit: UnitRefSchema }).strict() },
    config: { access: { signedIn: true } },
  }, async (req) => {
    const p = principalOf(req);
    if (p.user.role !== 'responder') throw new AppError(403, 'forbidden', 'only responders sign on to units');
    const [unitId] = await resolveUnitRefs(pool, [req.body.unit]);
    if (unitId === null || unitId === undefined) throw new AppError(422, 'validation_failed', `unit: no unit ${req.body.unit}`, { unit: 'no unit with this id or call sign' });
    await withTransaction(pool, async (tx, now) => {
      const { rows } = await tx.query<{ agency_id: number }>('UPDATE users u SET unit_id = $2, agency_id = un.agency_id FROM units un WHERE u.id = $1 AND un.id = $2 RETURNING un.agency_id', [p.user.id, unitId]);
      await appendLedger(tx, actorFor(req), now, [{ action: 'auth.unit-sign-on', entity: 'user', entityId: p.user.id, before: { unitId: p.user.unitId }, after: { unitId, agencyId: rows[0]?.agency_id } }]);
    });
    return { unitId };
  });

  api.post('/api/v1/auth/tokens', {
    schema: { tags, summary: 'Create an API token for yourself; the token is shown once', body: CreateTokenBodySchema },
    config: { access: { signedIn: true } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const expiresAt = req.body.expiresInDays ? new Date(Date.now() + req.body.expiresInDays * 86_400_000) : null;
    const out = await withTransaction(pool, async (tx, now) => {
      const t = await insertToken(tx, p.user.id, req.body.name, expiresAt);
      await appendLedger(tx, actorFor(req), now, [{ action: 'token.create', entity: 'api-token', entityId: t.id, after: { name: req.body.name, expiresAt } }]);
      return t;
    });
    reply.code(201);
    return { id: out.id, token: out.token, name: req.body.name, expiresAt: expiresAt?.toISOString() ?? null };
  });

  api.get('/api/v1/auth/tokens', {
    schema: { tags, summary: 'Your API tokens (prefixes only)' },
    config: { access: { signedIn: true } },
  }, async (req) => listTokens(pool, principalOf(req).user.id));

  api.delete('/api/v1/auth/tokens/:id', {
    schema: { tags, summary: 'Revoke one of your API tokens', params: IdParams },
    config: { access: { signedIn: true } },
  }, async (req) => {
    const p = principalOf(req);
    const revoked = await withTransaction(pool, async (tx, now) => {
      const { rowCount } = await tx.query('UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL', [req.params.id, p.user.id, now]);
      if (rowCount) await appendLedger(tx, actorFor(req), now, [{ action: 'token.revoke', entity: 'api-token', entityId: req.params.id }]);
      return rowCount ?? 0;
    });
    if (!revoked) throw notFound(`token ${req.params.id}`);
    return { ok: true };
  });
}

