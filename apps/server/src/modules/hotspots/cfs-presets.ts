import { createHash } from 'node:crypto';
import { degrees, findColumn, LAT_GUESSES, LON_GUESSES, pointInText } from '../jurisdiction/importers/csv-columns';
import { ImportInputError } from '../jurisdiction/importers/read-input';

/** One call read from a file, before it is checked against the dataset's area and written. */
export interface CfsRow {
  sourceId: string;
  /** 'YYYY-MM-DD HH:MM:SS' wall-clock time in the dataset's zone, or an ISO time with a zone. */
  time: string;
  category: string;
  type: string;
  area: string | null;
  lat: number;
  lon: number;
}

/** How one publisher's export is read: its columns, its clock, and the area its calls fall in. */
export interface CfsPreset {
  name: string;
  description: string;
  datasetName: string;
  timeZone: string;
  attribution: string;
  /** [south, west, north, east]: points outside are geocoding errors (another state, 0,0). */
  bounds: [number, number, number, number] | null;
  /** Prepares a reader for a header; throws ImportInputError when a needed column is missing. */
  reader(header: string[], map: Record<string, string>): (values: Record<string, string>, line: number) => CfsRow;
}

/** A stable id for files without one: the row's own values, hashed. */
export function rowHash(values: string[]): string {
  return createHash('sha256').update(values.join('\u001f')).digest('hex').slice(0, 24);
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A wall-clock time 'YYYY-MM-DD HH:MM[:SS]' that exists on the calendar, normalised; or a reason. */
export function localTime(v: string | undefined, what = 'time'): string {
  const s = (v ?? '').trim();
  if (ZONED_TIME.test(s) && !Number.isNaN(Date.parse(s))) return s;
  const m = LOCAL_TIME.exec(s);
  if (!m) throw new Error(`${what} is not a date and time: "${s.slice(0, 30)}"`);
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) throw new Error(`${what} is not a real date and time: "${s}"`);
  if (y < 1990 || y > 2100) throw new Error(`${what} year ${y} is out of range`);
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${String(se).padStart(2, '0')}`;
}

/** US-style "12/31/2016 11:57:56 PM" as a wall-clock time. */
function usTime(v: string | undefined, what: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)?$/i.exec((v ?? '').trim());
  if (!m) return localTime(v, what);
  let h = Number(m[4]);
  if (m[7]) {
    if (h < 1 || h > 12) throw new Error(`${what} hour ${h} is not a 12-hour clock hour`);
    h = (h % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
  }
  return localTime(`${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')} ${String(h).padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}`, what);
}

const required = (v: string | undefined, what: string) => {
  const s = (v ?? '').trim();
  if (!s) throw new Error(`no ${what}`);
  return s;
};

/**
 * Montgomery County, PA 9-1-1 calls as published on the county's public feed (Kaggle
 * "montcoalert"): lat, lng, desc, zip, title ("EMS: BACK PAINS/INJURY"), timeStamp (local), twp,
 * addr, e. Rows have no id. The export is in time order and only grows, so a row's line number
 * names it; scripts/derive-montco.mjs writes that number as `id` into the compact demo copy, so
 * importing the original after the copy (or the other way) changes nothing.
 */
const montco: CfsPreset = {
  name: 'montco',
  description: 'Montgomery County PA 9-1-1 calls (lat, lng, title "EMS: ...", timeStamp, twp)',
  datasetName: 'Montgomery County, PA 9-1-1 calls',
  timeZone: 'America/New_York',
  attribution: 'Montgomery County, PA 9-1-1 call feed, as collected in the Kaggle dataset "montcoalert" (Mike Chirico); Open Database License (ODbL) 1.0, contents under the Database Contents License (DbCL) 1.0.',
  // Montgomery County with a 2 km margin for calls on the county line.
  bounds: [39.93, -75.72, 40.46, -74.99],
  reader(header) {
    const lat = findColumn(header, undefined, ['lat'], 'lat')!;
    const lon = findColumn(header, undefined, ['lng', 'lon'], 'lng')!;
    const title = findColumn(header, undefined, ['title'], 'title')!;
    const time = findColumn(header, undefined, ['timestamp'], 'timeStamp')!;
    const twp = findColumn(header, undefined, ['twp'], 'twp', false);
    const id = findColumn(header, undefined, ['id'], 'id', false);
    return (v, line) => {
      const t = required(v[title], 'title');
      const m = /^([A-Za-z ]+):\s*(.+?)[\s-]*$/.exec(t);
      if (!m) throw new Error(`title is not "Category: type": "${t.slice(0, 40)}"`);
      return {
        sourceId: id ? required(v[id], 'id') : String(line),
        time: localTime(v[time], 'timeStamp'),
        category: m[1]!.trim(),
        type: `${m[1]!.trim()}: ${m[2]!.trim()}`,
        area: twp ? v[twp] || null : null,
        lat: degrees(v[lat], 'lat'),
        lon: degrees(v[lon], 'lon'),
      };
    };
  },
};

/**
 * San Francisco Fire Department calls for service (DataSF): one row per unit dispatched, so a
 * call's later rows are skipped; "Received DtTm" in Pacific time, "Call Type", "Call Type Group",
 * the point in "Location" as "(lat, lon)".
 */
const sfFire: CfsPreset = {
  name: 'sf-fire',
  description: 'San Francisco Fire Department calls for service (DataSF): Call Number, Received DtTm, Call Type, Location',
  datasetName: 'San Francisco Fire Department calls for service',
  timeZone: 'America/Los_Angeles',
  attribution: 'City and County of San Francisco, DataSF "Fire Department Calls for Service"; Open Data Commons Public Domain Dedication and License (PDDL).',
  bounds: [37.6, -122.6, 37.85, -122.3],
  reader(header) {
    const id = findColumn(header, undefined, ['call number'], 'call number')!;
    const time = findColumn(header, undefined, ['received dttm'], 'received dttm')!;
    const type = findColumn(header, undefined, ['call type'], 'call type')!;
    const group = findColumn(header, undefined, ['call type group'], 'call type group', false);
    const loc = findColumn(header, undefined, ['location'], 'location')!;
    const area = findColumn(header, undefined, ['neighborhooods - analysis boundaries', 'neighborhoods - analysis boundaries', 'neighborhood'], 'neighborhood', false);
    return (v) => {
      const p = pointInText(v[loc] ?? '');
      if (!p) throw new Error(`no point in Location: "${(v[loc] ?? '').slice(0, 40)}"`);
      const t = required(v[type], 'Call Type');
      return {
        sourceId: required(v[id], 'Call Number'),
        time: usTime(v[time], 'Received DtTm'),
        category: (group && v[group]) || 'Other',
        type: t,
        area: area ? v[area] || null : null,
        lat: degrees(String(p.lat), 'lat'),
        lon: degrees(String(p.lon), 'lon'),
      };
    };
  },
};

/**
 * Any CSV, with the columns named by --map (id, time, type, category, area, lat, lon) and the
 * zone by --time-zone. Without an id column each row's hash is its id.
 */
const generic: CfsPreset = {
  name: 'generic',
  description: 'any CSV: --map time=COL,type=COL[,category=COL,area=COL,id=COL,lat=COL,lon=COL] and --time-zone',
  datasetName: 'Calls for service',
  timeZone: 'UTC',
  attribution: '',
  bounds: null,
  reader(header, map) {
    const col = (key: string, guesses: string[], req = true) => findColumn(header, map[key], guesses, key, req);
    const time = col('time', ['received', 'received_at', 'time', 'timestamp', 'datetime', 'date'])!;
    const type = col('type', ['type', 'call_type', 'calltype', 'description', 'nature'])!;
    const category = col('category', ['category', 'group', 'discipline'], false);
    const area = col('area', ['area', 'district', 'beat', 'neighborhood'], false);
    const id = col('id', ['id', 'incident', 'incident_number', 'call_number', 'record_id'], false);
    const lat = col('lat', LAT_GUESSES)!;
    const lon = col('lon', LON_GUESSES)!;
    return (v) => {
      const t = required(v[type], 'type');
      return {
        sourceId: id ? required(v[id], 'id') : rowHash(header.map((h) => v[h] ?? '')),
        time: usTime(v[time], 'time'),
        category: (category && v[category]) || t.split(/[:\-/]/)[0]!.trim() || 'Other',
        type: t,
        area: area ? v[area] || null : null,
        lat: degrees(v[lat], 'lat'),
        lon: degrees(v[lon], 'lon'),
      };
    };
  },
};

export const CFS_PRESETS: Record<string, CfsPreset> = { montco, 'sf-fire': sfFire, generic };

export function cfsPreset(name: string): CfsPreset {
  const p = CFS_PRESETS[name];
  if (!p) throw new ImportInputError(`--preset ${name} is not known; use one of ${Object.keys(CFS_PRESETS).join(', ')}`);
  return p;
}

/** Parses --map "time=Received,type=Call Type" into column names by field. */
export function parseColumnMap(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  for (const pair of s.split(',')) {
    const [k, ...rest] = pair.split('=');
    const key = (k ?? '').trim();
    if (!['id', 'time', 'type', 'category', 'area', 'lat', 'lon'].includes(key) || !rest.length) throw new ImportInputError(`--map: "${pair}" should be FIELD=COLUMN with FIELD one of id, time, type, category, area, lat, lon`);
    out[key] = rest.join('=').trim();
  }
  return out;
}
