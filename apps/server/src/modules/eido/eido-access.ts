import type pg from 'pg';
import type { Principal } from '../../auth/principal';
import { CENTRE_ROLES } from '../../auth/permissions';
import { forbidden } from '../../errors/app-error';

/** Calls carry callers' numbers and stay on the centre's floor, in EIDOs as on the stream. */
export const mayReadCalls = (p: Principal) => CENTRE_ROLES.includes(p.user.role);

/**
 * The incident rule of the console, for EIDOs: a responder reads their own agency's incidents
 * and those their unit has worked; the floor reads every incident.
 */
export async function mayReadIncident(pool: pg.Pool, p: Principal, incident: { id: number; agencyId: number }): Promise<boolean> {
  if (p.user.role !== 'responder') return true;
  if (p.user.agencyId === incident.agencyId) return true;
  if (p.user.unitId === null) return false;
  const { rowCount } = await pool.query('SELECT 1 FROM assignments WHERE incident_id = $1 AND unit_id = $2', [incident.id, p.user.unitId]);
  return (rowCount ?? 0) > 0;
}

export async function assertMayReadIncident(pool: pg.Pool, p: Principal, incident: { id: number; agencyId: number }): Promise<void> {
  if (!(await mayReadIncident(pool, p, incident))) throw forbidden('this incident belongs to another agency and your unit is not on it');
}
