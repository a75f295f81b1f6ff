import { z } from 'zod';

export const BOLO_SUBJECTS = ['person', 'vehicle', 'other'] as const;
export type BoloSubject = (typeof BOLO_SUBJECTS)[number];
/** What the BOLO is about, as the floor names it; Help Me Home and alerts use 'missing-person', 'suspect' and 'alert'. */
export const BOLO_KINDS = ['attempt-to-locate', 'wanted', 'suspect', 'missing-person', 'stolen-vehicle', 'endangered', 'other'] as const;
export const BOLO_STATES = ['active', 'expired', 'cancelled'] as const;
export type BoloState = (typeof BOLO_STATES)[number];
/** The board's expiry choices, in hours; a BOLO written on the floor lasts 24 h unless told otherwise. */
export const BOLO_EXPIRY_PRESETS = [4, 12, 24, 72] as const;
export const BOLO_DEFAULT_HOURS = 24;
/** Longer than a week and a BOLO is a warrant or a standing notice, not a look-out. */
export const BOLO_MAX_HOURS = 7 * 24;
export const BOLO_PHOTO_MAX_BYTES = 2_000_000;

export const BoloPersonSchema = z.object({
  name: z.string().nullable(),
  age: z.string().nullable(),
  sex: z.string().nullable(),
  height: z.string().nullable(),
  build: z.string().nullable(),
  clothing: z.string().nullable(),
});
export type BoloPerson = z.infer<typeof BoloPersonSchema>;
export const BoloVehicleSchema = z.object({
  plate: z.string().nullable(),
  plateState: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  colour: z.string().nullable(),
  year: z.number().int().nullable(),
  direction: z.string().nullable(),
});
export type BoloVehicle = z.infer<typeof BoloVehicleSchema>;

/** A Be-On-the-Look-Out sent to every unit's screen while active. */
export const BoloSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  subject: z.enum(BOLO_SUBJECTS),
  state: z.enum(BOLO_STATES),
  title: z.string(),
  body: z.string(),
  caution: z.string().nullable(),
  description: z.string().nullable(),
  person: BoloPersonSchema.nullable(),
  vehicle: BoloVehicleSchema.nullable(),
  incidentId: z.number().int().nullable(),
  /** "BPD 2026-000123", for the board's link. */
  incidentLabel: z.string().nullable(),
  alertId: z.number().int().nullable(),
  source: z.string().nullable(),
  photoUrl: z.string().nullable(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type Bolo = z.infer<typeof BoloSchema>;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const opt = (max: number) => text(max).nullable().optional();

export const BoloPersonBodySchema = z
  .object({ name: opt(120), age: opt(20), sex: opt(20), height: opt(30), build: opt(40), clothing: opt(300) })
  .strict();
export const BoloVehicleBodySchema = z
  .object({
    plate: opt(12),
    plateState: opt(20),
    make: opt(40),
    model: opt(40),
    colour: opt(40),
    year: z.number().int().min(1900, 'must be a year from 1900').max(2100, 'must be a year up to 2100').nullable().optional(),
    direction: opt(120),
  })
  .strict();

export const BoloPhotoSchema = z
  .object({
    contentType: z.enum(['image/jpeg', 'image/png'], { error: 'must be a JPEG or PNG picture' }),
    data: z.string().max(2_800_000, 'must be at most 2 MB').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  })
  .strict();

const BoloFieldsSchema = z.object({
  kind: z.enum(BOLO_KINDS, { error: `must be one of ${BOLO_KINDS.join(', ')}` }),
  subject: z.enum(BOLO_SUBJECTS, { error: 'must be person, vehicle or other' }),
  title: text(200).min(1, 'must not be empty'),
  body: text(4000),
  caution: opt(300),
  description: opt(2000),
  person: BoloPersonBodySchema.nullable().optional(),
  vehicle: BoloVehicleBodySchema.nullable().optional(),
  incidentId: z.number().int().positive().nullable().optional(),
  alertId: z.number().int().positive().nullable().optional(),
  /** Hours from now; or give expiresAt. */
  expiresInHours: z.number().positive('must be more than 0').max(BOLO_MAX_HOURS, `must be at most ${BOLO_MAX_HOURS} hours (7 days)`).optional(),
  expiresAt: z.iso.datetime({ offset: true, error: 'must be a date and time such as 2026-05-01T14:00:00-04:00' }).optional(),
});

export const BoloCreateBodySchema = BoloFieldsSchema.extend({
  kind: BoloFieldsSchema.shape.kind.default('attempt-to-locate'),
  body: BoloFieldsSchema.shape.body.default(''),
  /** Written from the subject's fields when left out. */
  title: BoloFieldsSchema.shape.title.optional(),
  photo: BoloPhotoSchema.optional(),
}).strict();
export type BoloCreateBody = z.infer<typeof BoloCreateBodySchema>;

export const BoloUpdateBodySchema = BoloFieldsSchema.partial().strict();
export type BoloUpdateBody = z.infer<typeof BoloUpdateBodySchema>;

/** A new picture, or null to remove the one uploaded. */
export const BoloPhotoBodySchema = z.object({ photo: BoloPhotoSchema.nullable() }).strict();
export type BoloPhotoBody = z.infer<typeof BoloPhotoBodySchema>;

export const BoloListQuerySchema = z
  .object({
    state: z.enum([...BOLO_STATES, 'all'], { error: 'must be active, expired, cancelled or all' }).optional(),
    /** Kept for earlier readers: active=false lists every state. */
    active: z.enum(['true', 'false']).optional(),
    subject: z.enum(BOLO_SUBJECTS, { error: 'must be person, vehicle or other' }).optional(),
    q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type BoloListQuery = z.infer<typeof BoloListQuerySchema>;
