import type { Bolo, CameraSighting, HmhMatch, HmhPerson, IncidentSummary } from '@openpsap/contract';
import { api } from '../api/client';

export interface ReportResult {
  reportId: number;
  incident: IncidentSummary;
  bolo: Bolo;
  alertDraft: { id: number; kind: 'amber' | 'silver'; headline: string; criteriaNote: string };
  camerasNear: CameraSighting[];
}

/** The Help Me Home calls; reads carry the stated purpose, which the server audits. */
export const hmhApi = (purpose: string) => {
  const q = `purpose=${encodeURIComponent(purpose)}`;
  return {
    search: (p: { q?: string; near?: string; sex?: string; minAge?: string; maxAge?: string; state?: string }) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(p)) if (v && v.trim()) params.set(k, v.trim());
      return api<{ near: { lat: number; lon: number; label: string } | null; matches: HmhMatch[] }>('GET', `/api/v1/hmh/search?${params}`, undefined, { purpose });
    },
    person: (id: number) => api<HmhPerson>('GET', `/api/v1/hmh/people/${id}`, undefined, { purpose }),
    photoUrl: (id: number) => `/api/v1/hmh/people/${id}/photo?${q}`,
    flyerUrl: (id: number) => `/api/v1/hmh/people/${id}/flyer.pdf?${q}`,
    create: (body: unknown) => api<HmhPerson>('POST', '/api/v1/hmh/people', body),
    update: (id: number, body: unknown) => api<HmhPerson>('PUT', `/api/v1/hmh/people/${id}`, body),
    setActive: (id: number, active: boolean, reason: string) => api<HmhPerson>('POST', `/api/v1/hmh/people/${id}/active`, { active, reason }),
    reportMissing: (id: number, body: unknown) => api<ReportResult>('POST', `/api/v1/hmh/people/${id}/report-missing`, body),
    found: (reportId: number, note: string) => api<{ ok: true }>('POST', `/api/v1/hmh/reports/${reportId}/found`, { note }),
  };
};
