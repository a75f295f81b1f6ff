import type pg from 'pg';
import type { StaffMember } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

const SELECT = `SELECT s.id, s.user_id, u.username, s.employee_no, s.display_name, s.organisation, s.job_title, s.email, s.phone,
                       s.hired_on::text AS hired_on, s.left_on::text AS left_on, m.team_code, m.position
                  FROM staff_members s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN roster_members m ON m.staff_id = s.id`;

function toStaff(r: Record<string, unknown>): StaffMember {
  return {
    id: r.id as number,
    userId: (r.user_id as number | null) ?? null,
    username: (r.username as string | null) ?? null,
    employeeNo: (r.employee_no as string | null) ?? null,
    displayName: r.display_name as string,
    organisation: r.organisation as string,
    jobTitle: (r.job_title as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    hiredOn: (r.hired_on as string | null) ?? null,
    leftOn: (r.left_on as string | null) ?? null,
    team: (r.team_code as StaffMember['team']) ?? null,
    position: (r.position as StaffMember['position']) ?? null,
  };
}

export async function listStaff(db: Queryable, opts: { organisation?: string; includeLeft?: boolean } = {}): Promise<StaffMember[]> {
  const { rows } = await db.query(
    `${SELECT} WHERE ($1::text IS NULL OR s.organisation = $1) AND ($2 OR s.left_on IS NULL OR s.left_on > current_date)
      ORDER BY m.team_code NULLS LAST, s.display_name, s.id`,
    [opts.organisation ?? null, opts.includeLeft ?? false],
  );
  return rows.map(toStaff);
}

export async function getStaff(db: Queryable, id: number, lock = false): Promise<StaffMember | null> {
  const { rows } = await db.query(`${SELECT} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [id]);
  return rows[0] ? toStaff(rows[0]) : null;
}

/** The register entry of a signed-in user, if they have one. */
export async function staffIdOfUser(db: Queryable, userId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM staff_members WHERE user_id = $1', [userId]);
  return rows[0]?.id ?? null;
}
