import type { RoadGraph } from './road-graph';
import type { SnappedPoint } from './snap-index';

/**
 * A search start or end at a graph node, carrying the part of a road between the snapped point and that node.
 * For an origin, `node` is where the vehicle arrives after driving the rest of half `dir`; for a destination,
 * `node` is a tail of half `dir`, from which the vehicle drives `ms` / `meters` more to reach the point.
 */
export interface EndpointSeed {
  readonly node: number;
  readonly ms: number;
  readonly meters: number;
  readonly dir: number;
}

/** Metres from the start of directed half `dir` to a point `along` metres from its road's first vertex. */
export function metersIntoHalf(graph: RoadGraph, dir: number, along: number): number {
  const length = graph.roadLength[dir >> 1] as number;
  const a = along < 0 ? 0 : along > length ? length : along;
  return (dir & 1) === 0 ? a : length - a;
}

/** Travel time from the start of half `dir` to a point on it; rounded so the two parts of a half sum to its weight. */
export function msIntoHalf(graph: RoadGraph, dir: number, meters: number): number {
  const length = graph.roadLength[dir >> 1] as number;
  const weight = graph.dirWeight[dir] as number;
  return length > 0 ? Math.round((weight * meters) / length) : 0;
}

/** Where a vehicle at a snapped point can get to without choosing: the end of each half it may drive along. */
export function originSeeds(graph: RoadGraph, p: SnappedPoint): EndpointSeed[] {
  const seeds: EndpointSeed[] = [];
  for (let dir = 2 * p.road; dir <= 2 * p.road + 1; dir++) {
    const head = graph.dirHead[dir] as number;
    if (head < 0) continue;
    const into = metersIntoHalf(graph, dir, p.along);
    const length = graph.roadLength[p.road] as number;
    seeds.push({ node: head, ms: (graph.dirWeight[dir] as number) - msIntoHalf(graph, dir, into), meters: length - into, dir });
  }
  return seeds;
}

/** The nodes from which a snapped point can be reached by finishing a half: every tail (and copy) of each half. */
export function destinationSeeds(graph: RoadGraph, p: SnappedPoint): EndpointSeed[] {
  const seeds: EndpointSeed[] = [];
  for (let dir = 2 * p.road; dir <= 2 * p.road + 1; dir++) {
    if ((graph.dirHead[dir] as number) < 0) continue;
    const into = metersIntoHalf(graph, dir, p.along);
    const ms = msIntoHalf(graph, dir, into);
    for (let k = graph.dirArcOffsets[dir] as number; k < (graph.dirArcOffsets[dir + 1] as number); k++) {
      seeds.push({ node: graph.arcTail[graph.dirArcs[k] as number] as number, ms, meters: into, dir });
    }
  }
  return seeds;
}

/** The trip along a single road when origin and destination lie on it in a drivable order, else null. */
export function directTrip(graph: RoadGraph, from: SnappedPoint, to: SnappedPoint): { ms: number; meters: number; dir: number } | null {
  if (from.road !== to.road) return null;
  let best: { ms: number; meters: number; dir: number } | null = null;
  for (let dir = 2 * from.road; dir <= 2 * from.road + 1; dir++) {
    if ((graph.dirHead[dir] as number) < 0) continue;
    const a = metersIntoHalf(graph, dir, from.along);
    const b = metersIntoHalf(graph, dir, to.along);
    if (a > b) continue;
    const ms = msIntoHalf(graph, dir, b) - msIntoHalf(graph, dir, a);
    if (!best || ms < best.ms) best = { ms, meters: b - a, dir };
  }
  return best;
}
