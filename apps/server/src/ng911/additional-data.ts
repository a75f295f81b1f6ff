import { readXml, type XmlNode } from './xml-element';

/** An RFC 7852 block, reduced to the plain fields a call-taker reads. */
export interface AdditionalDataBlock {
  purpose: string;
  fields: Record<string, string>;
  reference: string | null;
  problem: string | null;
}

const MAX_FIELDS = 24;
// vCard (RFC 6351) wraps values in typed elements: <fn><text>Ann</text></fn> is "fn: Ann".
const VALUE_WRAPPERS = new Set(['text', 'uri', 'date-time', 'timestamp', 'date', 'language-tag', 'integer']);

/** Reads one block by value (DeviceInfo, ProviderInfo, ServiceInfo, SubscriberInfo, Comment, ...). */
export function parseAdditionalData(purpose: string, xml: string, reference: string | null = null): AdditionalDataBlock {
  const r = readXml(xml);
  if ('problem' in r) return { purpose, fields: {}, reference, problem: r.problem };
  const fields: Record<string, string> = {};
  const visit = (n: XmlNode) => {
    for (const c of n.children) {
      if (Object.keys(fields).length >= MAX_FIELDS) return;
      if (c.children.length) visit(c);
      else {
        const t = c.text.trim().replace(/\s+/g, ' ');
        if (!t) continue;
        const key = VALUE_WRAPPERS.has(c.local) ? n.local : c.local;
        fields[key] = fields[key] ? `${fields[key]}; ${t}`.slice(0, 300) : t.slice(0, 300);
      }
    }
  };
  visit(r.root);
  return { purpose, fields, reference, problem: Object.keys(fields).length ? null : 'block holds no readable fields' };
}
