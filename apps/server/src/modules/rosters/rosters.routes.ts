import { z } from 'zod';
import {
  CalendarSchema,
  CustomRotationBodySchema,
  DecisionBodySchema,
  GapQuerySchema,
  LeaveBodySchema,
  LeaveSchema,
  MinimumsBodySchema,
  OvertimeBodySchema,
  OvertimeSuggestionSchema,
  RangeQuerySchema,
  RosterSettingsBodySchema,
  RosterSettingsSchema,
  RosterTeamSchema,
  StandardRotationBodySchema,
  SwapBodySchema,
  SwapSchema,
  TeamCodeSchema,
} from '@openpsap/contract';
import { invalid, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, principalOf, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { localDateOf } from '../tours/tour-time';
import { staffIdOfUser } from '../staff/staff.queries';
import { computeRoster, coverageGaps, toAssignment } from './roster-assignments';
import { addDays, dayNumber } from './roster-dates';
import { loadRosterState, loadSettings } from './roster-state';
import { applyCustomRotation, applyStandardRotation, listMinimums, listTeams, setMinimums, updateSettings } from './rotation.commands';
import { cancelLeave, decideLeave, listLeave, requestLeave } from './leave.commands';
import { acceptSwap, decideSwap, listSwaps, proposeSwap } from './swaps.commands';
import { assignOvertime, suggestOvertime } from './overtime.commands';
import { memberCalendar } from './roster-ics';
import { hoursCsv, hoursReport } from './hours-report';

const tags = ['rosters'];
const MAX_RANGE_DAYS = 400;
const ListQuery = z.object({ state: z.string().max(20).optional(), staffId: z.coerce.number().int().positive().optional(), purpose: z.string().optional() }).strict();
const HoursQuery = z.object({ from: RangeQuerySchema.shape.from, to: RangeQuerySchema.shape.to, format: z.enum(['json', 'csv']).optional(), purpose: z.string().optional() }).strict();
const IcsQuery = z.object({ from: RangeQuerySchema.shape.from.optional(), to: RangeQuerySchema.shape.to.optional() }).strict();

function checkRange(from: string, to: string): void {
  if (to < from) throw invalid('to', 'must not be before from');
  if (dayNumber(to) - dayNumber(from) > MAX_RANGE_DAYS) throw invalid('to', `at most ${MAX_RANGE_DAYS} days after from`);
}

/** Rotations, the computed schedule, leave, swaps, overtime, calendar files and hours reports. */
export function registerRosterRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  const tz = () => ctx.config.timeZone;
  const today = () => localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const ownStaffId = (req: Parameters<typeof principalOf>[0]) => staffIdOfUser(pool, principalOf(req).user.id);

  api.get('/api/v1/rosters/teams', {
    schema: { tags, summary: 'The four teams with their rotation and member count', response: { 200: z.array(RosterTeamSchema) } },
    config: { access: { permission: 'roster.read' } },
  }, async () => listTeams(pool));

  api.post('/api/v1/rosters/rotation', {
    schema: { tags, summary: 'Put teams A-D on Pitman 2-2-3 (14 days) or DuPont (28 days) from a start date', body: StandardRotationBodySchema, response: { 200: z.array(RosterTeamSchema) } },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => applyStandardRotation(pool, actorFor(req), req.body.pattern, req.body.startDate));

  api.put('/api/v1/rosters/teams/:code/rotation', {
    schema: { tags, summary: 'Put one team on a custom sequence of D (day), N (night) and O (off) days from a start date', params: z.object({ code: TeamCodeSchema }).strict(), body: CustomRotationBodySchema, response: { 200: z.array(RosterTeamSchema) } },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => applyCustomRotation(pool, actorFor(req), req.params.code, req.body.sequence, req.body.startDate));

  api.get('/api/v1/rosters/settings', {
    schema: { tags, summary: 'Shift start times (local) and the configured handling time', response: { 200: RosterSettingsSchema } },
    config: { access: { permission: 'roster.read' } },
  }, async () => loadSettings(pool));

  api.patch('/api/v1/rosters/settings', {
    schema: { tags, summary: 'Change shift start times or the configured handling time', body: RosterSettingsBodySchema, response: { 200: RosterSettingsSchema } },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => updateSettings(pool, actorFor(req), req.body));

  api.get('/api/v1/rosters/minimums', {
    schema: { tags, summary: 'Minimum staffing per position and local hour' },
    config: { access: { permission: 'roster.read' } },
  }, async () => listMinimums(pool));

  api.put('/api/v1/rosters/minimums', {
    schema: { tags, summary: 'Set minimum staffing for the (position, hour) rows given', body: MinimumsBodySchema },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => setMinimums(pool, actorFor(req), req.body.rows));

  api.get('/api/v1/rosters/calendar', {
    schema: { tags, summary: 'Shifts from the pattern, swaps and overtime for a date range (at most 400 days), leave taken, and hours below minimum staffing', querystring: RangeQuerySchema, response: { 200: CalendarSchema } },
    config: { access: { permission: 'roster.read' } },
  }, async (req) => {
    const { from, to, team, staffId } = req.query;
    checkRange(from, to);
    const state = await loadRosterState(pool, from, to);
    // The night before the range covers its first morning.
    const roster = computeRoster(state, addDays(from, -1), to, tz());
    const gaps = coverageGaps(state, roster.shifts, from, to, tz());
    roster.shifts = roster.shifts.filter((s) => s.date >= from);
    roster.leave = roster.leave.filter((s) => s.date >= from);
    const keep = (s: { staffId: number }) => (staffId === undefined || s.staffId === staffId) && (team === undefined || state.members.find((m) => m.staffId === s.staffId)?.team === team);
    return { from, to, timeZone: tz(), assignments: roster.shifts.filter(keep).map(toAssignment), leave: roster.leave.filter(keep).map(({ leaveId: _, ...l }) => l), gaps };
  });

  api.get('/api/v1/rosters/members/:id/calendar.ics', {
    schema: { tags, summary: "A member's shifts as an iCalendar file (default: 30 days back to a year ahead)", params: IdParams, querystring: IcsQuery },
    config: { access: { permission: 'roster.read' } },
  }, async (req, reply) => {
    const from = req.query.from ?? localDateOf(new Date(ctx.clock.now().getTime() - 30 * 86_400_000), tz());
    const to = req.query.to ?? localDateOf(new Date(ctx.clock.now().getTime() + 365 * 86_400_000), tz());
    checkRange(from, to);
    const state = await loadRosterState(pool, from, to);
    const member = state.members.find((m) => m.staffId === req.params.id);
    if (!member) throw notFound(`roster member ${req.params.id}`);
    const shifts = computeRoster(state, from, to, tz()).shifts.filter((s) => s.staffId === member.staffId);
    reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="shifts-${member.staffId}.ics"`);
    return memberCalendar(shifts, ctx.clock.now(), 'OpenPSAP communications centre');
  });

  api.get('/api/v1/rosters/reports/hours', {
    schema: { tags, summary: 'Hours per member over a period: scheduled, swapped, overtime, leave, clock-change shifts (JSON or ?format=csv; purpose required)', querystring: HoursQuery },
    config: { access: { permission: 'roster.report' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const { from, to } = req.query;
    checkRange(from, to);
    const state = await loadRosterState(pool, from, to);
    const rows = hoursReport(state.members, computeRoster(state, from, to, tz()), 12);
    await auditView(ctx, req, 'staff-hours', rows.map((r) => r.staffId), purpose, { from, to });
    if (req.query.format === 'csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="hours-${from}-${to}.csv"`);
      return hoursCsv(rows);
    }
    return rows;
  });

  api.get('/api/v1/rosters/leave', {
    schema: { tags, summary: 'Leave requests (purpose required: leave kinds are personal)', querystring: ListQuery, response: { 200: z.array(LeaveSchema) } },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const rows = await listLeave(pool, tz(), { state: req.query.state, staffId: req.query.staffId });
    await auditView(ctx, req, 'roster-leave', rows.map((r) => r.id), purpose);
    return rows;
  });

  api.post('/api/v1/rosters/leave', {
    schema: { tags, summary: 'Ask for leave (for yourself; a supervisor for anyone)', body: LeaveBodySchema, response: { 201: LeaveSchema } },
    config: { access: { permission: 'roster.request' } },
  }, async (req, reply) => {
    const leave = await requestLeave(pool, actorFor(req), await ownStaffId(req), req.body, tz());
    reply.code(201);
    return leave;
  });

  api.post('/api/v1/rosters/leave/:id/decision', {
    schema: { tags, summary: 'Approve (shifts come off the roster) or refuse a leave request', params: IdParams, body: DecisionBodySchema, response: { 200: LeaveSchema } },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => decideLeave(pool, actorFor(req), req.params.id, req.body.approve, tz()));

  api.post('/api/v1/rosters/leave/:id/cancel', {
    schema: { tags, summary: 'Withdraw a leave request, or approved leave that has not started', params: IdParams, response: { 200: LeaveSchema } },
    config: { access: { permission: 'roster.request' } },
  }, async (req) => cancelLeave(pool, actorFor(req), await ownStaffId(req), req.params.id, today(), tz()));

  api.get('/api/v1/rosters/swaps', {
    schema: { tags, summary: 'Shift swaps', querystring: ListQuery, response: { 200: z.array(SwapSchema) } },
    config: { access: { permission: 'roster.read' } },
  }, async (req) => listSwaps(pool, { state: req.query.state, staffId: req.query.staffId }));

  api.post('/api/v1/rosters/swaps', {
    schema: { tags, summary: 'Propose a swap: give your shift on giveDate to a partner, optionally taking theirs on takeDate', body: SwapBodySchema, response: { 201: SwapSchema } },
    config: { access: { permission: 'roster.request' } },
  }, async (req, reply) => {
    const swap = await proposeSwap(pool, actorFor(req), await ownStaffId(req), req.body, tz());
    reply.code(201);
    return swap;
  });

  api.post('/api/v1/rosters/swaps/:id/accept', {
    schema: { tags, summary: 'Accept a swap as one of its two members', params: IdParams, response: { 200: SwapSchema } },
    config: { access: { permission: 'roster.request' } },
  }, async (req) => acceptSwap(pool, actorFor(req), await ownStaffId(req), req.params.id));

  api.post('/api/v1/rosters/swaps/:id/decision', {
    schema: { tags, summary: 'Approve (both members accepted; minimum staffing and the 16-hour rule checked) or refuse a swap', params: IdParams, body: DecisionBodySchema, response: { 200: SwapSchema } },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => decideSwap(pool, actorFor(req), req.params.id, req.body.approve, tz()));

  api.get('/api/v1/rosters/overtime/suggestions', {
    schema: { tags, summary: 'Who could fill a gap, fairest first: off-duty members of the position by overtime hours in the last 90 days, then seniority; never over the 16-hour rule', querystring: GapQuerySchema, response: { 200: z.array(OvertimeSuggestionSchema) } },
    config: { access: { permission: 'roster.manage' } },
  }, async (req) => suggestOvertime(pool, req.query, today(), tz()));

  api.post('/api/v1/rosters/overtime', {
    schema: { tags, summary: 'Book overtime for a member (a whole shift, or its first N hours)', body: OvertimeBodySchema },
    config: { access: { permission: 'roster.manage' } },
  }, async (req, reply) => {
    const ot = await assignOvertime(pool, actorFor(req), req.body, today(), tz());
    reply.code(201);
    return ot;
  });
}
