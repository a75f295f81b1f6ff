import { readXmlTree, type XmlElement } from '../../cap/xml-tree';

const CIVIC_NS = 'urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr';
const GML_NS = 'http://www.opengis.net/gml';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// "100 N Holliday St" -> house number, pre-directional, street name, suffix: enough for a
// receiving centre's geocoder, while anything we cannot split travels whole in LOC.
const STREET = /^(\d+[A-Za-z]?)\s+(?:(N|S|E|W|NE|NW|SE|SW)\s+)?(.+?)(?:\s+(St|Ave|Rd|Blvd|Dr|Ln|Ct|Pl|Ter|Way|Pkwy|Hwy|Cir|Sq|Aly|Street|Avenue|Road|Boulevard|Drive|Lane|Court|Place))?$/i;

export function civicParts(text: string): Record<string, string> {
  const m = STREET.exec(text.trim());
  if (!m || text.includes(',')) return { LOC: text.trim() };
  const parts: Record<string, string> = { HNO: m[1]! };
  if (m[2]) parts.PRD = m[2].toUpperCase();
  parts.RD = m[3]!;
  if (m[4]) parts.STS = m[4];
  return parts;
}

/**
 * A PIDF-LO (RFC 4119 / 5491 / 5139) for a location: a GML point when we have coordinates and a
 * civic address from the text, as the EIDO's locationByValue carries it.
 */
export function pidfFor(entity: string, loc: { text: string | null; lat: number | null; lon: number | null }, method: string): string {
  const infos: string[] = [];
  if (loc.lat !== null && loc.lon !== null) {
    infos.push(`<gml:Point xmlns:gml="${GML_NS}" srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${loc.lat} ${loc.lon}</gml:pos></gml:Point>`);
  }
  if (loc.text) {
    const parts = Object.entries({ country: 'US', ...civicParts(loc.text) }).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('');
    infos.push(`<civicAddress xmlns="${CIVIC_NS}">${parts}</civicAddress>`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="${esc(entity)}">` +
    `<dm:device id="incident"><gp:geopriv><gp:location-info>${infos.join('')}</gp:location-info>` +
    `<gp:usage-rules/><gp:method>${esc(method)}</gp:method></gp:geopriv></dm:device></presence>`
  );
}

function* walk(e: XmlElement): Generator<XmlElement> {
  yield e;
  for (const c of e.children) yield* walk(c);
}

export interface PidfLocation {
  lat: number | null;
  lon: number | null;
  civicText: string | null;
}

/** Reads the first point (or circle centre) and civic address of a PIDF-LO; problems in words. */
export function readPidf(xml: string): { location: PidfLocation | null; problem: string | null } {
  const { root, problems } = readXmlTree(xml);
  if (!root) return { location: null, problem: problems.map((p) => p.message.replace('CAP never', 'a PIDF-LO never')).join('; ') || 'not XML' };
  let lat: number | null = null;
  let lon: number | null = null;
  let civicText: string | null = null;
  for (const e of walk(root)) {
    if (lat === null && e.ns === GML_NS && e.local === 'pos') {
      const [a, b] = e.text.trim().split(/\s+/).map(Number);
      if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) {
        lat = a;
        lon = b;
      }
    }
    // A polygon (RFC 5491) has no single point: its vertices' mean stands in for the map pin.
    if (lat === null && e.ns === GML_NS && e.local === 'posList') {
      const n = e.text.trim().split(/\s+/).map(Number);
      // A closed ring repeats its first vertex at the end; counting it twice would pull the pin.
      if (n.length >= 8 && n[0] === n[n.length - 2] && n[1] === n[n.length - 1]) n.splice(-2, 2);
      if (n.length >= 6 && n.length % 2 === 0 && n.every(Number.isFinite)) {
        const pairs = n.length / 2;
        let la = 0;
        let lo = 0;
        for (let i = 0; i < n.length; i += 2) {
          la += n[i]!;
          lo += n[i + 1]!;
        }
        if (Math.abs(la / pairs) <= 90 && Math.abs(lo / pairs) <= 180) {
          lat = la / pairs;
          lon = lo / pairs;
        }
      }
    }
    if (civicText === null && e.ns === CIVIC_NS && e.local === 'civicAddress') civicText = civicTextOf(e);
  }
  return { location: { lat, lon, civicText }, problem: null };
}

function civicTextOf(e: XmlElement): string | null {
  const v: Record<string, string> = {};
  for (const c of e.children) if (c.text.trim()) v[c.local] = c.text.trim();
  const street = [v.HNO, v.HNS, v.PRD, v.RD, v.STS, v.POD].filter(Boolean).join(' ');
  const first = street || v.LOC || v.NAM || '';
  const rest = [street && v.LOC ? v.LOC : null, v.A3, v.A1].filter(Boolean);
  const text = [first, ...rest].filter(Boolean).join(', ');
  return text || null;
}
