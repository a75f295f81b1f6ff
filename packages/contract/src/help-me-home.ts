import { z } from 'zod';
import { PhoneNumberSchema } from './calls';
import { LatitudeSchema, LongitudeSchema } from './location';

/**
 * Help Me Home: people who may wander (dementia, autism, ...), registered ahead of time so that
 * the moment they go missing responders have a photo, a description and where they tend to go.
 */
/** 175 cm -> 5'9": US responders think in feet and inches; screens show both. */
export function feetInches(cm: number): string {
  const inches = Math.round(cm / 2.54);
  return `${Math.floor(inches / 12)}'${inches % 12}"`;
}

export const HMH_STATES = ['active', 'missing', 'inactive'] as const;
export type HmhState = (typeof HMH_STATES)[number];
export const HMH_SEXES = ['female', 'male', 'other', 'unknown'] as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const HmhCaregiverSchema = z.object({ name: required(200), relationship: text(100).optional(), phone: PhoneNumberSchema }).strict();
export const HmhDestinationSchema = z
  .object({
    label: required(200),
    address: required(300),
    /** Set when the address was picked from the geocoder or a map; otherwise the server places it. */
    lat: LatitudeSchema.optional(),
    lon: LongitudeSchema.optional(),
  })
  .strict();

export const HmhPersonBodySchema = z
  .object({
    firstName: required(100),
    lastName: required(100),
    preferredName: text(100).optional(),
    dateOfBirth: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(),
    sex: z.enum(HMH_SEXES, { error: `must be one of ${HMH_SEXES.join(', ')}` }).optional(),
    heightCm: z.number().int('must be whole centimetres').min(40).max(250).optional(),
    weightKg: z.number().int('must be whole kilograms').min(2).max(350).optional(),
    hair: text(100).optional(),
    eyes: text(100).optional(),
    build: text(100).optional(),
    /** Glasses, scars, tattoos, gait, anything that tells this person apart. */
    features: text(1000).optional(),
    usualClothing: text(1000).optional(),
    medicalNotes: text(2000).optional(),
    behaviours: text(2000).optional(),
    calming: text(2000).optional(),
    communication: text(1000).optional(),
    trackingDevice: text(500).optional(),
    homeAddress: required(300),
    homeLat: LatitudeSchema.optional(),
    homeLon: LongitudeSchema.optional(),
    caregivers: z.array(HmhCaregiverSchema).min(1, 'give at least one caregiver').max(5),
    destinations: z.array(HmhDestinationSchema).max(10, 'at most 10 places').default([]),
    photo: z.object({ contentType: z.literal('image/jpeg', { error: 'must be a JPEG picture' }), data: z.string().max(2_800_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64') }).strict().optional(),
  })
  .strict()
  .refine((b) => (b.homeLat === undefined) === (b.homeLon === undefined), { path: ['homeLat'], message: 'give both homeLat and homeLon, or neither' });
export type HmhPersonBody = z.infer<typeof HmhPersonBodySchema>;

export interface HmhDestination {
  id: number;
  label: string;
  address: string;
  lat: number | null;
  lon: number | null;
}

export interface HmhPerson {
  id: number;
  state: HmhState;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  age: number | null;
  sex: string | null;
  heightCm: number | null;
  weightKg: number | null;
  hair: string | null;
  eyes: string | null;
  build: string | null;
  features: string | null;
  usualClothing: string | null;
  medicalNotes: string | null;
  behaviours: string | null;
  calming: string | null;
  communication: string | null;
  trackingDevice: string | null;
  homeAddress: string;
  homeLat: number | null;
  homeLon: number | null;
  caregivers: Array<{ name: string; relationship?: string | undefined; phone: string }>;
  destinations: HmhDestination[];
  hasPhoto: boolean;
  /** The open missing-person report, if the person is missing now. */
  missing: { reportId: number; incidentId: number; incidentNumber: string; reportedAt: string; lastSeen: string | null; boloId: number | null; alertDraftId: number | null } | null;
  updatedAt: string;
}

/** A search hit: why it matched and how far from where someone was found. */
export interface HmhMatch {
  id: number;
  name: string;
  age: number | null;
  sex: string | null;
  state: HmhState;
  summary: string;
  hasPhoto: boolean;
  /** Metres from the search point to the nearest of home and likely destinations. */
  distanceM: number | null;
  nearestPlace: string | null;
  textRank: number | null;
}

export const HmhSearchQuerySchema = z
  .object({
    q: z.string().trim().min(2, 'type at least 2 characters').max(300).optional(),
    near: z.string().trim().min(3, 'give an address or "lat,lon"').max(300).optional(),
    sex: z.enum(HMH_SEXES).optional(),
    minAge: z.coerce.number().int().min(0).max(130).optional(),
    maxAge: z.coerce.number().int().min(0).max(130).optional(),
    state: z.enum(['active', 'missing', 'inactive', 'all']).default('all'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    purpose: z.string().optional(),
  })
  .strict();

export const ReportMissingBodySchema = z
  .object({
    lastSeen: z
      .object({ text: text(300).optional(), lat: LatitudeSchema.optional(), lon: LongitudeSchema.optional() })
      .strict()
      .refine((l) => l.text || (l.lat !== undefined && l.lon !== undefined), { message: 'give the place as text or lat and lon' })
      .optional(),
    lastSeenAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone' }).optional(),
    clothing: text(1000).optional(),
    narrative: text(4000).optional(),
    callId: z.number().int().positive().optional(),
  })
  .strict();
export type ReportMissingBody = z.infer<typeof ReportMissingBodySchema>;

export const FoundBodySchema = z.object({ note: required(2000) }).strict();

/** What every responder sees on a missing-person incident. */
export const MissingPersonProfileSchema = z.object({
  personId: z.number().int(),
  reportId: z.number().int(),
  name: z.string(),
  age: z.number().nullable(),
  description: z.string(),
  clothing: z.string().nullable(),
  medicalNotes: z.string().nullable(),
  behaviours: z.string().nullable(),
  calming: z.string().nullable(),
  communication: z.string().nullable(),
  trackingDevice: z.string().nullable(),
  caregivers: z.string(),
  destinations: z.array(z.object({ label: z.string(), address: z.string(), lat: z.number().nullable(), lon: z.number().nullable() })),
  photoUrl: z.string().nullable(),
  found: z.boolean(),
});
export type MissingPersonProfile = z.infer<typeof MissingPersonProfileSchema>;

