/**
 * CAP XML reader.
 *
 *   parseCap(xml: string): { alert: CapAlert | null; problems: CapProblem[] }
 *
 * Reads CAP 1.2 and CAP 1.1 (same element order; 1.1 keeps version '1.1'). `alert` is null only
 * when the input cannot be read as a CAP alert at all (not XML, a DOCTYPE, too large, another
 * document); the problems then say why. Otherwise `alert` is filled as far as the message allows
 * and `problems` lists what the reader saw against the schema's structure (unknown or misplaced
 * elements, repeats, numbers that are not numbers). Values are kept as written, so missing
 * required elements become '' and wrong enumeration values are kept: run checkCap for those.
 * An enveloped XML signature (ds:Signature after the last info) is tolerated and noted in
 * `alert.signed`; it is not verified and not written back. An absent <language> reads as the
 * schema's default, en-US. Never throws.
 */
import type { CapAlert, CapArea, CapInfo, CapProblem, CapResource, CapValue, CapVersion } from './cap-model';
import { readXmlTree, type XmlElement } from './xml-tree';

export const CAP12_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP11_NS = 'urn:oasis:names:tc:emergency:cap:1.1';
const CAP10_NS = 'urn:oasis:names:tc:emergency:cap:1.0';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const ATOM_NS = 'http://www.w3.org/2005/Atom';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

type Spec = [name: string, max: 1 | 'n'][];

/** Child elements in schema order with how often each may appear (same in 1.1 and 1.2). */
export const ALERT_ORDER: Spec = [
  ['identifier', 1], ['sender', 1], ['sent', 1], ['status', 1], ['msgType', 1], ['source', 1], ['scope', 1], ['restriction', 1],
  ['addresses', 1], ['code', 'n'], ['note', 1], ['references', 1], ['incidents', 1], ['info', 'n'],
];
export const INFO_ORDER: Spec = [
  ['language', 1], ['category', 'n'], ['event', 1], ['responseType', 'n'], ['urgency', 1], ['severity', 1], ['certainty', 1], ['audience', 1],
  ['eventCode', 'n'], ['effective', 1], ['onset', 1], ['expires', 1], ['senderName', 1], ['headline', 1], ['description', 1], ['instruction', 1],
  ['web', 1], ['contact', 1], ['parameter', 'n'], ['resource', 'n'], ['area', 'n'],
];
export const RESOURCE_ORDER: Spec = [['resourceDesc', 1], ['mimeType', 1], ['size', 1], ['uri', 1], ['derefUri', 1], ['digest', 1]];
export const AREA_ORDER: Spec = [['areaDesc', 1], ['polygon', 'n'], ['circle', 'n'], ['geocode', 'n'], ['altitude', 1], ['ceiling', 1]];
const PAIR_ORDER: Spec = [['valueName', 1], ['value', 1]];

/** Which kind of document this is, for callers that accept both single messages and Atom indexes. */
export function capDocumentKind(xml: string): 'alert' | 'atom' | 'container' | 'other' {
  const { root } = readXmlTree(xml);
  if (!root) return 'other';
  if (isCapAlert(root)) return 'alert';
  if (root.local === 'feed' && root.ns === ATOM_NS) return 'atom';
  return embeddedAlerts(root).length ? 'container' : 'other';
}

function isCapAlert(el: XmlElement): boolean {
  return el.local === 'alert' && (el.ns === CAP12_NS || el.ns === CAP11_NS);
}

/** CAP alerts carried inside another document (an EDXL-DE distribution, an IPAWS feed's <alerts>). */
function embeddedAlerts(el: XmlElement, out: XmlElement[] = [], depth = 0): XmlElement[] {
  if (depth > 12) return out;
  for (const c of el.children) {
    if (isCapAlert(c)) out.push(c);
    else embeddedAlerts(c, out, depth + 1);
  }
  return out;
}

/**
 * Every CAP alert in a document: the document itself when it is one, or each alert carried in a
 * wrapper (EDXL-DE, an IPAWS-style <alerts> list). Problems name the alert they belong to
 * ("alert[1] > info[0].event"). Never throws.
 */
export function parseCapAll(xml: string): { alerts: { alert: CapAlert; problems: CapProblem[] }[]; problems: CapProblem[] } {
  try {
    const { root, problems } = readXmlTree(xml);
    if (!root) return { alerts: [], problems };
    if (isCapAlert(root)) {
      const one = parseCap(xml);
      return one.alert ? { alerts: [{ alert: one.alert, problems: one.problems }], problems: [] } : { alerts: [], problems: one.problems };
    }
    const found = embeddedAlerts(root);
    if (!found.length) return { alerts: [], problems: parseCap(xml).problems };
    return {
      alerts: found.map((el) => {
        const reader = new Reader(el.ns, el.ns === CAP11_NS ? '1.1' : '1.2');
        return { alert: reader.alert(el), problems: reader.problems };
      }),
      problems: [],
    };
  } catch (e) {
    return { alerts: [], problems: [{ path: 'document', message: `the document could not be read (${(e as Error).message})`, rule: 'xml' }] };
  }
}

export function parseCap(xml: string): { alert: CapAlert | null; problems: CapProblem[] } {
  try {
    const { root, problems } = readXmlTree(xml);
    if (!root) return { alert: null, problems };
    const refuse = (message: string) => ({ alert: null, problems: [{ path: 'document', message, rule: 'xml' as const }] });
    if (root.local === 'feed' && root.ns === ATOM_NS) return refuse('this is an Atom index of alerts, not one CAP message; import it as an index (each entry links to its message)');
    if (root.local !== 'alert') {
      const inside = embeddedAlerts(root).length;
      if (inside) return refuse(`this <${root.local}> carries ${inside} CAP alert${inside === 1 ? '' : 's'} inside it, not one alert on its own; read it with parseCapAll (psap cap import does)`);
      return refuse(`this is not a CAP alert: the document's root element is <${root.local}>, CAP's is <alert>`);
    }
    if (root.ns === CAP10_NS) return refuse('this is CAP 1.0, which is not read here; only CAP 1.1 and 1.2 are');
    if (root.ns !== CAP12_NS && root.ns !== CAP11_NS) {
      return refuse(root.ns ? `this <alert> is in namespace "${root.ns}", not CAP's (${CAP12_NS} or ${CAP11_NS})` : `this <alert> has no namespace; a CAP 1.2 alert declares xmlns="${CAP12_NS}"`);
    }
    const reader = new Reader(root.ns, root.ns === CAP11_NS ? '1.1' : '1.2');
    const alert = reader.alert(root);
    return { alert, problems: reader.problems };
  } catch (e) {
    // A reader bug must still come back as a plain refusal, never an exception in the caller.
    return { alert: null, problems: [{ path: 'document', message: `the message could not be read (${(e as Error).message})`, rule: 'xml' }] };
  }
}

class Reader {
  readonly problems: CapProblem[] = [];
  constructor(
    private readonly ns: string,
    private readonly version: CapVersion,
  ) {}

  private schema(path: string, message: string) {
    this.problems.push({ path, message, rule: 'schema' });
  }

  /** Checks order, repeats and unknown children against `spec`; returns the known children by name. */
  private children(el: XmlElement, path: string, spec: Spec, allowSignature = false): Map<string, XmlElement[]> {
    const byName = new Map<string, XmlElement[]>(spec.map(([n]) => [n, []]));
    const where = path || 'alert';
    let highest = -1;
    let highestName = '';
    let orderReported = false;
    let sawSignature = false;
    for (const c of el.children) {
      if (allowSignature && c.ns === XMLDSIG_NS) {
        sawSignature = true;
        continue;
      }
      if (c.ns !== this.ns) {
        this.schema(where, `<${c.local}> (line ${c.line}) is ${c.ns ? `from namespace "${c.ns}"` : 'without a namespace'}; only CAP elements may appear in <${el.local}>`);
        continue;
      }
      const idx = spec.findIndex(([n]) => n === c.local);
      if (idx < 0) {
        this.schema(where, `<${c.local}> (line ${c.line}) is not a CAP element of <${el.local}>`);
        continue;
      }
      this.attributes(c, `${path ? `${path}.` : ''}${c.local}`);
      if (sawSignature) this.schema(where, `<${c.local}> (line ${c.line}) comes after the signature; the signature must be the last thing in <alert>`);
      if (idx < highest && !orderReported) {
        this.schema(`${path ? `${path}.` : ''}${c.local}`, `<${c.local}> (line ${c.line}) comes after <${highestName}>; the schema puts <${c.local}> before it (order: ${spec.map(([n]) => n).join(', ')})`);
        orderReported = true;
      }
      if (idx > highest) {
        highest = idx;
        highestName = c.local;
      }
      byName.get(c.local)!.push(c);
    }
    for (const [name, max] of spec) {
      const n = byName.get(name)!.length;
      if (max === 1 && n > 1) this.schema(`${path ? `${path}.` : ''}${name}`, `<${name}> appears ${n} times in <${el.local}>; it may appear only once`);
    }
    if (el.text.trim() !== '') this.schema(where, `<${el.local}> holds loose text ("${el.text.trim().slice(0, 40)}"); only elements belong there`);
    return byName;
  }

  /** CAP elements carry no attributes; only namespace declarations and xsi: hints are allowed. */
  private attributes(el: XmlElement, path: string) {
    for (const name of Object.keys(el.attrs)) {
      if (name.startsWith(`{${XMLNS_NS}}`) || name === 'xmlns' || name.startsWith(`{${XSI_NS}}`)) continue;
      this.schema(path, `<${el.local}> (line ${el.line}) has an attribute "${name.replace(/^\{[^}]*\}/, '')}"; CAP elements have none`);
    }
  }

  private text(els: XmlElement[] | undefined, path: string): string | undefined {
    const el = els?.[0];
    if (!el) return undefined;
    if (el.children.length) this.schema(path, `<${el.local}> (line ${el.line}) contains markup (<${el.children[0]!.local}>); it must hold text only`);
    return el.text;
  }

  private texts(els: XmlElement[] | undefined, path: string): string[] {
    return (els ?? []).map((e, i) => this.text([e], `${path}[${i}]`) ?? '');
  }

  private pairs(els: XmlElement[] | undefined, path: string): CapValue[] {
    return (els ?? []).map((e, i) => {
      const p = `${path}[${i}]`;
      const kids = this.children(e, p, PAIR_ORDER);
      if (!kids.get('valueName')!.length) this.schema(p, `<${e.local}> (line ${e.line}) has no <valueName>`);
      if (!kids.get('value')!.length) this.schema(p, `<${e.local}> (line ${e.line}) has no <value>`);
      return { valueName: this.text(kids.get('valueName'), `${p}.valueName`) ?? '', value: this.text(kids.get('value'), `${p}.value`) ?? '' };
    });
  }

  private number(els: XmlElement[] | undefined, path: string, integer: boolean): number | undefined {
    const t = this.text(els, path);
    if (t === undefined) return undefined;
    const ok = integer ? /^\s*[+-]?\d+\s*$/.test(t) : /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(t);
    if (!ok) {
      this.schema(path, `"${t.trim()}" is not ${integer ? 'a whole number' : 'a decimal number'}`);
      return undefined;
    }
    return Number(t);
  }

  alert(root: XmlElement): CapAlert {
    this.attributes(root, 'alert');
    const k = this.children(root, '', ALERT_ORDER, true);
    const signed = root.children.some((c) => c.ns === XMLDSIG_NS && c.local === 'Signature');
    const opt = (name: string) => this.text(k.get(name), name);
    const alert: CapAlert = {
      version: this.version,
      identifier: opt('identifier') ?? '',
      sender: opt('sender') ?? '',
      sent: (opt('sent') ?? '').trim(),
      status: (opt('status') ?? '') as CapAlert['status'],
      msgType: (opt('msgType') ?? '') as CapAlert['msgType'],
      scope: (opt('scope') ?? '') as CapAlert['scope'],
      code: this.texts(k.get('code'), 'code'),
      references: (opt('references') ?? '').split(/\s+/).filter(Boolean),
      info: k.get('info')!.map((el, i) => this.info(el, `info[${i}]`)),
    };
    for (const name of ['source', 'restriction', 'addresses', 'note', 'incidents'] as const) {
      const v = opt(name);
      if (v !== undefined) alert[name] = v;
    }
    if (signed) alert.signed = true;
    return alert;
  }

  private info(el: XmlElement, path: string): CapInfo {
    const k = this.children(el, path, INFO_ORDER);
    const one = (name: string) => this.text(k.get(name), `${path}.${name}`);
    const info: CapInfo = {
      // The schema's default for an absent <language>.
      language: (one('language') ?? 'en-US').trim(),
      category: this.texts(k.get('category'), `${path}.category`) as CapInfo['category'],
      event: one('event') ?? '',
      responseType: this.texts(k.get('responseType'), `${path}.responseType`) as CapInfo['responseType'],
      urgency: (one('urgency') ?? '') as CapInfo['urgency'],
      severity: (one('severity') ?? '') as CapInfo['severity'],
      certainty: (one('certainty') ?? '') as CapInfo['certainty'],
      eventCode: this.pairs(k.get('eventCode'), `${path}.eventCode`),
      parameter: this.pairs(k.get('parameter'), `${path}.parameter`),
      resource: k.get('resource')!.map((r, i) => this.resource(r, `${path}.resource[${i}]`)),
      area: k.get('area')!.map((a, i) => this.area(a, `${path}.area[${i}]`)),
    };
    for (const name of ['effective', 'onset', 'expires'] as const) {
      const v = one(name);
      if (v !== undefined) info[name] = v.trim();
    }
    for (const name of ['audience', 'senderName', 'headline', 'description', 'instruction', 'web', 'contact'] as const) {
      const v = one(name);
      if (v !== undefined) info[name] = v;
    }
    return info;
  }

  private resource(el: XmlElement, path: string): CapResource {
    const k = this.children(el, path, RESOURCE_ORDER);
    const one = (name: string) => this.text(k.get(name), `${path}.${name}`);
    const r: CapResource = { resourceDesc: one('resourceDesc') ?? '', mimeType: one('mimeType') ?? '' };
    const size = this.number(k.get('size'), `${path}.size`, true);
    if (size !== undefined) r.size = size;
    for (const name of ['uri', 'derefUri', 'digest'] as const) {
      const v = one(name);
      if (v !== undefined) r[name] = v;
    }
    return r;
  }

  private area(el: XmlElement, path: string): CapArea {
    const k = this.children(el, path, AREA_ORDER);
    const a: CapArea = {
      areaDesc: this.text(k.get('areaDesc'), `${path}.areaDesc`) ?? '',
      polygon: this.texts(k.get('polygon'), `${path}.polygon`),
      circle: this.texts(k.get('circle'), `${path}.circle`),
      geocode: this.pairs(k.get('geocode'), `${path}.geocode`),
    };
    const altitude = this.number(k.get('altitude'), `${path}.altitude`, false);
    if (altitude !== undefined) a.altitude = altitude;
    const ceiling = this.number(k.get('ceiling'), `${path}.ceiling`, false);
    if (ceiling !== undefined) a.ceiling = ceiling;
    return a;
  }
}
