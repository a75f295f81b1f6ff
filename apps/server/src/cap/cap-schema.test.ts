import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CapAlert } from './cap-model';
import { checkCap } from './cap-checks';
import { parseCap } from './cap-reader';
import { writeCap } from './cap-writer';
import { describeProblems, schemaValid, validateCapXml } from './cap-validate';
import { sampleCapAlert, type SampleKind } from './cap-samples';

const XSD = fileURLToPath(new URL('../../../../../shared/standards/cap/CAP-v1.2.xsd', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cap-xmllint-'));
let n = 0;

/** The OASIS schema's verdict, from libxml2's xmllint (npm test installs it when missing). */
function xmllint(xml: string): { valid: boolean; out: string } {
  const file = join(dir, `m${++n}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed for this test (Debian package libxml2-utils): ${r.error.message}`);
  return { valid: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

const KINDS: SampleKind[] = ['amber', 'silver', 'blue', 'local'];

describe('generated CAP against the OASIS schema (xmllint) and the IPAWS profile', () => {
  it.each(KINDS)('the %s alert is valid CAP 1.2 and passes the IPAWS profile', (kind) => {
    const alert = sampleCapAlert(kind);
    const xml = writeCap(alert);
    const lint = xmllint(xml);
    expect(lint.out).toContain('validates');
    expect(lint.valid).toBe(true);
    expect(checkCap(alert, { profile: 'ipaws' })).toEqual([]);
    expect(validateCapXml(xml)).toEqual([]);
    expect(xml).toContain('<code>IPAWSv1.0</code>');
    expect(xml).toMatch(/<expires>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00<\/expires>/);
  });

  it('Update and Cancel messages referencing the alert are valid too', () => {
    const first = sampleCapAlert('amber');
    for (const msgType of ['Update', 'Cancel'] as const) {
      const next: CapAlert = { ...structuredClone(first), identifier: `${first.identifier}-${msgType}`, msgType, references: [`${first.sender},${first.identifier},${first.sent}`] };
      if (msgType === 'Cancel') next.info[0]!.responseType = ['AllClear'];
      expect(xmllint(writeCap(next)).valid).toBe(true);
      expect(validateCapXml(writeCap(next))).toEqual([]);
    }
  });

  it('a signed message is valid: the schema lets an XML signature close the alert', () => {
    const xml = writeCap(sampleCapAlert('blue')).replace('</alert>', '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignatureValue>aGVsbG8=</SignatureValue></Signature></alert>');
    expect(xmllint(xml).valid).toBe(true);
    expect(validateCapXml(xml)).toEqual([]);
    expect(parseCap(xml).alert!.signed).toBe(true);
  });

  const good = writeCap(sampleCapAlert('amber'));
  const withInfo = (edit: (a: CapAlert) => void) => {
    const a = sampleCapAlert('amber');
    edit(a);
    return writeCap(a);
  };
  // lintLenient: libxml2 accepts what the schema's sequence forbids (an info after the signature's
  // wildcard); the checks here follow the schema and CAP 1.2 text, so only they refuse it.
  const broken: { name: string; xml: string; schema: boolean; says: RegExp; lintLenient?: boolean }[] = [
    { name: 'missing identifier', xml: good.replace(/\s*<identifier>.*<\/identifier>/, ''), schema: false, says: /identifier.*is missing/ },
    { name: 'bad enumeration value', xml: good.replace('<status>Actual</status>', '<status>Real</status>'), schema: false, says: /status "Real" is not one CAP allows \(Actual, Exercise/ },
    { name: 'elements out of order', xml: good.replace(/(<urgency>.*<\/urgency>)(\s*)(<severity>.*<\/severity>)/, '$3$2$1'), schema: false, says: /<urgency> \(line \d+\) comes after <severity>/ },
    { name: 'a time in Z', xml: good.replace(/<sent>([^<]*)-05:00<\/sent>/, '<sent>$1Z</sent>'), schema: false, says: /ends in Z; CAP 1\.2 wants the offset written out/ },
    { name: 'fractions of a second', xml: good.replace(/<sent>([^<]*)-05:00<\/sent>/, '<sent>$1.5-05:00</sent>'), schema: false, says: /fractions of a second/ },
    { name: 'a polygon not closed', xml: withInfo((a) => (a.info[0]!.area[0]!.polygon = ['38.9,-77.4 38.95,-77.2 38.8,-77.1 38.7,-77.3'])), schema: true, says: /polygon is not closed: it starts at 38\.9,-77\.4 and ends at 38\.7,-77\.3/ },
    { name: 'a polygon of three points', xml: withInfo((a) => (a.info[0]!.area[0]!.polygon = ['38.9,-77.4 38.95,-77.2 38.9,-77.4'])), schema: true, says: /has 3 points; it needs at least 4/ },
    { name: 'two SAME event codes', xml: withInfo((a) => a.info[0]!.eventCode.push({ valueName: 'SAME', value: 'MEP' })), schema: true, says: /2 SAME event codes \(CAE, MEP\); IPAWS allows exactly one/ },
    { name: 'no SAME event code', xml: withInfo((a) => (a.info[0]!.eventCode = [])), schema: true, says: /needs one SAME event code/ },
    { name: 'WEA text over 90 characters', xml: withInfo((a) => (a.info[0]!.parameter[0]!.value = 'x'.repeat(91))), schema: true, says: /CMAMtext is 91 characters; phones show at most 90/ },
    { name: 'WEA long text over 360 characters', xml: withInfo((a) => (a.info[0]!.parameter[1]!.value = 'x'.repeat(361))), schema: true, says: /CMAMlongtext is 361 characters; phones show at most 360/ },
    { name: 'Update without references', xml: withInfo((a) => (a.msgType = 'Update')), schema: true, says: /an Update must name the message\(s\) it updates in <references>/ },
    { name: 'no expiry', xml: withInfo((a) => delete a.info[0]!.expires), schema: true, says: /needs an expiry time/ },
    { name: 'no IPAWS code', xml: withInfo((a) => (a.code = [])), schema: true, says: /needs <code>IPAWSv1\.0<\/code>/ },
    { name: 'a SAME geocode of 5 digits', xml: withInfo((a) => (a.info[0]!.area[0]!.geocode[0]!.value = '51059')), schema: true, says: /SAME geocode "51059" is not six digits/ },
    { name: 'an attribute on a CAP element', xml: good.replace('<event>', '<event lang="en">'), schema: false, says: /<event> \(line \d+\) has an attribute "lang"; CAP elements have none/ },
    { name: 'loose text between elements', xml: good.replace('<scope>Public</scope>', '<scope>Public</scope>oops'), schema: false, says: /<alert> holds loose text \("oops"\)/ },
    { name: 'an element CAP does not have', xml: good.replace('<scope>Public</scope>', '<scope>Public</scope><priority>1</priority>'), schema: false, says: /<priority> \(line \d+\) is not a CAP element of <alert>/ },
    { name: 'an empty info', xml: good.replace(/<info>[\s\S]*<\/info>/, '<info></info>'), schema: false, says: /at least one category/ },
    { name: 'a signature before the info', xml: good.replace('<info>', '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/><info>'), schema: false, says: /<info> \(line \d+\) comes after the signature/, lintLenient: true },
    { name: 'a schemaLocation hint is allowed', xml: good.replace('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:tc:emergency:cap:1.2 CAP-v1.2.xsd"').replace('<code>IPAWSv1.0</code>', ''), schema: true, says: /needs <code>IPAWSv1\.0<\/code>/ },
    { name: 'not XML', xml: 'This is a plain text e-mail about an alert.', schema: false, says: /not XML/ },
    { name: 'broken XML', xml: good.replace('</info>', ''), schema: false, says: /not well-formed XML: line \d+/ },
    { name: 'an XXE attempt', xml: good.replace('<alert ', '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<alert ').replace('<identifier>', '<identifier>&xxe;'), schema: false, says: /declares a DOCTYPE/ },
    { name: 'CAP 1.1', xml: good.replace('emergency:cap:1.2', 'emergency:cap:1.1'), schema: false, says: /this is CAP 1\.1 .* it reads, but CAP 1\.2 needs namespace/ },
  ];

  it.each(broken)('$name: refused with a clear reason, and xmllint agrees on schema validity', ({ xml, schema, says, lintLenient }) => {
    const problems = validateCapXml(xml);
    expect(problems.length).toBeGreaterThan(0);
    expect(describeProblems(problems)).toMatch(says);
    expect(schemaValid(problems)).toBe(schema);
    if (lintLenient) expect(xmllint(xml).valid).toBe(true);
    else if (!/DOCTYPE/.test(xml)) expect(xmllint(xml).valid, xmllint(xml).out).toBe(schema);
    // A DOCTYPE is refused before any schema: we never let a message define entities.
    else expect(xmllint(xml).out).not.toMatch(/root:/);
  });

  it('the official examples are valid for xmllint and for the checks', () => {
    const d = fileURLToPath(new URL('../../../../../shared/standards/cap/', import.meta.url));
    for (const f of ['cap_amber_alert_example.xml', 'oasis-cap-1.2-appendix-a/v1dot2_appendix_adot3.xml']) {
      const xml = readFileSync(d + f, 'utf8');
      expect(xmllint(xml).valid).toBe(true);
      expect(schemaValid(validateCapXml(xml))).toBe(true);
      expect(xmllint(writeCap(parseCap(xml).alert!)).valid).toBe(true);
    }
  });
});
