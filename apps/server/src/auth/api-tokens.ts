import type pg from 'pg';
import type { Role } from '@openpsap/contract';
import { hashSecret, newSecret } from './secrets';

export interface TokenRecord {
  id: number;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  unitId: number | null;
  usable: boolean;
  lastUsedAt: Date | null;
}

/** Issues a token for integrations and the CLI; the secret is returned once and stored only as a hash. */
export async function insertToken(db: pg.Pool | pg.PoolClient, userId: number, name: string, expiresAt: Date | null): Promise<{ id: number; token: string }> {
  const token = newSecret('psap_');
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [userId, name, hashSecret(token), token.slice(0, 10), expiresAt],
  );
  return { id: rows[0]!.id, token };
}

export async function findToken(db: pg.Pool, token: string): Promise<TokenRecord | null> {
  const { rows } = await db.query(
    `SELECT t.id, t.user_id, u.username, u.display_name, u.role, u.agency_id, u.unit_id, t.last_used_at,
            (t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL) AS usable
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
    [hashSecret(token)],
  );
  const r = rows[0];
  if (!r) return null;
  return { id: r.id, userId: r.user_id, username: r.username, displayName: r.display_name, role: r.role, agencyId: r.agency_id, unitId: r.unit_id, usable: r.usable, lastUsedAt: r.last_used_at };
}

export async function listTokens(db: pg.Pool, userId: number | null) {
  const { rows } = await db.query(
    `SELECT t.id, u.username, t.name, t.prefix, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE $1::int IS NULL OR t.user_id = $1 ORDER BY t.id`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id as number,
    username: r.username as string,
    name: r.name as string,
    prefix: r.prefix as string,
    createdAt: (r.created_at as Date).toISOString(),
    lastUsedAt: (r.last_used_at as Date | null)?.toISOString() ?? null,
    expiresAt: (r.expires_at as Date | null)?.toISOString() ?? null,
    revoked: r.revoked_at !== null,
  }));
}
