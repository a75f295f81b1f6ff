import { z } from 'zod';

/**
 * Hot spots and before/after camera evaluations for the RTCC. Both count calls: either the live
 * incidents of this centre (source 'live') or a dataset of historical calls for service imported
 * for analysis (`psap import cfs`), named by its code. Results are aggregates: counts per H3
 * hexagon or per area and week, never a person or an address.
 */
export const LIVE_SOURCE = 'live';
export const DATASET_CODE_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
export const AnalysisSourceCodeSchema = z
  .string({ error: 'must be "live" or a dataset code' })
  .trim()
  .toLowerCase()
  .regex(DATASET_CODE_PATTERN, 'must be "live" or a dataset code (lower-case letters, digits, hyphens)');

/** H3 resolutions offered: 6 (about 36 km² a cell) to 10 (about 0.015 km², a block face). */
export const HOTSPOT_RESOLUTIONS = [6, 7, 8, 9, 10] as const;
export const HOTSPOT_MAX_CELLS = 5000;

const LocalDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const NameSchema = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
/** A query parameter that may be repeated (types=A&types=B); a single value becomes a list of one. */
const RepeatedSchema = z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(NameSchema).max(300, 'at most 300 values'));
const DaysSchema = z
  .string()
  .regex(/^[1-7](,[1-7]){0,6}$/, 'must be ISO weekday numbers separated by commas, 1 = Monday ... 7 = Sunday, e.g. 1,2,3,4,5')
  .transform((s) => [...new Set(s.split(',').map(Number))].sort());
const HourSchema = z.coerce.number({ error: 'must be an hour 0-23' }).int('must be a whole hour').min(0, 'must be 0-23').max(23, 'must be 0-23');

/** The calls counted: union of whole categories and single types; none given = every call. */
export const CallFilterFields = {
  categories: RepeatedSchema.optional(),
  types: RepeatedSchema.optional(),
};

export const HotspotQuerySchema = z
  .object({
    source: AnalysisSourceCodeSchema.default(LIVE_SOURCE),
    ...CallFilterFields,
    /** Local dates in the source's time zone, both included; default: all of the source's data. */
    from: LocalDateSchema.optional(),
    to: LocalDateSchema.optional(),
    resolution: z.coerce
      .number({ error: 'must be an H3 resolution 6-10' })
      .int('must be a whole number')
      .min(6, 'must be 6 (largest cells) to 10 (smallest)')
      .max(10, 'must be 6 (largest cells) to 10 (smallest)')
      .default(8),
    /** Hour-of-week window: these weekdays, between these hours (wrapping past midnight when hourFrom > hourTo). */
    days: DaysSchema.optional(),
    hourFrom: HourSchema.optional(),
    hourTo: HourSchema.optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(HOTSPOT_MAX_CELLS, `must be at most ${HOTSPOT_MAX_CELLS}`).default(2000),
  })
  .strict();
export type HotspotQuery = z.infer<typeof HotspotQuerySchema>;

export const HotspotCellPropertiesSchema = z.object({
  cell: z.string(),
  count: z.number().int(),
  rank: z.number().int(),
  /** Share of all counted calls, 0-1. */
  share: z.number(),
  /** The area most calls in the cell name (a township, a district), when the source has one. */
  label: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
});
export type HotspotCellProperties = z.infer<typeof HotspotCellPropertiesSchema>;

export const HotspotMetaSchema = z.object({
  source: z.string(),
  sourceName: z.string(),
  timeZone: z.string(),
  resolution: z.number().int(),
  /** Average area of one hexagon at this resolution, km². */
  cellAreaKm2: z.number(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  categories: z.array(z.string()),
  types: z.array(z.string()),
  days: z.array(z.number().int()).nullable(),
  hourFrom: z.number().int().nullable(),
  hourTo: z.number().int().nullable(),
  /** Calls counted (with a location), cells with at least one call, cells drawn (the busiest `limit`). */
  total: z.number().int(),
  cells: z.number().int(),
  drawn: z.number().int(),
  /** Calls matching the filters that have no location and so are on no hexagon. */
  withoutLocation: z.number().int(),
  /** Calls per hour of the week, Monday 00:00-00:59 first (168 values), in the source's time zone. */
  hourOfWeek: z.array(z.number().int()),
  /** Upper bounds of the legend's classes (counts per cell), lowest first. */
  breaks: z.array(z.number().int()),
});
export type HotspotMeta = z.infer<typeof HotspotMetaSchema>;

/** GeoJSON (RFC 7946) with one polygon per hexagon and the query's summary in `meta`. */
export const HotspotResultSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: HotspotCellPropertiesSchema,
      geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
    }),
  ),
  meta: HotspotMetaSchema,
});
export type HotspotResult = z.infer<typeof HotspotResultSchema>;

export const AnalysisSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['live', 'dataset']),
  timeZone: z.string(),
  /** First and last local dates with calls; null when there are none. */
  first: z.string().nullable(),
  last: z.string().nullable(),
  total: z.number().int(),
  attribution: z.string(),
  categories: z.array(z.object({ name: z.string(), count: z.number().int() })),
  types: z.array(z.object({ name: z.string(), category: z.string(), count: z.number().int() })),
});
export type AnalysisSource = z.infer<typeof AnalysisSourceSchema>;

// ---------------------------------------------------------------------------------------------
// Before/after evaluation around a camera.

/** A place to evaluate: a camera of the registry ('camera:12') or a site of a dataset ('site:5'). */
export const SiteRefSchema = z.string().trim().regex(/^(camera|site):[1-9]\d{0,9}$/, 'must be camera:<id> or site:<id>');

export const EvaluationSiteSchema = z.object({
  ref: z.string(),
  kind: z.enum(['registry', 'dataset']),
  name: z.string(),
  detail: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  installedOn: z.string().nullable(),
});
export type EvaluationSite = z.infer<typeof EvaluationSiteSchema>;

export const ComparisonSchema = z.discriminatedUnion(
  'kind',
  [
    /** A ring around the treated circle: nearby, same streets, but see displacement in the notes. */
    z.object({ kind: z.literal('ring'), outerRadiusM: z.number({ error: 'must be a number of metres' }).min(50, 'must be at least 50 m').max(10_000, 'must be at most 10,000 m') }).strict(),
    /** Circles of the same radius around other sites with no installation in the periods. */
    z
      .object({ kind: z.literal('sites'), sites: z.array(SiteRefSchema).min(1, 'choose at least one comparison site').max(50, 'choose at most 50 comparison sites') })
      .strict(),
  ],
  { error: 'must be {"kind":"ring","outerRadiusM":N} or {"kind":"sites","sites":[...]}' },
);
export type Comparison = z.infer<typeof ComparisonSchema>;

export const CameraEvaluationBodySchema = z
  .object({
    source: AnalysisSourceCodeSchema,
    site: SiteRefSchema.optional(),
    point: z.object({ lat: z.number({ error: 'must be a number' }).min(-90, 'must be -90 to 90').max(90, 'must be -90 to 90'), lon: z.number({ error: 'must be a number' }).min(-180, 'must be -180 to 180').max(180, 'must be -180 to 180') }).strict().optional(),
    /** The installation date; defaults to the camera's installed_on. Any other date is a placebo test. */
    date: LocalDateSchema.optional(),
    weeks: z.number({ error: 'must be a number of weeks' }).int('must be a whole number of weeks').min(1, 'must be at least 1').max(104, 'must be at most 104'),
    /** Days after the date left out of both areas (installation works, publicity). */
    gapDays: z.number({ error: 'must be a number of days' }).int('must be a whole number').min(0, 'must be 0 or more').max(365, 'must be at most 365').default(0),
    radiusM: z.number({ error: 'must be a number of metres' }).min(25, 'must be at least 25 m').max(2000, 'must be at most 2,000 m'),
    comparison: ComparisonSchema,
    ...CallFilterFields,
    /** The claim being checked, in the analyst's words ("crime dropped 51% near the new cameras"). */
    note: z.string().trim().max(300, 'must be at most 300 characters').optional(),
  })
  .strict();
export type CameraEvaluationBody = z.infer<typeof CameraEvaluationBodySchema>;

export const EVALUATION_VERDICTS = ['decrease', 'increase', 'no-evidence', 'insufficient'] as const;

const PeriodSchema = z.object({ from: z.string(), to: z.string() });
const FourSchema = z.object({ treatedBefore: z.number(), treatedAfter: z.number(), comparisonBefore: z.number(), comparisonAfter: z.number() });

export const CameraEvaluationSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  note: z.string().nullable(),
  source: z.string(),
  sourceName: z.string(),
  site: z.object({ ref: z.string().nullable(), name: z.string(), lat: z.number(), lon: z.number(), installedOn: z.string().nullable() }),
  date: z.string(),
  /** Whether the date is the site's recorded installation date; otherwise the run is a placebo test. */
  dateIsInstallation: z.boolean(),
  weeks: z.number().int(),
  gapDays: z.number().int(),
  radiusM: z.number(),
  comparison: z.object({ kind: z.enum(['ring', 'sites']), outerRadiusM: z.number().nullable(), sites: z.array(z.object({ ref: z.string(), name: z.string() })) }),
  categories: z.array(z.string()),
  types: z.array(z.string()),
  /** Local dates, both included. */
  periods: z.object({ before: PeriodSchema, after: PeriodSchema }),
  counts: FourSchema,
  weekly: z.object({ treatedBefore: z.array(z.number()), treatedAfter: z.array(z.number()), comparisonBefore: z.array(z.number()), comparisonAfter: z.array(z.number()) }),
  naiveChange: z.number().nullable(),
  comparisonChange: z.number().nullable(),
  change: z.number().nullable(),
  interval: z.tuple([z.number(), z.number()]).nullable(),
  logRatio: z.number().nullable(),
  standardError: z.number().nullable(),
  dispersion: z.object({ site: z.number(), comparison: z.number() }),
  degreesOfFreedom: z.number(),
  verdict: z.enum(EVALUATION_VERDICTS),
  verdictText: z.string(),
  cautions: z.array(z.string()),
});
export type CameraEvaluation = z.infer<typeof CameraEvaluationSchema>;

export const CameraEvaluationSummarySchema = CameraEvaluationSchema.pick({ id: true, createdAt: true, createdBy: true, note: true, source: true, site: true, date: true, dateIsInstallation: true, weeks: true, radiusM: true, change: true, interval: true, verdict: true });
export type CameraEvaluationSummary = z.infer<typeof CameraEvaluationSummarySchema>;
