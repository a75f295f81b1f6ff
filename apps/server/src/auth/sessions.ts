import type pg from 'pg';
import type { Role } from '@openpsap/contract';
import { hashSecret, newSecret } from './secrets';

export type MfaState = 'none' | 'totp-required' | 'totp-enrollment-required';

export interface SessionRecord {
  idHash: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  unitId: number | null;
  lastSeenAt: Date;
  expiresAt: Date;
  mfaState: MfaState;
  pendingTotpSecret: string | null;
  revoked: boolean;
  userDisabled: boolean;
}

/** Opens a session and returns the cookie value; only its hash is stored. */
export async function createSession(
  db: pg.Pool | pg.PoolClient,
  s: { userId: number; mfaState: MfaState; expiresAt: Date; ip: string | null; userAgent: string | null; now: Date },
): Promise<string> {
  const secret = newSecret('s_');
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, mfa_state, ip, user_agent)
     VALUES ($1, $2, $3, $3, $4, $5, $6, $7)`,
    [hashSecret(secret), s.userId, s.now, s.expiresAt, s.mfaState, s.ip, s.userAgent?.slice(0, 300) ?? null],
  );
  return secret;
}

export async function findSession(db: pg.Pool | pg.PoolClient, secret: string, forUpdate = false): Promise<SessionRecord | null> {
  const { rows } = await db.query(
    `SELECT s.id_hash, s.user_id, u.username, u.display_name, u.role, u.agency_id, u.unit_id, s.last_seen_at, s.expires_at,
            s.mfa_state, s.pending_totp_secret, s.revoked_at IS NOT NULL AS revoked, u.disabled_at IS NOT NULL AS user_disabled
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = $1${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [hashSecret(secret)],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    idHash: r.id_hash,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    agencyId: r.agency_id,
    unitId: r.unit_id,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    mfaState: r.mfa_state,
    pendingTotpSecret: r.pending_totp_secret,
    revoked: r.revoked,
    userDisabled: r.user_disabled,
  };
}

/** Records activity; callers throttle it so a busy console is not a write per request. */
export async function touchSession(db: pg.Pool, idHash: string): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1 AND revoked_at IS NULL', [idHash]);
}

export async function revokeSession(db: pg.Pool | pg.PoolClient, idHash: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL', [idHash]);
}
