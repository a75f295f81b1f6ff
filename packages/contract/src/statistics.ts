import { z } from 'zod';

/**
 * The intervals the centre reports, each between two recorded times (never typed in). "Received" is
 * when the first call of an incident was presented (or the export's own received time). The exact
 * definitions, with what is left out and why, are in docs/statistics-definitions.md.
 */
export const INTERVAL_NAMES = [
  'answer', // call presented -> answered (per call)
  'call-processing', // call answered -> incident created
  'dispatch-processing', // incident created -> first unit dispatched
  'alarm-processing', // call answered (else received) -> first unit dispatched: NFPA "alarm processing"
  'turnout', // unit dispatched -> en route (per unit)
  'travel', // unit en route -> on scene (per unit)
  'first-unit-travel', // the first unit on scene: its en route -> on scene (per incident; NFPA "first arriving")
  'first-alarm-travel', // first unit en route -> last unit of the initial assignment on scene (per incident)
  'response', // received -> first unit on scene (per incident)
  'on-scene', // first unit on scene -> incident closed
  'total', // received -> incident closed
] as const;
export type IntervalName = (typeof INTERVAL_NAMES)[number];

/** How people read each interval's name, in reports, the dashboard and the annual report. */
export const INTERVAL_LABELS: Record<IntervalName, string> = {
  answer: 'Call answer',
  'call-processing': 'Call processing',
  'dispatch-processing': 'Dispatch processing',
  'alarm-processing': 'Alarm processing',
  turnout: 'Turnout',
  travel: 'Travel (every unit)',
  'first-unit-travel': 'Travel, first unit on scene',
  'first-alarm-travel': 'Travel, full first alarm',
  response: 'Response (received to first on scene)',
  'on-scene': 'Time on scene',
  total: 'Total (received to closed)',
};

/** What one record of an interval is: a call, an incident or one unit's response to an incident. */
export const INTERVAL_LEVEL: Record<IntervalName, 'call' | 'incident' | 'unit'> = {
  answer: 'call',
  'call-processing': 'incident',
  'dispatch-processing': 'incident',
  'alarm-processing': 'incident',
  turnout: 'unit',
  travel: 'unit',
  'first-unit-travel': 'incident',
  'first-alarm-travel': 'incident',
  response: 'incident',
  'on-scene': 'incident',
  total: 'incident',
};

export const STAT_DISCIPLINES = ['police', 'fire', 'ems', 'other'] as const;
export type StatDiscipline = (typeof STAT_DISCIPLINES)[number];

const LocalDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a calendar date');

/** Where statistics come from: the centre's own live records, an imported dataset, or both. */
export const StatisticsFilterSchema = z
  .object({
    from: LocalDay.describe('first day, YYYY-MM-DD (local to the centre), inclusive'),
    to: LocalDay.describe('last day, YYYY-MM-DD, inclusive'),
    agency: z.string().trim().min(1).max(64).optional(),
    priority: z.string().trim().min(1).max(32).optional(),
    zone: z.string().trim().min(1).max(64).optional(),
    discipline: z.enum(STAT_DISCIPLINES, { error: `must be one of ${STAT_DISCIPLINES.join(', ')}` }).optional(),
    /** 'live' (default), an imported dataset code, or 'all'. */
    dataset: z.string().trim().min(1).max(40).optional(),
    /** Standards profiles to judge against, comma-separated ids; default: every built-in profile. */
    standards: z.string().trim().min(1).max(400).optional(),
  })
  .strict();
export type StatisticsFilter = z.infer<typeof StatisticsFilterSchema>;

/** How one interval fares against one threshold of a standards profile. */
export interface ThresholdResult {
  profile: string;
  label: string;
  seconds: number;
  /** Share the standard asks for, e.g. 0.9. */
  targetShare: number;
  /** Share (0..1) of counted records at or under `seconds`; null when nothing was counted. */
  withinShare: number | null;
  met: boolean | null;
}

/** One interval over a period: exact percentiles over every record, never averages of averages. */
export interface IntervalSummary {
  interval: IntervalName;
  level: 'call' | 'incident' | 'unit';
  /** Null: every discipline. A row per discipline is added when a standard sets a discipline's own threshold. */
  discipline: 'police' | 'fire' | 'ems' | null;
  /** Records with both times present and end >= start. */
  count: number;
  /** Records missing one of the two times, or with end before start (left out, counted here). */
  excluded: number;
  /** Of `excluded`: end before start. */
  negative: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  /** The first threshold that applies (the same as thresholds[0]), for simple tables. */
  thresholdSeconds: number | null;
  /** Share (0..1) of counted records at or under the threshold. */
  withinThreshold: number | null;
  /** The percentile the standard sets for the threshold (e.g. 0.9), and whether it is met. */
  targetShare: number | null;
  met: boolean | null;
  /** Every threshold of the chosen profiles that applies to this row. */
  thresholds: ThresholdResult[];
}

export const ANSWER_SECONDS = ['10', '15', '20', '40', '60'] as const;

export interface AnswerTimes {
  calls: number;
  answered: number;
  abandoned: number;
  /** Presented and neither answered nor released (still ringing, or a record without its end). */
  unresolved: number;
  /** Seconds -> share (0..1) of answered calls answered within that many seconds. */
  within: Record<'10' | '15' | '20' | '40' | '60', number>;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  thresholds: ThresholdResult[];
}

/** A configurable standard, keyed by edition, e.g. "NENA-STA-020.1-2020" or "NFPA-1710-2020". */
export interface StandardThreshold {
  interval: IntervalName;
  seconds: number;
  /** Share of records that must be within `seconds`, e.g. 0.9. */
  share: number;
  discipline?: 'police' | 'fire' | 'ems';
  label: string;
}
export interface StandardsProfile {
  id: string;
  name: string;
  thresholds: StandardThreshold[];
}

export const StandardThresholdSchema = z
  .object({
    interval: z.enum(INTERVAL_NAMES, { error: `must be one of ${INTERVAL_NAMES.join(', ')}` }),
    seconds: z.number({ error: 'must be a number of seconds' }).positive('must be more than 0').max(86_400, 'must be at most 86400'),
    share: z.number({ error: 'must be a share between 0 and 1, e.g. 0.9' }).gt(0, 'must be more than 0').max(1, 'must be at most 1'),
    discipline: z.enum(['police', 'fire', 'ems'], { error: 'must be police, fire or ems' }).optional(),
    label: z.string({ error: 'must be a text' }).trim().min(1, 'must not be empty').max(200),
  })
  .strict();
export const StandardsProfileSchema = z
  .object({
    id: z.string({ error: 'must be a text' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'must be letters, digits, dots and dashes, e.g. NFPA-1710-2020'),
    name: z.string({ error: 'must be a text' }).trim().min(1, 'must not be empty').max(200),
    thresholds: z.array(StandardThresholdSchema).min(1, 'must list at least one threshold'),
  })
  .strict();
export const StandardsFileSchema = z.object({ profiles: z.array(StandardsProfileSchema).min(1, 'must list at least one profile') }).strict();

export const VOLUME_DIMENSIONS = ['type', 'agency', 'priority', 'hour', 'dow', 'month', 'zone', 'discipline', 'day'] as const;
export type VolumeDimension = (typeof VOLUME_DIMENSIONS)[number];
export const PERCENTILE_DIMENSIONS = ['agency', 'zone', 'priority', 'discipline', 'month'] as const;
export type PercentileDimension = (typeof PERCENTILE_DIMENSIONS)[number];

/** Incidents (and calls, where the period has them) counted by one dimension, local to the centre. */
export interface VolumeRow {
  /** The group: a type code, agency, priority, hour 0-23, day of week 0 (Sunday)-6, month YYYY-MM, ... */
  key: string;
  label: string | null;
  incidents: number;
}

export interface PercentileRow {
  key: string;
  count: number;
  excluded: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  /** Share within the first applicable threshold (null without one). */
  withinThreshold: number | null;
  thresholdSeconds: number | null;
}

export interface UnitUtilisationRow {
  dataset: string;
  unit: string;
  unitType: string | null;
  agency: string | null;
  responses: number;
  /** Seconds committed (dispatched -> cleared) inside the period; a response without a clear time is left out. */
  committedSeconds: number;
  /** committedSeconds over the seconds in the period. */
  share: number;
  /** Responses left out for a missing or earlier-than-dispatch clear time. */
  excluded: number;
}

export interface WorkloadRow {
  dataset: string;
  role: 'call-taker' | 'dispatcher';
  /** A user name for live records; the export's own name for imported ones. */
  person: string;
  callsAnswered: number;
  incidentsCreated: number;
  dispatches: number;
}
