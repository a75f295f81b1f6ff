import type pg from 'pg';
import type { UnitPositionBody } from '@openpsap/contract';
import { forbidden, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { withTransaction } from '../../db/transaction';

// Consoles need to see units move, not every fix: one stream event per unit per interval keeps
// 150 units reporting every few seconds from flooding every socket and the event log.
export const POSITION_EVENT_INTERVAL_MS = 10_000;
const MAX_FUTURE_MS = 5_000;
const MAX_AGE_MS = 60 * 60_000;

/**
 * Records an AVL fix. Every fix is kept in the position history; the unit's current position
 * moves only forward in time (a late fix from a flaky network is kept but does not move it back);
 * at most one stream event per unit per interval.
 */
export async function recordPosition(pool: pg.Pool, actor: Actor, unitId: number, body: UnitPositionBody, restrictToUnit: number | null) {
  if (restrictToUnit !== null && restrictToUnit !== unitId) throw forbidden('a responder may report only the position of the unit they are signed on to');
  const at = new Date(body.at);
  const quick = await withTransaction(pool, async (tx, now) => {
    if (at.getTime() > now.getTime() + MAX_FUTURE_MS) throw invalid('at', 'is in the future (check the device clock)');
    if (at.getTime() < now.getTime() - MAX_AGE_MS) throw invalid('at', 'is more than an hour old');
    const { rows } = await tx.query<{ last_position_at: Date | null; position_event_at: Date | null; agency_id: number; call_sign: string }>(
      'SELECT last_position_at, position_event_at, agency_id, call_sign FROM units WHERE id = $1 FOR UPDATE',
      [unitId],
    );
    const u = rows[0];
    if (!u) throw notFound(`unit ${unitId}`);
    await tx.query('INSERT INTO unit_positions (unit_id, lat, lon, heading, speed, at) VALUES ($1, $2, $3, $4, $5, $6)', [unitId, body.lat, body.lon, body.heading ?? null, body.speed ?? null, at]);
    const current = !u.last_position_at || at > u.last_position_at;
    if (current) await tx.query('UPDATE units SET last_lat = $2, last_lon = $3, last_position_at = $4 WHERE id = $1', [unitId, body.lat, body.lon, at]);
    const due = current && (!u.position_event_at || now.getTime() - u.position_event_at.getTime() >= POSITION_EVENT_INTERVAL_MS);
    return { current, due, unit: u };
  });
  if (!quick.due) return { current: quick.current, published: false };
  // The stream event (and its audit row) goes through the ledger like every other event.
  await runCommand(pool, actor, async (tx, now) => {
    await tx.query('UPDATE units SET position_event_at = $2 WHERE id = $1', [unitId, now]);
    const data = { unitId, callSign: quick.unit.call_sign, lat: body.lat, lon: body.lon, heading: body.heading ?? null, speed: body.speed ?? null, at: at.toISOString() };
    return {
      result: null,
      audits: [{ action: 'unit.position', entity: 'unit', entityId: unitId, after: data }],
      event: { type: 'unit.position', agencyId: quick.unit.agency_id, unitId, rooms: [`agency:${quick.unit.agency_id}`, `unit:${unitId}`], data },
    };
  });
  return { current: true, published: true };
}
