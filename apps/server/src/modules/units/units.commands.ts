import type pg from 'pg';
import type { z } from 'zod';
import type { CreateUnitBodySchema } from '@openpsap/contract';
import { conflict, invalid } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { getUnit, insertStatusHistory, toUnit } from './units.queries';

/** Adds a unit to the roster, in service at its home station. */
export async function createUnit(pool: pg.Pool, actor: Actor, body: z.output<typeof CreateUnitBodySchema>) {
  return runCommand(pool, actor, async (tx, now) => {
    const { rowCount } = await tx.query('SELECT 1 FROM agencies WHERE id = $1', [body.agencyId]);
    if (!rowCount) throw invalid('agencyId', `no agency with id ${body.agencyId}`);
    const dup = await tx.query('SELECT 1 FROM units WHERE upper(call_sign) = upper($1)', [body.callSign]);
    if (dup.rowCount) throw conflict(`call sign ${body.callSign} is already on the roster`);
    let stationId: number | null = null;
    if (body.homeStation) {
      const { rows } = await tx.query<{ id: number }>('SELECT id FROM stations WHERE agency_id = $1 AND (code = $2 OR name = $2)', [body.agencyId, body.homeStation]);
      if (!rows[0]) throw invalid('homeStation', `no station "${body.homeStation}" in that agency`);
      stationId = rows[0].id;
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO units (agency_id, call_sign, unit_type, capabilities, home_station_id, status, primary_status, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, 'InService', 'Available', $6) RETURNING id`,
      [body.agencyId, body.callSign.toUpperCase(), body.type, body.capabilities, stationId, now],
    );
    const id = rows[0]!.id;
    await insertStatusHistory(tx, { unitId: id, status: 'InService', primary: 'Available', incidentId: null, at: now, actorUserId: actor.userId, note: 'added to roster' });
    const unit = toUnit((await getUnit(tx, id))!);
    return {
      result: unit,
      audits: [{ action: 'unit.create', entity: 'unit', entityId: id, after: unit }],
      event: { type: 'unit.created', agencyId: body.agencyId, unitId: id, rooms: [`agency:${body.agencyId}`, `unit:${id}`], data: { unit } },
    };
  });
}
