import { interpretStreetTokens, tokenizeStreetText } from '@openpsap/geo';

/** Which property of a centerline feature holds each part of the street model. */
export interface StreetFieldMapping {
  preset: string;
  id?: string;
  prefix?: string;
  name?: string;
  type?: string;
  suffix?: string;
  /** A whole street name ("N CHARLES ST") to split, for sources without separate parts. */
  fullName?: string;
  fromLeft?: string;
  toLeft?: string;
  fromRight?: string;
  toRight?: string;
  zipLeft?: string;
  zipRight?: string;
  roadClass?: string;
  /** Extra class field consulted for the speed (e.g. Baltimore's state highway class). */
  speedClass?: string;
  oneway?: string;
  speed?: string;
  /** Units of the speed field. */
  speedUnit?: 'kph' | 'mph';
}

/** Known publishers' field names; the importer picks the preset whose fields the file has. */
export const STREET_PRESETS: StreetFieldMapping[] = [
  {
    // Baltimore City DOT centerlines (Open Baltimore)
    preset: 'baltimore',
    prefix: 'dirpre', name: 'feanme', type: 'featype', suffix: 'dirsuf',
    fromLeft: 'fraddl', toLeft: 'toaddl', fromRight: 'fraddr', toRight: 'toaddr',
    zipLeft: 'leftzip', zipRight: 'rightzip', roadClass: 'subtype_label', speedClass: 'sha_class',
  },
  {
    // NENA NG9-1-1 GIS data model (NENA-STA-006) RoadCenterline layer
    preset: 'nena',
    id: 'RCL_NGUID', prefix: 'St_PreDir', name: 'St_Name', type: 'St_PosTyp', suffix: 'St_PosDir',
    fromLeft: 'FromAddr_L', toLeft: 'ToAddr_L', fromRight: 'FromAddr_R', toRight: 'ToAddr_R',
    zipLeft: 'PostCode_L', zipRight: 'PostCode_R', roadClass: 'RoadClass', oneway: 'OneWay', speed: 'SpeedLimit', speedUnit: 'mph',
  },
  {
    // US Census TIGER/Line address ranges (ADDRFEAT / EDGES)
    preset: 'tiger',
    id: 'TLID', fullName: 'FULLNAME', fromLeft: 'LFROMHN', toLeft: 'LTOHN', fromRight: 'RFROMHN', toRight: 'RTOHN',
    zipLeft: 'ZIPL', zipRight: 'ZIPR', roadClass: 'MTFCC',
  },
  {
    // OpenStreetMap exported to GeoJSON (e.g. by osmium or ogr2ogr)
    preset: 'osm-geojson',
    id: 'osm_id', fullName: 'name', roadClass: 'highway', oneway: 'oneway', speed: 'maxspeed', speedUnit: 'kph',
  },
];

const FIELD_KEYS = ['id', 'prefix', 'name', 'type', 'suffix', 'fullName', 'fromLeft', 'toLeft', 'fromRight', 'toRight', 'zipLeft', 'zipRight', 'roadClass', 'oneway', 'speed'] as const;

/**
 * Chooses the mapping: an explicit `--map field=column,...` over a preset (named or detected
 * from the first features' properties). Fails naming the fields it could not find.
 */
export function chooseStreetMapping(sampleKeys: Set<string>, presetName?: string, overrides?: string): StreetFieldMapping {
  const lower = new Map([...sampleKeys].map((k) => [k.toLowerCase(), k]));
  const has = (k?: string) => k !== undefined && lower.has(k.toLowerCase());
  const real = (k?: string) => (k === undefined ? undefined : lower.get(k.toLowerCase()) ?? k);
  let base: StreetFieldMapping | undefined;
  if (presetName) {
    base = STREET_PRESETS.find((p) => p.preset === presetName);
    if (!base) throw new Error(`--preset: unknown preset "${presetName}" (known: ${STREET_PRESETS.map((p) => p.preset).join(', ')})`);
  } else {
    base = STREET_PRESETS.find((p) => (has(p.name) || has(p.fullName)) && has(p.fromLeft ?? p.roadClass));
  }
  const mapping: StreetFieldMapping = { ...(base ?? { preset: 'custom' }) };
  for (const pair of (overrides ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [field, column] = pair.split('=').map((s) => s.trim());
    if (!field || !column || !(FIELD_KEYS as readonly string[]).includes(field)) {
      throw new Error(`--map: "${pair}" must be field=column with field one of ${FIELD_KEYS.join(', ')}`);
    }
    (mapping as unknown as Record<string, string>)[field] = column;
    if (!base) mapping.preset = 'custom';
  }
  // Match the file's own capitalisation.
  for (const k of FIELD_KEYS) {
    const v = mapping[k];
    if (typeof v === 'string') (mapping as unknown as Record<string, string>)[k] = real(v)!;
  }
  if (!mapping.name && !mapping.fullName) {
    throw new Error(`cannot tell which property holds the street name (properties: ${[...sampleKeys].slice(0, 20).join(', ')}); pass --map name=COLUMN or fullName=COLUMN`);
  }
  return mapping;
}

export interface StreetAttributes {
  prefix: string;
  name: string;
  suffixType: string;
  suffixDir: string;
  fromLeft: number;
  toLeft: number;
  fromRight: number;
  toRight: number;
  zipLeft: string | null;
  zipRight: string | null;
  roadClass: string | null;
  oneway: 'no' | 'forward' | 'backward';
  speedKph: number;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

function houseNumber(v: unknown, field: string): number {
  const s = text(v);
  if (s === '' || s.toLowerCase() === 'none' || s.toLowerCase() === 'null') return 0;
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0 || n > 10_000_000 || !Number.isInteger(n)) throw new Error(`${field} is not a house number: "${s.slice(0, 20)}"`);
  return n;
}

// Typical urban speeds when the source gives none: the routing engine needs a travel time.
const CLASS_SPEED_KPH: Record<string, number> = {
  'limited access': 88, interstate: 88, int: 88, motorway: 100, motorway_link: 56, ramp: 56, trunk: 72, trunk_link: 48,
  part: 56, primary: 56, primary_link: 40, mart: 48, secondary: 48, secondary_link: 40, coll: 40, tertiary: 40,
  loc: 40, residential: 40, 'paved road': 40, unclassified: 40, 'county street centerline': 40, living_street: 16,
  service: 20, alley: 16, 'fictitious centerline segment': 24, s1100: 88, s1200: 56, s1400: 40, s1640: 48, s1730: 16, s1740: 20,
};

function speedFrom(mapping: StreetFieldMapping, props: Record<string, unknown>, roadClass: string | null): number {
  const raw = mapping.speed ? text(props[mapping.speed]) : '';
  const m = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?$/i.exec(raw);
  if (m) {
    const v = Number(m[1]);
    const mph = m[2] ? /mph/i.test(m[2]) : mapping.speedUnit === 'mph';
    if (v > 0 && v < 200) return mph ? v * 1.609344 : v;
  }
  const extra = mapping.speedClass ? text(props[mapping.speedClass]).toLowerCase() : '';
  return CLASS_SPEED_KPH[extra] ?? CLASS_SPEED_KPH[(roadClass ?? '').toLowerCase()] ?? 40;
}

function onewayFrom(v: string): 'no' | 'forward' | 'backward' {
  const s = v.trim().toLowerCase();
  if (['yes', 'true', '1', 'ft', 'f', 'forward'].includes(s)) return 'forward';
  if (['-1', 'tf', 't', 'backward', 'reverse'].includes(s)) return 'backward';
  return 'no';
}

/** Maps one feature's properties to the street model, or throws a reason to reject the row. */
export function streetAttributes(mapping: StreetFieldMapping, props: Record<string, unknown>): StreetAttributes {
  let prefix = mapping.prefix ? text(props[mapping.prefix]) : '';
  let name = mapping.name ? text(props[mapping.name]) : '';
  let suffixType = mapping.type ? text(props[mapping.type]) : '';
  let suffixDir = mapping.suffix ? text(props[mapping.suffix]) : '';
  if (!name && mapping.fullName) {
    const full = text(props[mapping.fullName]);
    const parts = full ? interpretStreetTokens(tokenizeStreetText(full))[0] : undefined;
    if (parts) {
      prefix = parts.prefix;
      name = parts.nameTokens.join(' ');
      suffixType = parts.type;
      suffixDir = parts.suffixDir;
    }
  }
  const roadClass = mapping.roadClass ? text(props[mapping.roadClass]) || null : null;
  return {
    prefix,
    name,
    suffixType,
    suffixDir,
    fromLeft: mapping.fromLeft ? houseNumber(props[mapping.fromLeft], mapping.fromLeft) : 0,
    toLeft: mapping.toLeft ? houseNumber(props[mapping.toLeft], mapping.toLeft) : 0,
    fromRight: mapping.fromRight ? houseNumber(props[mapping.fromRight], mapping.fromRight) : 0,
    toRight: mapping.toRight ? houseNumber(props[mapping.toRight], mapping.toRight) : 0,
    zipLeft: mapping.zipLeft ? text(props[mapping.zipLeft]).replace(/^0$/, '') || null : null,
    zipRight: mapping.zipRight ? text(props[mapping.zipRight]).replace(/^0$/, '') || null : null,
    roadClass,
    oneway: mapping.oneway ? onewayFrom(text(props[mapping.oneway])) : 'no',
    speedKph: speedFrom(mapping, props, roadClass),
  };
}
