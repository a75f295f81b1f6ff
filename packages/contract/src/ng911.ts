import { z } from 'zod';
import { LatitudeSchema, LongitudeSchema } from './location';

/**
 * NG9-1-1 location shapes as PIDF-LO carries them (RFC 5491 geodetic shapes, RFC 5139 civic).
 * Distances are metres, angles degrees clockwise from true north, as the shapes define them.
 */
const Pos = z.object({ lat: LatitudeSchema, lon: LongitudeSchema });
const Metres = z.number().min(0).max(10_000_000);
const Degrees = z.number().min(-360).max(360);

export const CIVIC_FIELDS = [
  'country', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'PRM', 'PRD', 'RD', 'STS', 'POD', 'POM', 'RDSEC', 'RDBR', 'RDSUBBR',
  'HNO', 'HNS', 'LMK', 'LOC', 'FLR', 'NAM', 'PC', 'BLD', 'UNIT', 'ROOM', 'SEAT', 'PLC', 'PCN', 'POBOX', 'ADDCODE',
  // NENA CLDXF additions (NENA-STA-004) carried in their own namespace
  'StreetNamePreModifier', 'StreetNamePreDirectional', 'StreetNamePreType', 'StreetName', 'StreetNamePostType',
  'StreetNamePostDirectional', 'StreetNamePostModifier', 'AddressNumberPrefix', 'AddressNumber', 'AddressNumberSuffix',
  'IncorporatedMunicipality', 'UnincorporatedCommunity', 'NeighborhoodCommunity', 'PostalCommunityName', 'County',
  'State', 'CountryCode', 'PostalCode', 'Milepost', 'CompleteLandmarkName', 'AdditionalLocationInformation',
] as const;

export const LocationShapeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('point'), center: Pos, altitude: z.number().nullable().optional() }),
  z.object({ type: z.literal('circle'), center: Pos, radius: Metres }),
  z.object({ type: z.literal('ellipse'), center: Pos, semiMajor: Metres, semiMinor: Metres, orientation: Degrees }),
  z.object({ type: z.literal('arc-band'), center: Pos, innerRadius: Metres, outerRadius: Metres, startAngle: Degrees, openingAngle: Degrees }),
  z.object({ type: z.literal('polygon'), points: z.array(Pos).min(3).max(2000) }),
  /** Sphere, ellipsoid and prism are drawn by their footprint on the ground (circle, ellipse, polygon). */
  z.object({ type: z.literal('civic'), fields: z.record(z.string(), z.string().max(500)), text: z.string().max(1000) }),
]);
export type LocationShape = z.infer<typeof LocationShapeSchema>;
export type LocationShapeType = LocationShape['type'];

export const CALL_LOCATION_KINDS = ['device', 'update', 'supplemental'] as const;
export type CallLocationKind = (typeof CALL_LOCATION_KINDS)[number];

/** One location reported for a call; the dispatcher-verified location stays on the call itself. */
export const CallLocationSchema = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  kind: z.enum(CALL_LOCATION_KINDS),
  shape: LocationShapeSchema,
  /** A representative point (centre or centroid); null for a civic address not yet geocoded. */
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  /** Horizontal uncertainty in metres as the shape implies it (radius, semi-major axis, ...). */
  uncertaintyM: z.number().nullable(),
  /** Confidence in percent that the caller is inside the shape (RFC 7459), when given. */
  confidence: z.number().nullable(),
  method: z.string().nullable(),
  /** How it reached us: by value in SIP, dereferenced from a URI, or posted over HTTP. */
  source: z.enum(['sip-value', 'sip-reference', 'http']),
  label: z.string().nullable(),
  receivedAt: z.string(),
});
export type CallLocation = z.infer<typeof CallLocationSchema>;

export const LOCATION_STATUSES = ['ok', 'unavailable', 'reference-failed'] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

/** What an NG9-1-1 delivery told us about a call besides its location. */
export const Ng911CallSchema = z.object({
  callId: z.number().int(),
  line: z.enum(['sos', 'admin', 'text']),
  requestUri: z.string(),
  callerUri: z.string().nullable(),
  emergencyCallId: z.string().nullable(),
  emergencyIncidentId: z.string().nullable(),
  locationStatus: z.enum(LOCATION_STATUSES),
  /** Why the location is unavailable or a reference failed, in plain words. */
  locationProblem: z.string().nullable(),
  /** RFC 7852 additional data: a few plain fields per block, and references not yet read. */
  additionalData: z.array(z.object({ purpose: z.string(), fields: z.record(z.string(), z.string()), reference: z.string().nullable(), problem: z.string().nullable() })),
  state: z.enum(['ringing', 'connected', 'ended']),
  endReason: z.string().nullable(),
  locations: z.array(CallLocationSchema),
});
export type Ng911Call = z.infer<typeof Ng911CallSchema>;

export const CallTextSchema = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  direction: z.enum(['in', 'out']),
  body: z.string(),
  at: z.string(),
  sentBy: z.string().nullable(),
  /** For replies: null while the SIP side has not answered; the final SIP status otherwise. */
  deliveryStatus: z.number().int().nullable(),
});
export type CallText = z.infer<typeof CallTextSchema>;

export const SendCallTextBodySchema = z
  .object({ body: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters') })
  .strict();
export type SendCallTextBody = z.infer<typeof SendCallTextBodySchema>;

/** A device location sent over HTTP by a provider's supplemental location service. */
export const SupplementalLocationBodySchema = z
  .object({
    lat: LatitudeSchema,
    lon: LongitudeSchema,
    uncertaintyM: z.number({ error: 'must be a number of metres' }).min(0, 'must be at least 0').max(100_000, 'must be at most 100000').optional(),
    confidence: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100').optional(),
    method: z.string().trim().min(1).max(100).optional(),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type SupplementalLocationBody = z.infer<typeof SupplementalLocationBodySchema>;
