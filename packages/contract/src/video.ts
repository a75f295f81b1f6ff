import { z } from 'zod';
import { CameraSchema } from './cameras';

/**
 * Live video for the RTCC. A view is one analyst watching one camera for one incident with a
 * stated reason; the relay serves its video only to the session that started it, and only while
 * the live-access rule still allows it.
 */

/** Starting a view. Both fields are checked by the live-access rule, which refuses (and records) a view without them. */
export const StartViewBodySchema = z
  .object({
    reason: z.string().max(500, 'reason: at most 500 characters').nullable().optional(),
    incidentId: z.number({ error: 'incidentId must be a number' }).int('incidentId must be a whole number').positive('incidentId must be positive').nullable().optional(),
  })
  .strict();
export type StartViewBody = z.infer<typeof StartViewBodySchema>;

export const VIEW_STATES = ['starting', 'live', 'ended'] as const;
export type ViewState = (typeof VIEW_STATES)[number];

export const VideoViewSchema = z.object({
  /** Unguessable; the playlist is at /api/v1/video/views/<id>/index.m3u8. */
  id: z.string(),
  cameraId: z.number().int(),
  cameraName: z.string(),
  incidentId: z.number().int(),
  incidentNumber: z.string(),
  reason: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  state: z.enum(VIEW_STATES),
  /** Why the view ended (stopped, consent revoked, abandoned, stream lost), for the viewer. */
  endedWhy: z.string().nullable(),
  /** The relay's stream for the camera: starting, playing, or failed with what went wrong. */
  stream: z.object({ state: z.enum(['starting', 'playing', 'restarting', 'failed', 'stopped']), detail: z.string().nullable() }),
  playlistUrl: z.string(),
});
export type VideoView = z.infer<typeof VideoViewSchema>;

/** A camera on the RTCC map: its registry entry, its field-of-view outline and whether it is relayed now. */
export const RtccCameraSchema = CameraSchema.extend({
  /** Closed ring of [lon, lat]: the wedge (or circle) it sees. */
  sector: z.array(z.tuple([z.number(), z.number()])),
  relayed: z.boolean(),
});
export type RtccCamera = z.infer<typeof RtccCameraSchema>;

export const RtccCamerasSchema = z.object({
  cameras: z.array(RtccCameraSchema),
  /** Relayed streams (one per camera, however many watch it) against the limit. */
  streams: z.object({ inUse: z.number().int(), max: z.number().int() }),
});
export type RtccCameras = z.infer<typeof RtccCamerasSchema>;

/** A camera that can see a point (within range, inside its sector), with how far and which way. */
export const CameraSightingSchema = z.object({
  camera: z.object({
    id: z.number().int(),
    name: z.string(),
    ownerKind: CameraSchema.shape.ownerKind,
    lat: z.number(),
    lon: z.number(),
    directionDeg: z.number().nullable(),
    fovDeg: z.number().nullable(),
    rangeM: z.number(),
    health: CameraSchema.shape.health,
    status: CameraSchema.shape.status,
    hasStream: z.boolean(),
    consent: CameraSchema.shape.consent,
  }),
  distanceM: z.number(),
  /** Compass bearing from the camera to the point. */
  bearingDeg: z.number(),
  /** Whether the point is inside the camera's sector and range ('near' lists also cameras that merely stand close). */
  sees: z.boolean(),
});
export type CameraSighting = z.infer<typeof CameraSightingSchema>;

export const CameraSeeingQuerySchema = z
  .object({
    lat: z.coerce.number({ error: 'lat must be a number' }).min(-90, 'lat must be between -90 and 90').max(90, 'lat must be between -90 and 90'),
    lon: z.coerce.number({ error: 'lon must be a number' }).min(-180, 'lon must be between -180 and 180').max(180, 'lon must be between -180 and 180'),
    /** Also list cameras standing within this many metres whatever they face (default: only those that see the point). */
    nearM: z.coerce.number({ error: 'nearM must be a number' }).min(1, 'nearM must be at least 1').max(2000, 'nearM must be at most 2000').optional(),
  })
  .strict();
