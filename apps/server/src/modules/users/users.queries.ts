import type pg from 'pg';
import type { Role } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  agency_id: number | null;
  unit_id: number | null;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, username, display_name, role, agency_id, unit_id, password_hash, totp_secret, totp_enabled, failed_logins, locked_until, disabled_at, last_login_at, created_at';

export async function findUserByUsername(db: Queryable, username: string, forUpdate = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = lower($1)${forUpdate ? ' FOR UPDATE' : ''}`, [username]);
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: number, forUpdate = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY role, username`);
  return rows;
}

export async function insertUser(
  db: Queryable,
  u: { username: string; displayName: string; role: Role; agencyId: number | null; unitId: number | null; passwordHash: string },
): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (username, display_name, role, agency_id, unit_id, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [u.username, u.displayName, u.role, u.agencyId, u.unitId, u.passwordHash],
  );
  return rows[0]!;
}

/** The parts of a user safe to show, log or audit: never the password hash or TOTP secret. */
export function publicUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    agencyId: u.agency_id,
    unitId: u.unit_id,
    totpEnabled: u.totp_enabled,
    lockedUntil: u.locked_until?.toISOString() ?? null,
    disabled: u.disabled_at !== null,
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}
