/**
 * Getting CAP text from a file or a URL, with the limits an outside source needs.
 *
 *   loadCapSource(source: string, opts?: { timeoutMs?: number; maxBytes?: number }): Promise<CapSourceResult>
 *
 * URLs: http and https only, a time limit on the whole exchange, a size cap (checked on the
 * announced length and again while reading), and a content type that says XML (a missing one is
 * accepted: some servers send none). Files: the size is checked before reading. Text is UTF-8
 * unless the XML declaration names another encoding the platform knows (ISO-8859-1, ...).
 * Never throws: a failure comes back as { ok: false, reason } in plain words.
 */
import { readFile, stat } from 'node:fs/promises';
import { SaxesParser } from 'saxes';
import { MAX_XML_BYTES } from './xml-tree';

export type CapSourceResult = { ok: true; text: string; url: string | null; contentType: string | null } | { ok: false; reason: string };

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

export async function loadCapSource(source: string, opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<CapSourceResult> {
  const maxBytes = opts.maxBytes ?? MAX_XML_BYTES;
  try {
    return isUrl(source) ? await fetchCap(source, opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS, maxBytes) : await readCapFile(source, maxBytes);
  } catch (e) {
    return { ok: false, reason: `could not read ${source}: ${(e as Error).message}` };
  }
}

async function readCapFile(path: string, maxBytes: number): Promise<CapSourceResult> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) return { ok: false, reason: `${path} is not a file` };
    size = s.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? `no such file: ${path}` : code === 'EACCES' ? `no permission to read ${path}` : `cannot read ${path}: ${(e as Error).message}` };
  }
  if (size > maxBytes) return { ok: false, reason: `${path} is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${(maxBytes / 1024 / 1024).toFixed(0)} MB a CAP message may be` };
  const decoded = decodeXmlBytes(await readFile(path));
  return decoded.ok ? { ok: true, text: decoded.text, url: null, contentType: null } : decoded;
}

const XML_TYPE = /^(application|text)\/([\w.+-]+\+)?xml$/i;

async function fetchCap(source: string, timeoutMs: number, maxBytes: number): Promise<CapSourceResult> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { ok: false, reason: `"${source}" is not a valid URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `only http and https URLs are fetched, not ${url.protocol.replace(/:$/, '')}` };
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'application/cap+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8' } });
  } catch (e) {
    return { ok: false, reason: fetchFailure(url, e, timeoutMs) };
  }
  const finalUrl = res.url || url.href;
  if (!/^https?:/i.test(finalUrl)) return { ok: false, reason: `${url.href} redirected to ${finalUrl}, which is not http or https` };
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${url.href} answered ${res.status} ${res.statusText}`.trim() };
  }
  const contentType = res.headers.get('content-type');
  const mime = contentType?.split(';')[0]!.trim() ?? '';
  if (mime && !XML_TYPE.test(mime)) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${url.href} sent ${mime}, not XML; a CAP message or index is application/cap+xml, application/atom+xml or application/xml` };
  }
  const announced = Number(res.headers.get('content-length'));
  if (announced > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${url.href} announces ${announced} bytes, more than the ${maxBytes} a CAP message may be` };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: `${url.href} sent more than ${maxBytes} bytes; a CAP message is far smaller, so the rest was not read` };
      }
      chunks.push(value);
    }
  } catch (e) {
    return { ok: false, reason: fetchFailure(url, e, timeoutMs) };
  }
  const decoded = decodeXmlBytes(Buffer.concat(chunks));
  return decoded.ok ? { ok: true, text: decoded.text, url: finalUrl, contentType } : decoded;
}

function fetchFailure(url: URL, e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `${url.href} did not answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = err.cause?.code ?? err.cause?.message;
  return `could not fetch ${url.href}${cause ? ` (${cause})` : `: ${err.message}`}`;
}

/** UTF-8 (with or without a byte-order mark), or the encoding the XML declaration names. */
export function decodeXmlBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  const declared = declaredEncoding(bytes);
  const label = declared && !/^utf-?8$/i.test(declared) ? declared : 'utf-8';
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes) };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, reason: `the document says it is in ${declared}, an encoding that is not supported` };
    return { ok: false, reason: `the document is not valid ${label.toUpperCase()} text` };
  }
}

function decodeWith(label: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `the document is not valid ${label.toUpperCase()} text` };
  }
}

/** Reads only the XML declaration (as Latin-1, which maps every byte) to learn the encoding. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  if (!head.startsWith('<?xml')) return null;
  const end = head.indexOf('?>');
  if (end < 0) return null;
  let encoding: string | null = null;
  const p = new SaxesParser();
  p.on('xmldecl', (d) => (encoding = d.encoding ?? null));
  p.on('error', () => undefined);
  try {
    p.write(`${head.slice(0, end + 2)}<x/>`).close();
  } catch {
    return null;
  }
  return encoding;
}
