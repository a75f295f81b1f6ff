import type { TraineeProgress } from '@openpsap/contract';
import type { ProgramDefinition } from './training-program';
import { addMonths, daysBetween } from './training-dates';

export type { TraineeProgress };

/** Months from hire within which a trainee is expected to be released. */
export const EXPECTED_MONTHS = { earliest: 6, latest: 9 } as const;


/** Where a trainee stands on a given day: phase, days in it, expected release and any lateness. */
export function progressOf(t: { hiredOn: string; phaseIndex: number; phaseStartedOn: string; status: TraineeProgress['status']; completedOn: string | null }, def: ProgramDefinition, today: string): TraineeProgress {
  const phase = t.status === 'in-training' ? def.phases[t.phaseIndex] ?? null : null;
  const until = t.status === 'in-training' ? today : t.completedOn ?? today;
  const expectedCompletion = { earliest: addMonths(t.hiredOn, EXPECTED_MONTHS.earliest), latest: addMonths(t.hiredOn, EXPECTED_MONTHS.latest) };
  const daysInPhase = phase ? Math.max(0, daysBetween(t.phaseStartedOn, today)) : null;
  const flags: string[] = [];
  if (phase && daysInPhase! > phase.maxDays) flags.push(`${daysInPhase} days in ${phase.name}, planned at most ${phase.maxDays}`);
  if (t.status === 'in-training' && today > expectedCompletion.latest) flags.push(`not released ${EXPECTED_MONTHS.latest} months after hire (${expectedCompletion.latest})`);
  if (phase) {
    // Behind the plan even within a phase's own limit: the phases so far should fit their maxima.
    const planned = def.phases.slice(0, t.phaseIndex + 1).reduce((s, p) => s + p.maxDays, 0);
    const since = daysBetween(t.hiredOn, today);
    if (since > planned && !flags.length) flags.push(`${since} days since hire; the plan allows ${planned} to the end of ${phase.name}`);
  }
  return {
    status: t.status,
    phaseIndex: t.phaseIndex,
    phaseCount: def.phases.length,
    phaseKey: phase?.key ?? null,
    phaseName: phase?.name ?? null,
    daysInPhase,
    daysSinceHire: Math.max(0, daysBetween(t.hiredOn, until)),
    expectedCompletion,
    phaseDueBy: phase ? addDaysText(t.phaseStartedOn, phase.maxDays) : null,
    behind: flags.length > 0,
    flags,
  };
}

function addDaysText(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
