import { streamKindOf } from '@openpsap/contract';
import { ImportInputError } from '../jurisdiction/importers/read-input';
import { degrees, LAT_GUESSES, LOCATION_GUESSES, LON_GUESSES, pointInText } from '../jurisdiction/importers/csv-columns';

/** The camera fields an import can fill, each from one column of the file. */
export const CAMERA_IMPORT_FIELDS = ['id', 'name', 'lat', 'lon', 'location', 'address', 'direction', 'fov', 'range', 'kind', 'stream', 'status', 'health', 'healthAt', 'installed', 'tags'] as const;
export type CameraImportField = (typeof CAMERA_IMPORT_FIELDS)[number];
export type CameraMapping = Partial<Record<CameraImportField, string>>;

interface Preset {
  name: string;
  /** Columns whose presence identifies a file of this kind. */
  detect: string[];
  source: string | null;
  map: CameraMapping;
}

/**
 * Files whose layout is known. Baltimore's CitiWatch list keeps the point as "(lat, lon)" in
 * "Location 1"; Austin's traffic cameras say whether each is installed and whether it answers.
 */
export const CAMERA_PRESETS: Preset[] = [
  {
    name: 'baltimore-citiwatch',
    detect: ['cameraNumber', 'Location 1'],
    source: 'baltimore-citiwatch',
    map: { id: 'cameraNumber', name: 'cameraLocation', location: 'Location 1', tags: 'cameraProject' },
  },
  {
    name: 'austin',
    detect: ['Camera ID', 'IP Comm Status'],
    source: null,
    map: { id: 'Camera ID', name: 'Location Name', lat: 'Latitude', lon: 'Longitude', status: 'Camera Status', health: 'IP Comm Status', healthAt: 'IP Comm Status Date and Time', installed: 'Turn on Date', tags: 'Camera Manufacturer' },
  },
];

const GUESSES: Record<CameraImportField, string[]> = {
  id: ['id', 'camera_id', 'camera id', 'cameraid', 'cameranumber', 'camera_number', 'number', 'source_id'],
  name: ['name', 'camera_name', 'location name', 'cameralocation', 'location_name', 'description', 'title'],
  lat: LAT_GUESSES,
  lon: LON_GUESSES,
  location: LOCATION_GUESSES,
  address: ['address', 'street_address'],
  direction: ['direction', 'direction_deg', 'bearing', 'heading', 'facing'],
  fov: ['fov', 'fov_deg', 'field_of_view', 'field of view'],
  range: ['range', 'range_m'],
  kind: ['kind', 'camera_type', 'type'],
  stream: ['stream', 'stream_url', 'url', 'rtsp', 'hls'],
  status: ['status', 'camera status', 'camera_status'],
  health: ['health', 'comm_status', 'ip comm status', 'online'],
  healthAt: ['health_at', 'health_checked_at', 'checked_at'],
  installed: ['installed', 'installed_on', 'install_date', 'turn on date'],
  tags: ['tags', 'tag', 'project', 'cameraproject', 'group'],
};

/** Parses `--map name=Location,lat=Y,...`, naming the first unknown field. */
export function parseMapFlag(flag: string | undefined): CameraMapping {
  if (!flag) return {};
  const out: CameraMapping = {};
  for (const part of flag.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as CameraImportField;
    const column = part.slice(eq + 1).trim();
    if (eq < 1 || !column) throw new ImportInputError(`--map: write field=column pairs separated by commas, e.g. name=Location,lat=Y (got "${part}")`);
    if (!CAMERA_IMPORT_FIELDS.includes(field)) throw new ImportInputError(`--map: unknown field "${field}" (fields: ${CAMERA_IMPORT_FIELDS.join(', ')})`);
    out[field] = column;
  }
  return out;
}

/**
 * Decides which column fills each field: the operator's --map first, then the preset (named or
 * recognised from the header), then the usual names. Fails when no column can place a camera.
 */
export function resolveMapping(header: string[], opts: { preset?: string; map?: string }): { mapping: CameraMapping; preset: Preset | null } {
  const lower = new Map(header.map((h) => [h.toLowerCase(), h]));
  let preset: Preset | null = null;
  if (opts.preset) {
    preset = CAMERA_PRESETS.find((p) => p.name === opts.preset) ?? null;
    if (!preset) throw new ImportInputError(`--preset: unknown preset "${opts.preset}" (presets: ${CAMERA_PRESETS.map((p) => p.name).join(', ')})`);
  } else {
    preset = CAMERA_PRESETS.find((p) => p.detect.every((c) => lower.has(c.toLowerCase()))) ?? null;
  }
  const explicit = parseMapFlag(opts.map);
  const mapping: CameraMapping = {};
  for (const field of CAMERA_IMPORT_FIELDS) {
    const wanted = explicit[field] ?? preset?.map[field];
    if (wanted) {
      const h = lower.get(wanted.toLowerCase());
      if (!h) throw new ImportInputError(`${explicit[field] ? '--map' : `preset ${preset!.name}`}: no column "${wanted}" for ${field} (columns: ${header.join(', ')})`);
      mapping[field] = h;
      continue;
    }
    if (preset) continue; // a preset says everything the file holds; guessing more would misread it
    const guess = GUESSES[field].map((g) => lower.get(g)).find((h) => h !== undefined && !Object.values(mapping).includes(h));
    if (guess) mapping[field] = guess;
  }
  if (!(mapping.lat && mapping.lon) && !mapping.location) {
    throw new ImportInputError(`cannot find where the cameras are: no lat/lon columns and no "(lat, lon)" location column (columns: ${header.join(', ')}); name them with --map lat=COLUMN,lon=COLUMN or --map location=COLUMN`);
  }
  if (!mapping.id) throw new ImportInputError(`cannot find a camera id column, needed so a re-import updates the same cameras (columns: ${header.join(', ')}); name it with --map id=COLUMN`);
  return { mapping, preset };
}

export interface CameraImportRow {
  sourceId: string;
  name: string;
  lat: number;
  lon: number;
  address: string | null;
  directionDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  kind: 'fixed' | 'ptz' | null;
  streamUrl: string | null;
  streamKind: 'rtsp' | 'hls' | 'mjpeg' | null;
  status: 'active' | 'inactive' | 'removed' | null;
  health: 'unknown' | 'online' | 'offline' | 'degraded' | null;
  healthCheckedAt: Date | null;
  installedOn: string | null;
  tags: string[];
}

const STATUS_WORDS: Record<string, 'active' | 'inactive' | 'removed' | 'void'> = {
  active: 'active', turned_on: 'active', on: 'active', 'in service': 'active', in_service: 'active', operational: 'active', installed: 'active', yes: 'active',
  inactive: 'inactive', desired: 'inactive', planned: 'inactive', proposed: 'inactive', off: 'inactive', turned_off: 'inactive', 'out of service': 'inactive', disabled: 'inactive', no: 'inactive',
  removed: 'removed', decommissioned: 'removed', retired: 'removed', deleted: 'removed',
  void: 'void',
};
const HEALTH_WORDS: Record<string, 'unknown' | 'online' | 'offline' | 'degraded'> = {
  online: 'online', up: 'online', ok: 'online', true: 'online',
  offline: 'offline', down: 'offline', false: 'offline',
  degraded: 'degraded', partial: 'degraded',
  // "No communication" is what Austin records for cameras never connected (mostly planned ones):
  // nothing is known about them, which is not the same as a camera that stopped answering.
  'no communication': 'unknown', unknown: 'unknown', '': 'unknown',
};
const COMPASS = ['n', 'nne', 'ne', 'ene', 'e', 'ese', 'se', 'sse', 's', 'ssw', 'sw', 'wsw', 'w', 'wnw', 'nw', 'nnw'];

function numberIn(v: string, what: string, min: number, max: number, exclusiveMin = false): number {
  const n = Number(v);
  if (!Number.isFinite(n) || (exclusiveMin ? n <= min : n < min) || n > max) throw new Error(`${what} "${v.slice(0, 20)}" must be a number ${exclusiveMin ? 'above' : 'from'} ${min} ${exclusiveMin ? 'and at most' : 'to'} ${max}`);
  return n;
}

/** A calendar date from YYYY-MM-DD or MM/DD/YYYY. */
export function importDate(v: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  const [y, mo, d] = m ? [m[1]!, m[2]!, m[3]!] : ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(v)) ? [m[3]!, m[1]!.padStart(2, '0'), m[2]!.padStart(2, '0')] : []);
  const date = y ? new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))) : null;
  if (!date || date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) throw new Error(`installed date "${v.slice(0, 30)}" is not a date (YYYY-MM-DD or MM/DD/YYYY)`);
  return `${y}-${mo}-${d}`;
}

/** A time such as "03/30/2018 08:30:00 AM +0000" or ISO 8601; null when it cannot be read. */
export function importInstant(v: string): Date | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?(AM|PM)? ?([+-]\d{2}:?\d{2}|Z)?$/i.exec(v.trim());
  if (m) {
    let h = Number(m[4]) % (m[7] ? 12 : 24);
    if (m[7]?.toUpperCase() === 'PM') h += 12;
    const zone = !m[8] || m[8] === 'Z' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(-2)}`;
    const d = new Date(`${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}T${String(h).padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${zone}`);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const d = new Date(v);
  return v && !Number.isNaN(d.getTime()) ? d : null;
}

/** One file row as a camera, or an Error whose message says what is wrong with it. */
export function cameraFromRow(v: Record<string, string>, m: CameraMapping): CameraImportRow | 'void' {
  const get = (f: CameraImportField) => (m[f] ? (v[m[f]!] ?? '').trim() : '');
  const sourceId = get('id');
  if (!sourceId) throw new Error(`empty ${m.id}`);
  let lat: number;
  let lon: number;
  if (m.lat && m.lon && get('lat') && get('lon')) {
    lat = degrees(get('lat'), 'lat');
    lon = degrees(get('lon'), 'lon');
  } else {
    const p = m.location ? pointInText(get('location')) : null;
    if (!p) throw new Error('no position: lat/lon empty and no "(lat, lon)" in the location');
    lat = degrees(String(p.lat), 'lat');
    lon = degrees(String(p.lon), 'lon');
  }
  const statusWord = get('status').toLowerCase();
  const status = m.status && statusWord ? (STATUS_WORDS[statusWord] ?? null) : null;
  if (m.status && statusWord && !status) throw new Error(`status "${get('status')}" is not known (active, inactive/desired/planned, removed)`);
  if (status === 'void') return 'void';
  const healthWord = get('health').toLowerCase();
  const health = m.health ? HEALTH_WORDS[healthWord] : null;
  if (m.health && health === undefined) throw new Error(`health "${get('health')}" is not known (online, offline, degraded, no communication)`);
  const dir = get('direction').toLowerCase();
  const directionDeg = !dir ? null : COMPASS.includes(dir) ? COMPASS.indexOf(dir) * 22.5 : numberIn(dir, 'direction', 0, 359.99);
  const fov = get('fov');
  const range = get('range');
  const kindWord = get('kind').toLowerCase();
  const kind = !kindWord ? null : /ptz|pan/.test(kindWord) ? 'ptz' : /fixed|static|bullet|dome/.test(kindWord) ? 'fixed' : null;
  if (kindWord && !kind) throw new Error(`kind "${get('kind')}" is not fixed or ptz`);
  const streamUrl = get('stream') || null;
  const streamKind = streamUrl ? streamKindOf(streamUrl) : null;
  if (streamUrl && !streamKind) throw new Error('stream is not an rtsp://, http:// or https:// address');
  const installed = get('installed');
  const tags = get('tags')
    .split(/[;|]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    sourceId,
    name: (get('name') || `Camera ${sourceId}`).slice(0, 120),
    // 1e-7 degrees is about a centimetre: the published floats' trailing noise is dropped, so the
    // committed demo file and the city's original load as the same points.
    lat: Math.round(lat * 1e7) / 1e7,
    lon: Math.round(lon * 1e7) / 1e7,
    address: get('address') || null,
    directionDeg,
    fovDeg: fov ? numberIn(fov, 'fov', 0, 360, true) : null,
    rangeM: range ? numberIn(range, 'range', 0, 1000, true) : null,
    kind,
    streamUrl,
    streamKind,
    status,
    health: health ?? null,
    healthCheckedAt: m.healthAt ? importInstant(get('healthAt')) : null,
    installedOn: installed ? importDate(installed) : null,
    tags,
  };
}
