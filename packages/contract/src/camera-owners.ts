import { z } from 'zod';
import { PhoneNumberSchema } from './calls';
import { FootageRequestSchema } from './footage';
import { CAMERA_HEALTH, CAMERA_KINDS, CAMERA_OWNER_KINDS, CAMERA_STATUSES, CameraSchema, CONSENT_LEVELS, STREAM_KINDS } from './cameras';

/**
 * The camera owners' portal (businesses and residents who register their cameras and sign a
 * written consent), the RTCC's registry screens, and the public transparency figures.
 */

export const PRIVATE_OWNER_KINDS = ['business', 'resident'] as const;
export type PrivateOwnerKind = (typeof PRIVATE_OWNER_KINDS)[number];
export const PORTAL_LANGS = ['en', 'es'] as const;
export type PortalLang = (typeof PORTAL_LANGS)[number];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isRealDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
export const CalendarDateSchema = z.string().regex(DATE_RE, 'must be a date such as 2026-05-12').refine(isRealDate, 'is not a real date');

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();
const EmailSchema = z.email({ error: 'must be an e-mail address such as name@example.org' }).max(254, 'must be at most 254 characters');

/** What a stream address says it is: RTSP by its scheme, HLS by a .m3u8 playlist, else MJPEG over HTTP. */
export function streamKindOf(url: string): (typeof STREAM_KINDS)[number] | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol === 'rtsp:' || u.protocol === 'rtsps:') return 'rtsp';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return /\.m3u8$/i.test(u.pathname) ? 'hls' : 'mjpeg';
}

export const StreamUrlSchema = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((s) => streamKindOf(s) !== null, 'must be an rtsp://, rtsps://, http:// or https:// address of the video stream');

const Degrees = (what: string, max: number) =>
  z.number({ error: 'must be a number' }).min(0, `must be from 0 to ${max}`).max(max, `must be from 0 to ${max}`).describe(what);

/** How a camera is placed and what it sees, as the owner or an analyst describes it. */
const cameraFields = {
  name: text(120),
  address: optionalText(300),
  lat: z.number({ error: 'must be a number' }).min(-90, 'must be from -90 to 90').max(90, 'must be from -90 to 90').optional(),
  lon: z.number({ error: 'must be a number' }).min(-180, 'must be from -180 to 180').max(180, 'must be from -180 to 180').optional(),
  directionDeg: Degrees('compass bearing the camera faces, 0 = north', 359.9).nullable().optional(),
  fovDeg: z.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(360, 'must be at most 360').nullable().optional(),
  rangeM: z.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(1000, 'must be at most 1000 metres').optional(),
  kind: z.enum(CAMERA_KINDS, { error: 'must be fixed or ptz' }).optional(),
  streamUrl: StreamUrlSchema.nullable().optional(),
  installedOn: CalendarDateSchema.nullable().optional(),
};

function needsPlace(b: { address?: string | undefined; lat?: number | undefined; lon?: number | undefined }, ctx: z.RefinementCtx): void {
  if ((b.lat === undefined) !== (b.lon === undefined)) ctx.addIssue({ code: 'custom', path: [b.lat === undefined ? 'lat' : 'lon'], message: 'give both lat and lon, or neither' });
  else if (b.lat === undefined && !b.address) ctx.addIssue({ code: 'custom', path: ['address'], message: 'give the address or pick the point on the map' });
}

// ---------------------------------------------------------------------------------------------
// Owner portal.

export const OWNER_TOKEN_RE = /^co_[A-Za-z0-9_-]{43}$/;

export const OwnerSignInBodySchema = z
  .object({
    email: EmailSchema,
    language: z.enum(PORTAL_LANGS, { error: 'must be en or es' }).default('en'),
    /** Present when signing up: who the owner is. Ignored when the address already has an account. */
    signup: z
      .object({
        kind: z.enum(PRIVATE_OWNER_KINDS, { error: 'must be business or resident' }),
        name: text(200),
        organisation: optionalText(200),
        phone: PhoneNumberSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.signup?.kind === 'business' && !b.signup.organisation) ctx.addIssue({ code: 'custom', path: ['signup', 'organisation'], message: "give the business's name" });
  });
export type OwnerSignInBody = z.infer<typeof OwnerSignInBodySchema>;

export const OwnerVerifyBodySchema = z.object({ token: z.string().regex(OWNER_TOKEN_RE, 'is not a valid sign-in link') }).strict();

export const CameraOwnerSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PRIVATE_OWNER_KINDS),
  name: z.string(),
  organisation: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
  language: z.enum(PORTAL_LANGS),
  createdAt: z.string(),
});
export type CameraOwner = z.infer<typeof CameraOwnerSchema>;

export const OwnerCameraBodySchema = z.object({ ...cameraFields, kind: z.enum(CAMERA_KINDS, { error: 'must be fixed or ptz' }) }).strict().superRefine(needsPlace);
export type OwnerCameraBody = z.infer<typeof OwnerCameraBodySchema>;

export const OwnerCameraUpdateBodySchema = z
  .object({ ...cameraFields, name: text(120).optional() })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.lat === undefined) !== (b.lon === undefined)) ctx.addIssue({ code: 'custom', path: [b.lat === undefined ? 'lat' : 'lon'], message: 'give both lat and lon, or neither' });
  });
export type OwnerCameraUpdateBody = z.infer<typeof OwnerCameraUpdateBodySchema>;

export const ConsentTermsQuerySchema = z
  .object({
    level: z.enum(CONSENT_LEVELS, { error: 'must be registry, footage or live' }),
    lang: z.enum(PORTAL_LANGS, { error: 'must be en or es' }).default('en'),
  })
  .strict();

/** The exact words an owner signs; the server keeps the same text with the signature. */
export const ConsentTermsSchema = z.object({
  version: z.string(),
  level: z.enum(CONSENT_LEVELS),
  language: z.enum(PORTAL_LANGS),
  title: z.string(),
  text: z.string(),
});
export type ConsentTerms = z.infer<typeof ConsentTermsSchema>;

export const SignConsentBodySchema = z
  .object({
    level: z.enum(CONSENT_LEVELS, { error: 'must be registry, footage or live' }),
    termsVersion: z.string().trim().min(1, 'is required').max(40),
    language: z.enum(PORTAL_LANGS, { error: 'must be en or es' }).default('en'),
    signedName: text(200),
    signedTitle: optionalText(200),
    signedDate: CalendarDateSchema,
    /** The last day the consent holds; none means until revoked. */
    expiresOn: CalendarDateSchema.optional(),
    agree: z.literal(true, { error: 'tick the box to confirm you agree to these terms' }),
  })
  .strict();
export type SignConsentBody = z.infer<typeof SignConsentBodySchema>;

export const RevokeConsentBodySchema = z.object({ reason: optionalText(500) }).strict();

export const CONSENT_STATES = ['active', 'expired', 'revoked', 'superseded'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const ConsentRecordSchema = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  level: z.enum(CONSENT_LEVELS),
  termsVersion: z.string(),
  termsText: z.string(),
  signedName: z.string(),
  signedTitle: z.string().nullable(),
  signedDate: z.string(),
  signedAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  state: z.enum(CONSENT_STATES),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

export const OwnerCameraSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  directionDeg: z.number().nullable(),
  fovDeg: z.number().nullable(),
  rangeM: z.number(),
  kind: z.enum(CAMERA_KINDS),
  /** Whether a stream address is on file; the address itself is not shown back. */
  hasStream: z.boolean(),
  streamKind: z.enum(STREAM_KINDS).nullable(),
  status: z.enum(CAMERA_STATUSES),
  installedOn: z.string().nullable(),
  /** The consent in force now, if any. */
  consent: ConsentRecordSchema.nullable(),
  /** Every consent ever signed for this camera, newest first. */
  consents: z.array(ConsentRecordSchema),
});
export type OwnerCamera = z.infer<typeof OwnerCameraSchema>;

export const CAMERA_ACCESS_ACTIONS = ['view-start', 'view-stop', 'view-denied', 'footage-request', 'footage-received', 'share'] as const;

/** One use of a camera, as its owner and the analysts see it. */
export const CameraAccessEntrySchema = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  cameraName: z.string(),
  at: z.string(),
  action: z.enum(CAMERA_ACCESS_ACTIONS),
  /** For footage requests: which step (requested, approved, declined, uploaded, expired, cancelled). */
  step: z.string().nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
  incidentNumber: z.string().nullable(),
});
export type CameraAccessEntry = z.infer<typeof CameraAccessEntrySchema>;

export const AccessLogQuerySchema = z
  .object({
    cameraId: z.coerce.number({ error: 'must be a number' }).int().positive().optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(200),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Staff registry.

export const CONSENT_FILTERS = ['none', ...CONSENT_LEVELS] as const;
export const STAFF_CONSENT_STATES = ['city', 'active', 'expired', 'revoked', 'none'] as const;
export type StaffConsentState = (typeof STAFF_CONSENT_STATES)[number];

export const CameraListQuerySchema = z
  .object({
    q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
    ownerKind: z.enum(CAMERA_OWNER_KINDS, { error: 'must be city, business or resident' }).optional(),
    status: z.enum(CAMERA_STATUSES, { error: 'must be active, inactive or removed' }).optional(),
    health: z.enum(CAMERA_HEALTH, { error: 'must be unknown, online, offline or degraded' }).optional(),
    consent: z.enum(CONSENT_FILTERS, { error: 'must be none, registry, footage or live' }).optional(),
    tag: z.string().trim().max(60).optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(100),
    offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').default(0),
    purpose: z.string().max(300, 'must be at most 300 characters').optional(),
  })
  .strict();
export type CameraListQuery = z.infer<typeof CameraListQuerySchema>;

/** A camera as the registry lists it: no owner details (those are read one camera at a time, with a purpose). */
export const RegistryCameraSchema = CameraSchema.extend({
  address: z.string().nullable(),
  source: z.string(),
  /** The state of the newest consent: 'city' for the city's own cameras, 'none' when never signed. */
  consentState: z.enum(STAFF_CONSENT_STATES),
  consentRevokedAt: z.string().nullable(),
});
export type RegistryCamera = z.infer<typeof RegistryCameraSchema>;

export const CameraListSchema = z.object({ total: z.number().int(), cameras: z.array(RegistryCameraSchema) });
export type CameraList = z.infer<typeof CameraListSchema>;

/** One camera for an analyst: owner contact details, every consent, the access log and footage requests. */
export const CameraDetailSchema = z.object({
  camera: RegistryCameraSchema,
  owner: CameraOwnerSchema.omit({ createdAt: true, language: true }).nullable(),
  consents: z.array(ConsentRecordSchema),
  access: z.array(CameraAccessEntrySchema),
  footageRequests: z.array(FootageRequestSchema),
});
export type CameraDetail = z.infer<typeof CameraDetailSchema>;

export const CameraReadQuerySchema = z.object({ purpose: z.string().max(300, 'must be at most 300 characters').optional() }).strict();

export const CityCameraBodySchema = z
  .object({ ...cameraFields, tags: z.array(z.string().trim().min(1).max(60)).max(20, 'at most 20 tags').optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.lat === undefined || b.lon === undefined) ctx.addIssue({ code: 'custom', path: [b.lat === undefined ? 'lat' : 'lon'], message: 'is required: place the camera on the map' });
  });
export type CityCameraBody = z.infer<typeof CityCameraBodySchema>;

export const CameraUpdateBodySchema = z
  .object({
    ...cameraFields,
    name: text(120).optional(),
    tags: z.array(z.string().trim().min(1).max(60)).max(20, 'at most 20 tags').optional(),
    status: z.enum(CAMERA_STATUSES, { error: 'must be active, inactive or removed' }).optional(),
    health: z.enum(CAMERA_HEALTH, { error: 'must be unknown, online, offline or degraded' }).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.lat === undefined) !== (b.lon === undefined)) ctx.addIssue({ code: 'custom', path: [b.lat === undefined ? 'lat' : 'lon'], message: 'give both lat and lon, or neither' });
  });
export type CameraUpdateBody = z.infer<typeof CameraUpdateBodySchema>;

// ---------------------------------------------------------------------------------------------
// Public transparency: counts only, never who or where.

export const CameraTransparencySchema = z.object({
  generatedAt: z.string(),
  cameras: z.object({ city: z.number().int(), business: z.number().int(), resident: z.number().int(), total: z.number().int() }),
  consents: z.object({
    active: z.number().int(),
    revoked: z.number().int(),
    expired: z.number().int(),
    /** Active consents by what they allow. */
    activeByLevel: z.object({ registry: z.number().int(), footage: z.number().int(), live: z.number().int() }),
  }),
  /** The last 12 months, oldest first, in the centre's time zone. */
  months: z.array(z.object({ month: z.string(), liveViews: z.number().int(), viewsRefused: z.number().int(), footageRequests: z.number().int() })),
  rules: z.array(z.string()),
  facialRecognition: z.literal(false),
});
export type CameraTransparency = z.infer<typeof CameraTransparencySchema>;
