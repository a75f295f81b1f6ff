import { z } from 'zod';

/** "lat,lon" as typed on a command line or in a query string. */
export const LatLonTextSchema = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?$/, 'must be "lat,lon", e.g. 39.2904,-76.6122')
  .transform((s, ctx) => {
    const [lat, lon] = s.split(',').map((x) => Number(x.trim())) as [number, number];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      ctx.addIssue({ code: 'custom', message: 'latitude must be within ±90 and longitude within ±180' });
      return z.NEVER;
    }
    return { lat, lon };
  });

export const GeocodeQuerySchema = z
  .object({
    q: z.string().trim().min(1, 'type an address, an intersection ("A & B"), a block or a place').max(300).optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    near: LatLonTextSchema.optional(),
    /** As-you-type: the last word may be unfinished. */
    suggest: z.enum(['true', 'false']).default('false'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const reverse = v.lat !== undefined || v.lon !== undefined;
    if (reverse && (v.lat === undefined || v.lon === undefined)) ctx.addIssue({ code: 'custom', path: [v.lat === undefined ? 'lat' : 'lon'], message: 'give both lat and lon' });
    if (!reverse && v.q === undefined) ctx.addIssue({ code: 'custom', path: ['q'], message: 'give q (what to find) or lat and lon (reverse geocoding)' });
    if (reverse && v.q !== undefined) ctx.addIssue({ code: 'custom', path: ['q'], message: 'give either q or lat/lon, not both' });
  });

export const MATCH_TYPES = ['address', 'address-point', 'intersection', 'block', 'place', 'street'] as const;

export const GeocodeCandidateSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  label: z.string(),
  matchType: z.enum(MATCH_TYPES),
  score: z.number(),
  zoneIds: z.record(z.string(), z.string()).optional(),
  segmentId: z.number().optional(),
  outOfRange: z.boolean().optional(),
  houseNumber: z.string().optional(),
  unit: z.string().optional(),
  streets: z.array(z.string()).optional(),
  side: z.enum(['left', 'right']).optional(),
  parityMismatch: z.boolean().optional(),
  /** Reverse geocoding only: metres from the point asked about. */
  distanceM: z.number().optional(),
});
export type GeocodeCandidate = z.infer<typeof GeocodeCandidateSchema>;

export const RouteQuerySchema = z.object({ from: LatLonTextSchema, to: LatLonTextSchema }).strict();
export const RouteSchema = z.object({
  seconds: z.number(),
  meters: z.number(),
  geometry: z.array(z.tuple([z.number(), z.number()])),
  from: z.object({ lat: z.number(), lon: z.number(), snappedMeters: z.number() }),
  to: z.object({ lat: z.number(), lon: z.number(), snappedMeters: z.number() }),
});
export type RouteResult = z.infer<typeof RouteSchema>;

export const IncidentZonesSchema = z.object({ police: z.string().nullable(), fire: z.string().nullable(), ems: z.string().nullable() });
export type IncidentZonesValue = z.infer<typeof IncidentZonesSchema>;
