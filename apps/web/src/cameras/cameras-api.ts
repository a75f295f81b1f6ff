import type { CameraDetail, CameraList, CameraUpdateBody, FootageRequest, FootageRequestBody, IncidentSummary, RegistryCamera } from '@openpsap/contract';
import { api } from '../api/client';

export interface CameraFilters {
  q: string;
  ownerKind: string;
  consent: string;
  status: string;
  health: string;
}

/** Registry search; every call carries the analyst's stated purpose, which the server audits. */
export function searchCameras(f: CameraFilters, offset: number, purpose: string): Promise<CameraList> {
  const p = new URLSearchParams({ limit: '100', offset: String(offset) });
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return api<CameraList>('GET', `/api/v1/cameras?${p}`, undefined, { purpose });
}

export const loadCamera = (id: number, purpose: string) => api<CameraDetail>('GET', `/api/v1/cameras/${id}`, undefined, { purpose });
export const updateCamera = (id: number, body: CameraUpdateBody) => api<RegistryCamera>('PATCH', `/api/v1/cameras/${id}`, body);
export const askFootage = (body: FootageRequestBody) => api<FootageRequest>('POST', '/api/v1/footage-requests', body);
export const cancelFootage = (id: number, reason: string) => api<FootageRequest>('POST', `/api/v1/footage-requests/${id}/cancel`, { reason });
export const listFootage = (state: string, purpose: string) => api<FootageRequest[]>('GET', `/api/v1/footage-requests${state ? `?state=${state}` : ''}`, undefined, { purpose });

/** Recent incidents, open and closed: footage is usually asked for after the scene is cleared. */
export const recentIncidents = () => api<IncidentSummary[]>('GET', '/api/v1/incidents?status=all&limit=200');
export async function findIncident(number: string): Promise<IncidentSummary | null> {
  const list = await api<IncidentSummary[]>('GET', `/api/v1/incidents?status=all&limit=1&number=${encodeURIComponent(number)}`);
  return list[0] ?? null;
}
