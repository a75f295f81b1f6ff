import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@openpsap/contract';
import { findToken } from '../auth/api-tokens';
import { can, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { findSession, touchSession } from '../auth/sessions';
import { AppError } from '../errors/app-error';
import type { AppContext } from './app-context';

export const SESSION_COOKIE = 'psap_session';

/** Who may call a route. Every route declares one; a route without it is refused at start-up. */
export type Access =
  | { public: true }
  | { permission: Permission }
  | { signedIn: true; allowPendingMfa?: boolean; allowLocked?: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    authState: AuthState | null;
  }
}

export type AuthState = 'ok' | 'mfa' | 'locked';

const TOUCH_EVERY_MS = 15_000;

/**
 * Resolves the caller from a bearer token or the session cookie. Returns null for no or dead
 * credentials; a session waiting for its TOTP code or locked for idleness comes back with that
 * state so the routes that complete or unlock it can still run.
 */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<{ principal: Principal; state: AuthState } | null> {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError(401, 'unauthenticated', 'Authorization must be "Bearer <token>"');
    const t = await findToken(ctx.db.pool, m[1]!);
    if (!t || !t.usable) throw new AppError(401, 'unauthenticated', 'the API token is not valid, expired or revoked');
    if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      void ctx.db.pool.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [t.id]).catch(() => undefined);
    }
    return {
      principal: { user: { id: t.userId, username: t.username, displayName: t.displayName, role: t.role, agencyId: t.agencyId, unitId: t.unitId }, via: 'token', sessionHash: null, tokenId: t.id },
      state: 'ok',
    };
  }
  const secret = request.cookies?.[SESSION_COOKIE];
  if (!secret) return null;
  const s = await findSession(ctx.db.pool, secret);
  const now = Date.now();
  if (!s || s.revoked || s.userDisabled || s.expiresAt.getTime() <= now) return null;
  const principal: Principal = {
    user: { id: s.userId, username: s.username, displayName: s.displayName, role: s.role as Role, agencyId: s.agencyId, unitId: s.unitId },
    via: 'session',
    sessionHash: s.idHash,
    tokenId: null,
  };
  if (s.mfaState !== 'none') return { principal, state: 'mfa' };
  const idle = now - s.lastSeenAt.getTime();
  if (idle > ctx.config.auth.idleLockMinutes * 60_000) return { principal, state: 'locked' };
  if (idle > TOUCH_EVERY_MS) await touchSession(ctx.db.pool, s.idHash);
  return { principal, state: 'ok' };
}

/** Installs authentication and the role check in front of every route. */
export function registerAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authState', null);
  app.addHook('onRoute', (route) => {
    // Every API route must say who may call it; the web app's files and the API docs are public.
    if (!route.config?.access && route.url.startsWith('/api/') && !route.url.startsWith('/api/v1/docs')) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || 'public' in access) return;
    const auth = await authenticate(ctx, request);
    if (!auth) throw new AppError(401, 'unauthenticated', 'sign in first');
    request.principal = auth.principal;
    request.authState = auth.state;
    const signedIn = 'signedIn' in access ? access : null;
    if (auth.state === 'mfa' && !signedIn?.allowPendingMfa) {
      throw new AppError(401, 'mfa_required', 'enter the code from your authenticator app to finish signing in');
    }
    if (auth.state === 'locked' && !signedIn?.allowLocked) {
      throw new AppError(401, 'session_locked', `session locked after ${ctx.config.auth.idleLockMinutes} minutes without activity; enter your password to unlock`);
    }
    if ('permission' in access && !can(auth.principal.user.role, access.permission)) {
      throw new AppError(403, 'forbidden', `a ${auth.principal.user.role} may not ${access.permission.replace('.', ' ')}`);
    }
  });
}
