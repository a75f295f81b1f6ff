import { readFileSync } from 'node:fs';
import { buildRoadGraphFromOsm, buildRoadGraphFromSegments, contractGraph, RoadRouter, type RoadGraph, type SnappedPoint, type RoadSegment } from '../../src/routing';
import type { SegmentTurnRestriction } from '../../src/routing/segments-input';

/** Shared test data: the read-only OSM extracts. */
export const OSM_DIR = new URL('../../../../../shared/data/osm/', import.meta.url);

/** Bytes of one extract in the shared data folder. */
export function osmBytes(name: string): Uint8Array {
  return readFileSync(new URL(name, OSM_DIR));
}

/** A small deterministic PRNG (mulberry32), so generated networks are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The west/south/east/north box around a graph's junctions. */
export function graphBounds(g: RoadGraph): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (let i = 0; i < g.nodeCount; i++) {
    w = Math.min(w, g.nodeLon[i] as number);
    e = Math.max(e, g.nodeLon[i] as number);
    s = Math.min(s, g.nodeLat[i] as number);
    n = Math.max(n, g.nodeLat[i] as number);
  }
  return [w, s, e, n];
}

/** A router with its graph, built once per test file. */
export interface RouterFixture {
  readonly graph: RoadGraph;
  readonly router: RoadRouter;
  readonly bounds: [number, number, number, number];
  /** Snaps a point given as fractions (0..1) of the bounds. */
  readonly snapAt: (fx: number, fy: number) => SnappedPoint;
}

/** Wraps a graph into a fixture: contracts it and prepares snapping. */
export function fixtureFor(graph: RoadGraph): RouterFixture {
  const router = new RoadRouter(graph, contractGraph(graph));
  const bounds = graphBounds(graph);
  const snapAt = (fx: number, fy: number): SnappedPoint => {
    const p = router.snap(bounds[0] + fx * (bounds[2] - bounds[0]), bounds[1] + fy * (bounds[3] - bounds[1]));
    if (!p) throw new Error('snap failed');
    return p;
  };
  return { graph, router, bounds, snapAt };
}

let bangor: RouterFixture | null = null;
/** Bangor, Maine: the small real extract used for exhaustive checks. */
export function bangorFixture(): RouterFixture {
  bangor ??= fixtureFor(buildRoadGraphFromOsm(osmBytes('r5_bangor_maine.osm.pbf')));
  return bangor;
}

/** Options for the synthetic street grid. */
export interface GridOptions {
  readonly rows: number;
  readonly cols: number;
  readonly seed: number;
  /** Share of streets made one-way (half each direction). */
  readonly onewayShare?: number;
  /** Share of streets left out, so blocks differ in size. */
  readonly gapShare?: number;
  /** Random turn restrictions to add at junctions. */
  readonly restrictions?: number;
}

const ORIGIN_LON = -76.61;
const ORIGIN_LAT = 39.29;
/** Spacing of the synthetic grid in degrees (about 110 m north-south). */
export const GRID_STEP = 0.001;

/** Corner (row, col) of the synthetic grid as [lon, lat]. */
export function gridPoint(row: number, col: number): [number, number] {
  return [ORIGIN_LON + col * GRID_STEP, ORIGIN_LAT + row * GRID_STEP];
}

/**
 * A synthetic city: a grid of streets ("h-r-c" runs east from corner (r, c), "v-r-c" runs north) with random
 * speeds, some one-ways, some gaps, a bent vertex inside some streets, and optional random turn restrictions.
 */
export function gridSegments(o: GridOptions): { segments: RoadSegment[]; restrictions: SegmentTurnRestriction[] } {
  const rnd = seededRandom(o.seed);
  const segments: RoadSegment[] = [];
  const oneway = (): RoadSegment['oneway'] => {
    const r = rnd();
    const share = o.onewayShare ?? 0;
    return r < share / 2 ? 'forward' : r < share ? 'backward' : 'no';
  };
  const street = (id: string, a: [number, number], b: [number, number]): void => {
    if (rnd() < (o.gapShare ?? 0)) return;
    const coords: Array<[number, number]> = [a];
    if (rnd() < 0.3) coords.push([(a[0] + b[0]) / 2 + (rnd() - 0.5) * GRID_STEP * 0.2, (a[1] + b[1]) / 2 + (rnd() - 0.5) * GRID_STEP * 0.2]);
    coords.push(b);
    segments.push({ id, coords, oneway: oneway(), speedKph: 15 + Math.floor(rnd() * 60), name: id });
  };
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      if (c + 1 < o.cols) street(`h-${r}-${c}`, gridPoint(r, c), gridPoint(r, c + 1));
      if (r + 1 < o.rows) street(`v-${r}-${c}`, gridPoint(r, c), gridPoint(r + 1, c));
    }
  }
  const restrictions: SegmentTurnRestriction[] = [];
  const ids = new Set(segments.map((s) => s.id));
  for (let i = 0; i < (o.restrictions ?? 0); i++) {
    const r = 1 + Math.floor(rnd() * (o.rows - 2));
    const c = 1 + Math.floor(rnd() * (o.cols - 2));
    const around = [`h-${r}-${c - 1}`, `h-${r}-${c}`, `v-${r - 1}-${c}`, `v-${r}-${c}`].filter((id) => ids.has(id));
    if (around.length < 2) continue;
    const from = around[Math.floor(rnd() * around.length)] as string;
    const to = around[Math.floor(rnd() * around.length)] as string;
    restrictions.push({ from, to, via: gridPoint(r, c), kind: rnd() < 0.7 ? 'no' : 'only' });
  }
  return { segments, restrictions };
}

/** The synthetic grid as a ready router. */
export function gridFixture(o: GridOptions): RouterFixture {
  const { segments, restrictions } = gridSegments(o);
  return fixtureFor(buildRoadGraphFromSegments(segments, { restrictions }).graph);
}
