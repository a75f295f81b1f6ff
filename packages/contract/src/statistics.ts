import { z } from 'zod';

/**
 * The intervals the centre reports, each between two recorded times (never typed in). "Received" is
 * when the first call of an incident was presented (or the export's own received time).
 */
export const INTERVAL_NAMES = [
  'answer', // call presented -> answered (per call)
  'call-processing', // call answered -> incident created
  'dispatch-processing', // incident created -> first unit dispatched
  'alarm-processing', // call answered (else received) -> first unit dispatched: NFPA "alarm processing"
  'turnout', // unit dispatched -> en route (per unit)
  'travel', // unit en route -> on scene (per unit)
  'response', // received -> first unit on scene (per incident)
  'on-scene', // first unit on scene -> incident closed
  'total', // received -> incident closed
] as const;
export type IntervalName = (typeof INTERVAL_NAMES)[number];

/** Where statistics come from: the centre's own live records, an imported dataset, or both. */
export const StatisticsFilterSchema = z
  .object({
    from: z.string().describe('first day, YYYY-MM-DD (local to the centre), inclusive'),
    to: z.string().describe('last day, YYYY-MM-DD, inclusive'),
    agency: z.string().optional(),
    priority: z.string().optional(),
    zone: z.string().optional(),
    discipline: z.enum(['police', 'fire', 'ems', 'other']).optional(),
    /** 'live' (default), an imported dataset code, or 'all'. */
    dataset: z.string().optional(),
  })
  .strict();
export type StatisticsFilter = z.infer<typeof StatisticsFilterSchema>;

/** One interval over a period: exact percentiles over every record, never averages of averages. */
export interface IntervalSummary {
  interval: IntervalName;
  /** Records with both times present and end >= start. */
  count: number;
  /** Records missing one of the two times, or with end before start (left out, counted here). */
  excluded: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  /** The standards profile's threshold for this interval, seconds, when it has one. */
  thresholdSeconds: number | null;
  /** Share (0..1) of counted records at or under the threshold. */
  withinThreshold: number | null;
  /** The percentile the standard sets for the threshold (e.g. 0.9), and whether it is met. */
  targetShare: number | null;
  met: boolean | null;
}

export interface AnswerTimes {
  calls: number;
  answered: number;
  abandoned: number;
  /** Seconds -> share (0..1) of answered calls answered within that many seconds. */
  within: Record<'10' | '15' | '20' | '40' | '60', number>;
  p50: number | null;
  p90: number | null;
  p95: number | null;
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
