import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCap, parseCapAll } from './cap-reader';
import { capTime, writeCap } from './cap-writer';
import { parseCapAtomIndex } from './cap-atom-index';
import { validateCapXml } from './cap-validate';
import { sampleCapAlert } from './cap-samples';

// The official examples are read where they are kept, never copied into the repository.
const CAP_DIR = fileURLToPath(new URL('../../../../../shared/standards/cap/', import.meta.url));
const EXAMPLES = ['cap_amber_alert_example.xml', ...readdirSync(`${CAP_DIR}oasis-cap-1.2-appendix-a`).filter((f) => f.endsWith('.xml')).map((f) => `oasis-cap-1.2-appendix-a/${f}`)];

describe('CAP reader and writer', () => {
  it.each(EXAMPLES)('%s parses cleanly and re-exports without loss', (file) => {
    const xml = readFileSync(`${CAP_DIR}${file}`, 'utf8');
    const first = parseCap(xml);
    expect(first.problems).toEqual([]);
    expect(first.alert).not.toBeNull();
    const again = parseCap(writeCap(first.alert!));
    expect(again.problems).toEqual([]);
    expect(again.alert).toEqual(first.alert);
    expect(validateCapXml(xml, { profile: 'none' })).toEqual([]);
  });

  it('reads every part of the examples: infos, areas, polygon, circle, geocodes, references, resources', () => {
    const amber = parseCap(readFileSync(`${CAP_DIR}cap_amber_alert_example.xml`, 'utf8')).alert!;
    expect(amber.info.map((i) => i.language)).toEqual(['en-US', 'es-US']);
    expect(amber.info[1]!.event).toBe('Abducción de Niño');
    expect(amber.info[0]!.eventCode).toEqual([{ valueName: 'SAME', value: 'CAE' }]);
    const a = (n: number) => parseCap(readFileSync(`${CAP_DIR}oasis-cap-1.2-appendix-a/v1dot2_appendix_adot${n}.xml`, 'utf8')).alert!;
    expect(a(1).info[0]!.language).toBe('en-US'); // the schema's default when absent
    expect(a(1).info[0]!.resource[0]).toEqual({ resourceDesc: 'Image file (GIF)', mimeType: 'image/gif', uri: 'http://www.dhs.gov/dhspublic/getAdvisoryImage' });
    expect(a(2).info[0]!.area[0]!.polygon).toEqual(['38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14']);
    expect(a(2).info[0]!.area[0]!.geocode.map((g) => g.value)).toEqual(['006109', '006009', '006003']);
    expect(a(3)).toMatchObject({ msgType: 'Update', references: ['trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00'] });
    expect(a(3).info[0]!.area[0]!.circle).toEqual(['32.9525,-115.5527 0']);
    expect(a(3).info[0]!.parameter).toHaveLength(5);
  });

  it('writes CAP 1.2 with escaped text, schema order and offset times', () => {
    const alert = sampleCapAlert('amber');
    alert.info[0]!.description = 'Tom & Jerry <b>bold</b> "quoted"\r\nline two';
    alert.sent = '2026-11-21T15:00:00.250Z';
    const xml = writeCap(alert);
    expect(xml).toContain('xmlns="urn:oasis:names:tc:emergency:cap:1.2"');
    expect(xml).toContain('Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;');
    expect(xml).toContain('<sent>2026-11-21T15:00:00+00:00</sent>');
    expect(xml).not.toMatch(/\d\d:\d\dZ</);
    const back = parseCap(xml).alert!;
    expect(back.info[0]!.description).toBe('Tom & Jerry <b>bold</b> "quoted"\r\nline two');
    expect(xml.indexOf('<identifier>')).toBeLessThan(xml.indexOf('<sender>'));
    expect(xml.indexOf('<eventCode>')).toBeLessThan(xml.indexOf('<expires>'));
    expect(xml.indexOf('<parameter>')).toBeLessThan(xml.indexOf('<area>'));
    expect(capTime(new Date(Date.UTC(2026, 0, 1, 5, 0, 0, 999)), -300)).toBe('2026-01-01T00:00:00-05:00');
    expect(capTime(new Date(Date.UTC(2026, 0, 1, 5, 0, 0)))).toBe('2026-01-01T05:00:00+00:00');
  });

  it('reads a CAP 1.1 message (NWS style, several areas) into the same shape', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1">
  <identifier>NOAA-NWS-ALERTS-VA1255</identifier><sender>w-nws.webmaster@noaa.gov</sender><sent>2018-08-15T14:52:00-04:00</sent>
  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope><note>Alert for Fairfax (Virginia) Issued by the National Weather Service</note>
  <info><category>Met</category><event>Flash Flood Warning</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
    <eventCode><valueName>SAME</valueName><value>FFW</value></eventCode>
    <effective>2018-08-15T14:52:00-04:00</effective><expires>2018-08-15T20:00:00-04:00</expires><senderName>NWS Sterling (Washington DC)</senderName>
    <headline>Flash Flood Warning until 8 PM</headline><description>Heavy rain.</description>
    <parameter><valueName>VTEC</valueName><value>/O.NEW.KLWX.FF.W.0042.180815T1852Z-180816T0000Z/</value></parameter>
    <area><areaDesc>Fairfax</areaDesc><polygon>38.9,-77.4 38.95,-77.2 38.8,-77.1 38.9,-77.4</polygon><geocode><valueName>FIPS6</valueName><value>051059</value></geocode></area>
    <area><areaDesc>Arlington</areaDesc><geocode><valueName>UGC</valueName><value>VAZ054</value></geocode></area>
  </info>
</alert>`;
    const { alert, problems } = parseCap(xml);
    expect(problems).toEqual([]);
    expect(alert).toMatchObject({ version: '1.1', identifier: 'NOAA-NWS-ALERTS-VA1255', msgType: 'Alert' });
    expect(alert!.info[0]!.area.map((a) => a.areaDesc)).toEqual(['Fairfax', 'Arlington']);
    // Written back it becomes CAP 1.2 with the same content.
    expect(parseCap(writeCap(alert!)).alert).toEqual({ ...alert, version: '1.2' });
    expect(validateCapXml(xml, { profile: 'none' })[0]!.message).toContain('CAP 1.1');
  });

  it('reads a signed message with several infos and notes the signature without verifying it', () => {
    const alert = sampleCapAlert('amber');
    alert.info.push({ ...structuredClone(alert.info[0]!), language: 'es-US', event: 'Emergencia de secuestro de menor' });
    const signed = writeCap(alert).replace(
      '</alert>',
      `  <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>q8m1Rl2Yd1w=</DigestValue></Reference></SignedInfo><SignatureValue>aGVsbG8=</SignatureValue></Signature>\n</alert>`,
    );
    const { alert: read, problems } = parseCap(signed);
    expect(problems).toEqual([]);
    expect(read!.signed).toBe(true);
    expect(read!.info.map((i) => i.language)).toEqual(['en-US', 'es-US']);
    expect(validateCapXml(signed)).toEqual([]);
  });

  it('reads the NWS Atom index into entries with links and inline cap: fields', () => {
    const { entries, problems } = parseCapAtomIndex(readFileSync(`${CAP_DIR}nws_atom_feed_example.xml`, 'utf8'));
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(100);
    const e = entries[0]!;
    expect(e.link).toMatch(/^https:\/\/alerts\.weather\.gov\/cap\/wwacapget\.php\?x=/);
    expect(e).toMatchObject({ title: expect.stringContaining('High Wind Warning'), updated: '2018-08-15T14:52:00-08:00' });
    expect(e.cap).toMatchObject({ event: 'High Wind Warning', expires: '2018-08-16T07:00:00-08:00', severity: 'Severe' });
    expect(e.geocode).toEqual([{ valueName: 'FIPS6', value: '002185' }, { valueName: 'UGC', value: 'AKZ204' }]);
    expect(parseCap(readFileSync(`${CAP_DIR}nws_atom_feed_example.xml`, 'utf8')).problems[0]!.message).toContain('Atom index');
    expect(parseCapAtomIndex('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>').problems[0]!.message).toContain('not an Atom index');
  });

  it('refuses what is not CAP, with the reason, and never throws', () => {
    const reason = (x: string) => {
      const r = parseCap(x);
      expect(r.alert).toBeNull();
      return r.problems.map((p) => p.message).join(' | ');
    };
    expect(reason('')).toContain('empty');
    expect(reason('{"alert": 1}')).toContain('not XML');
    expect(reason('<alert><identifier>x</alert>')).toMatch(/not well-formed XML: line 1/);
    expect(reason('<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>')).toContain('DOCTYPE');
    expect(reason('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><alert>&lol2;</alert>')).toContain('DOCTYPE');
    expect(reason('<html><body>404</body></html>')).toContain('root element is <html>');
    expect(reason('<alert><identifier>x</identifier></alert>')).toContain('no namespace');
    expect(reason('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.0"/>')).toContain('CAP 1.0');
    expect(reason(`<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>${'x'.repeat(6 * 1024 * 1024)}</note></alert>`)).toContain('larger than');
    for (const junk of ['<', '<<<>>>', '<a', '\u0000', '<a>\u0001</a>', '<a xmlns:p="x"><p:b/></q:b></a>', 42 as unknown as string, null as unknown as string]) {
      expect(() => parseCap(junk)).not.toThrow();
      expect(parseCap(junk).alert).toBeNull();
    }
  });

  it('reports structure the schema forbids: order, repeats, unknown and foreign elements, bad numbers', () => {
    const xml = writeCap(sampleCapAlert('silver'))
      .replace(/(<identifier>.*<\/identifier>)\n(\s*<sender>.*<\/sender>)/, '$2\n$1')
      .replace('<scope>Public</scope>', '<scope>Public</scope><scope>Public</scope><colour xmlns="urn:x">red</colour>')
      .replace('<areaDesc>', '<altitude>high</altitude><areaDesc>');
    const messages = parseCap(xml).problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages.join('\n')).toMatch(/identifier: <identifier> \(line \d+\) comes after <sender>/);
    expect(messages.join('\n')).toContain('<scope> appears 2 times');
    expect(messages.join('\n')).toContain('<colour> (line 8) is from namespace "urn:x"');
    expect(messages.join('\n')).toContain('"high" is not a decimal number');
  });

  it('finds the alerts carried in a wrapper (EDXL-DE, an IPAWS-style list) and tolerates blank lines before the declaration', () => {
    const one = writeCap(sampleCapAlert('amber')).replace(/^<\?xml[^>]*>\n/, '');
    const two = writeCap({ ...sampleCapAlert('blue'), identifier: 'B-2' }).replace(/^<\?xml[^>]*>\n/, '');
    const edxl = `<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0"><distributionID>d1</distributionID><contentObject><xmlContent><embeddedXMLContent>${one}</embeddedXMLContent></xmlContent></contentObject></EDXLDistribution>`;
    const list = `<ns1:alerts xmlns:ns1="http://gov.fema.ipaws.services/feed">${one}${two}</ns1:alerts>`;
    expect(parseCap(edxl).problems[0]!.message).toContain('carries 1 CAP alert inside it');
    expect(parseCapAll(edxl).alerts.map((a) => [a.alert.identifier, a.problems])).toEqual([[sampleCapAlert('amber').identifier, []]]);
    expect(parseCapAll(list).alerts.map((a) => a.alert.identifier)).toEqual([sampleCapAlert('amber').identifier, 'B-2']);
    expect(parseCapAll('<html/>').problems[0]!.message).toContain('not a CAP alert');
    expect(parseCap(`\n\n  ${writeCap(sampleCapAlert('local'))}`).problems).toEqual([]);
  });

  it('never throws, whatever is done to a message', () => {
    const xml = readFileSync(`${CAP_DIR}oasis-cap-1.2-appendix-a/v1dot2_appendix_adot2.xml`, 'utf8');
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const pieces = ['<', '>', '&', '&amp;', '</info>', '<info>', '<area>', '<polygon>1,2</polygon>', '<![CDATA[x]]>', '<!-- c -->', ']]>', '"', '\u0000', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>'];
    for (let i = 0; i < 400; i++) {
      let m = xml;
      for (let k = 0; k <= rnd(3); k++) {
        const at = rnd(m.length);
        m = rnd(2) ? m.slice(0, at) + m.slice(at + rnd(40)) : m.slice(0, at) + pieces[rnd(pieces.length)] + m.slice(at);
      }
      const problems = validateCapXml(m);
      expect(Array.isArray(problems)).toBe(true);
      const { alert } = parseCap(m);
      if (alert) expect(() => writeCap(alert)).not.toThrow();
      expect(() => parseCapAll(m)).not.toThrow();
      expect(() => parseCapAtomIndex(m)).not.toThrow();
    }
  });
});
