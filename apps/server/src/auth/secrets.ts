import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret; only its hash is stored, so a database leak does not leak sessions. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
