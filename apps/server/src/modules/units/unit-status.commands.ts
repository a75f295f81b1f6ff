import type pg from 'pg';
import {
  ASSIGNED_TRANSITIONS,
  isAssignedStatus,
  isEndingStatus,
  primaryStatusOf,
  type AssignedStatus,
  type UnitRef,
  type UnitStatus,
} from '@openpsap/contract';
import { AppError, conflict, forbidden, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { getIncidentRow, getIncidentSummary, refreshIncidentStatus } from '../incidents/incidents.queries';
import { incidentRooms } from '../incidents/incident-rooms';
import { getUnit, insertStatusHistory, lockUnits, resolveUnitRefs, setUnitStatus, toUnit } from './units.queries';

// Which assignment column each status stamps, first time only: intervals are computed from these.
const STAMP: Partial<Record<AssignedStatus, string>> = {
  AcknowledgedTransmission: 'acknowledged_at',
  EnRoute: 'enroute_at',
  OnScene: 'onscene_at',
  PatientContact: 'patient_contact_at',
  Transporting: 'transporting_at',
  Hospital: 'hospital_at',
};

const MAX_BACKDATE_MS = 24 * 3_600_000;
const CLOCK_SKEW_MS = 5_000;

export interface StatusChangeInput {
  status: UnitStatus;
  /** When it happened (a field device's queued change); defaults to the transaction time. */
  at?: string;
  note?: string;
}

/** Resolves a unit by id or call sign, or fails with 404. */
export async function requireUnitId(pool: pg.Pool, ref: UnitRef): Promise<number> {
  const [id] = await resolveUnitRefs(pool, [ref]);
  if (id === null || id === undefined) throw notFound(`unit ${ref}`);
  return id;
}

/**
 * Changes a unit's status following the response lifecycle. Repeating the current status is a
 * no-op (a double tap, or an offline queue replayed), so the caller can retry safely. Going
 * available while assigned clears the unit from its incident; going out of service does not,
 * so a busy unit is never silently pulled off a call.
 */
export async function changeUnitStatus(pool: pg.Pool, actor: Actor, unitId: number, input: StatusChangeInput, restrictToUnit: number | null) {
  if (restrictToUnit !== null && restrictToUnit !== unitId) throw forbidden('a responder may change only the status of the unit they are signed on to');
  if (input.status === 'Dispatched') throw invalid('status', 'units are dispatched with POST /api/v1/incidents/:id/dispatch');

  for (let attempt = 0; attempt < 3; attempt++) {
    const peek = await getUnit(pool, unitId);
    if (!peek) throw notFound(`unit ${unitId}`);
    const expectedIncident = peek.current_incident_id;
    try {
      return await runCommand(pool, actor, async (tx, now) => {
        // Incident before unit: the same lock order as dispatch, so the two cannot deadlock.
        const incidentRow = expectedIncident !== null ? await getIncidentRow(tx, expectedIncident, true) : null;
        const [unit] = await lockUnits(tx, [unitId]);
        if (!unit) throw notFound(`unit ${unitId}`);
        if (unit.current_incident_id !== expectedIncident) throw new RetryLater();

        const at = input.at ? new Date(input.at) : now;
        if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('at', 'is in the future');
        if (at.getTime() < now.getTime() - MAX_BACKDATE_MS) throw invalid('at', 'is more than 24 hours ago');
        if (at < unit.status_changed_at) throw conflict(`${unit.call_sign} changed status at ${unit.status_changed_at.toISOString()}, after ${at.toISOString()}`);

        const from = unit.status as UnitStatus;
        if (from === input.status) return { result: { unit: toUnit(unit), changed: false }, audits: [] };

        const incidentId = unit.current_incident_id;
        let nextIncidentId: number | null = incidentId;
        const stored: UnitStatus = input.status;
        if (isAssignedStatus(input.status)) {
          if (incidentId === null) throw conflict(`${unit.call_sign} is not assigned to an incident; it cannot be ${input.status}`);
          const allowed = ASSIGNED_TRANSITIONS[input.status as Exclude<AssignedStatus, 'Dispatched'>];
          if (!allowed.includes(from as AssignedStatus)) {
            throw conflict(`${unit.call_sign} is ${from}; ${input.status} can follow only ${allowed.join(', ')}`);
          }
          const col = STAMP[input.status];
          if (col) await tx.query(`UPDATE assignments SET ${col} = coalesce(${col}, $2) WHERE unit_id = $1 AND cleared_at IS NULL`, [unitId, at]);
        } else if (incidentId !== null) {
          const freeing = isEndingStatus(input.status) || primaryStatusOf(input.status) === 'Available';
          if (!freeing) throw conflict(`${unit.call_sign} is assigned to ${incidentRow?.number ?? incidentId}; clear it first`);
          const reason = isEndingStatus(input.status) ? input.status : `${input.status} while assigned`;
          await tx.query('UPDATE assignments SET cleared_at = $2, cleared_reason = $3 WHERE unit_id = $1 AND cleared_at IS NULL', [unitId, at, reason]);
          nextIncidentId = null;
        } else if (isEndingStatus(input.status)) {
          throw conflict(`${unit.call_sign} is not assigned to an incident; nothing to clear`);
        }
        const primary = primaryStatusOf(stored);
        await setUnitStatus(tx, unitId, stored, primary, at, nextIncidentId);
        await insertStatusHistory(tx, { unitId, status: stored, primary, incidentId, at, actorUserId: actor.userId, note: input.note ?? null });
        if (incidentId !== null) await refreshIncidentStatus(tx, incidentId);

        const after = toUnit((await lockUnits(tx, [unitId]))[0]!);
        const incident = incidentId !== null ? await getIncidentSummary(tx, incidentId) : null;
        const rooms = [`agency:${unit.agency_id}`, `unit:${unitId}`];
        if (incidentRow) rooms.push(...incidentRooms({ id: incidentRow.id, agencyId: incidentRow.agency_id }));
        return {
          result: { unit: after, changed: true },
          audits: [{ action: 'unit.status', entity: 'unit', entityId: unitId, before: { status: from, incidentId }, after: { status: stored, incidentId: nextIncidentId, at: at.toISOString(), note: input.note ?? null } }],
          event: { type: 'unit.status-changed', agencyId: unit.agency_id, unitId, incidentId, rooms, data: { unit: after, from, incident } },
        };
      });
    } catch (e) {
      if (e instanceof RetryLater) continue;
      throw e;
    }
  }
  throw new AppError(409, 'conflict', 'the unit was reassigned while its status was changing; try again');
}

/** The unit moved between incidents between our read and our lock; read again. */
class RetryLater extends Error {}
