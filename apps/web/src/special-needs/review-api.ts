import type { SpecialNeedsRecord } from '@openpsap/contract';
import { api } from '../api/client';

export interface ListItem {
  id: number;
  state: string;
  personName: string;
  address: string;
  conditions: string[];
  submittedAt: string;
  updatedAt: string;
  expiresAt: string | null;
  expired: boolean;
  dueSoon: boolean;
}

export interface Detail extends SpecialNeedsRecord {
  cautionId: number | null;
  history: Array<{ at: string; actor: string; action: string; purpose: string | null }>;
}

/** The review queue's calls; each read carries the purpose the officer stated. */
export const reviewApi = (purpose: string) => ({
  list: (filter: string, q: string) => api<{ items: ListItem[]; counts: Record<string, number> }>('GET', `/api/v1/special-needs?filter=${filter}${q.trim().length >= 2 ? `&q=${encodeURIComponent(q.trim())}` : ''}`, undefined, { purpose }),
  one: (id: number) => api<Detail>('GET', `/api/v1/special-needs/${id}`, undefined, { purpose }),
  photoUrl: (id: number) => `/api/v1/special-needs/${id}/photo?purpose=${encodeURIComponent(purpose)}`,
  pdfUrl: (id: number) => `/api/v1/special-needs/${id}/pdf?purpose=${encodeURIComponent(purpose)}`,
  approve: (id: number, body: { lat?: number; lon?: number; note?: string }) => api<SpecialNeedsRecord>('POST', `/api/v1/special-needs/${id}/approve`, body),
  askMore: (id: number, message: string) => api<SpecialNeedsRecord>('POST', `/api/v1/special-needs/${id}/ask-more`, { message }),
  reject: (id: number, message: string) => api<SpecialNeedsRecord>('POST', `/api/v1/special-needs/${id}/reject`, { message }),
  reconfirm: (id: number) => api<SpecialNeedsRecord>('POST', `/api/v1/special-needs/${id}/reconfirm`),
  withdraw: (id: number) => api<{ ok: true }>('POST', `/api/v1/special-needs/${id}/withdraw`),
});
