import type { RoadGraph } from './road-graph';

/** A [lon, lat] pair. */
export type LonLat = [number, number];

function push(out: LonLat[], lon: number, lat: number): void {
  const last = out[out.length - 1];
  if (last && last[0] === lon && last[1] === lat) return;
  out.push([lon, lat]);
}

/** Appends the point `s` metres from the first vertex of the road whose vertices are start..end. */
function pushPointAt(graph: RoadGraph, start: number, end: number, s: number, out: LonLat[]): void {
  let k = start;
  while (k < end - 1 && (graph.geomAlong[k + 1] as number) < s) k++;
  const s0 = graph.geomAlong[k] as number;
  const s1 = graph.geomAlong[k + 1] as number;
  const t = s1 > s0 ? Math.min(1, Math.max(0, (s - s0) / (s1 - s0))) : 0;
  const lon0 = graph.geomLon[k] as number;
  const lat0 = graph.geomLat[k] as number;
  push(out, lon0 + t * ((graph.geomLon[k + 1] as number) - lon0), lat0 + t * ((graph.geomLat[k + 1] as number) - lat0));
}

/** Appends the stretch of half `dir` between `from` and `to` metres from the half's start. */
function appendHalf(graph: RoadGraph, dir: number, from: number, to: number, out: LonLat[]): void {
  const road = dir >> 1;
  const start = graph.roadGeomOffsets[road] as number;
  const end = (graph.roadGeomOffsets[road + 1] as number) - 1;
  const length = graph.roadLength[road] as number;
  const forward = (dir & 1) === 0;
  // Work in the road's own "along" measure, then walk vertices in driving order.
  const a = forward ? from : length - from;
  const b = forward ? to : length - to;
  pushPointAt(graph, start, end, a, out);
  if (forward) {
    for (let k = start; k <= end; k++) {
      const s = graph.geomAlong[k] as number;
      if (s > a && s < b) push(out, graph.geomLon[k] as number, graph.geomLat[k] as number);
    }
  } else {
    for (let k = end; k >= start; k--) {
      const s = graph.geomAlong[k] as number;
      if (s < a && s > b) push(out, graph.geomLon[k] as number, graph.geomLat[k] as number);
    }
  }
  pushPointAt(graph, start, end, b, out);
}

/**
 * The line a vehicle drives along a sequence of directed halves, starting `startMeters` into the first and ending
 * `endMeters` into the last (the same half when the trip stays on one road).
 */
export function halvesGeometry(graph: RoadGraph, halves: readonly number[], startMeters: number, endMeters: number): LonLat[] {
  const out: LonLat[] = [];
  for (let i = 0; i < halves.length; i++) {
    const dir = halves[i] as number;
    const length = graph.roadLength[dir >> 1] as number;
    appendHalf(graph, dir, i === 0 ? startMeters : 0, i === halves.length - 1 ? endMeters : length, out);
  }
  return out;
}
