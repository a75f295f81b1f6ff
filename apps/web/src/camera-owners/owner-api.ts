import type { CameraAccessEntry, CameraOwner, ConsentLevel, ConsentTerms, FootageRequest, OwnerCamera, OwnerCameraBody, OwnerSignInBody, SignConsentBody } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import type { Lang } from '../public/i18n';

const BASE = '/api/v1/public/camera-owners';

/** The signed-in owner, or null when this browser has no owner session. */
export async function loadOwner(): Promise<CameraOwner | null> {
  try {
    return await api<CameraOwner>('GET', `${BASE}/me`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export const askForLink = (body: OwnerSignInBody) => api<{ ok: true }>('POST', `${BASE}/sign-in`, body);
export const openLink = (token: string) => api<CameraOwner>('POST', `${BASE}/verify`, { token });
export const signOutOwner = () => api<{ ok: true }>('POST', `${BASE}/sign-out`);
export const loadCameras = () => api<OwnerCamera[]>('GET', `${BASE}/me/cameras`);
export const registerCamera = (body: OwnerCameraBody) => api<OwnerCamera>('POST', `${BASE}/me/cameras`, body);
export const removeCamera = (id: number) => api<{ ok: true }>('DELETE', `${BASE}/me/cameras/${id}`);
export const loadTerms = (level: ConsentLevel, lang: Lang) => api<ConsentTerms>('GET', `${BASE}/terms?level=${level}&lang=${lang}`);
export const signConsent = (cameraId: number, body: SignConsentBody) => api<OwnerCamera>('POST', `${BASE}/me/cameras/${cameraId}/consents`, body);
export const revokeConsent = (consentId: number) => api<{ ok: true }>('POST', `${BASE}/me/consents/${consentId}/revoke`, {});
export const loadAccess = () => api<CameraAccessEntry[]>('GET', `${BASE}/me/access`);
export const loadFootage = () => api<FootageRequest[]>('GET', `${BASE}/me/footage-requests`);
export const decideFootage = (id: number, decision: 'approve' | 'decline', note?: string) => api<FootageRequest>('POST', `${BASE}/me/footage-requests/${id}/${decision}`, note ? { note } : {});

/**
 * Sends the footage file as the request body, reporting progress: a recording can be large, and
 * a phone on a slow connection should show that it is moving.
 */
export function uploadFootage(id: number, file: File, onProgress: (percent: number) => void): Promise<FootageRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `${BASE}/me/footage-requests/${id}/file`);
    xhr.setRequestHeader('content-type', file.type.startsWith('video/') ? file.type : 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', 'Cannot reach the server.'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as FootageRequest);
      const err = (data as { error?: { code: string; message: string; fields?: Record<string, string> } } | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'internal', err?.message ?? `upload failed (${xhr.status})`, err?.fields ?? {}));
    };
    xhr.send(file);
  });
}
