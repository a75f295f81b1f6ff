import { z } from 'zod';

/**
 * Footage requests: an RTCC analyst asks a camera's owner for a recorded window (at most two
 * hours) for an incident; the owner approves and uploads, or declines. Both sides see the state.
 */
export const FOOTAGE_STATES = ['requested', 'approved', 'declined', 'uploaded', 'expired', 'cancelled'] as const;
export type FootageState = (typeof FOOTAGE_STATES)[number];

/** The longest window one request may ask for. */
export const FOOTAGE_MAX_WINDOW_MS = 2 * 60 * 60_000;
/** How long an owner has to answer and upload before a request lapses. */
export const FOOTAGE_ANSWER_DAYS = 7;

const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-11-21T06:10:00Z' });

export const FootageRequestBodySchema = z
  .object({
    cameraId: z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive'),
    incidentId: z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive'),
    reason: z.string().trim().min(10, 'say why this footage is needed (at least 10 characters)').max(1000, 'must be at most 1000 characters'),
    from: Instant,
    to: Instant,
  })
  .strict()
  .superRefine((b, ctx) => {
    if (typeof b.from !== 'string' || typeof b.to !== 'string') return;
    const from = Date.parse(b.from);
    const to = Date.parse(b.to);
    if (!Number.isFinite(from) || !Number.isFinite(to)) return;
    if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (to - from > FOOTAGE_MAX_WINDOW_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the window may be at most 2 hours; ask for several windows if more is needed' });
  });
export type FootageRequestBody = z.infer<typeof FootageRequestBodySchema>;

export const FootageDecisionBodySchema = z.object({ note: z.string().trim().max(1000, 'must be at most 1000 characters').optional() }).strict();
export const FootageCancelBodySchema = z.object({ reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500, 'must be at most 500 characters') }).strict();

export const FootageFileSchema = z.object({
  name: z.string(),
  type: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** The evidence record holding the file, when the evidence store took it. */
  evidenceId: z.string().nullable(),
});

export const FootageRequestSchema = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  cameraName: z.string(),
  incidentId: z.number().int(),
  incidentNumber: z.string(),
  reason: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(FOOTAGE_STATES),
  requestedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().nullable(),
  ownerNote: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  uploadedAt: z.string().nullable(),
  file: FootageFileSchema.nullable(),
});
export type FootageRequest = z.infer<typeof FootageRequestSchema>;

export const FootageListQuerySchema = z
  .object({
    state: z.enum(FOOTAGE_STATES, { error: `must be one of ${FOOTAGE_STATES.join(', ')}` }).optional(),
    cameraId: z.coerce.number({ error: 'must be a number' }).int().positive().optional(),
    incidentId: z.coerce.number({ error: 'must be a number' }).int().positive().optional(),
    purpose: z.string().max(300, 'must be at most 300 characters').optional(),
  })
  .strict();
