import { pointInText } from '../../jurisdiction/importers/csv-columns';
import { ImportInputError } from '../../jurisdiction/importers/read-input';
import type { Profile, SingleTimeField, TimeField } from './profile.schema';
import { parseDuration } from './source-intervals';
import { compileFormat, readLocal, type CompiledFormat } from './time-format';
import { localToInstant } from './zoned-time';

export type Discipline = 'police' | 'fire' | 'ems' | 'other';

export interface ReadIncident {
  sourceId: string;
  agency: string;
  discipline: Discipline;
  typeCode: string | null;
  typeText: string | null;
  priority: string | null;
  zone: string | null;
  lat: number | null;
  lon: number | null;
  receivedAt: number;
  answeredAt: number | null;
  createdAt: number | null;
  dispatchedAt: number | null;
  enrouteAt: number | null;
  onSceneAt: number | null;
  closedAt: number | null;
  dispatcher: string | null;
  sourceIntervals: Record<string, number> | null;
}

export const UNIT_TIMES = ['dispatched', 'enroute', 'onScene', 'transporting', 'hospital', 'cleared'] as const;
export type UnitTime = (typeof UNIT_TIMES)[number];

export interface ReadUnit {
  unit: string;
  /** 1 for a unit's first assignment to the incident, 2 when the row (or list) sends it again. */
  seq: number;
  unitType: string | null;
  times: Record<UnitTime, number | null>;
}

export interface ReadCall {
  sourceId: string;
  presentedAt: number;
  answeredAt: number | null;
  releasedAt: number | null;
  taker: string | null;
  source: string;
}

export interface ReadRow {
  incident: ReadIncident;
  units: ReadUnit[];
  call: ReadCall | null;
  /** Values left out of an otherwise good row, each with its reason (counted, never silent). */
  excluded: string[];
}

/** A row the import refuses, with the reason an operator can act on. */
export class RowRejected extends Error {}

const UNIT_LABEL: Record<UnitTime, string> = { dispatched: 'dispatch', enroute: 'en route', onScene: 'on scene', transporting: 'transport', hospital: 'at hospital', cleared: 'clear' };

interface TimeReader {
  column: string;
  /** Returns the instant; `anchor` is the incident's first time so far, for times of day. */
  read(values: string[], anchor: number | null): number | null;
  /** Reads one time-of-day (or full) text from a list entry, with the row's date. */
  readText(text: string, values: string[], anchor: number | null): number;
  formatsText: string;
}

/**
 * Compiles a profile against a file's header into a function from one row's values to what it
 * holds, so every column is found once (a missing one fails the whole import, naming the profile
 * field) and every row is read without lookups by name.
 */
export function compileRowReader(profile: Profile, header: string[]): (values: string[], line: number) => ReadRow {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    if (!index.has(k)) index.set(k, i);
  });
  const col = (name: string, field: string): number => {
    const i = index.get(name.trim().toLowerCase());
    if (i === undefined) throw new ImportInputError(`profile field ${field}: no column "${name}" in the file (columns: ${header.join(', ')})`);
    return i;
  };
  const nulls = new Set(profile.nulls);
  const get = (values: string[], i: number | null): string | null => {
    if (i === null) return null;
    const v = values[i] ?? '';
    return nulls.has(v) ? null : v;
  };
  const defaultFormats = profile.dateFormats.map(compileFormat);
  const tolerance = profile.rolloverToleranceMinutes * 60_000;
  const zone = profile.timeZone;

  const timeReader = (f: TimeField | undefined, field: string): TimeReader | null => {
    if (!f) return null;
    if (Array.isArray(f)) {
      const readers = f.map((one, k) => singleTimeReader(one, `${field}.${k}`));
      return {
        ...readers[0]!,
        read(values, anchor) {
          for (const r of readers) {
            const t = r.read(values, anchor);
            if (t !== null) return t;
          }
          return null;
        },
      };
    }
    return singleTimeReader(f, field);
  };

  const singleTimeReader = (f: SingleTimeField, field: string): TimeReader => {
    const spec = typeof f === 'string' ? { column: f } : f;
    const pattern = 'pattern' in spec && spec.pattern ? new RegExp(spec.pattern) : null;
    const i = col(spec.column, field);
    const formats: CompiledFormat[] = spec.formats ? spec.formats.map(compileFormat) : defaultFormats;
    const formatsText = formats.map((x) => x.text).join(' | ');
    const dateIdx = 'date' in spec && spec.date ? col(spec.date.column, `${field}.date.column`) : null;
    const dateFormats = 'date' in spec && spec.date?.formats ? spec.date.formats.map(compileFormat) : defaultFormats;
    const dateCol = 'date' in spec && spec.date ? spec.date.column : '';
    const readText = (text: string, values: string[], anchor: number | null): number => {
      const r = readLocal(text, formats);
      if (!r || r.secondOfDay === null && !r.date) throw new RowRejected(`${spec.column}: '${text.slice(0, 40)}' is not a date (${formatsText})`);
      if (r.instant !== undefined) return r.instant;
      let date = r.date;
      if (!date) {
        const dv = get(values, dateIdx);
        if (dv === null) throw new RowRejected(`${dateCol}: no date for the time of day in ${spec.column}`);
        const dr = readLocal(dv, dateFormats);
        if (!dr?.date) throw new RowRejected(`${dateCol}: '${dv.slice(0, 40)}' is not a date (${dateFormats.map((x) => x.text).join(' | ')})`);
        date = dr.date;
      }
      if (date.y < 1970 || date.y > 2100) throw new RowRejected(`${spec.column}: year ${date.y} is out of range`);
      const sod = r.secondOfDay ?? 0;
      let t = localToInstant(zone, date.y, date.mo, date.d, sod);
      if (!r.date && anchor !== null) {
        // A time of day well before the incident's first time happened after midnight.
        for (let k = 1; t < anchor - tolerance && k <= 2; k++) {
          const next = new Date(Date.UTC(date.y, date.mo - 1, date.d + k));
          t = localToInstant(zone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), sod);
        }
      }
      return t;
    };
    return {
      column: spec.column,
      formatsText,
      readText,
      read(values, anchor) {
        let v = get(values, i);
        if (v !== null && pattern) {
          // Text without the time in it has no value here (an alternative may have one).
          const m = pattern.exec(v);
          v = m ? (m[1] ?? m[0]).trim() : null;
          if (v !== null && nulls.has(v)) v = null;
        }
        return v === null ? null : readText(v, values, anchor);
      },
    };
  };

  // Identity, agency, type, discipline, priority, place.
  const idIdx = profile.incidentId ? col(profile.incidentId, 'incidentId') : null;
  const agencyIdx = 'column' in profile.agency ? col(profile.agency.column, 'agency.column') : null;
  const agencyOf = (values: string[]): string => {
    if ('fixed' in profile.agency) return profile.agency.fixed;
    const raw = get(values, agencyIdx);
    const mapped = raw !== null ? (profile.agency.map?.[raw] ?? raw) : profile.agency.default;
    if (!mapped) throw new RowRejected(`${profile.agency.column}: no agency`);
    return mapped;
  };
  const disciplineIdx = profile.discipline.column ? col(profile.discipline.column, 'discipline.column') : null;
  const rules = profile.discipline.rules.map((r, k) => {
    const i = r.column ? col(r.column, `discipline.rules.${k}.column`) : disciplineIdx!;
    const test: (v: string) => boolean =
      r.prefix !== undefined ? (v) => v.toLowerCase().startsWith(r.prefix!.toLowerCase()) : r.equals !== undefined ? (v) => v.toLowerCase() === r.equals!.toLowerCase() : ((re) => (v: string) => re.test(v))(new RegExp(r.regex!, 'i'));
    return { i, test, discipline: r.discipline };
  });
  const disciplineOf = (values: string[]): Discipline => {
    for (const r of rules) {
      const v = get(values, r.i);
      if (v !== null && r.test(v)) return r.discipline;
    }
    return profile.discipline.default;
  };
  const inc = profile.incident;
  const typeCodeIdx = inc.typeCode ? col(inc.typeCode, 'incident.typeCode') : null;
  const typeTextIdx = inc.typeText ? col(inc.typeText, 'incident.typeText') : null;
  const zoneIdx = inc.zone ? col(inc.zone, 'incident.zone') : null;
  const dispatcherIdx = inc.dispatcher ? col(inc.dispatcher, 'incident.dispatcher') : null;
  const priorityIdx = profile.priority ? col(profile.priority.column, 'priority.column') : null;
  const priorityOf = (values: string[]): string | null => {
    const v = get(values, priorityIdx);
    if (v === null || !profile.priority) return null;
    return profile.priority.map[v] ?? (profile.priority.unmapped === 'keep' ? v : null);
  };
  const loc = profile.location;
  const locIdx = loc
    ? 'lat' in loc
      ? { a: col(loc.lat, 'location.lat'), b: col(loc.lon, 'location.lon') }
      : 'point' in loc
        ? { a: col(loc.point, 'location.point'), b: -1 }
        : { a: col(loc.x, 'location.x'), b: col(loc.y, 'location.y') }
    : null;
  const pointOf = (values: string[], excluded: string[]): { lat: number | null; lon: number | null } => {
    if (!loc || !locIdx) return { lat: null, lon: null };
    let lat: number | null = null;
    let lon: number | null = null;
    // An empty place is only missing; a place written but unusable is counted.
    if (get(values, locIdx.a) === null && (locIdx.b < 0 || get(values, locIdx.b) === null)) return { lat, lon };
    if ('point' in loc) {
      const v = get(values, locIdx.a);
      const p = v === null ? null : pointInText(v);
      if (p) ({ lat, lon } = p);
    } else {
      const a = get(values, locIdx.a);
      const b = get(values, locIdx.b);
      if (a !== null && b !== null && Number.isFinite(Number(a)) && Number.isFinite(Number(b))) {
        if ('lat' in loc) [lat, lon] = [Number(a), Number(b)];
        else {
          // EPSG:3857 metres back to degrees on the sphere it was projected from.
          lon = (Number(a) / 6378137) * (180 / Math.PI);
          lat = (2 * Math.atan(Math.exp(Number(b) / 6378137)) - Math.PI / 2) * (180 / Math.PI);
        }
      }
    }
    if (lat === null || lon === null || lat === 0 || lon === 0 || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      excluded.push('location: no usable point');
      return { lat: null, lon: null };
    }
    return { lat, lon };
  };

  const incTimes = {
    received: timeReader(inc.received, 'incident.received'),
    answered: timeReader(inc.answered, 'incident.answered'),
    created: timeReader(inc.created, 'incident.created'),
    dispatched: timeReader(inc.dispatched, 'incident.dispatched'),
    enroute: timeReader(inc.enroute, 'incident.enroute'),
    onScene: timeReader(inc.onScene, 'incident.onScene'),
    closed: timeReader(inc.closed, 'incident.closed'),
  };
  const unitSpec = profile.units;
  const unitIdx = unitSpec ? col(unitSpec.unit, 'units.unit') : null;
  const unitTypeIdx = unitSpec?.unitType ? col(unitSpec.unitType, 'units.unitType') : null;
  const unitTimes = Object.fromEntries(UNIT_TIMES.map((k) => [k, timeReader(unitSpec?.[k], `units.${k}`)])) as Record<UnitTime, TimeReader | null>;
  const lists = profile.unitLists;
  const listTimes = Object.fromEntries(UNIT_TIMES.map((k) => [k, timeReader(lists?.[k], `unitLists.${k}`)])) as Record<UnitTime, TimeReader | null>;
  const listIdx = Object.fromEntries(UNIT_TIMES.map((k) => [k, listTimes[k] ? col(listTimes[k].column, `unitLists.${k}`) : null])) as Record<UnitTime, number | null>;
  const callSpec = profile.call;
  const callIdIdx = callSpec?.id ? col(callSpec.id, 'call.id') : null;
  const callTakerIdx = callSpec?.taker ? col(callSpec.taker, 'call.taker') : null;
  const callTimes = callSpec
    ? { presented: timeReader(callSpec.presented, 'call.presented')!, answered: timeReader(callSpec.answered, 'call.answered'), released: timeReader(callSpec.released, 'call.released') }
    : null;
  const intervals = Object.entries(profile.sourceIntervals).map(([name, s]) => ({ name, i: col(s.column, `sourceIntervals.${name}.column`), column: s.column, format: s.format }));

  return (values, line) => {
    const excluded: string[] = [];
    let anchor: number | null = null;
    const at = (r: TimeReader | null): number | null => {
      if (!r) return null;
      const t = r.read(values, anchor);
      if (t !== null && anchor === null) anchor = t;
      return t;
    };
    const sourceId = idIdx === null ? String(line) : get(values, idIdx);
    if (sourceId === null) throw new RowRejected(`${profile.incidentId}: no incident id`);
    let received = at(incTimes.received);
    const answered = at(incTimes.answered);
    const created = at(incTimes.created);
    let dispatched = at(incTimes.dispatched);
    let enroute = at(incTimes.enroute);
    let onScene = at(incTimes.onScene);
    let closed = at(incTimes.closed);

    // Units: one per row, or expanded from "UNIT=time" lists.
    const units: ReadUnit[] = [];
    if (unitSpec && unitIdx !== null) {
      const unit = get(values, unitIdx);
      if (unit === null) throw new RowRejected(`${unitSpec.unit}: no unit`);
      const times = Object.fromEntries(UNIT_TIMES.map((k) => [k, at(unitTimes[k])])) as Record<UnitTime, number | null>;
      units.push({ unit, seq: 1, unitType: get(values, unitTypeIdx), times });
    } else if (lists) {
      const byKey = new Map<string, ReadUnit>();
      for (const k of UNIT_TIMES) {
        const i = listIdx[k];
        const reader = listTimes[k];
        if (i === null || !reader) continue;
        const v = get(values, i);
        if (v === null) continue;
        const seen = new Map<string, string[]>();
        for (const entry of v.split(lists.separator)) {
          const e = entry.trim();
          if (!e || nulls.has(e)) continue;
          const cut = e.indexOf(lists.pair);
          const unit = cut > 0 ? e.slice(0, cut).trim() : '';
          const text = cut > 0 ? e.slice(cut + lists.pair.length).trim() : '';
          if (!unit || !text) throw new RowRejected(`${reader.column}: '${e.slice(0, 40)}' is not UNIT${lists.pair}time`);
          const earlier = seen.get(unit) ?? [];
          if (earlier.includes(text)) {
            excluded.push(`${reader.column}: the same unit and time listed twice`);
            continue;
          }
          earlier.push(text);
          seen.set(unit, earlier);
          const seq = earlier.length;
          const t = reader.readText(text, values, anchor);
          if (anchor === null) anchor = t;
          const key = `${unit}\u0001${seq}`;
          let u = byKey.get(key);
          if (!u) {
            u = { unit, seq, unitType: null, times: { dispatched: null, enroute: null, onScene: null, transporting: null, hospital: null, cleared: null } };
            byKey.set(key, u);
            units.push(u);
          }
          u.times[k] = t;
        }
      }
    }

    if (received === null) {
      if (incTimes.received) throw new RowRejected(`${incTimes.received.column}: no received time`);
      const firsts = units.map((u) => u.times.dispatched).filter((t): t is number => t !== null);
      if (!firsts.length) throw new RowRejected('no received time: the row has no unit dispatch times to take it from');
      received = Math.min(...firsts);
    }
    const r0 = received;
    const year = new Date(r0).getUTCFullYear();
    if (year < 1990 || year > 2100) throw new RowRejected(`received time in ${year} is out of range`);

    // Times out of order are left out one by one; the incident stays.
    const dropIfBefore = (t: number | null, ref: number | null, what: string, refWhat: string): number | null => {
      if (t !== null && ref !== null && t < ref) {
        excluded.push(`${what} before ${refWhat}`);
        return null;
      }
      return t;
    };
    const answeredOk = dropIfBefore(answered, r0, 'answered', 'received');
    const createdOk = dropIfBefore(created, r0, 'created', 'received');
    dispatched = dropIfBefore(dispatched, r0, 'dispatch', 'received');
    const base = dispatched ?? r0;
    const baseWhat = dispatched !== null ? 'dispatch' : 'received';
    enroute = dropIfBefore(enroute, base, 'en route', baseWhat);
    onScene = dropIfBefore(onScene, base, 'on scene', baseWhat);
    if (enroute !== null && onScene !== null && enroute > onScene) {
      excluded.push('en route after on scene');
      enroute = null;
    }
    closed = dropIfBefore(closed, r0, 'closed', 'received');
    for (const u of units) {
      const t = u.times;
      t.dispatched = dropIfBefore(t.dispatched, r0, 'unit dispatch', 'received');
      const ref = t.dispatched ?? r0;
      const refWhat = t.dispatched !== null ? 'its dispatch' : 'received';
      for (const k of ['enroute', 'onScene', 'transporting', 'hospital', 'cleared'] as const) t[k] = dropIfBefore(t[k], ref, `unit ${UNIT_LABEL[k]}`, refWhat);
      if (t.enroute !== null && t.onScene !== null && t.enroute > t.onScene) {
        excluded.push('unit en route after on scene');
        t.enroute = null;
      }
      t.hospital = dropIfBefore(t.hospital, t.transporting, 'unit at hospital', 'transport');
    }

    let sourceIntervals: Record<string, number> | null = null;
    for (const s of intervals) {
      const v = get(values, s.i);
      if (v === null) continue;
      const secs = parseDuration(v, s.format);
      if (secs === null) {
        excluded.push(`${s.column}: not ${s.format}`);
        continue;
      }
      (sourceIntervals ??= {})[s.name] = secs;
    }

    let call: ReadCall | null = null;
    if (callSpec && callTimes) {
      const presented = callTimes.presented.read(values, anchor);
      if (presented !== null) {
        let cAnswered = callTimes.answered?.read(values, anchor) ?? null;
        cAnswered = dropIfBefore(cAnswered, presented, 'call answered', 'presented');
        call = {
          sourceId: callIdIdx === null ? sourceId : (get(values, callIdIdx) ?? sourceId),
          presentedAt: presented,
          answeredAt: cAnswered,
          releasedAt: callTimes.released?.read(values, anchor) ?? null,
          taker: get(values, callTakerIdx),
          source: callSpec.source,
        };
      }
    }

    const { lat, lon } = pointOf(values, excluded);
    const typeText = get(values, typeTextIdx);
    return {
      incident: {
        sourceId,
        agency: agencyOf(values),
        discipline: disciplineOf(values),
        typeCode: get(values, typeCodeIdx),
        typeText: typeText === null ? null : typeText.replace(/\s+/g, ' ').replace(/[\s-]+$/, '') || null,
        priority: priorityOf(values),
        zone: get(values, zoneIdx),
        lat,
        lon,
        receivedAt: r0,
        answeredAt: answeredOk,
        createdAt: createdOk,
        dispatchedAt: dispatched,
        enrouteAt: enroute,
        onSceneAt: onScene,
        closedAt: closed,
        dispatcher: get(values, dispatcherIdx),
        sourceIntervals,
      },
      units,
      call,
      excluded,
    };
  };
}
