import type pg from 'pg';
import type { SubjectQuery } from './subject-match';

/** A pool or a transaction's client: searches and exports run on either. */
export type Db = pg.Pool | pg.PoolClient;

/** One record that matches the subject; `key` is the source's own (the ref is `<source>:<key>`). */
export interface SourceMatch {
  key: string;
  summary: string;
  matchedOn: string[];
}

/** Row counts by kind ("notices", "days", "messages"), for audit rows and request results. */
export type Counts = Record<string, number>;

/**
 * One retention rule: which of the source's records have been kept long enough. `count` is the
 * preview; `purge` erases at most `limit` records (the job calls it again until it returns less).
 * Both decide from `now`, the scheduler's clock, never the wall clock.
 */
export interface RetentionRule {
  /** `<source>.<rule>`, e.g. care.days; the key of its row in retention_rules. */
  id: string;
  /** What is erased and from when, with {days} standing for the configured number. */
  description: string;
  defaultDays: number;
  count(db: Db, days: number, now: Date): Promise<number>;
  purge(tx: pg.PoolClient, days: number, now: Date, limit: number): Promise<number>;
}

/**
 * A place the centre keeps personal data about members of the public. Each program has one file
 * in privacy/sources/ exporting `source`; searches, exports, erasure and retention go through it,
 * so a new program is covered by adding its file, and nothing else.
 */
export interface PersonalDataSource {
  /** Short and stable: the prefix of this source's refs and of its retention rules. */
  id: string;
  label: string;
  /** What the records are for, in words the person can read (the export's cover says it). */
  purpose: string;
  /** Lower first, in search results and on the cover. */
  order: number;
  /**
   * The audit entity of one record when keys are record ids ('special-needs', 'care-enrolment'):
   * views and erasures are then also audited against the record. Leave out when keys are themselves
   * personal (a phone number), since the audit log must not hold them.
   */
  auditEntity?: string;
  /** Whether a key is one this source could have produced (refs are checked before use). */
  isKey(key: string): boolean;
  find(db: Db, subject: SubjectQuery): Promise<SourceMatch[]>;
  /** Everything held under these keys, related rows included; JSON-able. Unknown keys are left out. */
  export(db: Db, keys: string[]): Promise<unknown[]>;
  /** Erases the records in the caller's transaction; returns what was erased (and kept blanked) by kind. */
  erase(tx: pg.PoolClient, keys: string[], now: Date): Promise<Counts>;
  retention: RetentionRule[];
}

/** Splits `care:12` into its source and key. */
export function parseRef(ref: string): { source: string; key: string } | null {
  const i = ref.indexOf(':');
  return i > 0 && i < ref.length - 1 ? { source: ref.slice(0, i), key: ref.slice(i + 1) } : null;
}

/** Record ids as keys: digits only, within int range. */
export const isIdKey = (key: string): boolean => /^[1-9]\d{0,9}$/.test(key) && Number(key) <= 2_147_483_647;

/** Adds one erase's counts into a running total. */
export function addCounts(into: Counts, more: Counts): Counts {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
  return into;
}
