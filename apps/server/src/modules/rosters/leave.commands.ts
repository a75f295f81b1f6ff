import type pg from 'pg';
import type { Leave } from '@openpsap/contract';
import { conflict, forbidden, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { computeRoster } from './roster-assignments';
import { loadRosterState } from './roster-state';

type Queryable = pg.Pool | pg.PoolClient;

const SELECT = `SELECT l.id, l.staff_id, s.display_name, l.from_date::text AS f, l.to_date::text AS t, l.kind, l.note, l.state, l.decided_by
                  FROM roster_leave l JOIN staff_members s ON s.id = l.staff_id`;

async function shiftsIn(db: Queryable, staffId: number, from: string, to: string, timeZone: string): Promise<number> {
  const state = await loadRosterState(db, from, to);
  state.leave = [];
  return computeRoster(state, from, to, timeZone).shifts.filter((s) => s.staffId === staffId).length;
}

async function toLeave(db: Queryable, r: Record<string, any>, timeZone: string): Promise<Leave> {
  return { id: r.id, staffId: r.staff_id, name: r.display_name, from: r.f, to: r.t, kind: r.kind, note: r.note, state: r.state, decidedBy: r.decided_by, shiftsAffected: await shiftsIn(db, r.staff_id, r.f, r.t, timeZone) };
}

export async function listLeave(db: Queryable, timeZone: string, opts: { state?: string; staffId?: number }): Promise<Leave[]> {
  const { rows } = await db.query(`${SELECT} WHERE ($1::text IS NULL OR l.state = $1) AND ($2::int IS NULL OR l.staff_id = $2) ORDER BY l.from_date, l.id LIMIT 500`, [opts.state ?? null, opts.staffId ?? null]);
  return Promise.all(rows.map((r) => toLeave(db, r, timeZone)));
}

/** A leave request, by the member (own staff id) or a supervisor on their behalf. */
export async function requestLeave(pool: pg.Pool, actor: Actor, ownStaffId: number | null, body: { staffId: number; from: string; to: string; kind: string; note?: string }, timeZone: string): Promise<Leave> {
  if (actor.role !== 'supervisor' && ownStaffId !== body.staffId) throw forbidden('you may ask for leave for yourself only');
  if (body.to < body.from) throw invalid('to', 'must not be before from');
  const { result } = await runCommand(pool, actor, async (tx) => {
    const staff = await tx.query('SELECT 1 FROM staff_members WHERE id = $1', [body.staffId]);
    if (!staff.rows[0]) throw invalid('staffId', `no staff member ${body.staffId}`);
    const overlap = await tx.query("SELECT id FROM roster_leave WHERE staff_id = $1 AND state IN ('requested', 'approved') AND from_date <= $3 AND to_date >= $2", [body.staffId, body.from, body.to]);
    if (overlap.rows[0]) throw conflict(`leave request ${overlap.rows[0].id} already covers some of these days`);
    const { rows } = await tx.query<{ id: number }>('INSERT INTO roster_leave (staff_id, from_date, to_date, kind, note) VALUES ($1, $2, $3, $4, $5) RETURNING id', [body.staffId, body.from, body.to, body.kind, body.note ?? null]);
    const id = rows[0]!.id;
    const row = (await tx.query(`${SELECT} WHERE l.id = $1`, [id])).rows[0];
    return { result: await toLeave(tx, row, timeZone), audits: [{ action: 'roster.leave-request', entity: 'roster-leave', entityId: id, after: { staffId: body.staffId, from: body.from, to: body.to, kind: body.kind } }] };
  });
  return result;
}

/** A supervisor approves (the member's shifts in the range come off the roster) or refuses. */
export async function decideLeave(pool: pg.Pool, actor: Actor, id: number, approve: boolean, timeZone: string): Promise<Leave> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const { rows } = await tx.query(`${SELECT} WHERE l.id = $1 FOR UPDATE OF l`, [id]);
    if (!rows[0]) throw notFound(`leave request ${id}`);
    if (rows[0].state !== 'requested') throw conflict(`leave request ${id} is already ${rows[0].state}`);
    const state = approve ? 'approved' : 'refused';
    await tx.query('UPDATE roster_leave SET state = $2, decided_by = $3, decided_at = $4 WHERE id = $1', [id, state, actor.label, now]);
    const row = (await tx.query(`${SELECT} WHERE l.id = $1`, [id])).rows[0];
    return { result: await toLeave(tx, row, timeZone), audits: [{ action: `roster.leave-${state}`, entity: 'roster-leave', entityId: id, before: { state: 'requested' }, after: { state } }] };
  });
  return result;
}

/** The member (or a supervisor) withdraws leave that has not started. */
export async function cancelLeave(pool: pg.Pool, actor: Actor, ownStaffId: number | null, id: number, today: string, timeZone: string): Promise<Leave> {
  const { result } = await runCommand(pool, actor, async (tx) => {
    const { rows } = await tx.query(`${SELECT} WHERE l.id = $1 FOR UPDATE OF l`, [id]);
    if (!rows[0]) throw notFound(`leave request ${id}`);
    if (actor.role !== 'supervisor' && rows[0].staff_id !== ownStaffId) throw forbidden('you may withdraw your own leave only');
    if (!['requested', 'approved'].includes(rows[0].state)) throw conflict(`leave request ${id} is already ${rows[0].state}`);
    if (rows[0].f <= today && rows[0].state === 'approved') throw conflict('leave that has started cannot be withdrawn');
    await tx.query("UPDATE roster_leave SET state = 'cancelled' WHERE id = $1", [id]);
    const row = (await tx.query(`${SELECT} WHERE l.id = $1`, [id])).rows[0];
    return { result: await toLeave(tx, row, timeZone), audits: [{ action: 'roster.leave-cancelled', entity: 'roster-leave', entityId: id, before: { state: rows[0].state }, after: { state: 'cancelled' } }] };
  });
  return result;
}
