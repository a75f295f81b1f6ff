/** Where a trainee stands on a given day, as the server computes it and the Training tab shows it. */
export interface TraineeProgress {
  status: 'in-training' | 'released' | 'withdrawn';
  phaseIndex: number;
  phaseCount: number;
  phaseKey: string | null;
  phaseName: string | null;
  daysInPhase: number | null;
  daysSinceHire: number;
  expectedCompletion: { earliest: string; latest: string };
  /** The latest day the current phase should be signed off (its start + its maximum days). */
  phaseDueBy: string | null;
  behind: boolean;
  /** Why the trainee is flagged, in words a supervisor reads. */
  flags: string[];
}
