import type { ErrorBody, SharedCamera, SharedView } from '@openpsap/contract';

/** A refusal from the server, with its status (404 unknown link, 410 expired or revoked, 403 rule). */
export class LinkRefused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(method: string, path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, cache: 'no-store' });
  } catch {
    throw new LinkRefused(0, 'unreachable');
  }
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw new LinkRefused(res.status, (data as ErrorBody | null)?.error?.message ?? `HTTP ${res.status}`);
  return data as T;
}

const base = (token: string) => `/api/v1/public/camera-shares/${encodeURIComponent(token)}`;
export const sharedCamera = (token: string) => call<SharedCamera>('GET', base(token));
export const openSharedView = (token: string) => call<SharedView>('POST', `${base(token)}/views`);
export const sharedViewState = (token: string, id: string) => call<SharedView>('POST', `${base(token)}/views/${id}/heartbeat`);
/** Sent as the page goes away; keepalive lets it outlive the page. */
export const stopSharedView = (token: string, id: string) => void fetch(`${base(token)}/views/${id}/stop`, { method: 'POST', keepalive: true }).catch(() => undefined);
