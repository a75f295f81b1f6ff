import { z } from 'zod';
import { PRIMARY_UNIT_STATUS_REGISTRY, SECONDARY_UNIT_STATUS_REGISTRY } from './registries/unit-statuses.generated';

export type PrimaryUnitStatus = (typeof PRIMARY_UNIT_STATUS_REGISTRY)[number]['value'];
export type UnitStatus = (typeof SECONDARY_UNIT_STATUS_REGISTRY)[number]['value'];

export const PRIMARY_UNIT_STATUSES = PRIMARY_UNIT_STATUS_REGISTRY.map((s) => s.value) as PrimaryUnitStatus[];
export const UNIT_STATUSES = SECONDARY_UNIT_STATUS_REGISTRY.map((s) => s.value) as UnitStatus[];

/**
 * Statuses a unit holds while it works an incident, in the order a response normally runs.
 * A unit in one of these has exactly one active assignment.
 */
export const ASSIGNED_STATUSES = [
  'Dispatched',
  'AcknowledgedTransmission',
  'EnRoute',
  'Delayed',
  'Staging',
  'OnScene',
  'PatientContact',
  'Transporting',
  'Hospital',
] as const satisfies readonly UnitStatus[];
export type AssignedStatus = (typeof ASSIGNED_STATUSES)[number];

/** Statuses that end an assignment. */
export const ENDING_STATUSES = ['Cleared', 'AssignmentCancelled'] as const satisfies readonly UnitStatus[];

/** Statuses in which a unit may be dispatched. */
export const AVAILABLE_STATUSES = [
  'InService',
  'Cleared',
  'Station',
  'BacktoAssignedArea',
  'CoveringAlternateArea',
  'Post',
  'OnDuty',
  'CheckedIn',
  'AssignmentCancelled',
] as const satisfies readonly UnitStatus[];

/** Free but busy: may be dispatched, with a warning (meal, break, end of shift pending). */
export const CONDITIONAL_STATUSES = ['Break', 'Meal', 'ShiftPending'] as const satisfies readonly UnitStatus[];

/** Statuses that only qualify another status in the registry; a unit cannot hold them alone here. */
export const QUALIFIER_STATUSES = [
  'Location',
  'AlternateLocation',
  'Departed',
  'Arrived',
  'Assigned',
  'Backup',
] as const satisfies readonly UnitStatus[];

const ASSIGNED = new Set<string>(ASSIGNED_STATUSES);
const AVAILABLE = new Set<string>(AVAILABLE_STATUSES);
const CONDITIONAL = new Set<string>(CONDITIONAL_STATUSES);
const ENDING = new Set<string>(ENDING_STATUSES);
const QUALIFIER = new Set<string>(QUALIFIER_STATUSES);

export function isAssignedStatus(s: string): s is AssignedStatus {
  return ASSIGNED.has(s);
}
export function isEndingStatus(s: string): boolean {
  return ENDING.has(s);
}

/** The EIDO primary status implied by a secondary status. */
export function primaryStatusOf(s: UnitStatus): PrimaryUnitStatus {
  if (AVAILABLE.has(s)) return 'Available';
  if (CONDITIONAL.has(s)) return 'ConditionallyAvailable';
  return 'NotAvailable';
}

/** Whether a unit in this status may be dispatched without diverting it from other work. */
export function isDispatchable(s: UnitStatus): boolean {
  return AVAILABLE.has(s) || CONDITIONAL.has(s);
}

/**
 * For each status a unit may report while assigned, the statuses it may come from.
 * Going backwards (OnScene -> EnRoute) is refused: it would corrupt the response times the
 * centre reports; a mistaken status is corrected by a supervisor, not by a new status.
 */
export const ASSIGNED_TRANSITIONS: Record<Exclude<AssignedStatus, 'Dispatched'>, readonly AssignedStatus[]> = {
  AcknowledgedTransmission: ['Dispatched'],
  EnRoute: ['Dispatched', 'AcknowledgedTransmission', 'Delayed', 'Staging'],
  Delayed: ['Dispatched', 'AcknowledgedTransmission', 'EnRoute'],
  Staging: ['Dispatched', 'AcknowledgedTransmission', 'EnRoute', 'Delayed'],
  OnScene: ['Dispatched', 'AcknowledgedTransmission', 'EnRoute', 'Delayed', 'Staging'],
  PatientContact: ['OnScene'],
  Transporting: ['OnScene', 'PatientContact'],
  Hospital: ['Transporting'],
};

// Words people and other systems use for the same statuses.
const ALIASES: Record<string, UnitStatus> = {
  available: 'InService',
  avail: 'InService',
  inservice: 'InService',
  av: 'InService',
  enroute: 'EnRoute',
  er: 'EnRoute',
  responding: 'EnRoute',
  onscene: 'OnScene',
  os: 'OnScene',
  arrived: 'OnScene',
  atscene: 'OnScene',
  athospital: 'Hospital',
  hospital: 'Hospital',
  transport: 'Transporting',
  tr: 'Transporting',
  outofservice: 'OutofService',
  oos: 'OutofService',
  acknowledged: 'AcknowledgedTransmission',
  ack: 'AcknowledgedTransmission',
  clear: 'Cleared',
  cleared: 'Cleared',
  cancelled: 'AssignmentCancelled',
  canceled: 'AssignmentCancelled',
};
const BY_KEY = new Map<string, UnitStatus>(UNIT_STATUSES.map((s) => [s.toLowerCase(), s]));
const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Resolves what a user or system typed ("en route", "OnScene", "AtHospital") to the registry spelling. */
export function parseUnitStatus(input: string): UnitStatus | undefined {
  const k = key(input);
  return ALIASES[k] ?? BY_KEY.get(k);
}

/** A unit status as the API accepts it: any registry value or common alias, yielding the registry spelling. */
export const UnitStatusInputSchema = z
  .string({ error: 'must be a unit status such as EnRoute, OnScene or Available' })
  .trim()
  .min(1, 'must be a unit status such as EnRoute, OnScene or Available')
  .max(60)
  .transform((s, ctx) => {
    const status = parseUnitStatus(s);
    if (!status) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a unit status (e.g. EnRoute, OnScene, Transporting, Available)` });
      return z.NEVER;
    }
    if (QUALIFIER.has(status)) {
      ctx.addIssue({ code: 'custom', message: `${status} only qualifies another status; send the status itself` });
      return z.NEVER;
    }
    return status;
  });
