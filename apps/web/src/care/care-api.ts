import type {
  CareAlert,
  CareCheckInResult,
  CareEnrolment,
  CareEnrolmentSummary,
  CarePublicInfo,
  CareToday,
  CreateCareEnrolmentBody,
  Role,
  UpdateCareEnrolmentBody,
} from '@openpsap/contract';
import { api } from '../api/client';

// The CARE API as the web app uses it; the shapes come from packages/contract/src/care.ts.

const q = encodeURIComponent;

/** Today's board, most urgent first. */
export const loadToday = () => api<CareToday>('GET', '/api/v1/care/today');
/** The call-takers' queue: every open alert, whatever its date. */
export const loadOpenAlerts = () => api<CareAlert[]>('GET', '/api/v1/care/alerts?state=open');
/** Every enrolment, without contacts, notes or codes. */
export const loadEnrolments = () => api<CareEnrolmentSummary[]>('GET', '/api/v1/care/enrolments');
/** A whole record; the purpose goes to the audit log with the read. */
export const loadEnrolment = (id: number, purpose: string) => api<CareEnrolment>('GET', `/api/v1/care/enrolments/${id}?purpose=${q(purpose)}`);
/** Enrols a senior; the reply has the code and link to give them. */
export const enrol = (body: Partial<CreateCareEnrolmentBody>) => api<CareEnrolment>('POST', '/api/v1/care/enrolments', body);
/** Changes an enrolment (pause and resume are `active`). */
export const changeEnrolment = (id: number, body: UpdateCareEnrolmentBody) => api<CareEnrolment>('PATCH', `/api/v1/care/enrolments/${id}`, body);
/** Records a check-in made by phone call with staff. */
export const checkInByPhone = (id: number, note?: string) => api<CareCheckInResult>('POST', `/api/v1/care/enrolments/${id}/check-in`, note ? { note } : {});
/** Closes an open alert with how the senior was reached. */
export const resolveAlert = (id: number, note: string) => api<CareAlert>('POST', `/api/v1/care/alerts/${id}/resolve`, { note });

/** The public page's view of a personal link. */
export const loadLink = (token: string) => api<CarePublicInfo>('GET', `/api/v1/care/public/${q(token)}`);
/** "I'm OK" from the personal link. */
export const checkInByLink = (token: string) => api<CareCheckInResult>('POST', `/api/v1/care/public/${q(token)}/check-in`);
/** "I'm OK" with the 6-digit code. */
export const checkInByCode = (code: string) => api<CareCheckInResult>('POST', '/api/v1/care/public/check-in', { code });

// Mirrors apps/server/src/auth/permissions.ts, only to hide buttons the server would refuse anyway.
const MANAGE: readonly Role[] = ['supervisor', 'community-officer'];
const CHECK_IN: readonly Role[] = ['call-taker', 'dispatcher', 'supervisor', 'community-officer'];

/** Whether the role may enrol, change and pause enrolments. */
export const mayManage = (role: Role) => MANAGE.includes(role);
/** Whether the role may record phone check-ins and resolve alerts. */
export const mayCheckIn = (role: Role) => CHECK_IN.includes(role);
