/** A body part: its headers (lower-case names), media type and bytes. */
export interface BodyPart {
  contentType: string;
  params: Record<string, string>;
  contentId: string | null;
  headers: Record<string, string>;
  body: Buffer;
}

const MAX_DEPTH = 4;
const MAX_PARTS = 32;

/** "multipart/mixed; boundary=x" -> { type: 'multipart/mixed', params: { boundary: 'x' } } (type lower-cased). */
export function parseMediaType(value: string | null | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: '', params: {} };
  const [head, ...rest] = splitOutsideQuotes(value, ';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[p.slice(0, eq).trim().toLowerCase()] = v;
  }
  return { type: (head ?? '').trim().toLowerCase(), params };
}

export function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && quoted && i + 1 < s.length) {
      cur += ch + s[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>' && angle > 0) angle--;
    if (ch === sep && !quoted && angle === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * The leaf parts of a body, nested multiparts opened (up to four deep): what an INVITE carries as
 * SDP, PIDF-LO and additional data. A body that is not multipart is one part. Problems (a missing
 * boundary, an unterminated body) are reported, and whatever parts could be read are still given.
 */
export function bodyParts(body: Buffer, contentType: string | null, contentId: string | null = null): { parts: BodyPart[]; problems: string[] } {
  const problems: string[] = [];
  const parts: BodyPart[] = [];
  walk(body, contentType, contentId, {}, 0, parts, problems);
  return { parts, problems };
}

function walk(body: Buffer, contentType: string | null, contentId: string | null, headers: Record<string, string>, depth: number, out: BodyPart[], problems: string[]): void {
  const mt = parseMediaType(contentType);
  if (!mt.type.startsWith('multipart/')) {
    if (body.length > 0 || mt.type) out.push({ contentType: mt.type, params: mt.params, contentId, headers, body: decodeTransfer(body, headers, problems) });
    return;
  }
  if (depth >= MAX_DEPTH) {
    problems.push(`multipart nested more than ${MAX_DEPTH} deep; inner parts ignored`);
    return;
  }
  const boundary = mt.params['boundary'];
  if (!boundary) {
    problems.push(`${mt.type} body has no boundary parameter`);
    return;
  }
  const text = body.toString('latin1');
  const delim = `--${boundary}`;
  // Delimiters start a line; the CRLF before one belongs to the delimiter, not the part.
  const starts: { at: number; end: number; closing: boolean }[] = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf(delim, from);
    if (i < 0) break;
    const atLineStart = i === 0 || text[i - 1] === '\n';
    if (atLineStart) {
      const after = i + delim.length;
      const closing = text.startsWith('--', after);
      let lineEnd = text.indexOf('\n', after);
      if (lineEnd < 0) lineEnd = text.length;
      else lineEnd += 1;
      starts.push({ at: i, end: closing ? text.length : lineEnd, closing });
      if (closing) break;
    }
    from = i + delim.length;
  }
  if (starts.length === 0) {
    problems.push(`multipart body has no "--${boundary}" delimiter`);
    return;
  }
  if (!starts[starts.length - 1]!.closing) problems.push('multipart body is not closed by its final delimiter; read what was there');
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    if (s.closing) break;
    if (out.length >= MAX_PARTS) {
      problems.push(`more than ${MAX_PARTS} body parts; the rest ignored`);
      return;
    }
    const next = starts[k + 1];
    let endAt = next ? next.at : text.length;
    if (next) {
      if (text[endAt - 1] === '\n') endAt--;
      if (text[endAt - 1] === '\r') endAt--;
    }
    const raw = text.slice(s.end, Math.max(s.end, endAt));
    // Headers run to the first blank line; some senders (and sipp, which drops blank lines) put
    // none, so the first line that is not a header starts the content.
    const lines = raw.split(/(?<=\n)/);
    let at = 0;
    let consumed = 0;
    while (at < lines.length) {
      const line = lines[at]!;
      if (/^\r?\n$/.test(line)) {
        consumed += line.length;
        break;
      }
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+[ \t]*:/.test(line) && !(/^[ \t]/.test(line) && at > 0)) break;
      consumed += line.length;
      at++;
    }
    const headText = raw.slice(0, consumed);
    const content = raw.slice(consumed);
    const ph = parsePartHeaders(headText);
    const cid = ph['content-id'] ? ph['content-id'].trim().replace(/^<|>$/g, '') : null;
    walk(Buffer.from(content, 'latin1'), ph['content-type'] ?? 'text/plain', cid, ph, depth + 1, out, problems);
  }
}

function parsePartHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      out[last] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    out[last] = line.slice(colon + 1).trim();
  }
  return out;
}

function decodeTransfer(body: Buffer, headers: Record<string, string>, problems: string[]): Buffer {
  const enc = (headers['content-transfer-encoding'] ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  if (enc && !['7bit', '8bit', 'binary'].includes(enc)) problems.push(`content-transfer-encoding ${enc} not decoded`);
  return body;
}
