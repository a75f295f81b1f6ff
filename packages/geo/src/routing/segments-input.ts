import { noTurnRestrictions, type RoadNetworkInput } from './road-network-input';

/** A street centerline segment as the server holds it (e.g. Baltimore City centerlines). */
export interface RoadSegment {
  readonly id: string | number;
  /** [lon, lat] vertices in drawing order. */
  readonly coords: ReadonlyArray<readonly [number, number]>;
  /** 'forward': drivable only in drawing order; 'backward': only against it. */
  readonly oneway: 'no' | 'forward' | 'backward';
  readonly speedKph: number;
  readonly name?: string;
}

/** A turn restriction between two segments meeting at a shared vertex. */
export interface SegmentTurnRestriction {
  readonly from: string | number;
  readonly to: string | number;
  /** The exact shared coordinate where the turn happens. */
  readonly via: readonly [number, number];
  readonly kind: 'no' | 'only';
}

/** A segment left out of the graph and why, so bad rows are reported instead of breaking the build. */
export interface SkippedSegment {
  readonly id: string | number;
  readonly reason: string;
}

/** Options for converting street segments. */
export interface SegmentInputOptions {
  readonly restrictions?: readonly SegmentTurnRestriction[];
  /**
   * 'all-vertices' (default) joins segments wherever they share an exact coordinate, as OSM joins ways at shared
   * nodes, so a segment ending on another's interior vertex still connects. 'endpoints' joins only at segment ends,
   * for data where crossings without a junction (bridges) share a vertex.
   */
  readonly joinAt?: 'all-vertices' | 'endpoints';
}

/** The converted network plus what was skipped. */
export interface SegmentConversion {
  readonly input: RoadNetworkInput;
  readonly skipped: readonly SkippedSegment[];
  /** Restrictions whose segments or via coordinate did not match. */
  readonly unmatchedRestrictions: number;
}

function validCoord(c: readonly [number, number] | undefined): c is readonly [number, number] {
  return c !== undefined && Number.isFinite(c[0]) && Number.isFinite(c[1]) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90;
}

/** Turns street segments into the neutral polyline form, joining segments at identical coordinates. */
export function segmentsToRoadInput(segments: readonly RoadSegment[], options: SegmentInputOptions = {}): SegmentConversion {
  const joinAll = (options.joinAt ?? 'all-vertices') === 'all-vertices';
  const shared = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const offsets: number[] = [0];
  const vertices: number[] = [];
  const oneway: number[] = [];
  const speed: number[] = [];
  const nameIdx: number[] = [];
  const names: string[] = [];
  const nameLookup = new Map<string, number>();
  const sourceIds: Array<string | number> = [];
  const polylinesOf = new Map<string | number, number[]>();
  const skipped: SkippedSegment[] = [];

  const vertexFor = (c: readonly [number, number], joinable: boolean): number => {
    // String keys keep exact equality: number-to-string is round-trip exact for doubles.
    const key = `${c[0]},${c[1]}`;
    if (joinable) {
      const found = shared.get(key);
      if (found !== undefined) return found;
    }
    const v = lon.length;
    lon.push(c[0]);
    lat.push(c[1]);
    if (joinable) shared.set(key, v);
    return v;
  };

  for (const s of segments) {
    if (!(Number.isFinite(s.speedKph) && s.speedKph > 0)) {
      skipped.push({ id: s.id, reason: `speedKph must be a positive number, got ${s.speedKph}` });
      continue;
    }
    if (s.oneway !== 'no' && s.oneway !== 'forward' && s.oneway !== 'backward') {
      skipped.push({ id: s.id, reason: `oneway must be 'no', 'forward' or 'backward', got ${String(s.oneway)}` });
      continue;
    }
    const coords = s.coords;
    if (!coords.every(validCoord)) {
      skipped.push({ id: s.id, reason: 'coords must be [lon, lat] pairs within range' });
      continue;
    }
    const start = vertices.length;
    for (let i = 0; i < coords.length; i++) {
      const c = coords[i] as readonly [number, number];
      const v = vertexFor(c, joinAll || i === 0 || i === coords.length - 1);
      if (vertices.length > start && vertices[vertices.length - 1] === v) continue;
      vertices.push(v);
    }
    if (vertices.length - start < 2) {
      vertices.length = start;
      skipped.push({ id: s.id, reason: 'needs at least two distinct coordinates' });
      continue;
    }
    const p = offsets.length - 1;
    offsets.push(vertices.length);
    oneway.push(s.oneway === 'forward' ? 1 : s.oneway === 'backward' ? -1 : 0);
    speed.push(s.speedKph);
    let n = -1;
    if (s.name !== undefined && s.name !== '') {
      n = nameLookup.get(s.name) ?? -1;
      if (n < 0) {
        n = names.length;
        names.push(s.name);
        nameLookup.set(s.name, n);
      }
    }
    nameIdx.push(n);
    sourceIds.push(s.id);
    const list = polylinesOf.get(s.id);
    if (list) list.push(p);
    else polylinesOf.set(s.id, [p]);
  }

  const rFrom: number[] = [];
  const rVia: number[] = [];
  const rTo: number[] = [];
  const rOnly: number[] = [];
  let unmatchedRestrictions = 0;
  for (const r of options.restrictions ?? []) {
    const via = shared.get(`${r.via[0]},${r.via[1]}`);
    const froms = polylinesOf.get(r.from);
    const tos = polylinesOf.get(r.to);
    if (via === undefined || !froms || !tos) {
      unmatchedRestrictions++;
      continue;
    }
    for (const f of froms) {
      for (const t of tos) {
        rFrom.push(f);
        rVia.push(via);
        rTo.push(t);
        rOnly.push(r.kind === 'only' ? 1 : 0);
      }
    }
  }

  const restrictions =
    rFrom.length === 0
      ? noTurnRestrictions()
      : { fromPolyline: Uint32Array.from(rFrom), viaVertex: Uint32Array.from(rVia), toPolyline: Uint32Array.from(rTo), only: Uint8Array.from(rOnly) };
  return {
    input: {
      lon: Float64Array.from(lon),
      lat: Float64Array.from(lat),
      polylineOffsets: Uint32Array.from(offsets),
      polylineVertices: Uint32Array.from(vertices),
      oneway: Int8Array.from(oneway),
      speedKph: Float32Array.from(speed),
      nameIndex: Int32Array.from(nameIdx),
      names,
      sourceIds,
      restrictions,
    },
    skipped,
    unmatchedRestrictions,
  };
}
