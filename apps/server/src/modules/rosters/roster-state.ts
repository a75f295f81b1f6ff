import type pg from 'pg';
import type { RosterPosition, ShiftKind, TeamCode } from '@openpsap/contract';
import { addDays } from './roster-dates';

type Queryable = pg.Pool | pg.PoolClient;

export interface RosterMember { staffId: number; userId: number | null; name: string; team: TeamCode | null; position: RosterPosition; hiredOn: string | null; leftOn: string | null }
export interface RosterTeamRow { code: TeamCode; pattern: string | null; sequence: string | null; cycleStart: string | null }
export interface ApprovedLeave { id: number; staffId: number; from: string; to: string }
export interface ApprovedSwap { id: number; requesterId: number; partnerId: number; giveDate: string; giveShift: ShiftKind; takeDate: string | null; takeShift: ShiftKind | null }
export interface OvertimeRow { id: number; staffId: number; date: string; shift: ShiftKind; position: RosterPosition; hours: number | null }

/** Everything assignments are computed from, for a date range (with a day either side for nights and rest). */
export interface RosterState {
  settings: { dayStart: string; nightStart: string; ahtSeconds: number };
  teams: RosterTeamRow[];
  members: RosterMember[];
  leave: ApprovedLeave[];
  swaps: ApprovedSwap[];
  overtime: OvertimeRow[];
  minimums: Map<string, number>;
}

export const minimumKey = (position: string, hour: number) => `${position}|${hour}`;

export async function loadSettings(db: Queryable): Promise<RosterState['settings']> {
  const { rows } = await db.query<{ day_start: string; night_start: string; aht_seconds: number }>('SELECT day_start, night_start, aht_seconds FROM roster_settings');
  const r = rows[0]!;
  return { dayStart: r.day_start, nightStart: r.night_start, ahtSeconds: r.aht_seconds };
}

export async function loadMembers(db: Queryable): Promise<RosterMember[]> {
  const { rows } = await db.query(
    `SELECT s.id, s.user_id, s.display_name, m.team_code, m.position, s.hired_on::text AS hired_on, s.left_on::text AS left_on
       FROM roster_members m JOIN staff_members s ON s.id = m.staff_id ORDER BY s.display_name, s.id`,
  );
  return rows.map((r) => ({ staffId: r.id, userId: r.user_id, name: r.display_name, team: r.team_code, position: r.position, hiredOn: r.hired_on, leftOn: r.left_on }));
}

/** Loads the roster for [from, to], widened by two days each side so nights and the rest rule see their neighbours. */
export async function loadRosterState(db: Queryable, from: string, to: string): Promise<RosterState> {
  const lo = addDays(from, -2);
  const hi = addDays(to, 2);
  const [settings, teams, members, leave, swaps, overtime, minimums] = await Promise.all([
    loadSettings(db),
    db.query('SELECT code, pattern, sequence, cycle_start::text AS cycle_start FROM roster_teams ORDER BY code'),
    loadMembers(db),
    db.query("SELECT id, staff_id, from_date::text AS f, to_date::text AS t FROM roster_leave WHERE state = 'approved' AND from_date <= $2 AND to_date >= $1", [lo, hi]),
    db.query(
      `SELECT id, requester_id, partner_id, give_date::text AS gd, give_shift, take_date::text AS td, take_shift FROM roster_swaps
        WHERE state = 'approved' AND (give_date BETWEEN $1 AND $2 OR take_date BETWEEN $1 AND $2)`,
      [lo, hi],
    ),
    db.query('SELECT id, staff_id, work_date::text AS d, shift, position, hours FROM roster_overtime WHERE work_date BETWEEN $1 AND $2', [lo, hi]),
    db.query('SELECT position, hour, minimum FROM roster_minimums'),
  ]);
  return {
    settings,
    teams: teams.rows.map((r) => ({ code: r.code, pattern: r.pattern, sequence: r.sequence, cycleStart: r.cycle_start })),
    members,
    leave: leave.rows.map((r) => ({ id: r.id, staffId: r.staff_id, from: r.f, to: r.t })),
    swaps: swaps.rows.map((r) => ({ id: r.id, requesterId: r.requester_id, partnerId: r.partner_id, giveDate: r.gd, giveShift: r.give_shift, takeDate: r.td, takeShift: r.take_shift })),
    overtime: overtime.rows.map((r) => ({ id: r.id, staffId: r.staff_id, date: r.d, shift: r.shift, position: r.position, hours: r.hours })),
    minimums: new Map(minimums.rows.map((r) => [minimumKey(r.position, r.hour), r.minimum])),
  };
}
