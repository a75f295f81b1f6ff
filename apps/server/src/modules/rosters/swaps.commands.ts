import type pg from 'pg';
import type { ShiftKind, Swap } from '@openpsap/contract';
import { conflict, forbidden, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { addDays } from './roster-dates';
import { computeRoster, coverageGaps, longestStretchHours, MAX_STRETCH_HOURS } from './roster-assignments';
import { loadRosterState, type ApprovedSwap } from './roster-state';

type Queryable = pg.Pool | pg.PoolClient;

const SELECT = `SELECT w.*, w.give_date::text AS gd, w.take_date::text AS td, r.display_name AS requester_name, p.display_name AS partner_name
                  FROM roster_swaps w JOIN staff_members r ON r.id = w.requester_id JOIN staff_members p ON p.id = w.partner_id`;

function toSwap(r: Record<string, any>): Swap {
  return {
    id: r.id, requesterId: r.requester_id, requesterName: r.requester_name, partnerId: r.partner_id, partnerName: r.partner_name,
    giveDate: r.gd, giveShift: r.give_shift, takeDate: r.td, takeShift: r.take_shift,
    requesterAccepted: r.requester_accepted_at !== null, partnerAccepted: r.partner_accepted_at !== null, state: r.state, decidedBy: r.decided_by,
  };
}

export async function listSwaps(db: Queryable, opts: { state?: string; staffId?: number }): Promise<Swap[]> {
  const { rows } = await db.query(`${SELECT} WHERE ($1::text IS NULL OR w.state = $1) AND ($2::int IS NULL OR $2 IN (w.requester_id, w.partner_id)) ORDER BY w.give_date, w.id LIMIT 500`, [opts.state ?? null, opts.staffId ?? null]);
  return rows.map(toSwap);
}

/**
 * Works the roster out with and without the swap and refuses it when a shift is not there to
 * give, the taker already works that day, someone would work more than 16 hours in a row, or an
 * hour would fall (further) below its minimum staffing. Returns the shifts being swapped.
 */
export async function checkSwap(db: Queryable, timeZone: string, s: Omit<ApprovedSwap, 'id' | 'giveShift' | 'takeShift'> & { id?: number }): Promise<{ giveShift: ShiftKind; takeShift: ShiftKind | null }> {
  const dates = [s.giveDate, ...(s.takeDate ? [s.takeDate] : [])].sort();
  const from = addDays(dates[0]!, -2);
  const to = addDays(dates.at(-1)!, 2);
  const state = await loadRosterState(db, from, to);
  state.swaps = state.swaps.filter((w) => w.id !== s.id);
  const before = computeRoster(state, from, to, timeZone);
  const shiftOf = (staffId: number, date: string) => before.shifts.find((x) => x.staffId === staffId && x.date === date && x.source !== 'overtime');
  const anyOn = (staffId: number, date: string) => before.shifts.some((x) => x.staffId === staffId && x.date === date);
  const give = shiftOf(s.requesterId, s.giveDate);
  if (!give) throw invalid('giveDate', `the requester has no shift on ${s.giveDate} to give`);
  if (anyOn(s.partnerId, s.giveDate)) throw invalid('giveDate', `the partner already works on ${s.giveDate}`);
  let takeShift: ShiftKind | null = null;
  if (s.takeDate) {
    const take = shiftOf(s.partnerId, s.takeDate);
    if (!take) throw invalid('takeDate', `the partner has no shift on ${s.takeDate} to give back`);
    if (anyOn(s.requesterId, s.takeDate) && s.takeDate !== s.giveDate) throw invalid('takeDate', `the requester already works on ${s.takeDate}`);
    takeShift = take.shift;
  }
  state.swaps.push({ id: -1, requesterId: s.requesterId, partnerId: s.partnerId, giveDate: s.giveDate, giveShift: give.shift, takeDate: s.takeDate, takeShift });
  const after = computeRoster(state, from, to, timeZone);
  for (const [who, field] of [[s.requesterId, 'takeDate'], [s.partnerId, 'giveDate']] as const) {
    const hours = longestStretchHours(after.shifts.filter((x) => x.staffId === who));
    if (hours > MAX_STRETCH_HOURS) {
      const name = state.members.find((m) => m.staffId === who)?.name ?? `staff member ${who}`;
      throw conflict(`${name} would work ${hours} hours in a row, over the ${MAX_STRETCH_HOURS}-hour limit (${field})`);
    }
  }
  const gapKey = (g: { start: string; position: string }) => `${g.start}|${g.position}`;
  const shortBefore = new Map(coverageGaps(state, before.shifts, dates[0]!, dates.at(-1)!, timeZone).map((g) => [gapKey(g), g.shortfall]));
  const worse = coverageGaps(state, after.shifts, dates[0]!, dates.at(-1)!, timeZone).find((g) => g.shortfall > (shortBefore.get(gapKey(g)) ?? 0));
  if (worse) throw conflict(`the swap leaves ${worse.position} below its minimum of ${worse.minimum} on ${worse.date} at ${String(worse.hour).padStart(2, '0')}:00 (${worse.scheduled} on shift)`);
  return { giveShift: give.shift, takeShift };
}

/** A member proposes a swap (their proposal is their acceptance); a supervisor may record one for two members. */
export async function proposeSwap(pool: pg.Pool, actor: Actor, ownStaffId: number | null, body: { requesterId: number; partnerId: number; giveDate: string; takeDate?: string }, timeZone: string): Promise<Swap> {
  if (actor.role !== 'supervisor' && ownStaffId !== body.requesterId) throw forbidden('you may propose swaps of your own shifts only');
  if (body.requesterId === body.partnerId) throw invalid('partnerId', 'must be someone other than the requester');
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    for (const [field, id] of [['requesterId', body.requesterId], ['partnerId', body.partnerId]] as const) {
      const { rows } = await tx.query('SELECT 1 FROM roster_members WHERE staff_id = $1', [id]);
      if (!rows[0]) throw invalid(field, `staff member ${id} is not on the roster`);
    }
    const shifts = await checkSwap(tx, timeZone, { requesterId: body.requesterId, partnerId: body.partnerId, giveDate: body.giveDate, takeDate: body.takeDate ?? null });
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO roster_swaps (requester_id, partner_id, give_date, give_shift, take_date, take_shift, requester_accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [body.requesterId, body.partnerId, body.giveDate, shifts.giveShift, body.takeDate ?? null, shifts.takeShift, ownStaffId === body.requesterId ? now : null],
    );
    const swap = toSwap((await tx.query(`${SELECT} WHERE w.id = $1`, [rows[0]!.id])).rows[0]);
    return { result: swap, audits: [{ action: 'roster.swap-proposed', entity: 'roster-swap', entityId: swap.id, after: { requesterId: swap.requesterId, partnerId: swap.partnerId, giveDate: swap.giveDate, takeDate: swap.takeDate } }] };
  });
  return result;
}

/** One of the two members accepts, as themselves. */
export async function acceptSwap(pool: pg.Pool, actor: Actor, ownStaffId: number | null, id: number): Promise<Swap> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    const { rows } = await tx.query(`${SELECT} WHERE w.id = $1 FOR UPDATE OF w`, [id]);
    if (!rows[0]) throw notFound(`swap ${id}`);
    const r = rows[0];
    if (r.state !== 'proposed') throw conflict(`swap ${id} is already ${r.state}`);
    const side = ownStaffId === r.requester_id ? 'requester' : ownStaffId === r.partner_id ? 'partner' : null;
    if (!side) throw forbidden('only the two members of a swap accept it');
    await tx.query(`UPDATE roster_swaps SET ${side}_accepted_at = coalesce(${side}_accepted_at, $2) WHERE id = $1`, [id, now]);
    const swap = toSwap((await tx.query(`${SELECT} WHERE w.id = $1`, [id])).rows[0]);
    return { result: swap, audits: [{ action: 'roster.swap-accepted', entity: 'roster-swap', entityId: id, after: { side } }] };
  });
  return result;
}

/** A supervisor approves (after both accepted; the rules are checked again against today's roster) or refuses. */
export async function decideSwap(pool: pg.Pool, actor: Actor, id: number, approve: boolean, timeZone: string): Promise<Swap> {
  const { result } = await runCommand(pool, actor, async (tx, now) => {
    // One approval at a time, so two swaps that are each fine alone cannot together break a minimum.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('roster_swaps'))");
    const { rows } = await tx.query(`${SELECT} WHERE w.id = $1 FOR UPDATE OF w`, [id]);
    if (!rows[0]) throw notFound(`swap ${id}`);
    const r = rows[0];
    if (r.state !== 'proposed') throw conflict(`swap ${id} is already ${r.state}`);
    if (approve) {
      if (!r.requester_accepted_at || !r.partner_accepted_at) throw conflict(`swap ${id} waits for ${!r.requester_accepted_at ? r.requester_name : r.partner_name} to accept`);
      await checkSwap(tx, timeZone, { id, requesterId: r.requester_id, partnerId: r.partner_id, giveDate: r.gd, takeDate: r.td });
    }
    const state = approve ? 'approved' : 'refused';
    await tx.query('UPDATE roster_swaps SET state = $2, decided_by = $3, decided_at = $4 WHERE id = $1', [id, state, actor.label, now]);
    const swap = toSwap((await tx.query(`${SELECT} WHERE w.id = $1`, [id])).rows[0]);
    return { result: swap, audits: [{ action: `roster.swap-${state}`, entity: 'roster-swap', entityId: id, before: { state: 'proposed' }, after: { state } }] };
  });
  return result;
}
