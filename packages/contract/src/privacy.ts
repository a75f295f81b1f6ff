import { z } from 'zod';

// Privacy of the community programs: finding what the centre holds about a person, giving them a
// copy, erasing it on request, and the retention rules that erase it on schedule. The privacy
// module owns this file's schemas.

const criterion = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();

/**
 * Who a search or request is about. Any of the four; matched loosely (case-insensitive, every word
 * of a name or address somewhere in the record, phone numbers by their digits only).
 */
export const PrivacySubjectSchema = z
  .object({
    name: criterion(200),
    phone: criterion(40),
    email: criterion(254),
    address: criterion(300),
  })
  .strict();
export type PrivacySubject = z.infer<typeof PrivacySubjectSchema>;
export const PRIVACY_CRITERIA = ['name', 'phone', 'email', 'address'] as const;
export type PrivacyCriterion = (typeof PRIVACY_CRITERIA)[number];

export const PrivacySearchQuerySchema = PrivacySubjectSchema.extend({ purpose: z.string().optional() }).strict();

/** One record a source holds that matches the subject; `ref` is `<source>:<key>`. */
export interface PrivacyMatch {
  ref: string;
  summary: string;
  /** Which of the record's fields matched, in words ("person name", "contact phone"). */
  matchedOn: string[];
}

export interface PrivacySearchGroup {
  source: string;
  label: string;
  matches: PrivacyMatch[];
}

export interface PrivacySearchResult {
  criteria: PrivacyCriterion[];
  groups: PrivacySearchGroup[];
}

export const PRIVACY_REQUEST_KINDS = ['export', 'deletion'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];
export const PRIVACY_REQUEST_STATES = ['open', 'completed', 'refused'] as const;
export type PrivacyRequestState = (typeof PRIVACY_REQUEST_STATES)[number];

/** `<source>:<key>`, as search results give them. */
export const PrivacyRefSchema = z
  .string()
  .max(300, 'must be at most 300 characters')
  .regex(/^[a-z][a-z0-9-]*:\S+$/, 'must be a reference from a search result, such as care:12');

export const CreatePrivacyRequestBodySchema = z
  .object({
    kind: z.enum(PRIVACY_REQUEST_KINDS, { error: 'must be export or deletion' }),
    subject: PrivacySubjectSchema,
    /** How the person's identity (or authority to act for them) was verified. */
    identityCheck: z.string().trim().min(3, 'say how the person\'s identity was verified (at least 3 characters)').max(1000, 'must be at most 1000 characters'),
    refs: z.array(PrivacyRefSchema).min(1, 'choose at least one record').max(500, 'at most 500 records per request'),
  })
  .strict();
export type CreatePrivacyRequestBody = z.infer<typeof CreatePrivacyRequestBodySchema>;

export const RefusePrivacyRequestBodySchema = z
  .object({ reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000, 'must be at most 1000 characters') })
  .strict();

export interface PrivacyRequest {
  id: number;
  kind: PrivacyRequestKind;
  state: PrivacyRequestState;
  subject: PrivacySubject;
  identityCheck: string;
  refs: string[];
  requestedBy: string;
  requestedById: number;
  requestedAt: string;
  completedBy: string | null;
  completedAt: string | null;
  refusalReason: string | null;
  /** Counts of what was exported or erased, by source; never the data itself. */
  result: Record<string, Record<string, number>> | null;
}

export interface RetentionRuleView {
  /** `<source>.<rule>`, e.g. care.days. */
  id: string;
  source: string;
  sourceLabel: string;
  description: string;
  defaultDays: number;
  days: number;
  updatedBy: string | null;
  updatedAt: string | null;
  /** How many records this rule would erase if it ran now. */
  due: number;
}

export const UpdateRetentionBodySchema = z
  .object({
    rules: z
      .array(
        z
          .object({
            id: z.string().max(100),
            days: z.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1 day').max(36_500, 'must be at most 36500 days'),
          })
          .strict(),
      )
      .min(1, 'give at least one rule')
      .max(100),
  })
  .strict();
export type UpdateRetentionBody = z.infer<typeof UpdateRetentionBodySchema>;
