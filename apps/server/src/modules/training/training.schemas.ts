import { z } from 'zod';
import { isCalendarDate } from './training-dates';
import { ProgramDefinitionSchema } from './training-program';

/** A calendar date as YYYY-MM-DD, checked to exist. */
export const DateText = z.string().refine(isCalendarDate, 'must be a date as YYYY-MM-DD');
const StaffId = z.number().int('must be a whole number').positive('must be a staff member id');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const EnrolBodySchema = z.object({
  staffMemberId: StaffId.optional(),
  // A new hire not yet in the staff register is added to it here.
  person: z.object({ displayName: Text(120), employeeNo: Text(40).optional(), email: z.string().trim().email('must be an e-mail address').max(200).optional() }).strict().optional(),
  hiredOn: DateText,
  ctoStaffId: StaffId.optional(),
  programId: z.number().int().positive().optional(),
}).strict();

export const TraineeUpdateBodySchema = z.object({
  ctoStaffId: StaffId.nullable().optional(),
  status: z.enum(['in-training', 'withdrawn']).optional(),
}).strict();

export const DorBodySchema = z.object({
  observedOn: DateText,
  ratings: z.record(z.string(), z.number({ error: 'must be a number from 1 to 7' }).int('must be a whole number from 1 to 7').min(1, 'must be from 1 to 7').max(7, 'must be from 1 to 7')),
  narrative: Text(10_000),
  ctoStaffId: StaffId.optional(),
}).strict();

export const AcknowledgeBodySchema = z.object({ comment: z.string().trim().max(2000).optional() }).strict();

export const ChecklistSignoffBodySchema = z.object({
  phaseKey: Text(40),
  itemKey: Text(40),
  signedOn: DateText.optional(),
  ctoStaffId: StaffId.optional(),
}).strict();

export const PhaseSignoffBodySchema = z.object({
  phaseKey: Text(40),
  signedOn: DateText.optional(),
  ctoStaffId: StaffId.optional(),
  note: z.string().trim().max(2000).optional(),
}).strict();

export const ProgramBodySchema = z.object({ name: Text(120), definition: ProgramDefinitionSchema, makeDefault: z.boolean().optional() }).strict();

export const TrainingListQuerySchema = z.object({
  purpose: z.string().optional(),
  status: z.enum(['in-training', 'released', 'withdrawn', 'all']).optional(),
  format: z.enum(['json', 'csv']).optional(),
}).strict();
export const PurposeQuerySchema = z.object({ purpose: z.string().optional() }).strict();
