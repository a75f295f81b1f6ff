import { toCsv } from '../certifications/csv';
import type { traineeSummaries } from './training.view';

type Summary = Awaited<ReturnType<typeof traineeSummaries>>[number];

/** The training progress report as CSV: one row per trainee, DOR averages per category. */
export function trainingProgressCsv(list: Summary[]): string {
  const categories = [...new Set(list.flatMap((t) => Object.keys(t.dorAverages.byCategory)))];
  const header = ['trainee', 'employee_no', 'hired_on', 'status', 'phase', 'phase_of', 'days_in_phase', 'days_since_hire', 'expected_earliest', 'expected_latest', 'behind', 'flags', 'cto', 'dors', 'dor_average', ...categories.map((c) => `avg_${c}`)];
  const rows = list.map((t) => [
    t.name, t.employeeNo, t.hiredOn, t.progress.status, t.progress.phaseName ?? (t.progress.status === 'released' ? 'released' : ''), `${Math.min(t.progress.phaseIndex + 1, t.progress.phaseCount)}/${t.progress.phaseCount}`,
    t.progress.daysInPhase, t.progress.daysSinceHire, t.progress.expectedCompletion.earliest, t.progress.expectedCompletion.latest,
    t.progress.behind ? 'yes' : 'no', t.progress.flags.join('; '), t.cto?.name ?? '', t.dorAverages.count, t.dorAverages.overall,
    ...categories.map((c) => t.dorAverages.byCategory[c] ?? ''),
  ]);
  return toCsv(header, rows);
}
