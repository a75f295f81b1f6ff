import type pg from 'pg';
import { progressOf } from './training-progress';
import { checklistSignoffs, listDors, listTrainees, phaseSignoffs, getTrainee, type DorRow, type TraineeRow } from './training.queries';

/** Averages of DOR ratings, per category and overall, rounded to one decimal. */
export function dorAverages(dors: Pick<DorRow, 'ratings'>[], categories: { key: string }[]): { count: number; overall: number | null; byCategory: Record<string, number | null> } {
  const round = (n: number) => Math.round(n * 10) / 10;
  const byCategory: Record<string, number | null> = {};
  let sum = 0;
  let n = 0;
  for (const c of categories) {
    const vals = dors.map((d) => d.ratings[c.key]).filter((v): v is number => typeof v === 'number');
    byCategory[c.key] = vals.length ? round(vals.reduce((a, b) => a + b, 0) / vals.length) : null;
    sum += vals.reduce((a, b) => a + b, 0);
    n += vals.length;
  }
  return { count: dors.length, overall: n ? round(sum / n) : null, byCategory };
}

function summary(t: TraineeRow, today: string, dors: DorRow[]) {
  return {
    id: t.id,
    staffMemberId: t.staffMemberId,
    name: t.name,
    employeeNo: t.employeeNo,
    hiredOn: t.hiredOn,
    cto: t.ctoStaffId ? { id: t.ctoStaffId, name: t.ctoName } : null,
    programId: t.programId,
    programName: t.programName,
    completedOn: t.completedOn,
    progress: progressOf(t, t.definition, today),
    dorAverages: dorAverages(dors, t.definition.categories),
    lastDorOn: dors[0]?.observedOn ?? null,
  };
}

/** Every trainee (or those in one status) with progress and DOR averages, for the list and the report. */
export async function traineeSummaries(db: pg.Pool, today: string, status?: string) {
  const trainees = await listTrainees(db, status);
  const dors = await listDors(db, trainees.map((t) => t.id));
  return trainees.map((t) => summary(t, today, dors.filter((d) => d.traineeId === t.id)));
}

/** One trainee's whole record: progress, the program's phases with their checklists, DORs, sign-offs. */
export async function traineeDetail(db: pg.Pool, id: number, today: string) {
  const t = await getTrainee(db, id);
  if (!t) return null;
  const [dors, items, phases] = await Promise.all([listDors(db, [id]), checklistSignoffs(db, id), phaseSignoffs(db, id)]);
  const trail = [
    ...items.map((s) => ({ kind: 'checklist' as const, at: s.recordedAt, phaseKey: s.phaseKey, itemKey: s.itemKey, signedOn: s.signedOn, ctoName: s.ctoName, supervisorName: null as string | null, recordedByName: s.recordedByName })),
    ...phases.map((s) => ({ kind: 'phase' as const, at: s.recordedAt, phaseKey: s.phaseKey, itemKey: null as string | null, signedOn: s.signedOn, ctoName: s.ctoName, supervisorName: s.supervisorName, recordedByName: s.supervisorName })),
  ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return {
    ...summary(t, today, dors),
    status: t.status,
    categories: t.definition.categories,
    phases: t.definition.phases.map((p, i) => {
      const signoff = phases.find((s) => s.phaseKey === p.key) ?? null;
      return {
        key: p.key,
        name: p.name,
        minDays: p.minDays,
        maxDays: p.maxDays,
        state: signoff ? 'signed-off' : i === t.phaseIndex && t.status === 'in-training' ? 'current' : 'not-started',
        signoff,
        checklist: p.checklist.map((item) => {
          const s = items.find((x) => x.phaseKey === p.key && x.itemKey === item.key);
          return { key: item.key, label: item.label, signedOn: s?.signedOn ?? null, ctoName: s?.ctoName ?? null };
        }),
      };
    }),
    dors: dors.map(({ traineeId: _t, ...d }) => d),
    trail,
  };
}
