import type pg from 'pg';
import { DEFAULT_PROGRAM, type ProgramDefinition } from './training-program';

type Queryable = pg.Pool | pg.PoolClient;

export interface ProgramRow { id: number; name: string; definition: ProgramDefinition; isDefault: boolean; createdAt: string }

export interface TraineeRow {
  id: number;
  staffMemberId: number;
  name: string;
  employeeNo: string | null;
  userId: number | null;
  programId: number;
  programName: string;
  definition: ProgramDefinition;
  hiredOn: string;
  ctoStaffId: number | null;
  ctoName: string | null;
  phaseIndex: number;
  phaseStartedOn: string;
  status: 'in-training' | 'released' | 'withdrawn';
  completedOn: string | null;
}

const PROGRAM_COLUMNS = `id, name, definition, is_default AS "isDefault", created_at AS "createdAt"`;

export async function listPrograms(db: Queryable): Promise<ProgramRow[]> {
  return (await db.query<ProgramRow>(`SELECT ${PROGRAM_COLUMNS} FROM training_programs ORDER BY id`)).rows;
}

export async function getProgram(db: Queryable, id: number): Promise<ProgramRow | null> {
  return (await db.query<ProgramRow>(`SELECT ${PROGRAM_COLUMNS} FROM training_programs WHERE id = $1`, [id])).rows[0] ?? null;
}

/** The default program's id, writing the demo default the first time one is needed. */
export async function defaultProgramId(tx: pg.PoolClient): Promise<number> {
  const found = await tx.query<{ id: number }>('SELECT id FROM training_programs WHERE is_default');
  if (found.rows[0]) return found.rows[0].id;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO training_programs (name, definition, is_default) VALUES ($1, $2, true)
     ON CONFLICT (is_default) WHERE is_default DO UPDATE SET is_default = true RETURNING id`,
    [DEFAULT_PROGRAM.name, JSON.stringify(DEFAULT_PROGRAM.definition)],
  );
  return rows[0]!.id;
}

const TRAINEE_SELECT = `
  SELECT t.id, t.staff_member_id AS "staffMemberId", s.display_name AS name, s.employee_no AS "employeeNo", s.user_id AS "userId",
         t.program_id AS "programId", p.name AS "programName", p.definition,
         t.hired_on::text AS "hiredOn", t.cto_staff_id AS "ctoStaffId", c.display_name AS "ctoName",
         t.phase_index AS "phaseIndex", t.phase_started_on::text AS "phaseStartedOn", t.status, t.completed_on::text AS "completedOn"
    FROM trainees t
    JOIN staff_members s ON s.id = t.staff_member_id
    JOIN training_programs p ON p.id = t.program_id
    LEFT JOIN staff_members c ON c.id = t.cto_staff_id`;

export async function listTrainees(db: Queryable, status?: string): Promise<TraineeRow[]> {
  const { rows } = await db.query<TraineeRow>(`${TRAINEE_SELECT} WHERE ($1::text IS NULL OR t.status = $1) ORDER BY t.status, t.hired_on, s.display_name`, [status ?? null]);
  return rows;
}

export async function getTrainee(db: Queryable, id: number, lock = false): Promise<TraineeRow | null> {
  const { rows } = await db.query<TraineeRow>(`${TRAINEE_SELECT} WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`, [id]);
  return rows[0] ?? null;
}

export interface DorRow {
  id: number; observedOn: string; phaseKey: string; ctoStaffId: number; ctoName: string; ratings: Record<string, number>;
  narrative: string; acknowledgedAt: string | null; acknowledgedByName: string | null; traineeComment: string | null; createdAt: string;
}

export async function listDors(db: Queryable, traineeIds: number[]): Promise<(DorRow & { traineeId: number })[]> {
  const { rows } = await db.query<DorRow & { traineeId: number }>(
    `SELECT d.id, d.trainee_id AS "traineeId", d.observed_on::text AS "observedOn", d.phase_key AS "phaseKey", d.cto_staff_id AS "ctoStaffId", c.display_name AS "ctoName",
            d.ratings, d.narrative, d.acknowledged_at AS "acknowledgedAt", u.display_name AS "acknowledgedByName", d.trainee_comment AS "traineeComment", d.created_at AS "createdAt"
       FROM training_dors d JOIN staff_members c ON c.id = d.cto_staff_id LEFT JOIN users u ON u.id = d.acknowledged_by
      WHERE d.trainee_id = ANY($1::int[]) ORDER BY d.observed_on DESC, d.id DESC`,
    [traineeIds],
  );
  return rows;
}

export interface ChecklistSignoffRow { phaseKey: string; itemKey: string; ctoStaffId: number; ctoName: string; signedOn: string; recordedAt: string; recordedByName: string | null }
export interface PhaseSignoffRow { phaseKey: string; ctoStaffId: number; ctoName: string; supervisorName: string; signedOn: string; note: string | null; recordedAt: string }

export async function checklistSignoffs(db: Queryable, traineeId: number): Promise<ChecklistSignoffRow[]> {
  const { rows } = await db.query<ChecklistSignoffRow>(
    `SELECT cs.phase_key AS "phaseKey", cs.item_key AS "itemKey", cs.cto_staff_id AS "ctoStaffId", c.display_name AS "ctoName", cs.signed_on::text AS "signedOn",
            cs.recorded_at AS "recordedAt", u.display_name AS "recordedByName"
       FROM training_checklist_signoffs cs JOIN staff_members c ON c.id = cs.cto_staff_id LEFT JOIN users u ON u.id = cs.recorded_by
      WHERE cs.trainee_id = $1 ORDER BY cs.recorded_at`,
    [traineeId],
  );
  return rows;
}

export async function phaseSignoffs(db: Queryable, traineeId: number): Promise<PhaseSignoffRow[]> {
  const { rows } = await db.query<PhaseSignoffRow>(
    `SELECT ps.phase_key AS "phaseKey", ps.cto_staff_id AS "ctoStaffId", c.display_name AS "ctoName", u.display_name AS "supervisorName",
            ps.signed_on::text AS "signedOn", ps.note, ps.recorded_at AS "recordedAt"
       FROM training_phase_signoffs ps JOIN staff_members c ON c.id = ps.cto_staff_id JOIN users u ON u.id = ps.supervisor_user_id
      WHERE ps.trainee_id = $1 ORDER BY ps.recorded_at`,
    [traineeId],
  );
  return rows;
}

export async function staffMember(db: Queryable, id: number): Promise<{ id: number; name: string; userId: number | null; leftOn: string | null } | null> {
  const { rows } = await db.query<{ id: number; name: string; userId: number | null; leftOn: string | null }>(
    'SELECT id, display_name AS name, user_id AS "userId", left_on::text AS "leftOn" FROM staff_members WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** The staff record of a signed-in user, if they have one (a CTO or a trainee signing for themselves). */
export async function staffIdOfUser(db: Queryable, userId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM staff_members WHERE user_id = $1', [userId]);
  return rows[0]?.id ?? null;
}
