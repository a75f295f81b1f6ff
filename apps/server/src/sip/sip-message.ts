/**
 * SIP messages (RFC 3261 section 7): start line, headers in order (compact forms expanded,
 * folded lines joined), body. Parsing never throws: a message that cannot be read comes back as
 * a problem, with whatever headers were readable so a 400 can still be addressed.
 */
export interface SipHeader {
  name: string;
  value: string;
}

interface SipBase {
  headers: SipHeader[];
  body: Buffer;
}
export interface SipRequest extends SipBase {
  kind: 'request';
  method: string;
  uri: string;
}
export interface SipResponse extends SipBase {
  kind: 'response';
  status: number;
  reason: string;
}
export type SipMessage = SipRequest | SipResponse;

const COMPACT: Record<string, string> = {
  i: 'Call-ID', m: 'Contact', e: 'Content-Encoding', l: 'Content-Length', c: 'Content-Type', f: 'From', s: 'Subject',
  k: 'Supported', t: 'To', v: 'Via', o: 'Event', r: 'Refer-To', u: 'Allow-Events', x: 'Session-Expires', y: 'Identity', b: 'Referred-By',
};
const CANONICAL: Record<string, string> = {
  'call-id': 'Call-ID', cseq: 'CSeq', 'www-authenticate': 'WWW-Authenticate', 'mime-version': 'MIME-Version', 'p-asserted-identity': 'P-Asserted-Identity',
};

/** A header name as written in our messages, whatever case or compact form came in. */
export function canonicalName(raw: string): string {
  const n = raw.trim();
  if (n.length === 1) return COMPACT[n.toLowerCase()] ?? n;
  const lower = n.toLowerCase();
  return CANONICAL[lower] ?? lower.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
}

export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;

export type ParseResult = { message: SipMessage; problem?: undefined } | { message?: SipMessage; problem: string };

/** Reads one message; `framed` is true on a stream, where Content-Length decides where the body ends. */
export function parseSipMessage(buf: Buffer): ParseResult {
  const text = buf.toString('latin1');
  let headEnd = text.indexOf('\r\n\r\n');
  let sepLen = 4;
  if (headEnd < 0) {
    const lf = text.indexOf('\n\n');
    if (lf >= 0) (headEnd = lf), (sepLen = 2);
  }
  const headText = headEnd < 0 ? text : text.slice(0, headEnd);
  const body = headEnd < 0 ? Buffer.alloc(0) : buf.subarray(headEnd + sepLen);
  const lines = headText.split(/\r?\n/);
  while (lines.length && lines[0] === '') lines.shift();
  const start = lines.shift() ?? '';
  const headers: SipHeader[] = [];
  for (const line of lines) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && headers.length) {
      headers[headers.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return { problem: `header line without a name: "${line.slice(0, 60)}"` };
    const name = line.slice(0, colon);
    if (!/^[!-9;-~]+$/.test(name.trim())) return { problem: `bad header name "${name.slice(0, 40)}"` };
    headers.push({ name: canonicalName(name), value: line.slice(colon + 1).trim() });
  }
  let message: SipMessage;
  const resp = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(start);
  if (resp) {
    message = { kind: 'response', status: Number(resp[1]), reason: resp[2] ?? '', headers, body };
  } else {
    const req = /^([A-Za-z!%*_+`'~.-]+) (\S+) SIP\/2\.0$/.exec(start);
    if (!req) {
      // A request with a broken start line still gets a 400 when its headers say where to send it.
      const method = /^([A-Za-z!%*_+`'~.-]+) .*SIP\/2\.0$/.exec(start)?.[1];
      const problem = `not a SIP request or status line: "${start.slice(0, 80)}"`;
      return method ? { message: { kind: 'request', method: method.toUpperCase(), uri: '', headers, body }, problem } : { problem };
    }
    message = { kind: 'request', method: req[1]!.toUpperCase(), uri: req[2]!, headers, body };
  }
  const cl = header(message, 'Content-Length');
  if (cl !== null) {
    if (!/^\d+$/.test(cl)) return { message, problem: `Content-Length "${cl}" is not a number` };
    const n = Number(cl);
    if (n > body.length) return { message, problem: `Content-Length ${n} is more than the ${body.length} bytes received` };
    message.body = body.subarray(0, n);
  }
  return { message };
}

/** The first value of a header (a comma-joined header's first element is not split out here). */
export function header(m: { headers: SipHeader[] }, name: string): string | null {
  const h = m.headers.find((x) => x.name === name);
  return h ? h.value : null;
}

/** Every value of a header, comma-separated values split (outside quotes and angle brackets). */
export function headerValues(m: { headers: SipHeader[] }, name: string): string[] {
  const out: string[] = [];
  for (const h of m.headers) if (h.name === name) out.push(...splitList(h.value));
  return out;
}

export function splitList(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    if (ch === '\\' && quoted) {
      cur += ch + (v[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if (ch === ',' && !quoted && angle === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function serialize(m: SipMessage): Buffer {
  const start = m.kind === 'request' ? `${m.method} ${m.uri} SIP/2.0` : `SIP/2.0 ${m.status} ${m.reason}`;
  const lines = [start];
  for (const h of m.headers) if (h.name !== 'Content-Length') lines.push(`${h.name}: ${h.value}`);
  lines.push(`Content-Length: ${m.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), m.body]);
}

/** name-addr or addr-spec with parameters: `"Name" <sip:a@b>;tag=x` -> uri, display name, params. */
export interface NameAddr {
  display: string | null;
  uri: string;
  params: Record<string, string>;
}

export function parseNameAddr(v: string): NameAddr | null {
  const s = v.trim();
  if (!s) return null;
  const lt = s.indexOf('<');
  let display: string | null = null;
  let uri: string;
  let rest: string;
  if (lt >= 0) {
    const gt = s.indexOf('>', lt);
    if (gt < 0) return null;
    display = s.slice(0, lt).trim().replace(/^"|"$/g, '') || null;
    uri = s.slice(lt + 1, gt).trim();
    rest = s.slice(gt + 1);
  } else {
    // addr-spec: parameters after ';' belong to the header, not the URI (RFC 3261 20.10).
    const semi = s.indexOf(';');
    uri = (semi < 0 ? s : s.slice(0, semi)).trim();
    rest = semi < 0 ? '' : s.slice(semi);
  }
  const params: Record<string, string> = {};
  for (const p of rest.split(';')) {
    const t = p.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    params[(eq < 0 ? t : t.slice(0, eq)).toLowerCase()] = eq < 0 ? '' : t.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { display, uri, params };
}

export interface Via {
  transport: string;
  host: string;
  port: number | null;
  params: Record<string, string>;
}

export function parseVia(v: string): Via | null {
  const m = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;\s]+)\s*(.*)$/.exec(v.trim());
  if (!m) return null;
  const hostPort = m[2]!;
  let host = hostPort;
  let port: number | null = null;
  const six = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (six) (host = six[1]!), (port = six[2] ? Number(six[2]) : null);
  else {
    const c = hostPort.lastIndexOf(':');
    if (c > 0) (host = hostPort.slice(0, c)), (port = Number(hostPort.slice(c + 1)) || null);
  }
  const params: Record<string, string> = {};
  for (const p of (m[3] ?? '').split(';')) {
    const t = p.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    params[(eq < 0 ? t : t.slice(0, eq)).toLowerCase()] = eq < 0 ? '' : t.slice(eq + 1);
  }
  return { transport: m[1]!.toUpperCase(), host, port, params };
}

/** "1 INVITE" -> { seq: 1, method: 'INVITE' } */
export function parseCSeq(v: string | null): { seq: number; method: string } | null {
  const m = v ? /^(\d{1,10})\s+([A-Za-z!%*_+`'~.-]+)$/.exec(v.trim()) : null;
  return m ? { seq: Number(m[1]), method: m[2]!.toUpperCase() } : null;
}

/** host and port of a sip:/sips: URI (user@host:port;params); null for other schemes. */
export function sipUriTarget(uri: string): { user: string | null; host: string; port: number | null; transport: string | null } | null {
  const m = /^sips?:(?:([^@]*)@)?(\[[^\]]+\]|[^:;?>]+)(?::(\d+))?([^?]*)/i.exec(uri.trim());
  if (!m) return null;
  const t = /;transport=([a-z]+)/i.exec(m[4] ?? '');
  return { user: m[1] ?? null, host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : null, transport: t ? t[1]!.toLowerCase() : null };
}
