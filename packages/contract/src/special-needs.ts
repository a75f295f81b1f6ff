import { z } from 'zod';
import { PhoneNumberSchema } from './calls';

/**
 * The Special Needs Notification: what a resident or caregiver tells the centre about a person, so
 * that responders at that address know it before they arrive.
 */
export const SPECIAL_NEEDS_CONDITIONS = [
  'autism',
  'dementia',
  'deaf-hard-of-hearing',
  'blind-low-vision',
  'non-verbal',
  'oxygen',
  'life-support',
  'mobility',
  'wheelchair',
  'bedridden',
  'diabetes',
  'seizures',
  'heart',
  'mental-health',
  'intellectual-disability',
  'service-animal',
  'other',
] as const;
export type SpecialNeedsCondition = (typeof SPECIAL_NEEDS_CONDITIONS)[number];

/** Short English labels for staff screens, cautions and the PDF; the public form has its own wording per language. */
export const CONDITION_LABELS: Record<SpecialNeedsCondition, string> = {
  autism: 'Autism',
  dementia: "Dementia / Alzheimer's",
  'deaf-hard-of-hearing': 'Deaf or hard of hearing',
  'blind-low-vision': 'Blind or low vision',
  'non-verbal': 'Non-verbal',
  oxygen: 'Oxygen in use',
  'life-support': 'Life-support equipment',
  mobility: 'Limited mobility',
  wheelchair: 'Wheelchair user',
  bedridden: 'Bedridden',
  diabetes: 'Diabetes',
  seizures: 'Seizures',
  heart: 'Heart condition',
  'mental-health': 'Mental health condition',
  'intellectual-disability': 'Intellectual disability',
  'service-animal': 'Service animal',
  other: 'Other',
};

export const CONDITION_LABELS_ES: Record<SpecialNeedsCondition, string> = {
  autism: 'Autismo',
  dementia: 'Demencia / Alzheimer',
  'deaf-hard-of-hearing': 'Sordo o con pérdida auditiva',
  'blind-low-vision': 'Ciego o con baja visión',
  'non-verbal': 'No verbal',
  oxygen: 'Usa oxígeno',
  'life-support': 'Equipo de soporte vital',
  mobility: 'Movilidad limitada',
  wheelchair: 'Usa silla de ruedas',
  bedridden: 'Encamado',
  diabetes: 'Diabetes',
  seizures: 'Convulsiones',
  heart: 'Condición cardíaca',
  'mental-health': 'Condición de salud mental',
  'intellectual-disability': 'Discapacidad intelectual',
  'service-animal': 'Animal de servicio',
  other: 'Otra',
};

/** Conditions that change which resources go or how they enter: dispatchers see these. */
export const DISPATCH_RELEVANT_CONDITIONS: readonly SpecialNeedsCondition[] = ['oxygen', 'life-support', 'mobility', 'wheelchair', 'bedridden', 'service-animal', 'seizures', 'heart', 'diabetes'];

export const SPECIAL_NEEDS_STATES = ['pending', 'needs-info', 'approved', 'rejected', 'withdrawn'] as const;
export type SpecialNeedsState = (typeof SPECIAL_NEEDS_STATES)[number];

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const EmergencyContactSchema = z
  .object({
    name: required(200),
    relationship: text(100).optional(),
    phone: PhoneNumberSchema,
  })
  .strict();
export type EmergencyContact = z.infer<typeof EmergencyContactSchema>;

/** A JPEG photo, base64 encoded; the browser re-encodes any picture to JPEG (which drops location metadata). */
export const PhotoUploadSchema = z
  .object({
    contentType: z.literal('image/jpeg', { error: 'must be a JPEG picture' }),
    data: z.string().max(2_800_000, 'the picture is too large (at most 2 MB)').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  })
  .strict();

export const SpecialNeedsFormSchema = z
  .object({
    language: z.enum(['en', 'es']).default('en'),
    person: z
      .object({
        firstName: required(100),
        lastName: required(100),
        dateOfBirth: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(),
        preferredName: text(100).optional(),
      })
      .strict(),
    address: z
      .object({
        street: required(200),
        unit: text(50).optional(),
        city: text(100).optional(),
        zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'must be a ZIP code such as 21202').optional(),
      })
      .strict(),
    conditions: z.array(z.enum(SPECIAL_NEEDS_CONDITIONS, { error: 'is not a known condition' })).min(1, 'choose at least one condition').max(SPECIAL_NEEDS_CONDITIONS.length),
    conditionsOther: text(500).optional(),
    /** How to communicate with and calm the person. */
    communication: text(2000).optional(),
    /** Medications or devices responders should know about. */
    medications: text(2000).optional(),
    equipment: text(1000).optional(),
    /** Anything about entering the home (ramp, where the key is, dogs). */
    access: text(1000).optional(),
    contacts: z.array(EmergencyContactSchema).min(1, 'give at least one emergency contact').max(4, 'give at most 4 contacts'),
    submitter: z
      .object({
        name: required(200),
        relationship: text(100).optional(),
        phone: PhoneNumberSchema.optional(),
        email: z.email({ error: 'must be an e-mail address' }).max(254).optional(),
      })
      .strict(),
    photo: PhotoUploadSchema.optional(),
    /**
     * The person may wander or get lost: with this the family also registers them in Help Me Home
     * (on approval), so a description and likely destinations are ready the moment they go missing.
     */
    wander: z
      .object({
        sex: z.enum(['female', 'male', 'other', 'unknown'], { error: 'must be female, male, other or unknown' }).optional(),
        heightCm: z.number().int('must be whole centimetres').min(40).max(250).optional(),
        weightKg: z.number().int('must be whole kilograms').min(2).max(350).optional(),
        hair: text(100).optional(),
        eyes: text(100).optional(),
        features: text(1000).optional(),
        usualClothing: text(1000).optional(),
        behaviours: text(2000).optional(),
        trackingDevice: text(500).optional(),
        destinations: z.array(z.object({ label: required(200), address: required(300) }).strict()).max(5, 'give at most 5 places').default([]),
      })
      .strict()
      .optional(),
    consent: z
      .object({
        agreed: z.literal(true, { error: 'you must agree to share this information with responders' }),
        signedName: required(200),
        signedDate: z.iso.date({ error: 'must be a date YYYY-MM-DD' }),
      })
      .strict(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.conditions.includes('other') && !v.conditionsOther) ctx.addIssue({ code: 'custom', path: ['conditionsOther'], message: 'describe the other condition' });
    if (v.person.dateOfBirth && v.person.dateOfBirth > new Date().toISOString().slice(0, 10)) ctx.addIssue({ code: 'custom', path: ['person', 'dateOfBirth'], message: 'must not be in the future' });
  });
export type SpecialNeedsForm = z.infer<typeof SpecialNeedsFormSchema>;

/** The form as the submitter and reviewers see it back, with its review state. */
export interface SpecialNeedsRecord {
  id: number;
  state: SpecialNeedsState;
  form: Omit<SpecialNeedsForm, 'photo'>;
  hasPhoto: boolean;
  reviewMessage: string | null;
  submittedAt: string;
  updatedAt: string;
  reviewedAt: string | null;
  confirmedAt: string | null;
  /** Approved entries must be re-confirmed yearly; after this they are flagged, not dropped. */
  expiresAt: string | null;
  expired: boolean;
  location: { lat: number; lon: number; label: string | null; score: number | null } | null;
}

export const SubmitResultSchema = z.object({ id: z.number().int(), manageUrl: z.string(), pdfUrl: z.string() });

export const ReviewMessageBodySchema = z.object({ message: required(2000) }).strict();

export const ApproveBodySchema = z
  .object({
    /** Where the reviewer placed the address when the geocoder was not sure. */
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    note: text(2000).optional(),
  })
  .strict()
  .refine((b) => (b.lat === undefined) === (b.lon === undefined), { path: ['lat'], message: 'give both lat and lon, or neither' });
