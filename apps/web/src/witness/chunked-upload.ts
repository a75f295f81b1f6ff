import { CHUNK_CONTENT_TYPE, UPLOAD_OFFSET_HEADER, type ErrorBody, type UploadState } from '@openpsap/contract';

/** A refusal the sender cannot fix by retrying (not a photo or video, too large, link expired). */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

// Phones on weak networks lose big requests; a megabyte at a time loses little when a request fails.
const CHUNK = 1024 * 1024;
const RETRY_MS = [500, 1000, 2000, 4000, 8000, 15000];

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(new DOMException('aborted', 'AbortError'))), { once: true });
  });

async function errorOf(res: Response): Promise<UploadRefused> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  return new UploadRefused(res.status, body?.error.message ?? `HTTP ${res.status}`, body?.error.fields ?? {});
}

export interface ChunkTarget {
  /** Where chunks go (PATCH) and where the offset is asked (GET); staff routes need no purpose. */
  url: string;
}

/** Asks how far an upload got; the server's part file is the truth. */
export async function askOffset(url: string, signal?: AbortSignal): Promise<UploadState> {
  const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', signal });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as UploadState;
}

/**
 * Sends a file (or a growing recording) in chunks from `from`, resuming after network failures
 * where the server says it stopped. Reports bytes acknowledged; answers the final state, which
 * holds the evidence id and the SHA-256 the server computed once the last byte arrived.
 */
export async function sendChunks(target: ChunkTarget, data: Blob, from: number, onProgress: (sent: number) => void, opts: { signal?: AbortSignal; onRetry?: () => void; base?: number } = {}): Promise<UploadState> {
  const signal = opts.signal;
  // `data` may be the tail of a longer upload (a recording whose start was sent and let go):
  // offsets on the wire are absolute, offsets into `data` are relative to `base`.
  const base = opts.base ?? 0;
  let offset = from;
  let failures = 0;
  let last: UploadState | null = null;
  while (offset < data.size || last === null) {
    const piece = data.slice(offset, Math.min(offset + CHUNK, data.size));
    try {
      const res = await fetch(target.url, { method: 'PATCH', credentials: 'same-origin', headers: { 'content-type': CHUNK_CONTENT_TYPE, [UPLOAD_OFFSET_HEADER]: String(base + offset) }, body: piece, signal });
      if (res.status === 409 && res.headers.get(UPLOAD_OFFSET_HEADER) !== null) {
        offset = Number(res.headers.get(UPLOAD_OFFSET_HEADER)) - base;
        if (offset < 0 || offset > data.size) throw new UploadRefused(409, 'the server holds a different part of this upload');
        onProgress(base + offset);
        continue;
      }
      if (res.status >= 500 || res.status === 429) throw new Error(`HTTP ${res.status}`);
      if (!res.ok) throw await errorOf(res);
      last = (await res.json()) as UploadState;
      offset = last.offset - base;
      failures = 0;
      onProgress(last.offset);
      if (last.state !== 'open') return last;
      if (piece.size === 0) return last;
    } catch (e) {
      if (e instanceof UploadRefused || (e as Error).name === 'AbortError') throw e;
      // The network dropped: wait, ask the server where it stopped, carry on from there.
      if (failures >= RETRY_MS.length) throw new Error('the connection keeps failing; check the signal and try again');
      opts.onRetry?.();
      await sleep(RETRY_MS[failures++]!, signal);
      try {
        const state = await askOffset(target.url, signal);
        if (state.state !== 'open') return state;
        offset = state.offset - base;
        onProgress(state.offset);
      } catch (again) {
        if (again instanceof UploadRefused) throw again;
      }
    }
  }
  return last;
}
