import type pg from 'pg';
import { TEAM_CODES, type RosterPosition } from '@openpsap/contract';
import { localDateOf } from '../tours/tour-time';
import { cycleStartFor, standardRotation } from './roster-patterns';

// Six people per team: a supervisor, three call-takers, a police and a fire/EMS dispatcher, which
// meets the demo minimums exactly, so any leave shows a gap to fill.
const TEAM_SHAPE: RosterPosition[] = ['supervisor', 'call-taker', 'call-taker', 'call-taker', 'police-dispatch', 'fire-ems-dispatch'];
const FIRST = ['Alex', 'Jordan', 'Sam', 'Casey', 'Riley', 'Morgan', 'Taylor', 'Jamie', 'Avery', 'Quinn', 'Drew', 'Reese'];
const LAST = ['Rivera', 'Chen', 'Okafor', 'Miller', 'Novak', 'Haddad', 'Brooks', 'Patel', 'Kowalski', 'Diaz', 'Nguyen', 'Larsen'];

/**
 * The demo centre's four teams on Pitman 2-2-3 from the first of this month. The demo call-taker,
 * dispatcher and supervisor accounts are team A's, so their own schedule and swaps can be tried.
 */
export async function seedDemoRoster(tx: pg.PoolClient, now: Date, timeZone = 'America/New_York'): Promise<number> {
  const users = new Map((await tx.query<{ id: number; username: string }>("SELECT id, username FROM users WHERE username IN ('calltaker', 'dispatcher', 'supervisor')")).rows.map((u) => [u.username, u.id]));
  const linked: Partial<Record<RosterPosition, string>> = { 'call-taker': 'calltaker', 'police-dispatch': 'dispatcher', supervisor: 'supervisor' };
  let n = 0;
  for (const [t, team] of TEAM_CODES.entries()) {
    for (const [i, position] of TEAM_SHAPE.entries()) {
      const k = t * TEAM_SHAPE.length + i;
      const username = team === 'A' && (i === 0 || i === 1 || i === 4) ? linked[position] : undefined;
      const hiredYear = 2008 + ((k * 5) % 17);
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO staff_members (user_id, employee_no, display_name, job_title, hired_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [username ? users.get(username) ?? null : null, `DEMO-T${String(k + 1).padStart(3, '0')}`, `${FIRST[k % FIRST.length]} ${LAST[(k * 7) % LAST.length]}`, position === 'supervisor' ? 'Shift supervisor' : 'Telecommunicator', `${hiredYear}-${String((k % 12) + 1).padStart(2, '0')}-01`],
      );
      await tx.query('INSERT INTO roster_members (staff_id, team_code, position) VALUES ($1, $2, $3)', [rows[0]!.id, team, position]);
      n++;
    }
  }
  const firstOfMonth = `${localDateOf(now, timeZone).slice(0, 8)}01`;
  const plan = standardRotation('pitman');
  for (const team of TEAM_CODES) {
    await tx.query("UPDATE roster_teams SET pattern = 'pitman', sequence = $2, cycle_start = $3 WHERE code = $1", [team, plan[team].sequence, cycleStartFor(firstOfMonth, plan[team].offset)]);
  }
  return n;
}
