import { invalid } from '../../errors/app-error';

/** Calendar arithmetic on 'YYYY-MM-DD' local dates (no time zone involved: days are days). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  const t = (s: string) => Date.parse(`${s}T00:00:00Z`);
  return Math.round((t(to) - t(from)) / 86_400_000);
}

/**
 * Before: the `weeks` whole weeks that end the day before `date`. After: as many weeks starting
 * `gapDays` after it (the installation day itself belongs to "after" when there is no gap).
 * Equal lengths, so counts compare directly. Dates are local and inclusive.
 */
export interface EvaluationWindow {
  date: string;
  weeks: number;
  gapDays: number;
  before: { from: string; to: string };
  after: { from: string; to: string };
}

export function evaluationWindow(date: string, weeks: number, gapDays: number): EvaluationWindow {
  const len = weeks * 7;
  return {
    date,
    weeks,
    gapDays,
    before: { from: addDays(date, -len), to: addDays(date, -1) },
    after: { from: addDays(date, gapDays), to: addDays(date, gapDays + len - 1) },
  };
}

/**
 * The complete local days a source covers: a day is counted only if the data hold all of it, so a
 * period that starts on the afternoon the data begin is not compared as if it were a full one.
 * `firstLocal` and `lastLocal` are wall-clock 'YYYY-MM-DD HH:MM:SS' of the first and last call;
 * `today` bounds live data, which are complete up to yesterday.
 */
export function completeDays(firstLocal: string, lastLocal: string, today: string | null): { first: string; last: string } {
  const firstDay = firstLocal.slice(0, 10);
  const first = firstLocal.slice(11) === '00:00:00' ? firstDay : addDays(firstDay, 1);
  const last = today ? addDays(today, -1) : addDays(lastLocal.slice(0, 10), -1);
  return { first, last };
}

/** Refuses a window the source's data do not fully cover, saying which dates would fit. */
export function checkCoverage(w: EvaluationWindow, covered: { first: string; last: string }, sourceName: string): void {
  const len = w.weeks * 7;
  const earliest = addDays(covered.first, len);
  const latest = addDays(covered.last, -(w.gapDays + len - 1));
  if (earliest > latest) {
    const fit = Math.floor((daysBetween(covered.first, covered.last) + 1 - w.gapDays) / 14);
    throw invalid('weeks', `${sourceName} covers ${covered.first} to ${covered.last}: ${fit >= 1 ? `at most ${fit} weeks before and after fit` : 'too short for any before/after periods'}${w.gapDays ? ` with a gap of ${w.gapDays} days` : ''}`);
  }
  if (w.before.from < covered.first || w.after.to > covered.last) {
    throw invalid('date', `the periods would run ${w.before.from} to ${w.after.to}, but ${sourceName} has complete days only from ${covered.first} to ${covered.last}; with ${w.weeks} weeks choose a date from ${earliest} to ${latest}, or fewer weeks`);
  }
}
