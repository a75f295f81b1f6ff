import type { TraineeProgress } from '@openpsap/contract';
import { ApiError } from '../api/client';

// Shapes of the training API as the supervisor's Training tab reads them.
export const TRAINING_PURPOSE = 'training supervision';

export type Progress = TraineeProgress;

export interface DorAverages { count: number; overall: number | null; byCategory: Record<string, number | null> }

export interface TraineeSummary {
  id: number;
  staffMemberId: number;
  name: string;
  employeeNo: string | null;
  hiredOn: string;
  cto: { id: number; name: string } | null;
  programName: string;
  completedOn: string | null;
  progress: Progress;
  dorAverages: DorAverages;
  lastDorOn: string | null;
}

export interface TraineeDetail extends TraineeSummary {
  status: Progress['status'];
  categories: { key: string; label: string }[];
  phases: {
    key: string; name: string; minDays: number; maxDays: number; state: 'signed-off' | 'current' | 'not-started';
    signoff: { ctoName: string; supervisorName: string; signedOn: string } | null;
    checklist: { key: string; label: string; signedOn: string | null; ctoName: string | null }[];
  }[];
  dors: { id: number; observedOn: string; phaseKey: string; ctoName: string; ratings: Record<string, number>; narrative: string; acknowledgedAt: string | null; traineeComment: string | null }[];
  trail: { kind: 'checklist' | 'phase'; at: string; phaseKey: string; itemKey: string | null; signedOn: string; ctoName: string; supervisorName: string | null; recordedByName: string | null }[];
}

export interface StaffOption { id: number; name: string; employeeNo: string | null; organisation: string; jobTitle: string | null; unit: { id: number; callSign: string } | null; left: boolean }

/** A field's server message, for the input it belongs to. */
export function fieldError(e: unknown, field: string): string | undefined {
  return e instanceof ApiError ? e.fields[field] : undefined;
}
