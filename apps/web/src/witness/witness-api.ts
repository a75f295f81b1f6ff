import type { CallerVideoInfo, ErrorBody, SharedEvidenceView, SharedLocation, UploadState, WitnessLinkInfo } from '@openpsap/contract';
import { UploadRefused } from './chunked-upload';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new UploadRefused(0, 'unreachable');
  }
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const e = (data as ErrorBody | null)?.error;
    throw new UploadRefused(res.status, e?.message ?? `HTTP ${res.status}`, e?.fields ?? {});
  }
  return data as T;
}

const enc = encodeURIComponent;
export const witnessLink = (token: string) => call<WitnessLinkInfo>('GET', `/api/v1/public/witness/${enc(token)}`);
export const startUpload = (token: string, f: { name: string; size: number; type?: string; location?: SharedLocation }) => call<UploadState>('POST', `/api/v1/public/witness/${enc(token)}/uploads`, f);
export const uploadUrl = (token: string, key: string) => `/api/v1/public/witness/${enc(token)}/uploads/${enc(key)}`;
export const finishLink = (token: string) => call<{ files: number }>('POST', `/api/v1/public/witness/${enc(token)}/finish`);
export const callerLink = (token: string) => call<CallerVideoInfo>('GET', `/api/v1/public/caller-video/${enc(token)}`);
export const giveConsent = (token: string, location: SharedLocation | null) => call<CallerVideoInfo>('POST', `/api/v1/public/caller-video/${enc(token)}/consent`, { video: true, location });
export const endCall = (token: string) => call<{ ended: true }>('POST', `/api/v1/public/caller-video/${enc(token)}/end`);
export const signalUrl = (token: string) => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/public/caller-video/${enc(token)}/signal`;
export const sharedView = (token: string) => call<SharedEvidenceView>('GET', `/api/v1/public/shared/${enc(token)}`);
export const sharedContentUrl = (token: string, download = false) => `/api/v1/public/shared/${enc(token)}/content${download ? '?download=1' : ''}`;

/** The phone's position, asked only after the person ticked the box (the browser asks too). */
export function currentPosition(): Promise<SharedLocation | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}
