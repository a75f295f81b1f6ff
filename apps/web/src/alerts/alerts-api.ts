import type { Alert, AlertCriteriaSet, AlertKind, AlertPatchBody, AlertUpdateBody, IncidentSummary, PublicAlert } from '@openpsap/contract';
import { api, ApiError } from '../api/client';

export interface AlertImport {
  id: number;
  kind: string;
  headline: string;
  incidentId: number | null;
  createdAt: string;
}

/** The composer's calls; every read of drafts (which may describe a missing person) carries the stated purpose. */
export function alertsApi(purpose: string) {
  const o = { purpose };
  return {
    list: () => api<{ alerts: Alert[]; imports: AlertImport[] }>('GET', '/api/v1/alerts', undefined, o),
    criteria: () => api<{ kinds: Array<{ kind: AlertKind; criteriaSet: AlertCriteriaSet }>; sameCodes: Record<string, string> }>('GET', '/api/v1/alerts/criteria'),
    get: (id: number) => api<Alert>('GET', `/api/v1/alerts/${id}`, undefined, o),
    create: (kind: AlertKind) => api<Alert>('POST', '/api/v1/alerts', { kind }),
    importDraft: (draftId: number) => api<Alert>('POST', `/api/v1/alerts/import/${draftId}`),
    patch: (id: number, body: AlertPatchBody) => api<Alert>('PATCH', `/api/v1/alerts/${id}`, body),
    submit: (id: number) => api<Alert>('POST', `/api/v1/alerts/${id}/submit`),
    approve: (id: number) => api<Alert>('POST', `/api/v1/alerts/${id}/approve`),
    sendBack: (id: number, reason: string) => api<Alert>('POST', `/api/v1/alerts/${id}/return`, { reason }),
    update: (id: number, body: AlertUpdateBody) => api<Alert>('POST', `/api/v1/alerts/${id}/update`, body),
    cancel: (id: number, reason: string) => api<Alert>('POST', `/api/v1/alerts/${id}/cancel`, { reason }),
    setPhoto: (id: number, base64: string | null) => api<Alert>('PUT', `/api/v1/alerts/${id}/photo`, { photo: base64 ? { contentType: 'image/jpeg', data: base64 } : null }),
    openIncidents: () => api<IncidentSummary[]>('GET', '/api/v1/incidents?status=open&limit=100'),
    photoUrl: (a: Pick<Alert, 'id' | 'updatedAt'>) => `/api/v1/alerts/${a.id}/photo?purpose=${encodeURIComponent(purpose)}&v=${encodeURIComponent(a.updatedAt)}`,
    /** The CAP 1.2 message the alert would be issued as now. */
    async preview(id: number): Promise<string> {
      const res = await fetch(`/api/v1/alerts/${id}/preview`, { credentials: 'same-origin', headers: { 'x-psap-purpose': encodeURIComponent(purpose) } });
      if (!res.ok) throw new ApiError(res.status, 'preview', `preview failed (${res.status})`);
      return res.text();
    },
  };
}

export type AlertsApi = ReturnType<typeof alertsApi>;

export async function publicAlerts(): Promise<PublicAlert[]> {
  return api<PublicAlert[]>('GET', '/api/v1/public/alerts');
}

// The console's stream says when an alert changes anywhere on the floor (sent for approval, sent
// back, issued, updated, cancelled); an open composer list reloads then instead of waiting.
const changeListeners = new Set<() => void>();

export function onAlertsChanged(fn: () => void): () => void {
  changeListeners.add(fn);
  return () => changeListeners.delete(fn);
}

export function alertsChanged(): void {
  for (const fn of changeListeners) fn();
}
