import { createHash, randomBytes } from 'node:crypto';

/** A fresh company key; only its SHA-256 is stored, the key itself is shown once. */
export function newAlarmKey(): { key: string; hash: string; prefix: string } {
  const key = `alarm_${randomBytes(24).toString('base64url')}`;
  return { key, hash: hashAlarmKey(key), prefix: key.slice(0, 12) };
}

export const hashAlarmKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
