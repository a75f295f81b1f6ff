import { z } from 'zod';
import { isIsoDate } from './tours';

// Workforce: the staff register, 12-hour rotations, leave, swaps, overtime, live staffing and the
// staffing forecast. The rosters module owns this file's schemas.

export const ROSTER_POSITIONS = ['call-taker', 'police-dispatch', 'fire-ems-dispatch', 'supervisor'] as const;
export type RosterPosition = (typeof ROSTER_POSITIONS)[number];
export const RosterPositionSchema = z.enum(ROSTER_POSITIONS, { error: 'must be call-taker, police-dispatch, fire-ems-dispatch or supervisor' });
export const POSITION_LABELS: Record<RosterPosition, string> = {
  'call-taker': 'Call-taker',
  'police-dispatch': 'Police dispatch',
  'fire-ems-dispatch': 'Fire/EMS dispatch',
  supervisor: 'Supervisor',
};

export const TEAM_CODES = ['A', 'B', 'C', 'D'] as const;
export type TeamCode = (typeof TEAM_CODES)[number];
export const TeamCodeSchema = z.enum(TEAM_CODES, { error: 'must be team A, B, C or D' });

/** D = day shift, N = night shift. */
export const SHIFT_KINDS = ['D', 'N'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];
export const ShiftKindSchema = z.enum(SHIFT_KINDS, { error: 'must be D (day) or N (night)' });

export const PATTERN_KINDS = ['pitman', 'dupont', 'custom'] as const;
export type PatternKind = (typeof PATTERN_KINDS)[number];

const RosterDate = z.string().refine(isIsoDate, 'must be a date such as 2026-05-12');
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 07:00');

// --- staff register -------------------------------------------------------------------------

export const StaffMemberSchema = z.object({
  id: z.number().int(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  employeeNo: z.string().nullable(),
  displayName: z.string(),
  organisation: z.string(),
  jobTitle: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hiredOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  team: TeamCodeSchema.nullable(),
  position: RosterPositionSchema.nullable(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
export const StaffMemberBodySchema = z
  .object({
    displayName: Text(120),
    userId: z.number().int().positive().nullable().optional(),
    employeeNo: Text(40).nullable().optional(),
    organisation: Text(20).optional(),
    jobTitle: Text(120).nullable().optional(),
    email: z.email('must be an e-mail address').max(200).nullable().optional(),
    phone: Text(40).nullable().optional(),
    hiredOn: RosterDate.nullable().optional(),
    leftOn: RosterDate.nullable().optional(),
    team: TeamCodeSchema.nullable().optional(),
    position: RosterPositionSchema.nullable().optional(),
  })
  .strict();
export type StaffMemberBody = z.infer<typeof StaffMemberBodySchema>;
export const StaffMemberPatchSchema = StaffMemberBodySchema.partial().strict();

// --- rotations ------------------------------------------------------------------------------

export const RosterTeamSchema = z.object({
  code: TeamCodeSchema,
  pattern: z.enum(PATTERN_KINDS).nullable(),
  /** One letter per day of the cycle: D day, N night, O off. */
  sequence: z.string().nullable(),
  cycleStart: z.string().nullable(),
  members: z.number().int(),
});
export type RosterTeam = z.infer<typeof RosterTeamSchema>;

/** Puts the four teams on a standard rotation from a start date (team A on its first day). */
export const StandardRotationBodySchema = z.object({ pattern: z.enum(['pitman', 'dupont'], { error: 'must be pitman or dupont' }), startDate: RosterDate }).strict();
/** One team on a custom sequence; the sequence's rules are checked by the server, naming the field. */
export const CustomRotationBodySchema = z.object({ sequence: z.string().max(200, 'at most 200 days'), startDate: RosterDate }).strict();

export const RosterSettingsSchema = z.object({ dayStart: HhMm, nightStart: HhMm, ahtSeconds: z.number().int().min(10).max(3600) });
export type RosterSettings = z.infer<typeof RosterSettingsSchema>;
export const RosterSettingsBodySchema = RosterSettingsSchema.partial().strict();

export const MinimumRowSchema = z.object({ position: RosterPositionSchema, hour: z.number().int().min(0).max(23), minimum: z.number().int().min(0).max(50) });
export const MinimumsBodySchema = z.object({ rows: z.array(MinimumRowSchema.strict()).min(1).max(96) }).strict();

// --- assignments ----------------------------------------------------------------------------

export const RosterAssignmentSchema = z.object({
  staffId: z.number().int(),
  name: z.string(),
  team: TeamCodeSchema.nullable(),
  position: RosterPositionSchema,
  date: z.string(),
  shift: ShiftKindSchema,
  start: z.string(),
  end: z.string(),
  hours: z.number(),
  source: z.enum(['pattern', 'swap', 'overtime']),
});
export type RosterAssignment = z.infer<typeof RosterAssignmentSchema>;

export const RangeQuerySchema = z
  .object({
    from: RosterDate,
    to: RosterDate,
    team: TeamCodeSchema.optional(),
    staffId: z.coerce.number().int().positive().optional(),
    purpose: z.string().optional(),
  })
  .strict();

export const CoverageGapSchema = z.object({ date: z.string(), hour: z.number().int(), start: z.string(), position: RosterPositionSchema, minimum: z.number().int(), scheduled: z.number().int(), shortfall: z.number().int() });
export type CoverageGap = z.infer<typeof CoverageGapSchema>;

export const CalendarSchema = z.object({ from: z.string(), to: z.string(), timeZone: z.string(), assignments: z.array(RosterAssignmentSchema), leave: z.array(z.object({ staffId: z.number().int(), name: z.string(), date: z.string(), shift: ShiftKindSchema })), gaps: z.array(CoverageGapSchema) });
export type RosterCalendar = z.infer<typeof CalendarSchema>;

// --- leave, swaps, overtime -----------------------------------------------------------------

export const LEAVE_KINDS = ['annual', 'sick', 'training', 'other'] as const;
export const LeaveBodySchema = z.object({ staffId: z.number().int().positive(), from: RosterDate, to: RosterDate, kind: z.enum(LEAVE_KINDS), note: z.string().max(300).optional() }).strict();
export const LeaveSchema = z.object({ id: z.number().int(), staffId: z.number().int(), name: z.string(), from: z.string(), to: z.string(), kind: z.string(), note: z.string().nullable(), state: z.enum(['requested', 'approved', 'refused', 'cancelled']), decidedBy: z.string().nullable(), shiftsAffected: z.number().int() });
export type Leave = z.infer<typeof LeaveSchema>;
export const DecisionBodySchema = z.object({ approve: z.boolean(), note: z.string().max(300).optional() }).strict();

/** The requester gives their shift on giveDate to the partner; with takeDate, takes the partner's shift back. */
export const SwapBodySchema = z.object({ requesterId: z.number().int().positive(), partnerId: z.number().int().positive(), giveDate: RosterDate, takeDate: RosterDate.optional() }).strict();
export const SwapSchema = z.object({
  id: z.number().int(),
  requesterId: z.number().int(),
  requesterName: z.string(),
  partnerId: z.number().int(),
  partnerName: z.string(),
  giveDate: z.string(),
  giveShift: ShiftKindSchema,
  takeDate: z.string().nullable(),
  takeShift: ShiftKindSchema.nullable(),
  requesterAccepted: z.boolean(),
  partnerAccepted: z.boolean(),
  state: z.enum(['proposed', 'approved', 'refused', 'cancelled']),
  decidedBy: z.string().nullable(),
});
export type Swap = z.infer<typeof SwapSchema>;

export const GapQuerySchema = z.object({ date: RosterDate, shift: ShiftKindSchema, position: RosterPositionSchema, hours: z.coerce.number().int().min(1).max(12).optional() }).strict();
export const OvertimeSuggestionSchema = z.object({ staffId: z.number().int(), name: z.string(), team: TeamCodeSchema.nullable(), overtimeHours90d: z.number(), hiredOn: z.string().nullable(), rank: z.number().int() });
export const OvertimeBodySchema = z.object({ staffId: z.number().int().positive(), date: RosterDate, shift: ShiftKindSchema, position: RosterPositionSchema, hours: z.number().int().min(1).max(12).optional() }).strict();

// --- live staffing and forecast -------------------------------------------------------------

export const PositionChoiceBodySchema = z.object({ position: RosterPositionSchema.nullable() }).strict();
export const LiveStaffingSchema = z.object({
  at: z.string(),
  localHour: z.number().int(),
  positions: z.array(
    z.object({
      position: RosterPositionSchema,
      minimum: z.number().int(),
      scheduled: z.array(z.object({ staffId: z.number().int(), name: z.string(), team: TeamCodeSchema.nullable() })),
      signedIn: z.array(z.object({ username: z.string(), name: z.string() })),
      shortfall: z.number().int(),
    }),
  ),
  withoutPosition: z.array(z.object({ username: z.string(), name: z.string(), role: z.string() })),
});
export type LiveStaffing = z.infer<typeof LiveStaffingSchema>;

export const ForecastQuerySchema = z
  .object({
    dataset: z.string().min(1).max(40).default('live'),
    from: RosterDate,
    to: RosterDate,
    rosterFrom: RosterDate.optional(),
    rosterTo: RosterDate.optional(),
    ahtSeconds: z.coerce.number().int().min(10).max(3600).optional(),
  })
  .strict();
export const ForecastSchema = z.object({
  dataset: z.string(),
  timeZone: z.string(),
  history: z.object({ from: z.string(), to: z.string(), calls: z.number().int(), weeks: z.number() }),
  ahtSeconds: z.number(),
  ahtSource: z.enum(['calls', 'configured']),
  target: z.object({ percent: z.number(), seconds: z.number() }),
  hourOfWeek: z.array(z.object({ day: z.number().int(), hour: z.number().int(), callsPerHour: z.number(), erlangs: z.number(), needed: z.number().int() })),
  roster: z.object({ from: z.string(), to: z.string() }),
  hours: z.array(z.object({ date: z.string(), hour: z.number().int(), start: z.string(), needed: z.number().int(), scheduled: z.number().int(), shortfall: z.number().int() })),
  shortHours: z.number().int(),
});
export type Forecast = z.infer<typeof ForecastSchema>;
