import type pg from 'pg';
import { isDispatchable, type UnitRef, type UnitStatus } from '@openpsap/contract';
import { AppError, conflict, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { insertStatusHistory, lockUnits, resolveUnitRefs, setUnitStatus, toUnit } from '../units/units.queries';
import { getIncidentRow, getIncidentSummary, refreshIncidentStatus } from './incidents.queries';
import { incidentRooms } from './incident-rooms';

/**
 * Sends units to an incident. Locks the incident, then the units in id order, so when two
 * dispatchers send the same unit at once the second waits, sees the unit taken and gets a 409
 * naming where it went. `divert` takes a unit off another incident deliberately.
 */
export async function dispatchUnits(pool: pg.Pool, actor: Actor, incidentId: number, refs: UnitRef[], divert = false) {
  const resolved = await resolveUnitRefs(pool, refs);
  const unknown = refs.map((r, i) => (resolved[i] === null ? `unitIds.${i}` : null)).filter((x): x is string => x !== null);
  if (unknown.length) {
    throw new AppError(422, 'validation_failed', `no such unit: ${unknown.map((k) => refs[Number(k.split('.')[1])]).join(', ')}`, Object.fromEntries(unknown.map((k) => [k, 'no unit with this id or call sign'])));
  }
  const unitIds = [...new Set(resolved as number[])];
  return runCommand(pool, actor, async (tx, now) => {
    const incident = await getIncidentRow(tx, incidentId, true);
    if (!incident) throw notFound(`incident ${incidentId}`);
    if (incident.status === 'Closed') throw conflict(`incident ${incident.number} is closed; reopen it first`);
    const units = await lockUnits(tx, unitIds);

    const diverted: { unitId: number; fromIncidentId: number }[] = [];
    for (const u of units) {
      if (!u.active) throw conflict(`${u.call_sign} is not in service on the roster`);
      if (u.current_incident_id === incidentId) throw conflict(`${u.call_sign} is already assigned to ${incident.number}`);
      if (u.current_incident_id !== null) {
        if (!divert) {
          const other = await getIncidentRow(tx, u.current_incident_id);
          throw conflict(`${u.call_sign} is already assigned to ${other?.number ?? u.current_incident_id} (${u.status}); dispatch with divert to reassign it`);
        }
        diverted.push({ unitId: u.id, fromIncidentId: u.current_incident_id });
      } else if (!isDispatchable(u.status as UnitStatus) && !divert) {
        throw conflict(`${u.call_sign} is ${u.status} and cannot be dispatched; dispatch with divert to override`);
      }
    }

    for (const d of diverted) {
      await tx.query("UPDATE assignments SET cleared_at = $2, cleared_reason = 'diverted' WHERE unit_id = $1 AND cleared_at IS NULL", [d.unitId, now]);
    }
    for (const u of units) {
      await tx.query('INSERT INTO assignments (incident_id, unit_id, dispatched_at, dispatched_by) VALUES ($1, $2, $3, $4)', [incidentId, u.id, now, actor.userId]);
      await setUnitStatus(tx, u.id, 'Dispatched', 'NotAvailable', now, incidentId);
      await insertStatusHistory(tx, { unitId: u.id, status: 'Dispatched', primary: 'NotAvailable', incidentId, at: now, actorUserId: actor.userId });
    }
    for (const from of new Set(diverted.map((d) => d.fromIncidentId))) await refreshIncidentStatus(tx, from);
    await refreshIncidentStatus(tx, incidentId);

    const summary = (await getIncidentSummary(tx, incidentId))!;
    const after = (await lockUnits(tx, unitIds)).map(toUnit);
    const rooms = incidentRooms({ id: incidentId, agencyId: incident.agency_id }, [
      ...after.map((u) => `unit:${u.id}`),
      ...after.map((u) => `agency:${u.agencyId}`),
      ...diverted.map((d) => `incident:${d.fromIncidentId}`),
    ]);
    return {
      result: summary,
      audits: [{ action: 'incident.dispatch', entity: 'incident', entityId: incidentId, before: { units: units.map((u) => ({ id: u.id, status: u.status, incidentId: u.current_incident_id })) }, after: { unitIds, diverted } }],
      event: { type: 'incident.units-dispatched', agencyId: incident.agency_id, incidentId, rooms, data: { incident: summary, units: after, diverted } },
    };
  });
}
