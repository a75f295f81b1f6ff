import { header, headerValues, parseNameAddr, type SipRequest } from '../sip/sip-message';
import { bodyParts, type BodyPart } from './multipart';
import { parsePidfLo, type PidfLocation } from './pidf-lo';
import { parseAdditionalData, type AdditionalDataBlock } from './additional-data';

/** What an NG9-1-1 INVITE, re-INVITE, UPDATE or MESSAGE tells the centre about the caller. */
export interface EmergencyRequest {
  callbackNumber: string | null;
  callerName: string | null;
  callerUri: string | null;
  emergencyCallId: string | null;
  emergencyIncidentId: string | null;
  locations: PidfLocation[];
  /** http(s) location URIs to dereference (RFC 6442 by reference). */
  locationRefs: string[];
  /** Why location by value or reference could not be used, in plain words. */
  locationProblems: string[];
  additionalData: AdditionalDataBlock[];
  /** http(s) references to additional data blocks, by purpose. */
  additionalDataRefs: { purpose: string; uri: string }[];
  sdpOffer: string | null;
  texts: string[];
  bodyProblems: string[];
}

const PIDF_TYPES = new Set(['application/pidf+xml', 'application/pidf-lo+xml']);

/**
 * Everything the centre reads from one request, as a pure function of the message: headers
 * (P-Asserted-Identity, From, Call-Info, Geolocation) and body parts (SDP, PIDF-LO, RFC 7852
 * blocks, text). Nothing here can refuse a call: problems are collected for the call-taker.
 */
export function readEmergencyRequest(req: SipRequest): EmergencyRequest {
  const out: EmergencyRequest = {
    callbackNumber: null, callerName: null, callerUri: null, emergencyCallId: null, emergencyIncidentId: null,
    locations: [], locationRefs: [], locationProblems: [], additionalData: [], additionalDataRefs: [], sdpOffer: null, texts: [], bodyProblems: [],
  };
  readCaller(req, out);
  const { parts, problems } = bodyParts(req.body, header(req, 'Content-Type') ?? (req.body.length ? 'application/octet-stream' : null));
  out.bodyProblems.push(...problems);
  const byCid = new Map(parts.filter((p) => p.contentId).map((p) => [p.contentId!.toLowerCase(), p]));
  const usedPidf = new Set<BodyPart>();

  for (const v of headerValues(req, 'Call-Info')) {
    const na = parseNameAddr(v);
    if (!na) continue;
    const purpose = na.params['purpose'] ?? '';
    if (purpose === 'emergency-CallId') out.emergencyCallId = na.uri.slice(0, 300);
    else if (purpose === 'emergency-IncidentId') out.emergencyIncidentId = na.uri.slice(0, 300);
    else if (purpose.startsWith('EmergencyCallData.')) {
      const kind = purpose.slice('EmergencyCallData.'.length);
      if (/^cid:/i.test(na.uri)) {
        const part = byCid.get(na.uri.slice(4).toLowerCase());
        if (part) out.additionalData.push(parseAdditionalData(kind, part.body.toString('utf8')));
        else out.additionalData.push({ purpose: kind, fields: {}, reference: na.uri, problem: `no body part with Content-ID ${na.uri.slice(4)}` });
      } else if (/^https?:\/\//i.test(na.uri)) out.additionalDataRefs.push({ purpose: kind, uri: na.uri });
      else out.additionalData.push({ purpose: kind, fields: {}, reference: na.uri.slice(0, 300), problem: 'reference is not an http(s) or cid URI' });
    }
  }

  const geoValues = headerValues(req, 'Geolocation');
  for (const v of geoValues) {
    const m = /^<([^>]*)>/.exec(v.trim());
    if (!m) {
      out.locationProblems.push(`Geolocation value "${v.slice(0, 80)}" is not a <URI>`);
      continue;
    }
    const uri = m[1]!.trim();
    if (/^cid:/i.test(uri)) {
      const part = byCid.get(uri.slice(4).toLowerCase());
      if (!part) {
        out.locationProblems.push(`Geolocation points to ${uri} but no body part has that Content-ID`);
        continue;
      }
      usedPidf.add(part);
      addPidf(part, out);
    } else if (/^https?:\/\//i.test(uri)) out.locationRefs.push(uri);
    else out.locationProblems.push(`Geolocation ${uri.slice(0, 80)}: only http(s) and cid references can be read by this centre`);
  }

  for (const part of parts) {
    if (PIDF_TYPES.has(part.contentType)) {
      if (!usedPidf.has(part)) addPidf(part, out);
    } else if (part.contentType === 'application/sdp') out.sdpOffer ??= part.body.toString('utf8');
    else if (part.contentType === 'text/plain') out.texts.push(part.body.toString('utf8').trim());
    else if (/^application\/emergencycalldata\.[a-z]+\+xml$/.test(part.contentType)) {
      const kind = part.contentType.slice('application/emergencycalldata.'.length, -4);
      const already = out.additionalData.some((a) => a.purpose.toLowerCase() === kind && a.reference === null);
      if (!already) out.additionalData.push(parseAdditionalData(properPurpose(kind), part.body.toString('utf8')));
    }
  }
  out.texts = out.texts.filter(Boolean);
  return out;
}

function properPurpose(kind: string): string {
  const known = ['DeviceInfo', 'ProviderInfo', 'ServiceInfo', 'SubscriberInfo', 'Comment', 'Control', 'VEDS'];
  return known.find((k) => k.toLowerCase() === kind) ?? kind;
}

function addPidf(part: BodyPart, out: EmergencyRequest): void {
  const r = parsePidfLo(part.body.toString('utf8'));
  out.locations.push(...r.locations);
  out.locationProblems.push(...r.problems);
}

function readCaller(req: SipRequest, out: EmergencyRequest): void {
  const pai = headerValues(req, 'P-Asserted-Identity').map(parseNameAddr).filter((x) => x !== null);
  const from = parseNameAddr(header(req, 'From') ?? '');
  const candidates = [...pai.filter((p) => /^tel:/i.test(p.uri)), ...pai, ...(from ? [from] : [])];
  for (const c of candidates) {
    const n = phoneFromUri(c.uri);
    if (n) {
      out.callbackNumber = n;
      break;
    }
  }
  out.callerName = (pai.find((p) => p.display)?.display ?? from?.display ?? null)?.slice(0, 200) ?? null;
  out.callerUri = from?.uri.slice(0, 300) ?? null;
}

/** tel:+1-202-555-1212 or sip:+12025551212@host;user=phone -> "+12025551212"; null if not a number. */
export function phoneFromUri(uri: string): string | null {
  const m = /^(?:tel:([^;]+)|sips?:([^@;]+)@)/i.exec(uri.trim());
  const raw = (m?.[1] ?? m?.[2] ?? '').replace(/[-.() ]/g, '');
  return /^\+?\d{3,20}$/.test(raw) ? raw : null;
}
