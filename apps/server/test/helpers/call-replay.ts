// Real call histories replayed against a running server: the Montgomery County PA export read,
// its call types mapped to APCO codes, its locations moved onto the demo jurisdiction, and each
// call driven through the same HTTP API a call-taker and a dispatcher use. Shared by the replay
// benchmark (bench/replay.ts) and the crash and several-servers tests, so the faults are injected
// under the load that is measured.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** Montgomery County PA's 9-1-1 calls, Dec 2015 - Aug 2016, in the shared data next to the repository. */
export const MONTCO_FILE = fileURLToPath(new URL('../../../../../shared/data/cfs/montco_pa_911_2015-12_2016-08.csv', import.meta.url));

/** One call of the history, ready to send: when (ms after the first call), what and where. */
export interface ReplayCall {
  offsetMs: number;
  title: string;
  type: string;
  lat: number;
  lon: number;
  text: string;
}

// Montgomery County's titles are "<EMS|Fire|Traffic>: <WHAT>"; the words decide the APCO type,
// the prefix the fallback (and so the agency, which follows the type's discipline).
const BY_WORDS: [RegExp, Partial<Record<'EMS' | 'Fire' | 'Traffic', string>>][] = [
  [/VEHICLE ACCIDENT/, { EMS: 'MVAINJY', Fire: 'XTRICATE', Traffic: 'MVA' }],
  [/DISABLED VEHICLE/, { Traffic: 'DISVEH', EMS: 'VEHASST', Fire: 'VEHASST' }],
  [/ROAD OBSTRUCTION|HAZARDOUS ROAD|DEBRIS\/FLUIDS|LEAKING FUEL/, { Traffic: 'THAZ', Fire: 'HAZ', EMS: 'THAZ' }],
  [/VEHICLE FIRE/, { Traffic: 'FVEH', Fire: 'FVEH', EMS: 'FVEH' }],
  [/FIRE ALARM/, { Fire: 'ALRF', EMS: 'ALRF' }],
  [/MEDICAL ALERT ALARM/, { EMS: 'ALRMED' }],
  [/CARBON MONOXIDE/, { Fire: 'ALRCO', EMS: 'ALRCO' }],
  [/BUILDING FIRE|APPLIANCE FIRE/, { Fire: 'FSTRU', EMS: 'FSTRU' }],
  [/ELECTRICAL FIRE/, { Fire: 'FELEC' }],
  [/WOODS\/FIELD/, { Fire: 'FBRUSH' }],
  [/TRASH\/DUMPSTER/, { Fire: 'FTRASH' }],
  [/UNKNOWN TYPE FIRE/, { Fire: 'FUNK' }],
  [/GAS-ODOR|GAS LEAK/, { Fire: 'GASLEAK', EMS: 'GASLEAK' }],
  [/FIRE INVESTIGATION/, { Fire: 'ODOR' }],
  [/ELEVATOR/, { Fire: 'NCRELEV' }],
  [/RESCUE/, { Fire: 'RESCUE', EMS: 'RESCUE' }],
  [/CARDIAC ARREST/, { EMS: 'RESPARR', Fire: 'RESPARR' }],
  [/RESPIRATORY/, { EMS: 'RESP' }],
  [/CARDIAC/, { EMS: 'CARDIAC' }],
  [/FALL/, { EMS: 'FALL' }],
  [/HEAD INJURY|FRACTURE|LACERATION/, { EMS: 'TRAUMA' }],
  [/UNCONSCIOUS|UNRESPONSIVE|SYNCOPAL/, { EMS: 'PERUNCON' }],
  [/SEIZURE/, { EMS: 'SEIZURE' }],
  [/ABDOMINAL/, { EMS: 'ABDOM' }],
  [/HEMORRHAG/, { EMS: 'HEMRG' }],
  [/CVA|STROKE/, { EMS: 'STROKE' }],
  [/OVERDOSE|POISONING/, { EMS: 'OD' }],
  [/DIABETIC/, { EMS: 'DIABETIC' }],
  [/BACK PAIN/, { EMS: 'BACK' }],
  [/ASSAULT/, { EMS: 'ASSAULT' }],
  [/SHOOTING/, { EMS: 'SHOOT' }],
  [/ALLERGIC/, { EMS: 'ALLERGIC' }],
  [/CHOKING/, { EMS: 'CHOKE' }],
  [/MATERNITY/, { EMS: 'PREG' }],
  [/ANIMAL BITE/, { EMS: 'BITE' }],
  [/HEAT EXHAUSTION|DEHYDRATION|COLD EXPOSURE/, { EMS: 'EXPOSURE' }],
  [/BURN/, { EMS: 'BURN', Fire: 'BURN' }],
];
const FALLBACK = { EMS: 'SICK', Fire: 'FOTHER', Traffic: 'THAZ' } as const;

/** The APCO type for a Montgomery County title such as "EMS: FALL VICTIM"; null if it names no service. */
export function apcoTypeFor(title: string): string | null {
  const m = /^(EMS|Fire|Traffic):\s*(.*)$/.exec(title.trim());
  if (!m) return null;
  const service = m[1] as keyof typeof FALLBACK;
  const what = m[2]!.toUpperCase();
  for (const [re, codes] of BY_WORDS) if (re.test(what) && codes[service]) return codes[service]!;
  return FALLBACK[service];
}

type Ring = [number, number][];
interface Area {
  rings: Ring[][];
  bbox: [number, number, number, number]; // west, south, east, north
  centre: [number, number];
}

function insideRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function insideArea(a: Area, lon: number, lat: number): boolean {
  return a.rings.some((poly) => insideRing(poly[0]!, lon, lat) && !poly.slice(1).some((hole) => insideRing(hole, lon, lat)));
}

/** The demo jurisdiction's boundary (data/jurisdictions/baltimore), the target of the location map. */
export function demoBoundary(): Area {
  const file = fileURLToPath(new URL('../../../../data/jurisdictions/baltimore/boundary.geojson.gz', import.meta.url));
  const fc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
  const rings: Ring[][] = [];
  for (const f of fc.features) {
    if (f.geometry.type === 'Polygon') rings.push(f.geometry.coordinates as Ring[]);
    else if (f.geometry.type === 'MultiPolygon') rings.push(...(f.geometry.coordinates as Ring[][]));
  }
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of rings) for (const [x, y] of poly[0]!) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  return { rings, bbox: [w, s, e, n], centre: [(w + e) / 2, (s + n) / 2] };
}

/** Splits one CSV line with quoted fields (the export quotes descriptions that hold commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

const MONTCO_BOUNDS = { south: 39.93, west: -75.72, north: 40.46, east: -74.99 };

export interface ReplayOptions {
  /** Skip calls before this local time ('YYYY-MM-DD HH:MM'). */
  from?: string;
  /** At most this many calls. */
  limit?: number;
}

/**
 * Reads a Montgomery County PA call export (lat,lng,desc,zip,title,timeStamp,twp,addr,e) into calls
 * ordered by time. Its timestamps are to the minute, so the calls of one minute are spread evenly
 * across it rather than sent together. Points are moved by an affine map of the county's box onto
 * the city's box; a point that lands outside the city's outline is pulled toward the centre until
 * it is inside, so every call is in the jurisdiction and the mix of dense and sparse areas is kept.
 */
export function readMontcoCalls(file: string, opts: ReplayOptions = {}): ReplayCall[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0]!.replace(/^\uFEFF/, ''));
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no "${name}" column (expected the Montgomery County PA 9-1-1 export)`);
    return i;
  };
  const [iLat, iLon, iTitle, iTime, iAddr, iTwp] = [col('lat'), col('lng'), col('title'), col('timeStamp'), col('addr'), col('twp')];
  const area = demoBoundary();
  const [w, s, e, n] = area.bbox;
  const scaleX = (e - w) / (MONTCO_BOUNDS.east - MONTCO_BOUNDS.west);
  const scaleY = (n - s) / (MONTCO_BOUNDS.north - MONTCO_BOUNDS.south);
  const rows: { minute: string; call: Omit<ReplayCall, 'offsetMs'> }[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const v = splitCsvLine(lines[i]!);
    const minute = (v[iTime] ?? '').slice(0, 16);
    if (opts.from && minute < opts.from) continue;
    const type = apcoTypeFor(v[iTitle] ?? '');
    const lat = Number(v[iLat]);
    const lon = Number(v[iLon]);
    if (!type || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(minute)) continue;
    if (!(lat >= MONTCO_BOUNDS.south && lat <= MONTCO_BOUNDS.north && lon >= MONTCO_BOUNDS.west && lon <= MONTCO_BOUNDS.east)) continue;
    let x = w + (lon - MONTCO_BOUNDS.west) * scaleX;
    let y = s + (lat - MONTCO_BOUNDS.south) * scaleY;
    for (let k = 0; k < 20 && !insideArea(area, x, y); k++) {
      x = area.centre[0] + (x - area.centre[0]) * 0.85;
      y = area.centre[1] + (y - area.centre[1]) * 0.85;
    }
    const where = [v[iAddr], v[iTwp]].filter(Boolean).join(', ');
    rows.push({ minute, call: { title: v[iTitle]!, type, lat: Math.round(y * 1e6) / 1e6, lon: Math.round(x * 1e6) / 1e6, text: `replayed: ${where}`.slice(0, 200) } });
  }
  rows.sort((a, b) => (a.minute < b.minute ? -1 : a.minute > b.minute ? 1 : 0));
  const limited = opts.limit ? rows.slice(0, opts.limit) : rows;
  if (limited.length === 0) return [];
  const minuteMs = (m: string) => Date.parse(`${m.replace(' ', 'T')}:00Z`);
  const t0 = minuteMs(limited[0]!.minute);
  const out: ReplayCall[] = [];
  for (let i = 0; i < limited.length; ) {
    let j = i;
    while (j < limited.length && limited[j]!.minute === limited[i]!.minute) j++;
    const base = minuteMs(limited[i]!.minute) - t0;
    for (let k = i; k < j; k++) out.push({ offsetMs: base + ((k - i) * 60_000) / (j - i), ...limited[k]!.call });
    i = j;
  }
  return out;
}

/** What happened to one replayed write, for the latency and loss figures. */
export interface ReplayWrite {
  step: 'call' | 'incident' | 'dispatch' | 'status' | 'close';
  sentAt: number;
  ackAt: number;
  status: number;
  /** The event the write produced (X-Event-Seq), when the route names one. */
  seq: number | null;
  /** Server handling time from Server-Timing, ms. */
  serverMs: number;
  /** Which server took the request. */
  server: string;
  /** The call or incident created (its id from the answer). */
  entityId?: number;
  incidentId?: number;
  unitId?: number;
  /** The unit status sent, for status writes. */
  unitStatus?: string;
}

export interface ReplayDriverOptions {
  baseUrl: string;
  /** Headers that sign the requests in (a session cookie). */
  headers: Record<string, string>;
  speed: number;
  /** Called after every write, acknowledged or not. */
  onWrite?: (w: ReplayWrite) => void;
  /** Base URLs to spread requests over (several servers); defaults to baseUrl. */
  servers?: string[];
}

const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A response's life in the history's time: the unit acknowledges and goes en route in a minute,
// arrives in six, clears after twenty. Divided by the replay speed like the gaps between calls.
const ENROUTE_AFTER_MS = 60_000;
const ONSCENE_AFTER_MS = 6 * 60_000;
const CLEAR_AFTER_MS = 20 * 60_000;
// A console gives up on a request after this long and counts its outcome as unknown.
const REQUEST_TIMEOUT_MS = 20_000;

/** Drives the calls through the HTTP API as a call-taker and a dispatcher would, on the history's clock. */
export class CallReplayDriver {
  private turn = 0;
  readonly writes: ReplayWrite[] = [];
  private stopped = false;

  constructor(private readonly o: ReplayDriverOptions) {}

  stop(): void {
    this.stopped = true;
  }

  private server(): string {
    const list = this.o.servers ?? [this.o.baseUrl];
    return list[this.turn++ % list.length]!;
  }

  private async send(step: ReplayWrite['step'], method: string, path: string, body: unknown, about: Partial<ReplayWrite> = {}): Promise<{ w: ReplayWrite; json: any }> {
    const sentAt = clock();
    let status = 0;
    let json: any = null;
    let seq: number | null = null;
    let serverMs = NaN;
    let server = this.server();
    const servers = this.o.servers ?? [this.o.baseUrl];
    for (let tries = 0; tries < servers.length; tries++) {
      try {
        const res = await fetch(server + path, { method, headers: { ...this.o.headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        status = res.status;
        const text = await res.text();
        json = text ? JSON.parse(text) : null;
        const s = res.headers.get('x-event-seq');
        seq = s ? Number(s) : null;
        const m = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
        if (m) serverMs = Number(m[1]);
        break;
      } catch (e) {
        status = 0;
        // Refused means the request never reached a server, so sending it to the next one cannot
        // write twice (as a load balancer does); a reset after sending is an unknown outcome, left so.
        if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') break;
        server = this.server();
      }
    }
    const entityId = (step === 'call' || step === 'incident') && status === 201 ? (json?.id as number) : undefined;
    const w: ReplayWrite = { step, sentAt, ackAt: clock(), status, seq, serverMs, server, entityId, ...about, ...(step === 'incident' && entityId ? { incidentId: entityId } : {}) };
    this.writes.push(w);
    this.o.onWrite?.(w);
    return { w, json };
  }

  /** One call from ringing to the unit clearing; resolves when its last write is answered. */
  async run(call: ReplayCall): Promise<void> {
    const c = await this.send('call', 'POST', '/api/v1/calls', { source: '911', location: { text: call.text, lat: call.lat, lon: call.lon }, notes: call.title });
    if (c.w.status !== 201 || this.stopped) return;
    const inc = await this.send('incident', 'POST', '/api/v1/incidents', { type: call.type, location: { text: call.text, lat: call.lat, lon: call.lon }, callId: c.json.id });
    if (inc.w.status !== 201 || this.stopped) return;
    const id = inc.json.id as number;
    // Two calls at once may be recommended the same unit; the second dispatch is refused (409) and,
    // like a dispatcher, the replay asks again and takes the next unit.
    let unitId: number | null = null;
    const refused = new Set<number>();
    for (let attempt = 0; attempt < 3 && unitId === null && !this.stopped; attempt++) {
      let candidate: number | null = null;
      for (let tries = 0; tries < (this.o.servers?.length ?? 1); tries++) {
        try {
          const rec = await fetch(`${this.server()}/api/v1/incidents/${id}/recommendation`, { headers: this.o.headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          if (rec.ok) {
            const r = (await rec.json()) as { units: { unitId: number; assigned: boolean }[] };
            candidate = r.units.find((u) => !u.assigned && !refused.has(u.unitId))?.unitId ?? null;
          }
          break;
        } catch {
          // that server is gone: ask the next; with none left the call stays pending, as a real one would
        }
      }
      if (candidate === null) return;
      const d = await this.send('dispatch', 'POST', `/api/v1/incidents/${id}/dispatch`, { unitIds: [candidate] }, { incidentId: id, unitId: candidate });
      if (d.w.status === 200 || d.w.status === 201) unitId = candidate;
      else if (d.w.status === 409) refused.add(candidate);
      else return;
    }
    if (unitId === null) return;
    const steps: [number, string][] = [[ENROUTE_AFTER_MS, 'EnRoute'], [ONSCENE_AFTER_MS, 'OnScene'], [CLEAR_AFTER_MS, 'Cleared']];
    let elapsed = 0;
    for (const [at, status] of steps) {
      await sleep((at - elapsed) / this.o.speed);
      elapsed = at;
      if (this.stopped) return;
      const r = await this.send('status', 'POST', `/api/v1/units/${unitId}/status`, { status }, { incidentId: id, unitId, unitStatus: status });
      if (r.w.status >= 300) return;
    }
    await this.send('close', 'POST', `/api/v1/incidents/${id}/close`, { disposition: '01' }, { incidentId: id });
  }

  /**
   * Sends every call at its time divided by the speed, each call's steps running on their own;
   * stops sending new calls after `maxMs` of wall-clock time. Resolves once every started call ended.
   */
  async replay(calls: ReplayCall[], maxMs = Infinity): Promise<{ started: number; elapsedMs: number }> {
    const start = performance.now();
    const running = new Set<Promise<void>>();
    let started = 0;
    for (const call of calls) {
      const due = call.offsetMs / this.o.speed;
      if (due > maxMs || this.stopped) break;
      const wait = due - (performance.now() - start);
      if (wait > 0) await sleep(wait);
      if (this.stopped) break;
      const p = this.run(call).finally(() => running.delete(p));
      running.add(p);
      started++;
    }
    const sendingMs = performance.now() - start;
    await Promise.all(running);
    return { started, elapsedMs: sendingMs };
  }
}
