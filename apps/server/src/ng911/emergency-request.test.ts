import { describe, expect, it } from 'vitest';
import { parseSipMessage, type SipRequest } from '../sip/sip-message';
import { readEmergencyRequest, phoneFromUri } from './emergency-request';
import { bodyParts } from './multipart';

const POINT = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:gml="http://www.opengis.net/gml">
<tuple id="t"><status><gp:geopriv><gp:location-info><gml:Point><gml:pos>39.29 -76.61</gml:pos></gml:Point></gp:location-info></gp:geopriv></status></tuple></presence>`;

function invite(headers: string, body: string): SipRequest {
  const text = `INVITE urn:service:sos SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\nFrom: "Ann" <sip:+14105550100@10.0.0.1>;tag=1\r\nTo: <urn:service:sos>\r\nCall-ID: x@y\r\nCSeq: 1 INVITE\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const r = parseSipMessage(Buffer.from(text));
  if (r.problem || r.message?.kind !== 'request') throw new Error(r.problem);
  return r.message;
}

describe('multipart bodies', () => {
  it('reads parts without the blank line after their headers (as sipp sends them)', () => {
    const body = '--b\r\nContent-Type: application/pidf+xml\r\nContent-ID: <loc@x>\r\n<?xml version="1.0"?>\r\n<presence/>\r\n--b\r\nContent-Type: application/sdp\r\nv=0\r\n--b--\r\n';
    const { parts, problems } = bodyParts(Buffer.from(body), 'multipart/mixed; boundary=b');
    expect(problems).toEqual([]);
    expect(parts.map((p) => [p.contentType, p.contentId])).toEqual([['application/pidf+xml', 'loc@x'], ['application/sdp', null]]);
    expect(parts[0]!.body.toString()).toBe('<?xml version="1.0"?>\r\n<presence/>');
  });

  it('opens nested multiparts and reports a missing boundary or final delimiter', () => {
    const inner = '--in\r\nContent-Type: text/plain\r\n\r\nhello\r\n--in--';
    const body = `--out\r\nContent-Type: multipart/mixed; boundary="in"\r\n\r\n${inner}\r\n--out\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--out--`;
    const r = bodyParts(Buffer.from(body), 'multipart/mixed;boundary=out');
    expect(r.parts.map((p) => p.contentType)).toEqual(['text/plain', 'application/sdp']);
    expect(bodyParts(Buffer.from('x'), 'multipart/mixed').problems[0]).toMatch(/no boundary/);
    expect(bodyParts(Buffer.from('--z\r\nContent-Type: text/plain\r\n\r\nhi'), 'multipart/mixed; boundary=z').problems[0]).toMatch(/not closed/);
  });
});

describe('an emergency INVITE', () => {
  it('takes the callback number from P-Asserted-Identity before From, and Call-Info identifiers', () => {
    const r = readEmergencyRequest(invite('P-Asserted-Identity: <tel:+1-410-555-0199>\r\nCall-Info: <urn:emergency:uid:callid:abc:bcf.example>;purpose=emergency-CallId\r\nCall-Info: <urn:emergency:uid:incidentid:def:bcf.example>;purpose=emergency-IncidentId\r\n', ''));
    expect(r.callbackNumber).toBe('+14105550199');
    expect(r.emergencyCallId).toBe('urn:emergency:uid:callid:abc:bcf.example');
    expect(r.emergencyIncidentId).toBe('urn:emergency:uid:incidentid:def:bcf.example');
    expect(r.callerName).toBe('Ann');
  });

  it('follows Geolocation cid: to its part, and keeps http(s) references to read later', () => {
    const body = `--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b\r\nContent-Type: application/pidf+xml\r\nContent-ID: <l1@x>\r\n\r\n${POINT}\r\n--b--`;
    const r = readEmergencyRequest(invite('Geolocation: <cid:l1@x>, <https://lis.example/loc/1>\r\nContent-Type: multipart/mixed; boundary=b\r\n', body));
    expect(r.locations).toHaveLength(1);
    expect(r.locations[0]!.lat).toBe(39.29);
    expect(r.locationRefs).toEqual(['https://lis.example/loc/1']);
    expect(r.sdpOffer).toBe('v=0');
  });

  it('says why a location cannot be used, never throws', () => {
    const r = readEmergencyRequest(invite('Geolocation: <cid:missing@x>\r\nGeolocation: LIS_URL\r\nContent-Type: multipart/mixed; boundary=b\r\n', '--b\r\nContent-Type: application/pidf+xml\r\n\r\n<presence><oops\r\n--b--'));
    expect(r.locations).toEqual([]);
    expect(r.locationProblems.join(' ')).toMatch(/no body part has that Content-ID/);
    expect(r.locationProblems.join(' ')).toMatch(/is not a <URI>/);
    expect(r.locationProblems.join(' ')).toMatch(/not well-formed/);
  });

  it('reads RFC 7852 blocks by value through Call-Info cid:', () => {
    const dev = '<EmergencyCallData.DeviceInfo xmlns="urn:ietf:params:xml:ns:EmergencyCallData:DeviceInfo"><DeviceClassification>cellular</DeviceClassification></EmergencyCallData.DeviceInfo>';
    const r = readEmergencyRequest(invite('Call-Info: <cid:dev@x>;purpose=EmergencyCallData.DeviceInfo\r\nContent-Type: multipart/mixed; boundary=b\r\n', `--b\r\nContent-Type: application/EmergencyCallData.DeviceInfo+xml\r\nContent-ID: <dev@x>\r\n\r\n${dev}\r\n--b--`));
    expect(r.additionalData).toEqual([{ purpose: 'DeviceInfo', fields: { DeviceClassification: 'cellular' }, reference: null, problem: null }]);
  });

  it('reads phone numbers from tel: and sip: URIs only when they are numbers', () => {
    expect(phoneFromUri('sip:+12025551212@1.2.3.4:5060')).toBe('+12025551212');
    expect(phoneFromUri('sip:alice@example.com')).toBeNull();
    expect(phoneFromUri('tel:911;phone-context=x')).toBe('911');
  });
});

describe('SIP messages', () => {
  it('expands compact forms, joins folded lines, and refuses a body shorter than Content-Length', () => {
    const r = parseSipMessage(Buffer.from('OPTIONS sip:x SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bKa\r\nSubject: one\r\n two\r\ni: c1\r\nl: 0\r\n\r\n'));
    expect(r.message?.headers.map((h) => h.name)).toEqual(['Via', 'Subject', 'Call-ID', 'Content-Length']);
    expect(r.message?.headers[1]!.value).toBe('one two');
    expect(parseSipMessage(Buffer.from('MESSAGE sip:x SIP/2.0\r\nContent-Length: 10\r\n\r\nabc')).problem).toMatch(/more than the 3 bytes/);
    expect(parseSipMessage(Buffer.from('HELLO\r\n\r\n')).problem).toMatch(/not a SIP request/);
  });
});
