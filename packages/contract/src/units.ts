import { z } from 'zod';
import { UnitStatusInputSchema } from './unit-status';

/** A unit named by its numeric id or its call sign ("E-45"). */
export const UnitRefSchema = z.union([
  z.number().int().positive(),
  z.string().trim().min(1, 'must be a unit id or call sign').max(32, 'must be a unit id or call sign'),
]);
export type UnitRef = z.infer<typeof UnitRefSchema>;

export const UNIT_TYPES = ['patrol', 'sergeant', 'k9', 'traffic', 'engine', 'truck', 'rescue', 'medic', 'battalion', 'ems-supervisor', 'hazmat', 'boat', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UnitTypeSchema = z.enum(UNIT_TYPES, { error: `must be one of ${UNIT_TYPES.join(', ')}` });

/** Capabilities a response plan can ask for. */
export const CAPABILITIES = ['ALS', 'BLS', 'CIT', 'K9', 'HAZMAT', 'WATER', 'TECHRESCUE', 'AERIAL', 'SUPERVISOR', 'SWAT', 'EMT'] as const;
export const CapabilitySchema = z.enum(CAPABILITIES, { error: `must be one of ${CAPABILITIES.join(', ')}` });

export const UnitStatusBodySchema = z
  .object({
    status: UnitStatusInputSchema,
    /** When it happened, for changes queued on a field device while offline; defaults to now. */
    at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone' }).optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type UnitStatusBody = z.infer<typeof UnitStatusBodySchema>;

export const UnitSchema = z.object({
  id: z.number().int(),
  callSign: z.string(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  type: z.string(),
  capabilities: z.array(z.string()),
  homeStation: z.string().nullable(),
  homeStationCode: z.string().nullable(),
  /** The zone (police district) the home station is in. */
  homeZone: z.string().nullable(),
  /** Where the station is: the unit's position when it has no recent AVL fix. */
  homeStationPosition: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  status: z.string(),
  primaryStatus: z.string(),
  statusChangedAt: z.string(),
  incidentId: z.number().int().nullable(),
  position: z.object({ lat: z.number(), lon: z.number(), at: z.string() }).nullable(),
  active: z.boolean(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const CreateUnitBodySchema = z
  .object({
    callSign: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'letters, digits, spaces and dashes only'),
    agencyId: z.number().int().positive(),
    type: UnitTypeSchema,
    capabilities: z.array(CapabilitySchema).max(20).default([]),
    homeStation: z.string().trim().min(1).max(120).optional(),
  })
  .strict();

export const UnitPositionBodySchema = z
  .object({
    lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
    lon: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
    /** Degrees clockwise from north. */
    heading: z.number().min(0).max(360).optional(),
    /** Metres per second. */
    speed: z.number().min(0).max(150).optional(),
    /** When the fix was taken (the device's clock). */
    at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone' }),
  })
  .strict();
export type UnitPositionBody = z.infer<typeof UnitPositionBodySchema>;
