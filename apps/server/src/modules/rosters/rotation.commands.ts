import type pg from 'pg';
import { TEAM_CODES, type RosterSettings, type RosterTeam, type TeamCode } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { cycleStartFor, parseCustomSequence, standardRotation } from './roster-patterns';
import { loadSettings } from './roster-state';

type Queryable = pg.Pool | pg.PoolClient;

export async function listTeams(db: Queryable): Promise<RosterTeam[]> {
  const { rows } = await db.query(
    `SELECT t.code, t.pattern, t.sequence, t.cycle_start::text AS cycle_start, (SELECT count(*)::int FROM roster_members m WHERE m.team_code = t.code) AS members
       FROM roster_teams t ORDER BY t.code`,
  );
  return rows.map((r) => ({ code: r.code, pattern: r.pattern, sequence: r.sequence, cycleStart: r.cycle_start, members: r.members }));
}

/** Puts all four teams on Pitman 2-2-3 or DuPont from a start date. */
export async function applyStandardRotation(pool: pg.Pool, actor: Actor, pattern: 'pitman' | 'dupont', startDate: string): Promise<RosterTeam[]> {
  const plan = standardRotation(pattern);
  await runCommand(pool, actor, async (tx) => {
    for (const code of TEAM_CODES) {
      await tx.query('UPDATE roster_teams SET pattern = $2, sequence = $3, cycle_start = $4, updated_at = now() WHERE code = $1', [code, pattern, plan[code].sequence, cycleStartFor(startDate, plan[code].offset)]);
    }
    return { result: null, audits: [{ action: 'roster.rotation', entity: 'roster', entityId: 'teams', after: { pattern, startDate } }] };
  });
  return listTeams(pool);
}

/** Puts one team on a custom sequence starting at startDate (checked: letters, length, rest). */
export async function applyCustomRotation(pool: pg.Pool, actor: Actor, team: TeamCode, rawSequence: string, startDate: string): Promise<RosterTeam[]> {
  const sequence = parseCustomSequence(rawSequence);
  await runCommand(pool, actor, async (tx) => {
    await tx.query("UPDATE roster_teams SET pattern = 'custom', sequence = $2, cycle_start = $3, updated_at = now() WHERE code = $1", [team, sequence, startDate]);
    return { result: null, audits: [{ action: 'roster.rotation', entity: 'roster-team', entityId: team, after: { pattern: 'custom', sequence, startDate } }] };
  });
  return listTeams(pool);
}

export async function updateSettings(pool: pg.Pool, actor: Actor, body: Partial<RosterSettings>): Promise<RosterSettings> {
  const { result } = await runCommand(pool, actor, async (tx) => {
    const before = await loadSettings(tx);
    const next = { ...before, ...body };
    if (next.dayStart === next.nightStart) throw invalid('nightStart', 'must differ from the day shift start');
    await tx.query('UPDATE roster_settings SET day_start = $1, night_start = $2, aht_seconds = $3, updated_at = now()', [next.dayStart, next.nightStart, next.ahtSeconds]);
    return { result: next, audits: [{ action: 'roster.settings', entity: 'roster', entityId: 'settings', before, after: next }] };
  });
  return result;
}

export async function listMinimums(db: Queryable): Promise<{ position: string; hour: number; minimum: number }[]> {
  const { rows } = await db.query('SELECT position, hour, minimum FROM roster_minimums ORDER BY position, hour');
  return rows;
}

/** Sets minimum staffing for the (position, hour) rows given; others stay. */
export async function setMinimums(pool: pg.Pool, actor: Actor, rows: { position: string; hour: number; minimum: number }[]): Promise<{ position: string; hour: number; minimum: number }[]> {
  await runCommand(pool, actor, async (tx) => {
    for (const r of rows) {
      await tx.query('INSERT INTO roster_minimums (position, hour, minimum) VALUES ($1, $2, $3) ON CONFLICT (position, hour) DO UPDATE SET minimum = EXCLUDED.minimum', [r.position, r.hour, r.minimum]);
    }
    return { result: null, audits: [{ action: 'roster.minimums', entity: 'roster', entityId: 'minimums', after: { rows } }] };
  });
  return listMinimums(pool);
}
