import { z } from 'zod';
import { DateText } from '../training/training.schemas';

const Code = z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,24}$/, 'use 2-24 capital letters, digits or dashes');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const StaffId = z.number().int('must be a whole number').positive('must be a staff member id');

export const CertificationBodySchema = z.object({
  staffMemberId: StaffId,
  kind: Code,
  issuedOn: DateText,
  // Left out: the kind's default validity from the issue date.
  expiresOn: DateText.nullable().optional(),
  certificateNo: Text(80).optional(),
  issuer: Text(120).optional(),
}).strict();

export const RevokeBodySchema = z.object({ reason: Text(500) }).strict();

export const DocumentBodySchema = z.object({
  fileName: Text(200),
  // The scan as base64: PDF, JPEG or PNG, at most 5 MB.
  contentBase64: z.string().min(1, 'must not be empty').max(7_200_000, 'the file is larger than 5 MB'),
}).strict();

export const KindBodySchema = z.object({
  code: Code,
  name: Text(120),
  validityMonths: z.number().int('must be a whole number').min(1).max(240).nullable(),
  reminderDays: z.array(z.number().int().min(1).max(365)).max(6).optional(),
  unitCapability: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,24}$/, 'use 2-24 capital letters, digits or dashes').nullable().optional(),
  note: z.string().trim().max(500).optional(),
}).strict();
export const KindUpdateBodySchema = KindBodySchema.omit({ code: true }).partial().extend({ active: z.boolean().optional() }).strict();
export const KindParams = z.object({ code: Code }).strict();

export const CertificationListQuerySchema = z.object({
  purpose: z.string().optional(),
  staffMemberId: z.coerce.number().int().positive().optional(),
  kind: Code.optional(),
  status: z.enum(['valid', 'expiring', 'expired', 'revoked']).optional(),
  // Certifications lapsing within this many days from today (expired ones excluded).
  withinDays: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(3650).optional(),
  // Only each person's newest certification of each kind (what the report counts).
  current: z.enum(['true', 'false']).optional(),
  by: z.enum(['person', 'kind']).optional(),
  format: z.enum(['json', 'csv']).optional(),
}).strict();

export const CrewBodySchema = z.object({ staffMemberId: StaffId, unitId: z.number().int().positive().nullable() }).strict();
export const PurposeQuerySchema = z.object({ purpose: z.string().optional() }).strict();
