import type { IntervalName } from '@openpsap/contract';
import { seconds } from './statistics-sql';

/*
 * The interval definitions, one place for the engine, the per-group percentiles and the docs
 * (docs/statistics-definitions.md says the same in words). Each is end minus start in seconds over
 * the union rows of statistics-sources.ts; a record missing either time, or whose end is before its
 * start, is left out of the percentiles and counted as excluded.
 */

/** Units dispatched within this many seconds of an incident's first dispatch form its initial assignment. */
export const INITIAL_ASSIGNMENT_SECONDS = 60;

/** Per incident, over incident rows. */
export const INCIDENT_INTERVALS = {
  // answered by the first call attached (live) or the export's own answer time -> incident created
  'call-processing': seconds('answered_at', 'created_at'),
  // incident created -> first unit dispatched
  'dispatch-processing': seconds('created_at', 'first_dispatch_at'),
  // NFPA 1710 alarm processing: the call answered (or, with no answer time, received) -> first dispatch
  'alarm-processing': seconds('COALESCE(answered_at, received_at)', 'first_dispatch_at'),
  // received (first call presented) -> first unit on scene
  response: seconds('received_at', 'first_onscene_at'),
  // first unit on scene -> incident closed
  'on-scene': seconds('first_onscene_at', 'closed_at'),
  // received -> incident closed
  total: seconds('received_at', 'closed_at'),
} satisfies Partial<Record<IntervalName, string>>;

/** Per unit response, over unit rows. */
export const UNIT_INTERVALS = {
  // unit dispatched -> that unit en route
  turnout: seconds('u_dispatched_at', 'u_enroute_at'),
  // unit en route -> that unit on scene
  travel: seconds('u_enroute_at', 'u_onscene_at'),
} satisfies Partial<Record<IntervalName, string>>;

/**
 * Per incident, computed from its units (grouped by incident): the first unit on scene's own
 * travel (ties at the same instant: the shorter travel), and the full first alarm, from the first
 * of the initial assignment en route until the last of it on scene (left out when any unit of the
 * initial assignment has no on-scene time).
 */
export const GROUPED_UNIT_INTERVALS = {
  'first-unit-travel': `min(${seconds('u_enroute_at', 'u_onscene_at')}) FILTER (WHERE u_onscene_at = first_onscene_at)`,
  'first-alarm-travel': `CASE WHEN count(*) FILTER (WHERE initial AND u_onscene_at IS NULL) = 0
      THEN ${seconds(`min(u_enroute_at) FILTER (WHERE initial)`, `max(u_onscene_at) FILTER (WHERE initial)`)} END`,
} satisfies Partial<Record<IntervalName, string>>;

export const INITIAL_FLAG = `u_dispatched_at <= first_dispatch_at + interval '${INITIAL_ASSIGNMENT_SECONDS} seconds'`;

/** Per 9-1-1 call, over call rows: presented -> answered. Abandoned calls are counted apart. */
export const ANSWER_INTERVAL = seconds('presented_at', 'answered_at');
/** Released without ever being answered. */
export const ABANDONED = 'answered_at IS NULL AND released_at IS NOT NULL';
/** Answer-time statistics count 9-1-1 calls only, as NENA-STA-020.1 does. */
export const ANSWER_SOURCE = "source = '911'";

export const PERCENTILES = [0.5, 0.9, 0.95] as const;
