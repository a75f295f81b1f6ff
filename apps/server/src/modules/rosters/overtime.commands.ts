import type pg from 'pg';
import type { RosterPosition, ShiftKind } from '@openpsap/contract';
import { conflict, invalid } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { addDays, shiftWindow } from './roster-dates';
import { computeRoster, longestStretchHours, MAX_STRETCH_HOURS } from './roster-assignments';
import { loadRosterState, type RosterState } from './roster-state';

type Queryable = pg.Pool | pg.PoolClient;

export interface Gap { date: string; shift: ShiftKind; position: RosterPosition; hours?: number }
export interface Suggestion { staffId: number; name: string; team: RosterState['members'][number]['team']; overtimeHours90d: number; hiredOn: string | null; rank: number }

/** Overtime hours each member worked from `since` up to (not including) `until`. */
async function overtimeHoursSince(db: Queryable, since: string, until: string, settings: RosterState['settings'], timeZone: string): Promise<Map<number, number>> {
  const { rows } = await db.query('SELECT staff_id, work_date::text AS d, shift, hours FROM roster_overtime WHERE work_date >= $1 AND work_date < $2', [since, until]);
  const total = new Map<number, number>();
  for (const r of rows) {
    const h = r.hours ?? shiftWindow(r.d, r.shift, settings, timeZone).hours;
    total.set(r.staff_id, (total.get(r.staff_id) ?? 0) + h);
  }
  return total;
}

function gapWindow(gap: Gap, settings: RosterState['settings'], timeZone: string) {
  const w = shiftWindow(gap.date, gap.shift, settings, timeZone);
  return gap.hours ? { start: w.start, end: new Date(w.start.getTime() + gap.hours * 3_600_000) } : { start: w.start, end: w.end };
}

/**
 * Who could fill a gap, fairest first: members of that position who are off (not working,
 * not on leave) and would not work more than 16 hours in a row, ranked by fewest overtime hours in
 * the 90 days before `today`, then seniority (earliest hire), then register order.
 */
export async function suggestOvertime(db: Queryable, gap: Gap, today: string, timeZone: string): Promise<Suggestion[]> {
  const from = addDays(gap.date, -2);
  const to = addDays(gap.date, 2);
  const state = await loadRosterState(db, from, to);
  const roster = computeRoster(state, from, to, timeZone);
  const window = gapWindow(gap, state.settings, timeZone);
  const worked = await overtimeHoursSince(db, addDays(today, -90), addDays(today, 1), state.settings, timeZone);
  const candidates = state.members.filter((m) => {
    if (m.position !== gap.position) return false;
    if ((m.hiredOn && m.hiredOn > gap.date) || (m.leftOn && m.leftOn <= gap.date)) return false;
    if (state.leave.some((l) => l.staffId === m.staffId && l.from <= gap.date && l.to >= gap.date)) return false;
    const mine = roster.shifts.filter((s) => s.staffId === m.staffId);
    if (mine.some((s) => s.start < window.end && s.end > window.start)) return false;
    return longestStretchHours([...mine, window]) <= MAX_STRETCH_HOURS;
  });
  const rank = (h: string | null) => h ?? '9999-12-31';
  candidates.sort((a, b) => (worked.get(a.staffId) ?? 0) - (worked.get(b.staffId) ?? 0) || rank(a.hiredOn).localeCompare(rank(b.hiredOn)) || a.staffId - b.staffId);
  return candidates.map((m, i) => ({ staffId: m.staffId, name: m.name, team: m.team, overtimeHours90d: worked.get(m.staffId) ?? 0, hiredOn: m.hiredOn, rank: i + 1 }));
}

/** Books overtime for a member, refusing anyone the suggestions would not offer (busy, on leave, rest rule). */
export async function assignOvertime(pool: pg.Pool, actor: Actor, body: Gap & { staffId: number }, today: string, timeZone: string): Promise<{ id: number; staffId: number; date: string; shift: ShiftKind; position: RosterPosition; hours: number }> {
  const { result } = await runCommand(pool, actor, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('roster_overtime'))");
    const member = await tx.query('SELECT position FROM roster_members WHERE staff_id = $1', [body.staffId]);
    if (!member.rows[0]) throw invalid('staffId', `staff member ${body.staffId} is not on the roster`);
    if (member.rows[0].position !== body.position) throw invalid('position', `staff member ${body.staffId} works ${member.rows[0].position}, not ${body.position}`);
    const eligible = await suggestOvertime(tx, body, today, timeZone);
    if (!eligible.some((s) => s.staffId === body.staffId)) throw conflict(`staff member ${body.staffId} cannot take this shift: already working, on leave, or it would break the ${MAX_STRETCH_HOURS}-hour rule`);
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO roster_overtime (staff_id, work_date, shift, position, hours, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [body.staffId, body.date, body.shift, body.position, body.hours ?? null, actor.label],
    );
    const settings = (await loadRosterState(tx, body.date, body.date)).settings;
    const hours = body.hours ?? shiftWindow(body.date, body.shift, settings, timeZone).hours;
    const id = rows[0]!.id;
    return { result: { id, staffId: body.staffId, date: body.date, shift: body.shift, position: body.position, hours }, audits: [{ action: 'roster.overtime', entity: 'roster-overtime', entityId: id, after: { staffId: body.staffId, date: body.date, shift: body.shift, hours } }] };
  });
  return result;
}
