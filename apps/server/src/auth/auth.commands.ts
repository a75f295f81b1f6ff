import type pg from 'pg';
import type { AuthConfig } from '../config/config';
import { AppError } from '../errors/app-error';
import type { Actor } from '../events/actor';
import { appendLedger, type AuditDraft } from '../events/ledger';
import { withTransaction } from '../db/transaction';
import { findUserById, findUserByUsername, type UserRow } from '../modules/users/users.queries';
import { hashPassword, verifyPassword } from './passwords';
import { createSession, findSession, type MfaState } from './sessions';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

const WRONG = 'wrong username or password';
// Verified against when the username does not exist, so a miss costs as long as a hit.
let decoyHash: Promise<string> | null = null;

export interface LoginResult {
  sessionSecret: string;
  user: UserRow;
  mfa: MfaState;
}

function lockedError(until: Date): AppError {
  return new AppError(423, 'account_locked', `account locked after repeated failed sign-ins; try again after ${until.toISOString().slice(11, 16)} UTC or ask an administrator to reset it`, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))),
  });
}

/**
 * Counts a failed secret (password or code) against the user and locks the account at the
 * limit. Committed even though the request fails, so the count cannot be dodged.
 */
async function recordFailure(tx: pg.PoolClient, cfg: AuthConfig, user: UserRow, now: Date, what: string): Promise<{ audits: AuditDraft[]; lockedUntil: Date | null }> {
  const failures = user.failed_logins + 1;
  const lockedUntil = failures >= cfg.lockoutAttempts ? new Date(now.getTime() + cfg.lockoutMinutes * 60_000) : null;
  await tx.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [user.id, lockedUntil ? 0 : failures, lockedUntil]);
  const audits: AuditDraft[] = [{ action: `auth.${what}-failed`, entity: 'user', entityId: user.id, after: { failedLogins: lockedUntil ? cfg.lockoutAttempts : failures } }];
  if (lockedUntil) audits.push({ action: 'auth.locked-out', entity: 'user', entityId: user.id, after: { lockedUntil } });
  return { audits, lockedUntil };
}

/** Password sign-in: returns a session, which may still need a TOTP code or enrolment. */
export async function login(
  pool: pg.Pool,
  cfg: AuthConfig,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const attempt: Actor = { userId: null, label: input.username.toLowerCase().slice(0, 64), role: 'system', ip: input.ip };
  const candidate = await findUserByUsername(pool, input.username);
  if (!candidate || candidate.disabled_at) {
    decoyHash ??= hashPassword('decoy password that matches nothing');
    await verifyPassword(await decoyHash, input.password);
    await withTransaction(pool, (tx, now) => appendLedger(tx, attempt, now, [{ action: 'auth.login-failed', entity: 'user', entityId: null, after: { reason: candidate ? 'disabled' : 'unknown-user' } }]));
    throw new AppError(401, 'unauthenticated', WRONG);
  }
  // argon2 outside the transaction: it is deliberately slow and must not hold row locks.
  const passwordOk = await verifyPassword(candidate.password_hash, input.password);
  let failure: AppError | null = null;
  const result = await withTransaction(pool, async (tx, now) => {
    const user = (await findUserById(tx, candidate.id, true))!;
    const actor: Actor = { ...attempt, userId: user.id, label: user.username, role: user.role };
    if (user.locked_until && user.locked_until > now) {
      await appendLedger(tx, actor, now, [{ action: 'auth.login-refused', entity: 'user', entityId: user.id, after: { reason: 'locked', lockedUntil: user.locked_until } }]);
      failure = lockedError(user.locked_until);
      return null;
    }
    if (!passwordOk) {
      const { audits, lockedUntil } = await recordFailure(tx, cfg, user, now, 'login');
      await appendLedger(tx, actor, now, audits);
      failure = lockedUntil ? lockedError(lockedUntil) : new AppError(401, 'unauthenticated', WRONG);
      return null;
    }
    const mfa: MfaState = user.totp_enabled ? 'totp-required' : cfg.totpRequiredRoles.includes(user.role) ? 'totp-enrollment-required' : 'none';
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [user.id, now]);
    const expiresAt = new Date(now.getTime() + cfg.sessionHours * 3_600_000);
    const sessionSecret = await createSession(tx, { userId: user.id, mfaState: mfa, expiresAt, ip: input.ip, userAgent: input.userAgent, now });
    await appendLedger(tx, actor, now, [{ action: 'auth.login', entity: 'user', entityId: user.id, after: { mfa } }]);
    return { sessionSecret, user, mfa };
  });
  if (failure) throw failure;
  return result!;
}

/** Second step of sign-in: checks the authenticator code and completes the session. */
export async function verifySessionTotp(pool: pg.Pool, cfg: AuthConfig, sessionSecret: string, code: string, ip: string | null): Promise<void> {
  let failure: AppError | null = null;
  await withTransaction(pool, async (tx, now) => {
    const s = await findSession(tx, sessionSecret, true);
    if (!s || s.revoked) throw new AppError(401, 'unauthenticated', 'sign in first');
    const user = (await findUserById(tx, s.userId, true))!;
    const actor: Actor = { userId: user.id, label: user.username, role: user.role, ip };
    if (user.locked_until && user.locked_until > now) {
      failure = lockedError(user.locked_until);
      return;
    }
    const secret = s.mfaState === 'totp-required' ? user.totp_secret : s.pendingTotpSecret;
    if (!secret) throw new AppError(409, 'conflict', s.mfaState === 'none' && !s.pendingTotpSecret ? 'start TOTP set-up first' : 'no TOTP secret to check against');
    if (!verifyTotp(secret, code, now.getTime())) {
      const { audits, lockedUntil } = await recordFailure(tx, cfg, user, now, 'totp');
      await appendLedger(tx, actor, now, audits);
      if (lockedUntil) await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1', [s.idHash, now]);
      failure = lockedUntil ? lockedError(lockedUntil) : new AppError(401, 'unauthenticated', 'that code is not valid; check the time on your phone and try the current code');
      return;
    }
    const enrolling = s.mfaState !== 'totp-required';
    if (enrolling) await tx.query('UPDATE users SET totp_secret = $2, totp_enabled = true WHERE id = $1', [user.id, secret]);
    await tx.query('UPDATE users SET failed_logins = 0 WHERE id = $1', [user.id]);
    await tx.query("UPDATE sessions SET mfa_state = 'none', pending_totp_secret = NULL, last_seen_at = $2 WHERE id_hash = $1", [s.idHash, now]);
    await appendLedger(tx, actor, now, [{ action: enrolling ? 'auth.totp-enrolled' : 'auth.totp-verified', entity: 'user', entityId: user.id }]);
  });
  if (failure) throw failure;
}

/** Starts TOTP enrolment for the session's user: a new secret, confirmed by the first code. */
export async function beginTotpSetup(pool: pg.Pool, sessionSecret: string): Promise<{ secret: string; uri: string }> {
  const s = await findSession(pool, sessionSecret);
  if (!s || s.revoked) throw new AppError(401, 'unauthenticated', 'sign in first');
  if (s.mfaState === 'totp-required') throw new AppError(409, 'conflict', 'enter the code from your authenticator first');
  const secret = newTotpSecret();
  await pool.query('UPDATE sessions SET pending_totp_secret = $2 WHERE id_hash = $1', [s.idHash, secret]);
  return { secret, uri: totpUri(secret, s.username) };
}

/** Unlocks a session locked for idleness by re-entering the password. */
export async function unlockSession(pool: pg.Pool, cfg: AuthConfig, sessionSecret: string, password: string, ip: string | null): Promise<void> {
  const s = await findSession(pool, sessionSecret);
  if (!s || s.revoked || s.expiresAt <= new Date()) throw new AppError(401, 'unauthenticated', 'session ended; sign in again');
  const candidate = (await findUserById(pool, s.userId))!;
  const ok = await verifyPassword(candidate.password_hash, password);
  let failure: AppError | null = null;
  await withTransaction(pool, async (tx, now) => {
    const user = (await findUserById(tx, s.userId, true))!;
    const actor: Actor = { userId: user.id, label: user.username, role: user.role, ip };
    if (user.locked_until && user.locked_until > now) {
      failure = lockedError(user.locked_until);
      return;
    }
    if (!ok) {
      const { audits, lockedUntil } = await recordFailure(tx, cfg, user, now, 'unlock');
      await appendLedger(tx, actor, now, audits);
      if (lockedUntil) await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1', [s.idHash, now]);
      failure = lockedUntil ? lockedError(lockedUntil) : new AppError(401, 'unauthenticated', 'wrong password');
      return;
    }
    await tx.query('UPDATE users SET failed_logins = 0 WHERE id = $1', [user.id]);
    await tx.query('UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1', [s.idHash, now]);
    await appendLedger(tx, actor, now, [{ action: 'auth.unlock', entity: 'user', entityId: user.id }]);
  });
  if (failure) throw failure;
}
