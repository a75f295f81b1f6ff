import { z } from 'zod';

/**
 * The RTCC's cameras. City cameras are the centre's own; a business's or resident's camera is used
 * only as far as its owner's current written consent allows. No face recognition exists anywhere
 * in this system: there is no field, setting or code path for it.
 */
export const CAMERA_OWNER_KINDS = ['city', 'business', 'resident'] as const;
export type CameraOwnerKind = (typeof CAMERA_OWNER_KINDS)[number];
export const CAMERA_KINDS = ['fixed', 'ptz'] as const;
export const STREAM_KINDS = ['rtsp', 'hls', 'mjpeg'] as const;
export const CAMERA_HEALTH = ['unknown', 'online', 'offline', 'degraded'] as const;
export const CAMERA_STATUSES = ['active', 'inactive', 'removed'] as const;
/** What an owner lets the centre do, each level including the ones before it. */
export const CONSENT_LEVELS = ['registry', 'footage', 'live'] as const;
export type ConsentLevel = (typeof CONSENT_LEVELS)[number];

export const CameraSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  ownerKind: z.enum(CAMERA_OWNER_KINDS),
  ownerId: z.number().int().nullable(),
  lat: z.number(),
  lon: z.number(),
  directionDeg: z.number().nullable(),
  fovDeg: z.number().nullable(),
  rangeM: z.number(),
  kind: z.enum(CAMERA_KINDS),
  /** Whether a stream is configured; its URL never leaves the server. */
  hasStream: z.boolean(),
  streamKind: z.enum(STREAM_KINDS).nullable(),
  status: z.enum(CAMERA_STATUSES),
  health: z.enum(CAMERA_HEALTH),
  healthCheckedAt: z.string().nullable(),
  tags: z.array(z.string()),
  installedOn: z.string().nullable(),
  /** What the current consent allows (city cameras: 'live'); null when a private camera has none. */
  consent: z.enum(CONSENT_LEVELS).nullable(),
  consentExpiresAt: z.string().nullable(),
});
export type Camera = z.infer<typeof CameraSchema>;
