import { z } from 'zod';
import { IncidentTypeCodeSchema } from './incident-types';
import { MissingPersonProfileSchema } from './help-me-home';
import { LocationInputSchema, LocationSchema } from './location';
import { PrioritySchema } from './agencies';
import { DispositionInputSchema } from './dispositions';
import { UnitRefSchema } from './units';
import { IncidentZonesSchema } from './geography';

/**
 * Where an incident stands, derived from its assignments: Pending while no unit works it,
 * then the most advanced stage any active unit has reached, Closed once a disposition is set.
 */
export const INCIDENT_STATUSES = ['Pending', 'Dispatched', 'EnRoute', 'OnScene', 'Closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The NENA EIDO IncidentStatus value for our status. */
export function eidoIncidentStatus(s: IncidentStatus): string {
  return { Pending: 'Active', Dispatched: 'ResourcesAssigned', EnRoute: 'ResourcesEnroute', OnScene: 'ResourcesOnscene', Closed: 'Closed' }[s];
}

export const IncidentNumberSchema = z.string().regex(/^\d{4}-\d{6,}$/);

export const CreateIncidentBodySchema = z
  .object({
    type: IncidentTypeCodeSchema,
    priority: PrioritySchema.optional(),
    location: LocationInputSchema,
    callId: z.number().int().positive().optional(),
    agencyId: z.number().int().positive().optional(),
    narrative: z.string().trim().min(1).max(8000).optional(),
  })
  .strict();
export type CreateIncidentBody = z.infer<typeof CreateIncidentBodySchema>;

export const UpdateIncidentBodySchema = z
  .object({
    type: IncidentTypeCodeSchema.optional(),
    priority: PrioritySchema.optional(),
    location: LocationInputSchema.optional(),
  })
  .strict()
  .refine((b) => b.type !== undefined || b.priority !== undefined || b.location !== undefined, {
    message: 'give at least one of type, priority, location',
    path: ['type'],
  });
export type UpdateIncidentBody = z.infer<typeof UpdateIncidentBodySchema>;

export const AddNarrativeBodySchema = z.object({ text: z.string().trim().min(1, 'must not be empty').max(8000) }).strict();

export const DispatchBodySchema = z
  .object({
    unitIds: z.array(UnitRefSchema).min(1, 'name at least one unit').max(50, 'at most 50 units at once'),
    /** Take units off other incidents. Without it, a busy unit makes the request fail with 409. */
    divert: z.boolean().optional(),
  })
  .strict();
export type DispatchBody = z.infer<typeof DispatchBodySchema>;

export const CloseIncidentBodySchema = z
  .object({ disposition: DispositionInputSchema, narrative: z.string().trim().min(1).max(8000).optional() })
  .strict();
export const ReopenIncidentBodySchema = z.object({ reason: z.string().trim().min(1).max(2000).optional() }).strict();
export const AttachCallBodySchema = z.object({ callId: z.number().int().positive() }).strict();

export const AssignmentSchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int(),
  unitId: z.number().int(),
  callSign: z.string(),
  status: z.string(),
  dispatchedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  enrouteAt: z.string().nullable(),
  onsceneAt: z.string().nullable(),
  patientContactAt: z.string().nullable(),
  transportingAt: z.string().nullable(),
  hospitalAt: z.string().nullable(),
  clearedAt: z.string().nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const NarrativeEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  author: z.string().nullable(),
  text: z.string(),
  kind: z.enum(['narrative', 'system']),
});
export type NarrativeEntry = z.infer<typeof NarrativeEntrySchema>;

export const IncidentSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  type: z.string(),
  typeName: z.string(),
  priority: z.number().int(),
  status: z.enum(INCIDENT_STATUSES),
  location: LocationSchema,
  /** Police district, fire first-due area and EMS zone of the location (null when unknown). */
  zones: IncidentZonesSchema,
  disposition: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  reopenedCount: z.number().int(),
  version: z.number().int(),
  units: z.array(AssignmentSchema),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export const TimelineEntrySchema = z.object({ seq: z.number().int(), at: z.string(), type: z.string(), actor: z.string().nullable(), summary: z.string() });

export const CautionSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  summary: z.string(),
  details: z.string().nullable(),
  address: z.string().nullable(),
  distanceM: z.number(),
  source: z.string(),
  sourceId: z.string().nullable(),
  /** A picture of the person (special-needs cautions), for the roles that will meet them. */
  photoUrl: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
});
export type Caution = z.infer<typeof CautionSchema>;

export const NearbyIncidentSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.string(),
  typeName: z.string(),
  priority: z.number().int(),
  status: z.string(),
  locationText: z.string().nullable(),
  distanceM: z.number(),
  createdAt: z.string(),
});
export type NearbyIncident = z.infer<typeof NearbyIncidentSchema>;

export const IncidentDetailSchema = IncidentSummarySchema.extend({
  /** Premise and special-needs cautions at (or within each caution's radius of) the location. */
  cautions: z.array(CautionSchema),
  /** Other open incidents close by: possible duplicates. */
  nearby: z.array(NearbyIncidentSchema),
  calls: z.array(z.object({ id: z.number().int(), source: z.string(), callbackNumber: z.string().nullable(), callerName: z.string().nullable(), presentedAt: z.string() })),
  narrative: z.array(NarrativeEntrySchema),
  timeline: z.array(TimelineEntrySchema),
  assignmentHistory: z.array(AssignmentSchema),
  /** Help Me Home profiles attached to a missing-person incident, for every responder. */
  missingPersons: z.array(MissingPersonProfileSchema),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;
