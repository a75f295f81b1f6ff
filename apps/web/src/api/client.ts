import type { ErrorBody } from '@openpsap/contract';

/** An API error with the server's code, message and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ApiOptions {
  /** Why records about a person are opened; the server audits it and refuses reads without one. */
  purpose?: string;
}

/** Calls the API with the session cookie; throws ApiError with the server's explanation on failure. */
export async function api<T>(method: string, path: string, body?: unknown, opts: ApiOptions = {}): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (opts.purpose) headers['x-psap-purpose'] = encodeURIComponent(opts.purpose);
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'Cannot reach the server. Check the network connection.');
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const e = (data as ErrorBody | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? `request failed (${res.status})`, e?.fields ?? {});
  }
  return data as T;
}
