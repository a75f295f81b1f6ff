import type pg from 'pg';
import type { z } from 'zod';
import { AppError, conflict, forbidden, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { localDateOf } from './training-dates';
import type { AcknowledgeBodySchema, ChecklistSignoffBodySchema, DorBodySchema, EnrolBodySchema, PhaseSignoffBodySchema, ProgramBodySchema, TraineeUpdateBodySchema } from './training.schemas';
import { defaultProgramId, getProgram, getTrainee, staffIdOfUser, staffMember, type TraineeRow } from './training.queries';

/** "Today" for the centre by the scheduler's clock, so tests can move it across months. */
export const centreToday = (ctx: AppContext): string => localDateOf(ctx.clock.now(), ctx.config.timeZone);

async function requireStaff(tx: pg.PoolClient, id: number, field: string): Promise<{ id: number; name: string }> {
  const s = await staffMember(tx, id);
  if (!s) throw invalid(field, `no staff member ${id} in the staff register`);
  if (s.leftOn) throw invalid(field, `${s.name} left on ${s.leftOn}`);
  return s;
}

async function lockTrainee(tx: pg.PoolClient, id: number): Promise<TraineeRow> {
  const t = await getTrainee(tx, id, true);
  if (!t) throw notFound(`trainee ${id}`);
  return t;
}

/**
 * The CTO a DOR or checklist item is signed by. A supervisor may enter it for any CTO; anyone else
 * signs only as themself, and only as this trainee's CTO.
 */
async function signingCto(tx: pg.PoolClient, actor: Actor, t: TraineeRow, given: number | undefined): Promise<{ id: number; name: string }> {
  if (actor.role === 'supervisor') {
    const id = given ?? t.ctoStaffId;
    if (!id) throw invalid('ctoStaffId', 'the trainee has no CTO assigned; assign one or name the CTO');
    return requireStaff(tx, id, 'ctoStaffId');
  }
  const own = actor.userId ? await staffIdOfUser(tx, actor.userId) : null;
  if (!own || own !== t.ctoStaffId || (given !== undefined && given !== own)) throw forbidden("only the trainee's assigned CTO or a supervisor may sign this");
  return requireStaff(tx, own, 'ctoStaffId');
}

function requireInTraining(t: TraineeRow): void {
  if (t.status !== 'in-training') throw conflict(`${t.name} is ${t.status === 'released' ? 'already released' : 'withdrawn'} from training`);
}

function checkDate(field: string, date: string, t: TraineeRow, today: string): void {
  if (date > today) throw invalid(field, `must not be after today (${today})`);
  if (date < t.hiredOn) throw invalid(field, `must not be before the hire date (${t.hiredOn})`);
}

export async function enrolTrainee(ctx: AppContext, actor: Actor, body: z.infer<typeof EnrolBodySchema>) {
  if (!body.staffMemberId === !body.person) throw invalid('staffMemberId', 'give either staffMemberId (someone in the staff register) or person (a new hire), not both');
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const programId = body.programId ?? (await defaultProgramId(tx));
    const program = await getProgram(tx, programId);
    if (!program) throw invalid('programId', `no training program ${programId}`);
    let staffId = body.staffMemberId;
    if (staffId) await requireStaff(tx, staffId, 'staffMemberId');
    else {
      const p = body.person!;
      if (p.employeeNo && (await tx.query('SELECT 1 FROM staff_members WHERE employee_no = $1', [p.employeeNo])).rowCount) throw invalid('person.employeeNo', `employee number ${p.employeeNo} is already in the staff register`);
      const { rows } = await tx.query<{ id: number }>(
        "INSERT INTO staff_members (display_name, employee_no, email, organisation, job_title, hired_on) VALUES ($1, $2, $3, 'centre', 'Telecommunicator trainee', $4) RETURNING id",
        [p.displayName, p.employeeNo ?? null, p.email ?? null, body.hiredOn],
      );
      staffId = rows[0]!.id;
    }
    if (body.ctoStaffId !== undefined) {
      if (body.ctoStaffId === staffId) throw invalid('ctoStaffId', 'a trainee cannot be their own CTO');
      await requireStaff(tx, body.ctoStaffId, 'ctoStaffId');
    }
    if ((await tx.query("SELECT 1 FROM trainees WHERE staff_member_id = $1 AND status = 'in-training'", [staffId])).rowCount) throw conflict('this person is already in training');
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO trainees (staff_member_id, program_id, hired_on, cto_staff_id, phase_started_on) VALUES ($1, $2, $3, $4, $3) RETURNING id',
      [staffId, programId, body.hiredOn, body.ctoStaffId ?? null],
    );
    const id = rows[0]!.id;
    return { result: { id, staffMemberId: staffId! }, audits: [{ action: 'training.enrol', entity: 'trainee', entityId: id, after: { staffMemberId: staffId, programId, hiredOn: body.hiredOn, ctoStaffId: body.ctoStaffId ?? null } }] };
  })).result;
}

export async function updateTrainee(ctx: AppContext, actor: Actor, id: number, body: z.infer<typeof TraineeUpdateBodySchema>) {
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const t = await lockTrainee(tx, id);
    if (t.status === 'released') throw conflict(`${t.name} is already released`);
    if (body.ctoStaffId) {
      if (body.ctoStaffId === t.staffMemberId) throw invalid('ctoStaffId', 'a trainee cannot be their own CTO');
      await requireStaff(tx, body.ctoStaffId, 'ctoStaffId');
    }
    const cto = body.ctoStaffId === undefined ? t.ctoStaffId : body.ctoStaffId;
    const status = body.status ?? t.status;
    await tx.query('UPDATE trainees SET cto_staff_id = $2, status = $3 WHERE id = $1', [id, cto, status]);
    return { result: { id }, audits: [{ action: 'training.update', entity: 'trainee', entityId: id, before: { ctoStaffId: t.ctoStaffId, status: t.status }, after: { ctoStaffId: cto, status } }] };
  })).result;
}

export async function recordDor(ctx: AppContext, actor: Actor, traineeId: number, body: z.infer<typeof DorBodySchema>) {
  const today = centreToday(ctx);
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const t = await lockTrainee(tx, traineeId);
    requireInTraining(t);
    checkDate('observedOn', body.observedOn, t, today);
    const keys = t.definition.categories.map((c) => c.key);
    const unknown = Object.keys(body.ratings).find((k) => !keys.includes(k));
    if (unknown) throw invalid(`ratings.${unknown}`, `not a rating category of this program (${keys.join(', ')})`);
    const missing = t.definition.categories.filter((c) => body.ratings[c.key] === undefined);
    if (missing.length) {
      throw new AppError(422, 'validation_failed', `rate every category: ${missing.map((c) => c.label).join(', ')} missing`, Object.fromEntries(missing.map((c) => [`ratings.${c.key}`, `${c.label}: rate from 1 to 7`])));
    }
    const cto = await signingCto(tx, actor, t, body.ctoStaffId);
    const phase = t.definition.phases[t.phaseIndex]!;
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO training_dors (trainee_id, observed_on, phase_key, cto_staff_id, ratings, narrative, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [traineeId, body.observedOn, phase.key, cto.id, JSON.stringify(body.ratings), body.narrative, actor.userId],
    );
    const id = rows[0]!.id;
    // Audit rows say what was recorded, not the narrative: the ledger cannot be erased.
    return { result: { id, phaseKey: phase.key }, audits: [{ action: 'training.dor', entity: 'trainee', entityId: traineeId, after: { dorId: id, observedOn: body.observedOn, phase: phase.key, ctoStaffId: cto.id } }] };
  })).result;
}

/** The trainee's acknowledgement that they have read a DOR: only the trainee, once. */
export async function acknowledgeDor(ctx: AppContext, actor: Actor, dorId: number, body: z.infer<typeof AcknowledgeBodySchema>) {
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const { rows } = await tx.query<{ trainee_id: number; user_id: number | null; acknowledged_at: Date | null }>(
      'SELECT d.trainee_id, s.user_id, d.acknowledged_at FROM training_dors d JOIN trainees t ON t.id = d.trainee_id JOIN staff_members s ON s.id = t.staff_member_id WHERE d.id = $1 FOR UPDATE OF d',
      [dorId],
    );
    const d = rows[0];
    if (!d) throw notFound(`DOR ${dorId}`);
    if (!actor.userId || d.user_id !== actor.userId) throw forbidden('only the trainee the report is about may acknowledge it');
    if (d.acknowledged_at) throw conflict(`already acknowledged on ${d.acknowledged_at.toISOString()}`);
    await tx.query('UPDATE training_dors SET acknowledged_at = now(), acknowledged_by = $2, trainee_comment = $3 WHERE id = $1', [dorId, actor.userId, body.comment || null]);
    return { result: { id: dorId }, audits: [{ action: 'training.dor-acknowledge', entity: 'trainee', entityId: d.trainee_id, after: { dorId, comment: Boolean(body.comment) } }] };
  })).result;
}

export async function signChecklistItem(ctx: AppContext, actor: Actor, traineeId: number, body: z.infer<typeof ChecklistSignoffBodySchema>) {
  const today = centreToday(ctx);
  const signedOn = body.signedOn ?? today;
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const t = await lockTrainee(tx, traineeId);
    requireInTraining(t);
    checkDate('signedOn', signedOn, t, today);
    const phaseAt = t.definition.phases.findIndex((p) => p.key === body.phaseKey);
    if (phaseAt < 0) throw invalid('phaseKey', `not a phase of this program (${t.definition.phases.map((p) => p.key).join(', ')})`);
    if (phaseAt > t.phaseIndex) throw invalid('phaseKey', `${t.definition.phases[phaseAt]!.name} has not started`);
    if (phaseAt < t.phaseIndex) throw conflict(`${t.definition.phases[phaseAt]!.name} is already signed off`);
    const item = t.definition.phases[phaseAt]!.checklist.find((i) => i.key === body.itemKey);
    if (!item) throw invalid('itemKey', `not an item of ${t.definition.phases[phaseAt]!.name}`);
    const cto = await signingCto(tx, actor, t, body.ctoStaffId);
    const ins = await tx.query(
      'INSERT INTO training_checklist_signoffs (trainee_id, phase_key, item_key, cto_staff_id, signed_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [traineeId, body.phaseKey, body.itemKey, cto.id, signedOn, actor.userId],
    );
    if (!ins.rowCount) throw conflict(`"${item.label}" is already signed off`);
    return { result: { phaseKey: body.phaseKey, itemKey: body.itemKey, signedOn, ctoStaffId: cto.id }, audits: [{ action: 'training.checklist-signoff', entity: 'trainee', entityId: traineeId, after: { phase: body.phaseKey, item: body.itemKey, ctoStaffId: cto.id, signedOn } }] };
  })).result;
}

/**
 * Signs off the trainee's current phase (the CTO's and the signing supervisor's names kept) and
 * moves them to the next; refused, naming what is missing, while checklist items are open.
 */
export async function signPhase(ctx: AppContext, actor: Actor, traineeId: number, body: z.infer<typeof PhaseSignoffBodySchema>) {
  const today = centreToday(ctx);
  const signedOn = body.signedOn ?? today;
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const t = await lockTrainee(tx, traineeId);
    requireInTraining(t);
    const phase = t.definition.phases[t.phaseIndex]!;
    if (body.phaseKey !== phase.key) throw invalid('phaseKey', `the trainee is in ${phase.name} (${phase.key}); only the current phase is signed off`);
    checkDate('signedOn', signedOn, t, today);
    if (signedOn < t.phaseStartedOn) throw invalid('signedOn', `must not be before the phase started (${t.phaseStartedOn})`);
    const ctoId = body.ctoStaffId ?? t.ctoStaffId;
    if (!ctoId) throw invalid('ctoStaffId', 'the trainee has no CTO assigned; name the CTO who signs');
    const cto = await requireStaff(tx, ctoId, 'ctoStaffId');
    const { rows: done } = await tx.query<{ item_key: string }>('SELECT item_key FROM training_checklist_signoffs WHERE trainee_id = $1 AND phase_key = $2', [traineeId, phase.key]);
    const open = phase.checklist.filter((i) => !done.some((d) => d.item_key === i.key));
    if (open.length) {
      const names = open.map((i) => i.label).join('; ');
      throw new AppError(409, 'conflict', `${phase.name} cannot be signed off: ${open.length} checklist item${open.length === 1 ? '' : 's'} open: ${names}`, { checklist: `open: ${names}` });
    }
    await tx.query('INSERT INTO training_phase_signoffs (trainee_id, phase_key, cto_staff_id, supervisor_user_id, signed_on, note) VALUES ($1, $2, $3, $4, $5, $6)', [traineeId, phase.key, cto.id, actor.userId, signedOn, body.note || null]);
    const last = t.phaseIndex + 1 >= t.definition.phases.length;
    await tx.query(
      `UPDATE trainees SET phase_index = phase_index + 1, phase_started_on = $2, status = CASE WHEN $3 THEN 'released' ELSE status END, completed_on = CASE WHEN $3 THEN $2::date ELSE completed_on END WHERE id = $1`,
      [traineeId, signedOn, last],
    );
    const next = last ? null : t.definition.phases[t.phaseIndex + 1]!;
    return {
      result: { phaseKey: phase.key, signedOn, released: last, nextPhaseKey: next?.key ?? null },
      audits: [{ action: last ? 'training.release' : 'training.phase-signoff', entity: 'trainee', entityId: traineeId, after: { phase: phase.key, ctoStaffId: cto.id, supervisorUserId: actor.userId, signedOn, next: next?.key ?? null } }],
    };
  })).result;
}

/** A new program definition; existing trainees keep the one they were enrolled under. */
export async function createProgram(ctx: AppContext, actor: Actor, body: z.infer<typeof ProgramBodySchema>) {
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    if (body.makeDefault) {
      await defaultProgramId(tx);
      await tx.query('UPDATE training_programs SET is_default = false WHERE is_default');
    }
    const { rows } = await tx.query<{ id: number }>('INSERT INTO training_programs (name, definition, is_default, created_by) VALUES ($1, $2, $3, $4) RETURNING id', [body.name, JSON.stringify(body.definition), Boolean(body.makeDefault), actor.userId]);
    const id = rows[0]!.id;
    return { result: { id }, audits: [{ action: 'training.program-create', entity: 'training_program', entityId: id, after: { name: body.name, phases: body.definition.phases.map((p) => p.key), makeDefault: Boolean(body.makeDefault) } }] };
  })).result;
}
