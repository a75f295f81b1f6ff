import { z } from 'zod';
import { LocationInputSchema, LocationSchema } from './location';

/** How a contact reached the centre. */
export const CALL_SOURCES = ['911', 'non-emergency', 'text', 'alarm', 'officer-initiated', 'walk-in'] as const;
export type CallSource = (typeof CALL_SOURCES)[number];
export const CallSourceSchema = z.enum(CALL_SOURCES, { error: `must be one of ${CALL_SOURCES.join(', ')}` });

const Timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-11-21T06:10:14.123Z' });

export const PhoneNumberSchema = z
  .string()
  .trim()
  .max(32, 'must be at most 32 characters')
  .regex(/^\+?[0-9 ()./-]{3,}$/, 'must be a phone number (digits, spaces, + ( ) - . /)');

export const CreateCallBodySchema = z
  .object({
    source: CallSourceSchema.default('911'),
    callbackNumber: PhoneNumberSchema.optional(),
    callerName: z.string().trim().min(1).max(200).optional(),
    location: LocationInputSchema.optional(),
    presentedAt: Timestamp.optional(),
    answeredAt: Timestamp.optional(),
    notes: z.string().trim().max(4000).optional(),
  })
  .strict();
export type CreateCallBody = z.infer<typeof CreateCallBodySchema>;

export const UpdateCallBodySchema = z
  .object({
    callbackNumber: PhoneNumberSchema.nullable().optional(),
    callerName: z.string().trim().min(1).max(200).nullable().optional(),
    location: LocationInputSchema.optional(),
    notes: z.string().trim().max(4000).nullable().optional(),
  })
  .strict();
export type UpdateCallBody = z.infer<typeof UpdateCallBodySchema>;

export const CallSchema = z.object({
  id: z.number().int(),
  source: CallSourceSchema,
  presentedAt: z.string(),
  answeredAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  callbackNumber: z.string().nullable(),
  callerName: z.string().nullable(),
  location: LocationSchema,
  notes: z.string().nullable(),
  incidentId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Call = z.infer<typeof CallSchema>;
