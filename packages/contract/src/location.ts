import { z } from 'zod';

export const LatitudeSchema = z.number({ error: 'must be a number of degrees' }).min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90');
export const LongitudeSchema = z.number({ error: 'must be a number of degrees' }).min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180');

/** A location as reported or typed: words, a point, or both. */
export const LocationInputSchema = z
  .object({
    text: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
    lat: LatitudeSchema.optional(),
    lon: LongitudeSchema.optional(),
    verified: z.boolean().optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if ((l.lat === undefined) !== (l.lon === undefined)) {
      ctx.addIssue({ code: 'custom', path: [l.lat === undefined ? 'lat' : 'lon'], message: 'lat and lon must be given together' });
    }
    if (l.text === undefined && l.lat === undefined && l.lon === undefined) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'give a location as text, as lat/lon, or both' });
    }
    if (l.verified && l.lat === undefined) {
      ctx.addIssue({ code: 'custom', path: ['verified'], message: 'only a location with lat/lon can be verified' });
    }
  });
export type LocationInput = z.infer<typeof LocationInputSchema>;

export const LocationSchema = z.object({
  text: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  verified: z.boolean(),
});
export type Location = z.infer<typeof LocationSchema>;
