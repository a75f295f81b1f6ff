import type { Bolo, BoloCreateBody, BoloPhotoBody, BoloUpdateBody, IncidentSummary } from '@openpsap/contract';
import { api } from '../api/client';

export type BoloFilter = { state: 'active' | 'expired' | 'cancelled' | 'all'; subject: '' | 'person' | 'vehicle' | 'other'; q: string };

/** The board's calls to the server. */
export const bolosApi = {
  list(f: BoloFilter): Promise<Bolo[]> {
    const p = new URLSearchParams({ state: f.state });
    if (f.subject) p.set('subject', f.subject);
    if (f.q.trim()) p.set('q', f.q.trim());
    return api<Bolo[]>('GET', `/api/v1/bolos?${p}`);
  },
  create: (b: BoloCreateBody) => api<Bolo>('POST', '/api/v1/bolos', b),
  update: (id: number, b: BoloUpdateBody) => api<Bolo>('PATCH', `/api/v1/bolos/${id}`, b),
  photo: (id: number, b: BoloPhotoBody) => api<Bolo>('PUT', `/api/v1/bolos/${id}/photo`, b),
  cancel: (id: number, reason: string) => api<Bolo>('POST', `/api/v1/bolos/${id}/cancel`, { reason }),
  openIncidents: () => api<IncidentSummary[]>('GET', '/api/v1/incidents?status=open&limit=200'),
};
