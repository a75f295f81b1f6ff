import { z } from 'zod';

/** A shared live camera lasts one hour unless the analyst says otherwise, and never more than 12. */
export const CAMERA_SHARE_DEFAULT_MINUTES = 60;
export const CAMERA_SHARE_MAX_MINUTES = 720;
export const CAMERA_SHARE_RECIPIENT_KINDS = ['agency', 'unit'] as const;
export const CAMERA_SHARE_STATES = ['active', 'expired', 'revoked'] as const;

/** Share the camera of one of my running views with another agency or a unit. */
export const CreateCameraShareBodySchema = z
  .object({
    viewId: z.string({ error: 'viewId: name the live view the camera is shared from' }).regex(/^[A-Za-z0-9_-]{16,64}$/, 'viewId: not a view id'),
    recipientKind: z.enum(CAMERA_SHARE_RECIPIENT_KINDS, { error: 'recipientKind: agency or unit' }),
    agencyId: z.number({ error: 'agencyId must be a number' }).int('agencyId must be a whole number').positive('agencyId must be positive').optional(),
    unitId: z.number({ error: 'unitId must be a number' }).int('unitId must be a whole number').positive('unitId must be positive').optional(),
    reason: z.string({ error: 'reason: state why the camera is shared' }).trim().min(5, 'reason: at least 5 characters').max(500, 'reason: at most 500 characters'),
    minutes: z
      .number({ error: 'minutes must be a number' })
      .int('minutes must be a whole number')
      .min(5, 'minutes: at least 5')
      .max(CAMERA_SHARE_MAX_MINUTES, `minutes: at most ${CAMERA_SHARE_MAX_MINUTES} (12 hours)`)
      .default(CAMERA_SHARE_DEFAULT_MINUTES),
    /** A phone number or e-mail address to send the link to; left out, the analyst passes it on. */
    sendTo: z.string().trim().min(3, 'sendTo: a phone number or an e-mail address').max(200, 'sendTo: at most 200 characters').optional(),
  })
  .strict();
export type CreateCameraShareBody = z.input<typeof CreateCameraShareBodySchema>;

export const CameraShareSchema = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  cameraName: z.string(),
  incidentId: z.number().int(),
  incidentNumber: z.string(),
  recipientKind: z.enum(CAMERA_SHARE_RECIPIENT_KINDS),
  recipient: z.string(),
  reason: z.string(),
  sharedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  state: z.enum(CAMERA_SHARE_STATES),
  /** Times the link started playing, and how many are watching through it now (on this server). */
  opens: z.number().int(),
  lastOpenedAt: z.string().nullable(),
  watchingNow: z.number().int(),
});
export type CameraShare = z.infer<typeof CameraShareSchema>;

export const CameraShareCreatedSchema = z.object({
  share: CameraShareSchema,
  /** The link itself: shown once, only its hash is kept. */
  url: z.string(),
  messageStatus: z.enum(['not-sent', 'sent', 'failed']),
});
export type CameraShareCreated = z.infer<typeof CameraShareCreatedSchema>;

export const CameraShareListQuerySchema = z
  .object({
    incidentId: z.coerce.number({ error: 'incidentId must be a number' }).int().positive().optional(),
    cameraId: z.coerce.number({ error: 'cameraId must be a number' }).int().positive().optional(),
  })
  .strict();

/** Who a camera can be shared with. */
export const CameraShareRecipientsSchema = z.object({
  agencies: z.array(z.object({ id: z.number().int(), name: z.string() })),
  units: z.array(z.object({ id: z.number().int(), callSign: z.string(), agencyName: z.string() })),
});
export type CameraShareRecipients = z.infer<typeof CameraShareRecipientsSchema>;

/** What a share link's page shows before it plays (public, no sign-in). */
export const SharedCameraSchema = z.object({
  centreName: z.string(),
  cameraName: z.string(),
  incidentNumber: z.string(),
  recipient: z.string(),
  reason: z.string(),
  sharedBy: z.string(),
  expiresAt: z.string(),
});
export type SharedCamera = z.infer<typeof SharedCameraSchema>;

/** One opening of a share link that plays; its playlist is under the link's own address. */
export const SharedViewSchema = z.object({
  id: z.string(),
  state: z.enum(['starting', 'live', 'ended']),
  endedWhy: z.string().nullable(),
  expiresAt: z.string(),
  playlistUrl: z.string(),
});
export type SharedView = z.infer<typeof SharedViewSchema>;
