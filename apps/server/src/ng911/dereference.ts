/** How long a location or additional-data reference may take: the call is already presented. */
export const DEREFERENCE_TIMEOUT_MS = 3_000;
const MAX_BYTES = 256 * 1024;

/**
 * Fetches a by-reference location or additional-data document. Returns the text or a reason in
 * words; never throws, never waits longer than the timeout.
 */
export async function dereference(uri: string, accept: string, timeoutMs = DEREFERENCE_TIMEOUT_MS): Promise<{ text: string } | { problem: string }> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { problem: `${uri.slice(0, 100)} is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `${url.protocol} references are not fetched` };
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers: { accept }, signal: ctl.signal, redirect: 'follow' });
    if (!res.ok) return { problem: `${url.host} answered ${res.status} ${res.statusText}`.trim() };
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length > MAX_BYTES) return { problem: `${url.host} sent more than ${MAX_BYTES / 1024} KB` };
    return { text: buf.toString('utf8') };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'AbortError') return { problem: `${url.host} did not answer within ${timeoutMs / 1000} s` };
    return { problem: `could not fetch ${url.host}: ${err.cause?.code ?? err.cause?.message ?? err.message}` };
  } finally {
    clearTimeout(timer);
  }
}
