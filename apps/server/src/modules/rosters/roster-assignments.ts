import type { RosterAssignment, CoverageGap, RosterPosition, ShiftKind } from '@openpsap/contract';
import { ROSTER_POSITIONS } from '@openpsap/contract';
import { addDays, datesBetween, localDateHour, shiftWindow } from './roster-dates';
import { shiftOn } from './roster-patterns';
import { minimumKey, type RosterMember, type RosterState } from './roster-state';

export interface ComputedShift extends Omit<RosterAssignment, 'start' | 'end'> {
  start: Date;
  end: Date;
}

export interface ComputedRoster {
  shifts: ComputedShift[];
  /** Shifts the pattern gave that approved leave took away. */
  leave: { staffId: number; name: string; date: string; shift: ShiftKind; leaveId: number }[];
}

function employedOn(m: RosterMember, date: string): boolean {
  return (!m.hiredOn || m.hiredOn <= date) && (!m.leftOn || m.leftOn > date);
}

/**
 * Who works which shift from `from` to `to` (dates a shift starts on): the teams' patterns, then
 * approved swaps move shifts between people, overtime adds them, and approved leave removes them.
 */
export function computeRoster(state: RosterState, from: string, to: string, timeZone: string): ComputedRoster {
  const byId = new Map(state.members.map((m) => [m.staffId, m]));
  const teams = new Map(state.teams.map((t) => [t.code, t]));
  const key = (staffId: number, date: string) => `${staffId}|${date}`;
  const slots = new Map<string, { staffId: number; date: string; shift: ShiftKind; source: RosterAssignment['source']; position: RosterPosition; hours: number | null }>();
  const dates = datesBetween(from, to);
  for (const m of state.members) {
    const team = m.team ? teams.get(m.team) : undefined;
    if (!team?.sequence || !team.cycleStart) continue;
    for (const date of dates) {
      if (!employedOn(m, date)) continue;
      const shift = shiftOn(team.sequence, team.cycleStart, date);
      if (shift) slots.set(key(m.staffId, date), { staffId: m.staffId, date, shift, source: 'pattern', position: m.position, hours: null });
    }
  }
  // A swap needs the shift the pattern gave; work it out from the pattern directly, since the
  // swapped date may lie outside the range asked for.
  const inRange = (d: string) => d >= from && d <= to;
  const move = (fromId: number, toId: number, date: string, shift: ShiftKind) => {
    if (!inRange(date)) return;
    slots.delete(key(fromId, date));
    const to = byId.get(toId);
    if (to) slots.set(key(toId, date), { staffId: toId, date, shift, source: 'swap', position: to.position, hours: null });
  };
  for (const s of state.swaps) {
    move(s.requesterId, s.partnerId, s.giveDate, s.giveShift);
    if (s.takeDate && s.takeShift) move(s.partnerId, s.requesterId, s.takeDate, s.takeShift);
  }
  for (const o of state.overtime) {
    if (inRange(o.date)) slots.set(`${key(o.staffId, o.date)}|${o.shift}`, { staffId: o.staffId, date: o.date, shift: o.shift, source: 'overtime', position: o.position, hours: o.hours });
  }
  const leave: ComputedRoster['leave'] = [];
  const shifts: ComputedShift[] = [];
  for (const [k, s] of slots) {
    const m = byId.get(s.staffId);
    if (!m) continue;
    const onLeave = state.leave.find((l) => l.staffId === s.staffId && l.from <= s.date && l.to >= s.date);
    if (onLeave) {
      leave.push({ staffId: s.staffId, name: m.name, date: s.date, shift: s.shift, leaveId: onLeave.id });
      continue;
    }
    const w = shiftWindow(s.date, s.shift, state.settings, timeZone);
    const end = s.hours ? new Date(w.start.getTime() + s.hours * 3_600_000) : w.end;
    void k;
    shifts.push({ staffId: s.staffId, name: m.name, team: m.team, position: s.position, date: s.date, shift: s.shift, start: w.start, end, hours: (end.getTime() - w.start.getTime()) / 3_600_000, source: s.source });
  }
  shifts.sort((a, b) => a.start.getTime() - b.start.getTime() || a.position.localeCompare(b.position) || a.name.localeCompare(b.name));
  leave.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
  return { shifts, leave };
}

export function toAssignment(s: ComputedShift): RosterAssignment {
  return { ...s, start: s.start.toISOString(), end: s.end.toISOString() };
}

/** Each local hour from the start of `from` to the end of `to`, as the UTC instant it begins. */
export function hoursBetween(from: string, to: string, timeZone: string): { at: Date; date: string; hour: number; weekday: number }[] {
  const start = shiftWindow(from, 'D', { dayStart: '00:00', nightStart: '12:00' }, timeZone).start;
  const end = shiftWindow(addDays(to, 1), 'D', { dayStart: '00:00', nightStart: '12:00' }, timeZone).start;
  const out: { at: Date; date: string; hour: number; weekday: number }[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += 3_600_000) {
    const at = new Date(t);
    out.push({ at, ...localDateHour(at, timeZone) });
  }
  return out;
}

/** How many of each position are on shift in each hour, indexed like hoursBetween's list. */
export function countsPerHour(shifts: ComputedShift[], hours: { at: Date }[]): Map<RosterPosition, Int32Array> {
  const counts = new Map<RosterPosition, Int32Array>(ROSTER_POSITIONS.map((p) => [p, new Int32Array(hours.length)]));
  if (!hours.length) return counts;
  const t0 = hours[0]!.at.getTime();
  for (const s of shifts) {
    const arr = counts.get(s.position)!;
    // An hour counts as covered when the shift is on at its first instant.
    const first = Math.max(0, Math.ceil((s.start.getTime() - t0) / 3_600_000));
    const last = Math.min(hours.length - 1, Math.ceil((s.end.getTime() - t0) / 3_600_000) - 1);
    for (let i = first; i <= last; i++) arr[i]!++;
  }
  return counts;
}

/** Hours in which a position has fewer people on shift than its minimum. */
export function coverageGaps(state: RosterState, shifts: ComputedShift[], from: string, to: string, timeZone: string): CoverageGap[] {
  const hours = hoursBetween(from, to, timeZone);
  const counts = countsPerHour(shifts, hours);
  const gaps: CoverageGap[] = [];
  hours.forEach((h, i) => {
    for (const p of ROSTER_POSITIONS) {
      const minimum = state.minimums.get(minimumKey(p, h.hour)) ?? 0;
      const scheduled = counts.get(p)![i]!;
      if (scheduled < minimum) gaps.push({ date: h.date, hour: h.hour, start: h.at.toISOString(), position: p, minimum, scheduled, shortfall: minimum - scheduled });
    }
  });
  return gaps;
}

// Work separated by less than this much rest counts as one stretch for the 16-hour rule.
const MIN_REST_MS = 8 * 3_600_000;
export const MAX_STRETCH_HOURS = 16;

/** The longest stretch of work, in hours, in a set of shifts of one person. */
export function longestStretchHours(windows: { start: Date; end: Date }[]): number {
  const sorted = [...windows].sort((a, b) => a.start.getTime() - b.start.getTime());
  let best = 0;
  let curStart = 0;
  let curEnd = -Infinity;
  for (const w of sorted) {
    if (w.start.getTime() - curEnd < MIN_REST_MS) curEnd = Math.max(curEnd, w.end.getTime());
    else {
      curStart = w.start.getTime();
      curEnd = w.end.getTime();
    }
    best = Math.max(best, (curEnd - curStart) / 3_600_000);
  }
  return best;
}
