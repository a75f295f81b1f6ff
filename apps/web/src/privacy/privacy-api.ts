import type { CreatePrivacyRequestBody, PrivacyRequest, PrivacySearchResult, PrivacySubject, RetentionRuleView, UpdateRetentionBody } from '@openpsap/contract';
import { api, ApiError, type ApiOptions } from '../api/client';

// The privacy API as the Privacy tab uses it; shapes come from packages/contract/src/privacy.ts.
// Every read of personal data carries the purpose stated on the community home.

/** Searches every program for records about the person; only the criteria given are sent. */
export function searchSubject(subject: PrivacySubject, purpose: string): Promise<PrivacySearchResult> {
  const qs = new URLSearchParams(Object.entries(subject).filter(([, v]) => v && v.trim()) as [string, string][]);
  return api<PrivacySearchResult>('GET', `/api/v1/privacy/search?${qs}`, undefined, { purpose });
}

export const createRequest = (body: CreatePrivacyRequestBody) => api<PrivacyRequest>('POST', '/api/v1/privacy/requests', body);
export const listRequests = (purpose: string) => api<PrivacyRequest[]>('GET', '/api/v1/privacy/requests', undefined, { purpose });
export const completeDeletion = (id: number) => api<PrivacyRequest>('POST', `/api/v1/privacy/requests/${id}/complete`);
export const refuseRequest = (id: number, reason: string) => api<PrivacyRequest>('POST', `/api/v1/privacy/requests/${id}/refuse`, { reason });
export const loadRetention = () => api<{ rules: RetentionRuleView[] }>('GET', '/api/v1/privacy/retention');
export const saveRetention = (body: UpdateRetentionBody) => api<{ rules: RetentionRuleView[] }>('PUT', '/api/v1/privacy/retention', body);

/**
 * Downloads a request's export as the file the server names. Fetched (not a plain link) so the
 * purpose travels in a header rather than the address bar, and a refusal shows as a message.
 */
export async function downloadExport(id: number, opts: Required<Pick<ApiOptions, 'purpose'>>): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/privacy/requests/${id}/export`, { credentials: 'same-origin', headers: { 'x-psap-purpose': encodeURIComponent(opts.purpose) } });
  } catch {
    throw new ApiError(0, 'unavailable', 'Cannot reach the server. Check the network connection.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? `export failed (${res.status})`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `privacy-request-${id}.json`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the browser reads the blob after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** The criteria of a subject in words, for lists ("Marguerite Okonkwo · 410-555-0177"). */
export const subjectText = (s: PrivacySubject) => [s.name, s.phone, s.email, s.address].filter(Boolean).join(' · ');
