/**
 * CAP 1.2 XML writer.
 *
 *   writeCap(alert: CapAlert): string
 *   capTime(date: Date, offsetMinutes = 0): string   // "2026-11-21T14:05:00+00:00"
 *
 * Always writes CAP 1.2 (namespace urn:oasis:names:tc:emergency:cap:1.2), whatever `version`
 * says, with elements in schema order, text escaped and kept as given otherwise. Times are
 * written with an offset and whole seconds: a time given as "...Z" or with fractions of a second
 * is rewritten to "+00:00" / whole seconds, because CAP 1.2 and IPAWS refuse both. Characters
 * XML cannot carry (control characters) are dropped. The writer does not judge the content:
 * run checkCap first. A received signature (`signed`) is not written back: any change to the
 * message would break it anyway.
 */
import type { CapAlert, CapArea, CapInfo, CapResource, CapValue } from './cap-model';
import { CAP12_NS } from './cap-reader';

export function capTime(date: Date, offsetMinutes = 0): string {
  const local = new Date(Math.floor(date.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "…T14:05:00.250Z" or "…T14:05:00Z" becomes "…T14:05:00+00:00"; anything else is left as it is. */
export function normaliseCapTime(t: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(t.trim());
  if (!m) return t;
  return `${m[1]}${m[2] === 'Z' ? '+00:00' : m[2]}`;
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates
// standing alone and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(s: string): string {
  // \r is escaped so a CR survives reading (parsers turn a literal CR into LF).
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

class Out {
  private readonly lines: string[] = [];
  el(depth: number, name: string, value: string | number | undefined) {
    if (value === undefined) return;
    this.lines.push(`${'  '.repeat(depth)}<${name}>${escapeXmlText(String(value))}</${name}>`);
  }
  open(depth: number, name: string, attrs = '') {
    this.lines.push(`${'  '.repeat(depth)}<${name}${attrs}>`);
  }
  close(depth: number, name: string) {
    this.lines.push(`${'  '.repeat(depth)}</${name}>`);
  }
  pairs(depth: number, name: string, values: CapValue[]) {
    for (const v of values) {
      this.open(depth, name);
      this.el(depth + 1, 'valueName', v.valueName);
      this.el(depth + 1, 'value', v.value);
      this.close(depth, name);
    }
  }
  toString() {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${this.lines.join('\n')}\n`;
  }
}

export function writeCap(alert: CapAlert): string {
  const o = new Out();
  o.open(0, 'alert', ` xmlns="${CAP12_NS}"`);
  o.el(1, 'identifier', alert.identifier);
  o.el(1, 'sender', alert.sender);
  o.el(1, 'sent', normaliseCapTime(alert.sent));
  o.el(1, 'status', alert.status);
  o.el(1, 'msgType', alert.msgType);
  o.el(1, 'source', alert.source);
  o.el(1, 'scope', alert.scope);
  o.el(1, 'restriction', alert.restriction);
  o.el(1, 'addresses', alert.addresses);
  for (const c of alert.code ?? []) o.el(1, 'code', c);
  o.el(1, 'note', alert.note);
  if (alert.references?.length) o.el(1, 'references', alert.references.join(' '));
  o.el(1, 'incidents', alert.incidents);
  for (const info of alert.info ?? []) writeInfo(o, info);
  o.close(0, 'alert');
  return o.toString();
}

function writeInfo(o: Out, info: CapInfo) {
  o.open(1, 'info');
  o.el(2, 'language', info.language);
  for (const c of info.category ?? []) o.el(2, 'category', c);
  o.el(2, 'event', info.event);
  for (const r of info.responseType ?? []) o.el(2, 'responseType', r);
  o.el(2, 'urgency', info.urgency);
  o.el(2, 'severity', info.severity);
  o.el(2, 'certainty', info.certainty);
  o.el(2, 'audience', info.audience);
  o.pairs(2, 'eventCode', info.eventCode ?? []);
  for (const t of ['effective', 'onset', 'expires'] as const) o.el(2, t, info[t] === undefined ? undefined : normaliseCapTime(info[t]));
  o.el(2, 'senderName', info.senderName);
  o.el(2, 'headline', info.headline);
  o.el(2, 'description', info.description);
  o.el(2, 'instruction', info.instruction);
  o.el(2, 'web', info.web);
  o.el(2, 'contact', info.contact);
  o.pairs(2, 'parameter', info.parameter ?? []);
  for (const r of info.resource ?? []) writeResource(o, r);
  for (const a of info.area ?? []) writeArea(o, a);
  o.close(1, 'info');
}

function writeResource(o: Out, r: CapResource) {
  o.open(2, 'resource');
  o.el(3, 'resourceDesc', r.resourceDesc);
  o.el(3, 'mimeType', r.mimeType);
  o.el(3, 'size', r.size);
  o.el(3, 'uri', r.uri);
  o.el(3, 'derefUri', r.derefUri);
  o.el(3, 'digest', r.digest);
  o.close(2, 'resource');
}

function writeArea(o: Out, a: CapArea) {
  o.open(2, 'area');
  o.el(3, 'areaDesc', a.areaDesc);
  for (const p of a.polygon ?? []) o.el(3, 'polygon', p);
  for (const c of a.circle ?? []) o.el(3, 'circle', c);
  o.pairs(3, 'geocode', a.geocode ?? []);
  o.el(3, 'altitude', a.altitude);
  o.el(3, 'ceiling', a.ceiling);
  o.close(2, 'area');
}
