import type {
  BlockTourDateBody,
  ConfirmTourBody,
  PublicTour,
  TourActionResult,
  TourAvailability,
  TourBlockedDate,
  TourDetail,
  TourMonth,
  TourRequestBody,
  TourSummary,
} from '@openpsap/contract';
import { api } from '../api/client';

// One place for the tours API's paths, so screens read as what they do.

/** The rules, today and the unavailable days, for the public form's instant checks. */
export const loadAvailability = () => api<TourAvailability>('GET', '/api/v1/public/tours/availability');
/** Sends a public request; answers the reference to quote. */
export const sendTourRequest = (body: TourRequestBody) => api<{ id: number; reference: string }>('POST', '/api/v1/public/tours', body);
/** The requester's own request, with the token from their link. */
export const loadOwnTour = (reference: string, token: string) => api<PublicTour>('GET', `/api/v1/public/tours/${encodeURIComponent(reference)}?token=${encodeURIComponent(token)}`);
/** Withdraws the requester's own request. */
export const withdrawOwnTour = (reference: string, token: string) => api<PublicTour>('POST', `/api/v1/public/tours/${encodeURIComponent(reference)}/withdraw`, { token });
/** Where the requester downloads the calendar file of their confirmed tour. */
export const ownTourIcsUrl = (reference: string, token: string) => `/api/v1/public/tours/${encodeURIComponent(reference)}/ics?token=${encodeURIComponent(token)}`;

/** Requests waiting for an officer, oldest first. */
export const loadWaiting = () => api<TourSummary[]>('GET', '/api/v1/tours?state=requested');
/** One month of the calendar. */
export const loadMonth = (month: string) => api<TourMonth>('GET', `/api/v1/tours/calendar?month=${month}`);
/** A request's contact details; the server audits the read with the purpose. */
export const loadTourDetail = (id: number, purpose: string) => api<TourDetail>('GET', `/api/v1/tours/${id}`, undefined, { purpose });
/** Books a waiting request into a slot; 409 when taken, 422 when the rules say no. */
export const confirmTour = (id: number, body: ConfirmTourBody) => api<TourActionResult>('POST', `/api/v1/tours/${id}/confirm`, body);
/** Turns a request down; the message goes to the requester. */
export const declineTour = (id: number, message: string) => api<TourActionResult>('POST', `/api/v1/tours/${id}/decline`, { message });
/** Cancels a confirmed tour; the message goes to the requester. */
export const cancelTour = (id: number, message: string) => api<TourActionResult>('POST', `/api/v1/tours/${id}/cancel`, { message });
/** Where staff download a confirmed tour's calendar file. */
export const staffIcsUrl = (id: number) => `/api/v1/tours/${id}/ics`;
/** Blocked days from a date on. */
export const loadBlocked = (from: string) => api<TourBlockedDate[]>('GET', `/api/v1/tours/blocked-dates?from=${from}`);
/** Closes a day to tours. */
export const blockDate = (body: BlockTourDateBody) => api<TourBlockedDate>('POST', '/api/v1/tours/blocked-dates', body);
/** Opens a blocked day again. */
export const unblockDate = (date: string) => api<TourBlockedDate>('DELETE', `/api/v1/tours/blocked-dates/${date}`);
