import type { OsmTags } from './pbf-primitives';

/** Highway classes a fire engine or patrol car can drive, most important first. */
export const HIGHWAY_CLASSES = [
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
] as const;

/** One of the drivable highway classes. */
export type HighwayClass = (typeof HIGHWAY_CLASSES)[number];

/** Speed assumed when a way has no usable maxspeed, in km/h: typical urban driving speeds per class, not limits. */
export const DEFAULT_SPEED_KPH: Readonly<Record<HighwayClass, number>> = {
  motorway: 100,
  motorway_link: 60,
  trunk: 80,
  trunk_link: 50,
  primary: 60,
  primary_link: 45,
  secondary: 50,
  secondary_link: 40,
  tertiary: 40,
  tertiary_link: 35,
  unclassified: 30,
  residential: 30,
  living_street: 10,
  service: 15,
  road: 25,
};

const CLASS_INDEX = new Map<string, number>(HIGHWAY_CLASSES.map((c, i) => [c, i]));

/** Options for deciding which ways count as roads. */
export interface RoadTagOptions {
  /**
   * service=* values left out. Driveways and parking aisles are excluded by default: they multiply dead ends and
   * make a unit's GPS position snap off the street it is actually on.
   */
  readonly excludedServiceKinds?: ReadonlySet<string>;
  /** Emergency vehicles may use ways tagged emergency=yes even when the public may not (bus gates, fire lanes). Default true. */
  readonly emergencyAccess?: boolean;
}

const DEFAULT_EXCLUDED_SERVICE = new Set(['driveway', 'parking_aisle', 'drive-through', 'drive_through']);
const DENIED_ACCESS = new Set(['no', 'private', 'agricultural', 'forestry', 'delivery', 'permit', 'military']);
// Most specific first: a motorcar=yes overrides access=no, as the OSM access hierarchy intends.
const ACCESS_KEYS = ['motorcar', 'motor_vehicle', 'vehicle', 'access'];

/** Attributes of a drivable way, after tag interpretation. */
export interface DrivableWay {
  readonly highway: HighwayClass;
  /** Index of `highway` in HIGHWAY_CLASSES, so it fits a typed array. */
  readonly classIndex: number;
  /** 1: only along the node order, -1: only against it, 0: both directions. */
  readonly oneway: -1 | 0 | 1;
  readonly speedKph: number;
  readonly name: string | null;
}

const ZONE_SPEEDS: Readonly<Record<string, number>> = {
  urban: 50,
  rural: 90,
  trunk: 100,
  motorway: 120,
  living_street: 10,
  bicycle_road: 30,
  walk: 6,
};

/** Converts one maxspeed value ("50", "30 mph", "PT:urban", "DE:zone30", "walk") to km/h; null when it says nothing usable. */
export function parseMaxspeed(value: string): number | null {
  let best: number | null = null;
  for (const part of value.split(';')) {
    const v = parseOneMaxspeed(part.trim().toLowerCase());
    if (v !== null && (best === null || v < best)) best = v;
  }
  return best;
}

function parseOneMaxspeed(v: string): number | null {
  if (v === '' || v === 'none' || v === 'signals' || v === 'variable' || v === 'unknown') return null;
  if (v === 'walk') return 6;
  const numeric = /^(\d+(?:[.,]\d+)?)\s*(mph|km\/h|kmh|kph|knots)?$/.exec(v);
  if (numeric) {
    const n = Number((numeric[1] ?? '').replace(',', '.'));
    const unit = numeric[2];
    const kph = unit === 'mph' ? n * 1.609344 : unit === 'knots' ? n * 1.852 : n;
    return kph > 0 && kph <= 250 ? kph : null;
  }
  const zone = /^[a-z]{2}(?:-[a-z0-9]+)?:(.+)$/.exec(v);
  if (zone) {
    const kind = zone[1] ?? '';
    const zoneNumber = /^zone:?(\d+)$/.exec(kind);
    if (zoneNumber) return Number(zoneNumber[1]);
    return ZONE_SPEEDS[kind] ?? null;
  }
  return null;
}

/** Reads oneway tags; null means the direction changes over the day (reversible) and cannot be trusted for dispatch. */
export function parseOneway(tags: OsmTags, highway: HighwayClass): -1 | 0 | 1 | null {
  const raw = (tags['oneway:motor_vehicle'] ?? tags['oneway:vehicle'] ?? tags.oneway)?.trim().toLowerCase();
  if (raw === 'yes' || raw === '1' || raw === 'true') return 1;
  if (raw === '-1' || raw === 'reverse') return -1;
  if (raw === 'no' || raw === '0' || raw === 'false' || raw === 'alternating') return 0;
  if (raw === 'reversible') return null;
  const junction = tags.junction;
  if (junction === 'roundabout' || junction === 'circular') return 1;
  if (highway === 'motorway' || highway === 'motorway_link') return 1;
  return 0;
}

function accessAllowed(tags: OsmTags, emergencyAccess: boolean): boolean {
  if (emergencyAccess) {
    const emergency = tags.emergency;
    if (emergency === 'yes' || emergency === 'designated') return true;
  }
  for (const key of ACCESS_KEYS) {
    const value = tags[key];
    if (value !== undefined) return !DENIED_ACCESS.has(value.trim().toLowerCase());
  }
  return true;
}

/** Decides whether a way is a road a response unit can drive, and with which direction, speed and name; null if not. */
export function classifyWay(tags: OsmTags, options: RoadTagOptions = {}): DrivableWay | null {
  const highway = tags.highway;
  if (highway === undefined) return null;
  const classIndex = CLASS_INDEX.get(highway);
  if (classIndex === undefined) return null;
  const cls = HIGHWAY_CLASSES[classIndex] as HighwayClass;
  if (tags.area === 'yes' || tags.impassable === 'yes' || (tags.construction !== undefined && tags.construction !== 'no')) return null;
  if (cls === 'service') {
    const kind = tags.service;
    if (kind !== undefined && (options.excludedServiceKinds ?? DEFAULT_EXCLUDED_SERVICE).has(kind)) return null;
  }
  if (!accessAllowed(tags, options.emergencyAccess ?? true)) return null;
  const oneway = parseOneway(tags, cls);
  if (oneway === null) return null;
  const posted = tags.maxspeed === undefined ? null : parseMaxspeed(tags.maxspeed);
  const speedKph = Math.min(130, Math.max(5, posted ?? DEFAULT_SPEED_KPH[cls]));
  const name = tags.name ?? tags.ref ?? null;
  return { highway: cls, classIndex, oneway, speedKph, name };
}

/** The restriction kinds this router applies, from a type=restriction relation's tags; null for other relations or other vehicles. */
export function parseRestriction(tags: OsmTags): { readonly kind: 'no' | 'only'; readonly value: string } | null {
  if (tags.type !== 'restriction') return null;
  const value = tags['restriction:motorcar'] ?? tags['restriction:motor_vehicle'] ?? tags.restriction;
  if (value === undefined) return null;
  const except = tags.except;
  if (except !== undefined && /(^|;)\s*(motorcar|motor_vehicle|emergency)\s*($|;)/.test(except)) return null;
  if (value.startsWith('no_')) return { kind: 'no', value };
  if (value.startsWith('only_')) return { kind: 'only', value };
  return null;
}
