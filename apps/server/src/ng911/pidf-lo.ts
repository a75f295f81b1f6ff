import type { LocationShape } from '@openpsap/contract';
import { child, descendants, readXml, type XmlNode } from './xml-element';
import { shapeAnchor } from './shape-metrics';

const GEOPRIV_NS = 'urn:ietf:params:xml:ns:pidf:geopriv10';
const CONF_NS = 'urn:ietf:params:xml:ns:geopriv:conf';

/** One location found in a PIDF-LO document, with the pin and uncertainty the shape implies. */
export interface PidfLocation {
  shape: LocationShape;
  lat: number | null;
  lon: number | null;
  uncertaintyM: number | null;
  confidence: number | null;
  method: string | null;
  timestamp: string | null;
  /** The address in words for a civic location; the shape's name for a geodetic one. */
  text: string;
}

export interface PidfResult {
  locations: PidfLocation[];
  problems: string[];
}

/**
 * Reads every location in a PIDF-LO document (RFC 4119, RFC 5491 shapes, RFC 5139 civic with
 * NENA CLDXF and RFC 6848 extensions). A shape it cannot read becomes a problem in words, never
 * an exception: the call is presented whatever the body holds.
 */
export function parsePidfLo(xml: string): PidfResult {
  const read = readXml(xml);
  if ('problem' in read) return { locations: [], problems: [read.problem] };
  const root = read.root;
  if (root.local !== 'presence') return { locations: [], problems: [`PIDF root element is <${root.local}>, not <presence>`] };
  const problems: string[] = [];
  const locations: PidfLocation[] = [];
  const infos = descendants(root, (n) => n.local === 'location-info' && (n.ns === GEOPRIV_NS || n.ns === ''));
  if (infos.length === 0) problems.push('PIDF has no <location-info>');
  for (const info of infos) {
    const geopriv = findParent(root, info);
    const method = geopriv ? textOf(child(geopriv, 'method')) : null;
    const holder = geopriv ? findParent(root, geopriv) : null; // status or device/person
    const timestamp = timestampNear(root, holder);
    const confNode = info.children.find((c) => c.local === 'confidence' && (c.ns === CONF_NS || c.ns === ''));
    const confidence = confNode ? numberOr(textOf(confNode), null) : null;
    // RFC 4119's first examples wrap the shape in <gml:location>.
    const shapes = info.children.flatMap((c) => (c.local === 'location' ? c.children : [c]));
    for (const el of shapes) {
      if (el.local === 'confidence' || el.local === 'usage-rules') continue;
      try {
        const shape = readShape(el);
        if (!shape) continue;
        const anchor = shapeAnchor(shape);
        locations.push({
          shape,
          lat: anchor?.lat ?? null,
          lon: anchor?.lon ?? null,
          uncertaintyM: anchor?.uncertaintyM ?? null,
          confidence: confidence !== null && confidence >= 0 && confidence <= 100 ? confidence : null,
          method,
          timestamp,
          text: shape.type === 'civic' ? shape.text : shapeLabel(shape),
        });
      } catch (e) {
        problems.push(`<${el.local}>: ${(e as Error).message}`);
      }
    }
  }
  if (infos.length > 0 && locations.length === 0 && problems.length === 0) problems.push('PIDF <location-info> holds no shape this centre can read');
  return { locations, problems };
}

function shapeLabel(s: LocationShape): string {
  switch (s.type) {
    case 'point': return 'Point';
    case 'circle': return `Circle r=${Math.round(s.radius)} m`;
    case 'ellipse': return `Ellipse ${Math.round(s.semiMajor)}x${Math.round(s.semiMinor)} m`;
    case 'arc-band': return `Arc band ${Math.round(s.innerRadius)}-${Math.round(s.outerRadius)} m`;
    case 'polygon': return `Polygon (${s.points.length} points)`;
    case 'civic': return s.text;
  }
}

/** null for an element that is not a location shape (extensions we do not use). */
function readShape(el: XmlNode): LocationShape | null {
  switch (el.local) {
    case 'Point': {
      const coords = child(el, 'coordinates');
      const p = coords && !child(el, 'pos') ? readCoordinates(coords) : readPos(need(el, 'pos'));
      return { type: 'point', center: { lat: p.lat, lon: p.lon }, altitude: p.alt };
    }
    case 'Circle':
    case 'Sphere': {
      const p = readPos(need(el, 'pos'));
      return { type: 'circle', center: { lat: p.lat, lon: p.lon }, radius: distance(need(el, 'radius')) };
    }
    case 'Ellipse':
    case 'Ellipsoid': {
      const p = readPos(need(el, 'pos'));
      return {
        type: 'ellipse',
        center: { lat: p.lat, lon: p.lon },
        semiMajor: distance(need(el, 'semiMajorAxis')),
        semiMinor: distance(need(el, 'semiMinorAxis')),
        orientation: angle(need(el, 'orientation')),
      };
    }
    case 'ArcBand': {
      const p = readPos(need(el, 'pos'));
      const inner = distance(need(el, 'innerRadius'));
      const outer = distance(need(el, 'outerRadius'));
      if (outer < inner) throw new Error('outerRadius is smaller than innerRadius');
      return { type: 'arc-band', center: { lat: p.lat, lon: p.lon }, innerRadius: inner, outerRadius: outer, startAngle: angle(need(el, 'startAngle')), openingAngle: angle(need(el, 'openingAngle')) };
    }
    case 'Polygon':
      return { type: 'polygon', points: readRing(el, is3d(el)) };
    case 'Prism': {
      const base = descendants(el, (n) => n.local === 'Polygon')[0];
      if (!base) throw new Error('Prism has no base <Polygon>');
      return { type: 'polygon', points: readRing(base, is3d(el) || is3d(base)) };
    }
    case 'civicAddress':
      return readCivic(el);
    default:
      return null;
  }
}

function need(el: XmlNode, local: string): XmlNode {
  const c = child(el, local);
  if (!c) throw new Error(`missing <${local}>`);
  return c;
}

function textOf(n: XmlNode | undefined): string | null {
  const t = n?.text.trim();
  return t ? t : null;
}

function numberOr<T>(s: string | null, fallback: T): number | T {
  if (s === null) return fallback;
  const n = Number(s);
  return Number.isFinite(n) ? n : fallback;
}

function readPos(el: XmlNode): { lat: number; lon: number; alt: number | null } {
  const parts = el.text.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2 || parts.length > 3) throw new Error(`<pos> needs "lat lon" (or "lat lon alt"), got "${el.text.trim().slice(0, 60)}"`);
  const [lat, lon, alt] = parts.map(Number) as [number, number, number | undefined];
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new Error(`latitude "${parts[0]}" is not between -90 and 90`);
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new Error(`longitude "${parts[1]}" is not between -180 and 180`);
  return { lat, lon, alt: alt !== undefined && Number.isFinite(alt) ? alt : null };
}

function is3d(el: XmlNode): boolean {
  return /4979$/.test(el.attrs['srsName'] ?? '');
}

/** Old GML "37:46:30N 122:25:10W" (or decimal "lat,lon") as in RFC 4119's examples. */
function readCoordinates(el: XmlNode): { lat: number; lon: number; alt: number | null } {
  const parts = el.text.trim().split(/[\s,]+/).filter(Boolean);
  if (parts.length < 2) throw new Error('<coordinates> needs a latitude and a longitude');
  const one = (s: string, pos: string, neg: string, max: number): number => {
    const m = /^(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?(?::(\d+(?:\.\d+)?))?([NSEW])?$/i.exec(s);
    const n = m ? Number(m[1]) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600 : Number(s);
    if (!Number.isFinite(n)) throw new Error(`<coordinates> value "${s}" is not a number of degrees`);
    const hemi = m?.[4]?.toUpperCase();
    const v = hemi === neg ? -n : hemi === pos || !hemi ? n : NaN;
    if (!(Math.abs(v) <= max)) throw new Error(`<coordinates> value "${s}" is out of range`);
    return v;
  };
  return { lat: one(parts[0]!, 'N', 'S', 90), lon: one(parts[1]!, 'E', 'W', 180), alt: null };
}

function readRing(poly: XmlNode, threeD: boolean): { lat: number; lon: number }[] {
  const ring = descendants(poly, (n) => n.local === 'LinearRing')[0];
  if (!ring) throw new Error('Polygon has no exterior <LinearRing>');
  let pts: { lat: number; lon: number }[] = [];
  const posList = child(ring, 'posList');
  if (posList) {
    const nums = posList.text.trim().split(/\s+/).filter(Boolean).map(Number);
    const dim = Number(posList.attrs['srsDimension'] ?? (threeD ? 3 : 2)) === 3 ? 3 : 2;
    if (nums.length % dim !== 0 || nums.some((n) => !Number.isFinite(n))) throw new Error('<posList> must hold pairs of numbers');
    for (let i = 0; i < nums.length; i += dim) pts.push(checkPos(nums[i]!, nums[i + 1]!));
  } else {
    pts = ring.children.filter((c) => c.local === 'pos').map((c) => readPos(c)).map((p) => ({ lat: p.lat, lon: p.lon }));
  }
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first && last && pts.length > 1 && first.lat === last.lat && first.lon === last.lon) pts = pts.slice(0, -1);
  if (pts.length < 3) throw new Error(`a polygon needs at least 3 distinct points, got ${pts.length}`);
  if (pts.length > 2000) throw new Error('a polygon of more than 2000 points is refused');
  return pts;
}

function checkPos(lat: number, lon: number): { lat: number; lon: number } {
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) throw new Error(`position ${lat} ${lon} is outside the globe`);
  return { lat, lon };
}

function distance(el: XmlNode): number {
  const n = Number(el.text.trim());
  if (!Number.isFinite(n) || n < 0) throw new Error(`<${el.local}> "${el.text.trim().slice(0, 30)}" is not a distance in metres`);
  const uom = el.attrs['uom'] ?? 'urn:ogc:def:uom:EPSG::9001';
  if (!uom.endsWith('9001')) throw new Error(`<${el.local}> unit ${uom} is not metres (EPSG::9001)`);
  return n;
}

function angle(el: XmlNode): number {
  const n = Number(el.text.trim());
  if (!Number.isFinite(n)) throw new Error(`<${el.local}> "${el.text.trim().slice(0, 30)}" is not an angle`);
  const uom = el.attrs['uom'] ?? 'urn:ogc:def:uom:EPSG::9102';
  if (uom.endsWith('9101')) return (n * 180) / Math.PI;
  if (!uom.endsWith('9102')) throw new Error(`<${el.local}> unit ${uom} is neither degrees nor radians`);
  return n;
}

const CIVIC_ORDER: [string, string][] = [
  ['HNO', ''], ['HNS', ''], ['PRD', ' '], ['RD', ' '], ['STS', ' '], ['POD', ' '],
];

/** RFC 5139 elements, RFC 6848 extensions and NENA CLDXF elements, flattened by local name. */
function readCivic(el: XmlNode): LocationShape {
  const fields: Record<string, string> = {};
  const visit = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.children.length) visit(c);
      else {
        const t = c.text.trim();
        if (t && !(c.local in fields)) fields[c.local] = t.slice(0, 500);
      }
    }
  };
  visit(el);
  if (Object.keys(fields).length === 0) throw new Error('civic address is empty');
  return { type: 'civic', fields, text: civicText(fields) };
}

export function civicText(f: Record<string, string>): string {
  const street = CIVIC_ORDER.map(([k]) => f[k]).filter(Boolean).join(' ').trim()
    || [f['AddressNumber'], f['StreetNamePreDirectional'], f['StreetName'], f['StreetNamePostType'], f['StreetNamePostDirectional']].filter(Boolean).join(' ');
  const unit = [f['BLD'] && `Bldg ${f['BLD']}`, f['FLR'] && `Floor ${f['FLR']}`, f['UNIT'] && `Unit ${f['UNIT']}`, f['ROOM'] && `Room ${f['ROOM']}`].filter(Boolean).join(' ');
  const city = f['A3'] ?? f['IncorporatedMunicipality'] ?? f['PCN'] ?? f['PostalCommunityName'];
  const state = f['A1'] ?? f['State'];
  const parts = [f['NAM'] ?? f['LMK'] ?? f['CompleteLandmarkName'], street, unit, city, [state, f['PC'] ?? f['PostalCode']].filter(Boolean).join(' '), f['LOC'] ?? f['AdditionalLocationInformation']];
  const text = parts.filter((p) => p && p.trim()).join(', ');
  return (text || Object.values(f).join(' ')).slice(0, 1000);
}

function findParent(root: XmlNode, target: XmlNode): XmlNode | null {
  for (const c of root.children) {
    if (c === target) return root;
    const p = findParent(c, target);
    if (p) return p;
  }
  return null;
}

function timestampNear(root: XmlNode, holder: XmlNode | null): string | null {
  // <tuple><status>..</status><timestamp/></tuple> or <dm:device>..<dm:timestamp/></dm:device>
  for (let n: XmlNode | null = holder; n; n = findParent(root, n)) {
    const ts = textOf(child(n, 'timestamp'));
    if (ts) return ts;
    if (n === root) break;
  }
  return null;
}
