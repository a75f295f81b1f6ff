import { api } from '../api/client';
import type { Forecast, LiveStaffing, RosterCalendar, RosterPosition, RosterTeam, StaffMember } from '@openpsap/contract';

/** Why the schedule screens open the staff register and leave records; the server audits it. */
export const SCHEDULE_PURPOSE = 'staff scheduling';

export interface ForecastDataset { code: string; name: string; timeZone: string; from: string | null; to: string | null }
export interface LeaveRow { id: number; staffId: number; name: string; from: string; to: string; kind: string; state: string; shiftsAffected: number }
export interface SwapRow { id: number; requesterName: string; partnerName: string; giveDate: string; giveShift: string; takeDate: string | null; requesterAccepted: boolean; partnerAccepted: boolean; state: string }
export interface Suggestion { staffId: number; name: string; team: string | null; overtimeHours90d: number; hiredOn: string | null; rank: number }

export const scheduleApi = {
  teams: () => api<RosterTeam[]>('GET', '/api/v1/rosters/teams'),
  rotate: (pattern: 'pitman' | 'dupont', startDate: string) => api<RosterTeam[]>('POST', '/api/v1/rosters/rotation', { pattern, startDate }),
  staff: () => api<StaffMember[]>('GET', '/api/v1/staff', undefined, { purpose: SCHEDULE_PURPOSE }),
  addStaff: (body: { displayName: string; team: string; position: RosterPosition; hiredOn?: string }) => api<StaffMember>('POST', '/api/v1/staff', body),
  calendar: (from: string, to: string, filter: { team?: string; staffId?: number }) => {
    const q = new URLSearchParams({ from, to });
    if (filter.team) q.set('team', filter.team);
    if (filter.staffId) q.set('staffId', String(filter.staffId));
    return api<RosterCalendar>('GET', `/api/v1/rosters/calendar?${q}`);
  },
  leave: () => api<LeaveRow[]>('GET', '/api/v1/rosters/leave?state=requested', undefined, { purpose: SCHEDULE_PURPOSE }),
  decideLeave: (id: number, approve: boolean) => api<LeaveRow>('POST', `/api/v1/rosters/leave/${id}/decision`, { approve }),
  swaps: () => api<SwapRow[]>('GET', '/api/v1/rosters/swaps?state=proposed'),
  decideSwap: (id: number, approve: boolean) => api<SwapRow>('POST', `/api/v1/rosters/swaps/${id}/decision`, { approve }),
  suggestions: (date: string, shift: 'D' | 'N', position: RosterPosition) => api<Suggestion[]>('GET', `/api/v1/rosters/overtime/suggestions?${new URLSearchParams({ date, shift, position })}`),
  bookOvertime: (body: { staffId: number; date: string; shift: 'D' | 'N'; position: RosterPosition }) => api('POST', '/api/v1/rosters/overtime', body),
  datasets: () => api<ForecastDataset[]>('GET', '/api/v1/staffing/forecast/datasets'),
  forecast: (q: { dataset: string; from: string; to: string; rosterFrom: string; rosterTo: string }) => api<Forecast>('GET', `/api/v1/staffing/forecast?${new URLSearchParams(q)}`),
  live: () => api<LiveStaffing>('GET', '/api/v1/staffing/live'),
  myPosition: () => api<{ position: RosterPosition | null }>('GET', '/api/v1/staffing/my-position'),
  setMyPosition: (position: RosterPosition | null) => api<{ position: RosterPosition | null }>('PUT', '/api/v1/staffing/my-position', { position }),
};

/** Calendar arithmetic on YYYY-MM-DD strings (UTC days: no browser zone involved). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function monthBounds(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

/** ISO weekday, Monday = 1. */
export function weekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
