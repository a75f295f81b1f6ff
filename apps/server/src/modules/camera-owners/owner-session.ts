import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { PrivateOwnerKind } from '@openpsap/contract';
import { hashSecret, newSecret } from '../../auth/secrets';
import { AppError } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import type { AppContext } from '../../http/app-context';

/** The owner's cookie; a different name and table from staff sessions, so neither opens the other's routes. */
export const OWNER_COOKIE = 'psap_owner';
/** A sign-in link is good for this long, once. */
export const OWNER_LINK_MINUTES = 30;
/** An owner stays signed in on a device this long. */
export const OWNER_SESSION_DAYS = 14;

type Db = pg.Pool | pg.PoolClient;

export interface OwnerRow {
  id: number;
  kind: PrivateOwnerKind;
  name: string;
  organisation: string | null;
  email: string;
  phone: string | null;
  language: 'en' | 'es';
  created_at: Date;
}

export interface SignupDetails {
  kind: PrivateOwnerKind;
  name: string;
  organisation: string | null;
  phone: string | null;
}

/** Writes a link row and returns the token for the e-mail; only its hash is kept. */
export async function createOwnerLink(tx: Db, l: { email: string; ownerId: number | null; signup: SignupDetails | null; language: 'en' | 'es'; now: Date; ip: string | null }): Promise<{ id: number; token: string }> {
  const token = newSecret('co_');
  const expires = new Date(l.now.getTime() + OWNER_LINK_MINUTES * 60_000);
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO camera_owner_links (token_hash, email, owner_id, signup, language, created_at, expires_at, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id',
    [hashSecret(token), l.email, l.ownerId, l.signup ? JSON.stringify(l.signup) : null, l.language, l.now, expires, l.ip],
  );
  return { id: Number(rows[0]!.id), token };
}

/** How many links were sent to this address since `since`: a cap keeps the form from flooding a mailbox. */
export async function linksSentSince(db: Db, email: string, since: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM camera_owner_links WHERE lower(email) = lower($1) AND created_at >= $2', [email, since]);
  return rows[0]!.n;
}

export interface LinkRow {
  id: string;
  email: string;
  owner_id: number | null;
  signup: SignupDetails | null;
  language: 'en' | 'es';
  expires_at: Date;
  used_at: Date | null;
}

/**
 * Takes a link for use, once: locked, checked for use and expiry against the clock, and marked
 * used in the caller's transaction. Every failure reads the same, so a guessed token learns nothing.
 */
export async function useOwnerLink(tx: pg.PoolClient, token: string, now: Date): Promise<LinkRow> {
  const { rows } = await tx.query<LinkRow>('SELECT id, email, owner_id, signup, language, expires_at, used_at FROM camera_owner_links WHERE token_hash = $1 FOR UPDATE', [hashSecret(token)]);
  const link = rows[0];
  if (!link || link.used_at || link.expires_at.getTime() <= now.getTime()) {
    throw new AppError(404, 'not_found', `this sign-in link has already been used or has expired (links work once, for ${OWNER_LINK_MINUTES} minutes); ask for a new one`);
  }
  await tx.query('UPDATE camera_owner_links SET used_at = $2 WHERE id = $1', [link.id, now]);
  return link;
}

export async function createOwnerSession(tx: Db, s: { ownerId: number; now: Date; ip: string | null; userAgent: string | null }): Promise<string> {
  const secret = newSecret('os_');
  await tx.query(
    'INSERT INTO camera_owner_sessions (id_hash, owner_id, created_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)',
    [hashSecret(secret), s.ownerId, s.now, new Date(s.now.getTime() + OWNER_SESSION_DAYS * 86_400_000), s.ip, s.userAgent?.slice(0, 300) ?? null],
  );
  return secret;
}

export function setOwnerCookie(reply: FastifyReply, secret: string): void {
  reply.setCookie(OWNER_COOKIE, secret, { httpOnly: true, sameSite: 'strict', path: '/', secure: 'auto', maxAge: OWNER_SESSION_DAYS * 86_400 });
}

export const OWNER_COLUMNS = 'o.id, o.kind, o.name, o.organisation, o.email, o.phone, o.language, o.created_at';

/** The owner signed in on this request, or a 401 that tells them how to sign in. */
export async function signedInOwner(ctx: AppContext, req: FastifyRequest): Promise<OwnerRow & { sessionHash: string }> {
  const secret = req.cookies?.[OWNER_COOKIE];
  if (secret) {
    const { rows } = await ctx.db.pool.query<OwnerRow & { id_hash: string; expires_at: Date; revoked_at: Date | null }>(
      `SELECT ${OWNER_COLUMNS}, s.id_hash, s.expires_at, s.revoked_at FROM camera_owner_sessions s JOIN camera_owners o ON o.id = s.owner_id WHERE s.id_hash = $1`,
      [hashSecret(secret)],
    );
    const r = rows[0];
    if (r && !r.revoked_at && r.expires_at.getTime() > ctx.clock.now().getTime()) {
      const { id_hash, expires_at: _e, revoked_at: _r, ...owner } = r;
      return { ...owner, sessionHash: id_hash };
    }
  }
  throw new AppError(401, 'unauthenticated', 'sign in to the camera owners\' portal with the link we e-mail you');
}

export async function endOwnerSession(db: Db, sessionHash: string, now: Date): Promise<void> {
  await db.query('UPDATE camera_owner_sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL', [sessionHash, now]);
}

/** Changes an owner makes are recorded as theirs, by owner id, never under a staff account. */
export function ownerActor(ownerId: number | null, ip: string | null): Actor {
  return { userId: null, label: ownerId === null ? 'public:camera-owners' : `camera-owner:${ownerId}`, role: 'system', ip };
}
