/**
 * Reader for an NWS-style Atom index of CAP alerts.
 *
 *   parseCapAtomIndex(xml: string): { entries: CapAtomEntry[]; problems: CapProblem[] }
 *
 * Each entry gives its id, title, updated time, the link to the full CAP message and, when the
 * index carries them, the inline cap: fields (cap:event, cap:expires, ... with namespace CAP 1.1
 * or 1.2), its geocodes and parameters. NWS writes several valueName/value pairs inside one
 * cap:geocode; they are read pairwise. Never throws; a document that is not an Atom feed comes
 * back with no entries and a problem saying so.
 */
import type { CapProblem, CapValue } from './cap-model';
import { ATOM_NS, CAP11_NS, CAP12_NS } from './cap-reader';
import { childrenNamed, readXmlTree, type XmlElement } from './xml-tree';

export interface CapAtomEntry {
  id: string;
  title: string;
  updated: string;
  /** Where the full CAP message is (null when the entry has no link). */
  link: string | null;
  /** Inline simple cap: fields by name, e.g. { event: 'High Wind Warning', expires: '...' }. */
  cap: Record<string, string>;
  geocode: CapValue[];
  parameter: CapValue[];
}

export const MAX_ATOM_ENTRIES = 2000;

export function parseCapAtomIndex(xml: string): { entries: CapAtomEntry[]; problems: CapProblem[] } {
  try {
    const { root, problems } = readXmlTree(xml);
    if (!root) return { entries: [], problems };
    if (root.local !== 'feed' || root.ns !== ATOM_NS) {
      return { entries: [], problems: [{ path: 'document', message: `this is not an Atom index: the root element is <${root.local}>${root.ns ? ` in namespace ${root.ns}` : ''}, an index's is <feed> in ${ATOM_NS}`, rule: 'xml' }] };
    }
    const out: CapProblem[] = [];
    const all = childrenNamed(root, ATOM_NS, 'entry');
    if (all.length > MAX_ATOM_ENTRIES) out.push({ path: 'feed', message: `the index has ${all.length} entries; only the first ${MAX_ATOM_ENTRIES} are read`, rule: 'xml' });
    const entries = all.slice(0, MAX_ATOM_ENTRIES).map((e, i) => readEntry(e, i, out));
    return { entries, problems: out };
  } catch (e) {
    return { entries: [], problems: [{ path: 'document', message: `the index could not be read (${(e as Error).message})`, rule: 'xml' }] };
  }
}

function readEntry(e: XmlElement, i: number, problems: CapProblem[]): CapAtomEntry {
  const text = (local: string) => childrenNamed(e, ATOM_NS, local)[0]?.text.trim() ?? '';
  const links = childrenNamed(e, ATOM_NS, 'link');
  // Prefer the link that says it is CAP, then the "alternate" link, then any.
  const link =
    links.find((l) => /cap\+xml/i.test(l.attrs.type ?? '')) ??
    links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ??
    links[0];
  const entry: CapAtomEntry = { id: text('id'), title: text('title'), updated: text('updated'), link: link?.attrs.href?.trim() || null, cap: {}, geocode: [], parameter: [] };
  if (!entry.link) problems.push({ path: `entry[${i}]`, message: `the entry "${entry.title || entry.id}" has no link to its CAP message`, rule: 'xml' });
  for (const c of e.children) {
    if (c.ns !== CAP11_NS && c.ns !== CAP12_NS) continue;
    if (c.local === 'geocode' || c.local === 'parameter') entry[c.local].push(...pairs(c));
    else if (!c.children.length) entry.cap[c.local] = c.text.trim();
  }
  return entry;
}

/** valueName/value children read in order, pairing each name with the value after it. */
function pairs(el: XmlElement): CapValue[] {
  const out: CapValue[] = [];
  let name: string | null = null;
  for (const c of el.children) {
    if (c.local === 'valueName') name = c.text.trim();
    else if (c.local === 'value' && name !== null) {
      out.push({ valueName: name, value: c.text.trim() });
      name = null;
    }
  }
  return out;
}
