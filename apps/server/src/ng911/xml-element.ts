import { SaxesParser } from 'saxes';

/** Location and additional-data bodies are small; anything larger is refused unread. */
const MAX_XML_BYTES = 512 * 1024;

export interface XmlNode {
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/**
 * A namespace-aware element tree for PIDF-LO and RFC 7852 blocks. The XML comes from callers'
 * networks, so a DOCTYPE (entity expansion, external entities) is refused, and it never throws:
 * a problem comes back in words.
 */
export function readXml(xml: string): { root: XmlNode } | { problem: string } {
  if (Buffer.byteLength(xml, 'utf8') > MAX_XML_BYTES) return { problem: `XML body larger than ${MAX_XML_BYTES / 1024} KB` };
  const body = (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).trim();
  if (!body.startsWith('<')) return { problem: 'body is not XML (does not start with "<")' };
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.on('doctype', () => {
    throw new Error('a DOCTYPE is not allowed');
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (typeof a === 'string') continue;
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.local] = a.value;
    }
    const node: XmlNode = { ns: tag.uri ?? '', local: tag.local ?? tag.name, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  const addText = (t: string) => {
    const cur = stack[stack.length - 1];
    if (cur) cur.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  try {
    parser.write(body).close();
  } catch (e) {
    return { problem: `XML is not well-formed: ${(e as Error).message}` };
  }
  if (!root) return { problem: 'XML has no root element' };
  return { root };
}

/** Every descendant (depth first, document order) matching the test. */
export function descendants(node: XmlNode, test: (n: XmlNode) => boolean, out: XmlNode[] = []): XmlNode[] {
  for (const c of node.children) {
    if (test(c)) out.push(c);
    descendants(c, test, out);
  }
  return out;
}

export function child(node: XmlNode, local: string): XmlNode | undefined {
  return node.children.find((c) => c.local === local);
}
