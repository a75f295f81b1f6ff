import type pg from 'pg';
import type { CreateUserBody } from '@openpsap/contract';
import { AppError, conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { generatePassword, hashPassword } from '../../auth/passwords';
import { findUserByUsername, insertUser, publicUser } from './users.queries';

/** Creates an account; returns the password once (generated when none is given) so it can be handed over. */
export async function createUser(pool: pg.Pool, actor: Actor, body: CreateUserBody) {
  const password = body.password ?? generatePassword();
  const passwordHash = await hashPassword(password); // outside the transaction: argon2 is slow on purpose
  const { result } = await runCommand(pool, actor, async (tx) => {
    if (await findUserByUsername(tx, body.username)) throw conflict(`username "${body.username}" is taken`);
    if (body.agencyId !== undefined) {
      const { rowCount } = await tx.query('SELECT 1 FROM agencies WHERE id = $1', [body.agencyId]);
      if (!rowCount) throw invalid('agencyId', `no agency with id ${body.agencyId}`);
    }
    if (body.unitId !== undefined) {
      const { rowCount } = await tx.query('SELECT 1 FROM units WHERE id = $1', [body.unitId]);
      if (!rowCount) throw invalid('unitId', `no unit with id ${body.unitId}`);
    }
    const user = await insertUser(tx, {
      username: body.username,
      displayName: body.displayName ?? body.username,
      role: body.role,
      agencyId: body.agencyId ?? null,
      unitId: body.unitId ?? null,
      passwordHash,
    });
    const shown = publicUser(user);
    return { result: shown, audits: [{ action: 'user.create', entity: 'user', entityId: user.id, after: shown }] };
  });
  return { user: result, password };
}

/** Sets a new password (generated unless given), clears a lock-out and signs the user out everywhere. */
export async function resetPassword(pool: pg.Pool, actor: Actor, username: string, newPassword?: string) {
  if (newPassword !== undefined && newPassword.length < 12) throw invalid('password', 'must be at least 12 characters');
  const password = newPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const user = await findUserByUsername(tx, username, true);
    if (!user) throw notFound(`user "${username}"`);
    await tx.query(
      `UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = NULL WHERE id = $1`,
      [user.id, passwordHash, now],
    );
    await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [user.id, now]);
    return {
      result: publicUser(user),
      audits: [{ action: 'user.reset-password', entity: 'user', entityId: user.id, before: { lockedUntil: user.locked_until }, after: { lockedUntil: null, sessionsRevoked: true } }],
    };
  });
  return { user: result, password };
}

export function assertNotSelf(actor: Actor, userId: number): void {
  if (actor.userId === userId) throw new AppError(409, 'conflict', 'you cannot do this to your own account');
}
