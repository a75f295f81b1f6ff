import type pg from 'pg';
import { ROSTER_POSITIONS, type LiveStaffing } from '@openpsap/contract';
import { addDays, localDateHour } from './roster-dates';
import { computeRoster } from './roster-assignments';
import { loadRosterState, minimumKey } from './roster-state';

/**
 * The floor right now: per position, who the roster has on shift, who is signed in working it
 * (the position chosen at the console), and the minimum for this local hour. The shortfall counts
 * people signed in, because that is who answers calls.
 */
export async function liveStaffing(pool: pg.Pool, now: Date, timeZone: string, idleMinutes: number): Promise<LiveStaffing> {
  const local = localDateHour(now, timeZone);
  const state = await loadRosterState(pool, addDays(local.date, -1), local.date);
  const onShift = computeRoster(state, addDays(local.date, -1), local.date, timeZone).shifts.filter((s) => s.start <= now && s.end > now);
  const { rows } = await pool.query(
    `SELECT DISTINCT ON (u.id) u.username, u.display_name, u.role, cp.position
       FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN console_positions cp ON cp.session_hash = s.id_hash
      WHERE s.revoked_at IS NULL AND s.expires_at > now() AND s.mfa_state = 'none' AND s.last_seen_at > now() - make_interval(mins => $1)
        AND u.role IN ('call-taker', 'dispatcher', 'supervisor')
      ORDER BY u.id, cp.chosen_at DESC NULLS LAST`,
    [Math.max(idleMinutes, 15)],
  );
  return {
    at: now.toISOString(),
    localHour: local.hour,
    positions: ROSTER_POSITIONS.map((position) => {
      const minimum = state.minimums.get(minimumKey(position, local.hour)) ?? 0;
      const signedIn = rows.filter((r) => r.position === position).map((r) => ({ username: r.username, name: r.display_name }));
      return {
        position,
        minimum,
        scheduled: onShift.filter((s) => s.position === position).map((s) => ({ staffId: s.staffId, name: s.name, team: s.team })),
        signedIn,
        shortfall: Math.max(0, minimum - signedIn.length),
      };
    }),
    withoutPosition: rows.filter((r) => !r.position).map((r) => ({ username: r.username, name: r.display_name, role: r.role })),
  };
}
