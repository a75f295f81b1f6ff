import type pg from 'pg';
import type { StaffMember, StaffMemberBody } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { getStaff } from './staff.queries';

const COLUMNS: [keyof StaffMemberBody, string][] = [
  ['displayName', 'display_name'],
  ['userId', 'user_id'],
  ['employeeNo', 'employee_no'],
  ['organisation', 'organisation'],
  ['jobTitle', 'job_title'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['hiredOn', 'hired_on'],
  ['leftOn', 'left_on'],
];

async function checkRefs(tx: pg.PoolClient, body: Partial<StaffMemberBody>, id: number | null, merged: { hiredOn: string | null; leftOn: string | null }): Promise<void> {
  if (body.userId != null) {
    const { rows } = await tx.query('SELECT id FROM users WHERE id = $1', [body.userId]);
    if (!rows[0]) throw invalid('userId', `no user with id ${body.userId}`);
    const taken = await tx.query<{ id: number }>('SELECT id FROM staff_members WHERE user_id = $1 AND id IS DISTINCT FROM $2', [body.userId, id]);
    if (taken.rows[0]) throw invalid('userId', `user ${body.userId} already belongs to staff member ${taken.rows[0].id}`);
  }
  if (body.employeeNo != null) {
    const taken = await tx.query('SELECT id FROM staff_members WHERE employee_no = $1 AND id IS DISTINCT FROM $2', [body.employeeNo, id]);
    if (taken.rows[0]) throw invalid('employeeNo', `employee number ${body.employeeNo} is already in the register`);
  }
  if (merged.hiredOn && merged.leftOn && merged.leftOn < merged.hiredOn) throw invalid('leftOn', 'must not be before the hire date');
}

async function writeRosterPlace(tx: pg.PoolClient, id: number, team: StaffMember['team'] | undefined, position: StaffMember['position'] | undefined, current: StaffMember | null): Promise<void> {
  if (team === undefined && position === undefined) return;
  const nextPosition = position === undefined ? current?.position ?? null : position;
  const nextTeam = team === undefined ? current?.team ?? null : team;
  if (!nextPosition) {
    if (nextTeam) throw invalid('position', 'a member on a team needs a position');
    await tx.query('DELETE FROM roster_members WHERE staff_id = $1', [id]);
    return;
  }
  await tx.query(
    `INSERT INTO roster_members (staff_id, team_code, position) VALUES ($1, $2, $3)
     ON CONFLICT (staff_id) DO UPDATE SET team_code = EXCLUDED.team_code, position = EXCLUDED.position`,
    [id, nextTeam, nextPosition],
  );
}

/** Adds a person to the register, optionally on a team at a position. */
export async function createStaff(pool: pg.Pool, actor: Actor, body: StaffMemberBody): Promise<StaffMember> {
  const { result } = await runCommand(pool, actor, async (tx) => {
    await checkRefs(tx, body, null, { hiredOn: body.hiredOn ?? null, leftOn: body.leftOn ?? null });
    const present = COLUMNS.filter(([k]) => body[k] !== undefined);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO staff_members (${present.map(([, c]) => c).join(', ')}) VALUES (${present.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      present.map(([k]) => body[k]),
    );
    const id = rows[0]!.id;
    await writeRosterPlace(tx, id, body.team, body.position, null);
    const staff = (await getStaff(tx, id))!;
    return { result: staff, audits: [{ action: 'staff.create', entity: 'staff-member', entityId: id, after: { fields: present.map(([k]) => k), team: staff.team, position: staff.position } }] };
  });
  return result;
}

/** Changes register fields, team or position; the audit row names the fields, not their content. */
export async function updateStaff(pool: pg.Pool, actor: Actor, id: number, body: Partial<StaffMemberBody>): Promise<StaffMember> {
  const { result } = await runCommand(pool, actor, async (tx) => {
    const current = await getStaff(tx, id, true);
    if (!current) throw notFound(`staff member ${id}`);
    await checkRefs(tx, body, id, { hiredOn: body.hiredOn === undefined ? current.hiredOn : body.hiredOn, leftOn: body.leftOn === undefined ? current.leftOn : body.leftOn });
    const present = COLUMNS.filter(([k]) => body[k] !== undefined);
    if (present.length) {
      await tx.query(`UPDATE staff_members SET ${present.map(([, c], i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...present.map(([k]) => body[k])]);
    }
    await writeRosterPlace(tx, id, body.team, body.position, current);
    const staff = await getStaff(tx, id);
    if (!staff) throw conflict('the staff member disappeared while being changed');
    return {
      result: staff,
      audits: [{ action: 'staff.update', entity: 'staff-member', entityId: id, before: { team: current.team, position: current.position }, after: { fields: Object.keys(body), team: staff.team, position: staff.position } }],
    };
  });
  return result;
}
