import type { ComputedRoster } from './roster-assignments';
import type { RosterMember } from './roster-state';

export interface HoursRow {
  staffId: number;
  name: string;
  team: string | null;
  position: string;
  shifts: number;
  scheduledHours: number;
  swapHours: number;
  overtimeHours: number;
  totalHours: number;
  leaveShifts: number;
  /** Shifts not 12 hours long because the clocks changed during them, e.g. "2026-11-01 N 13 h". */
  clockChangeShifts: string[];
}

/** Hours per member over a period: the pattern's, swapped in, overtime, leave taken, clock-change shifts named. */
export function hoursReport(members: RosterMember[], roster: ComputedRoster, nominalHours: number): HoursRow[] {
  const rows = new Map<number, HoursRow>(
    members.map((m) => [m.staffId, { staffId: m.staffId, name: m.name, team: m.team, position: m.position, shifts: 0, scheduledHours: 0, swapHours: 0, overtimeHours: 0, totalHours: 0, leaveShifts: 0, clockChangeShifts: [] }]),
  );
  for (const s of roster.shifts) {
    const r = rows.get(s.staffId);
    if (!r) continue;
    r.shifts++;
    if (s.source === 'overtime') r.overtimeHours += s.hours;
    else if (s.source === 'swap') r.swapHours += s.hours;
    else r.scheduledHours += s.hours;
    r.totalHours += s.hours;
    if (s.source !== 'overtime' && s.hours !== nominalHours) r.clockChangeShifts.push(`${s.date} ${s.shift} ${s.hours} h`);
  }
  for (const l of roster.leave) {
    const r = rows.get(l.staffId);
    if (r) r.leaveShifts++;
  }
  return [...rows.values()];
}

function csvCell(v: unknown): string {
  const s = String(v ?? '');
  // A leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function hoursCsv(rows: HoursRow[]): string {
  return toCsv(
    ['staff_id', 'name', 'team', 'position', 'shifts', 'scheduled_hours', 'swap_hours', 'overtime_hours', 'total_hours', 'leave_shifts', 'clock_change_shifts'],
    rows.map((r) => [r.staffId, r.name, r.team, r.position, r.shifts, r.scheduledHours, r.swapHours, r.overtimeHours, r.totalHours, r.leaveShifts, r.clockChangeShifts.join('; ')]),
  );
}
