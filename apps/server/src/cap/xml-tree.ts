/**
 * Safe XML reading for CAP and Atom: `readXmlTree(xml)` returns a small namespace-aware element
 * tree, or problems in plain words. Messages come from outside the centre, so the reader refuses
 * what XML parsers are attacked with: any DOCTYPE (and with it every entity declaration, the XXE
 * and "billion laughs" routes) and input above MAX_XML_BYTES. It never throws.
 */
import { SaxesParser } from 'saxes';
import type { CapProblem } from './cap-model';

/** Real CAP messages are a few kilobytes, NWS indexes a few hundred; 5 MB leaves room for inline resources. */
export const MAX_XML_BYTES = 5 * 1024 * 1024;

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (text and CDATA joined), exactly as written. */
  text: string;
  line: number;
}

export function readXmlTree(xml: string): { root: XmlElement | null; problems: CapProblem[] } {
  const fail = (message: string) => ({ root: null, problems: [{ path: 'document', message, rule: 'xml' as const }] });
  if (typeof xml !== 'string') return fail('the input is not text');
  if (Buffer.byteLength(xml, 'utf8') > MAX_XML_BYTES) return fail(`the document is larger than ${MAX_XML_BYTES / 1024 / 1024} MB; a CAP message is far smaller, so it is refused unread`);
  // A byte-order mark, or blank lines some servers put before the declaration, are not content.
  const body = (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).replace(/^\s+(?=<\?xml\s)/, '');
  if (body.trim() === '') return fail('the document is empty');
  if (!body.trimStart().startsWith('<')) return fail('this is not XML: it does not start with "<"');

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let refused: string | null = null;

  parser.on('doctype', () => {
    refused = 'the document declares a DOCTYPE; CAP never needs one and it could define entities that read local files or expand without end, so it is refused';
    throw new Error(refused);
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (typeof a === 'string') continue;
      attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    }
    const el: XmlElement = { ns: tag.uri ?? '', local: tag.local ?? tag.name, attrs, children: [], text: '', line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const cur = stack[stack.length - 1];
    if (cur) cur.text += t;
  });
  parser.on('cdata', (t) => {
    const cur = stack[stack.length - 1];
    if (cur) cur.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => {
    throw e;
  });

  try {
    parser.write(body).close();
  } catch (e) {
    if (refused) return fail(refused);
    return fail(`this is not well-formed XML: ${plainSaxError((e as Error).message)}`);
  }
  if (!root) return fail('the document has no root element');
  return { root, problems: [] };
}

/** saxes reports "1:5: text data outside of root node."; say it as "line 1, column 5: ...". */
function plainSaxError(msg: string): string {
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(msg);
  const text = (m ? m[3]! : msg).replace(/\.$/, '');
  return m ? `line ${m[1]}, column ${m[2]}: ${text}` : text;
}

export function childrenNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.local === local);
}
