/**
 * Road-routing benchmark: builds the graph and contraction hierarchy of an OSM extract, then times "rank 200
 * units for one incident" with the hierarchy and with plain Dijkstra on the same graph, checking they agree.
 *
 *   npx tsx bench/routing.ts --osm ../shared/data/osm/r5_porto_portugal.osm.pbf --json
 *
 * Options: --queries N (incidents, default 200), --sources N (units per incident, default 200), --passes N (times
 * each incident is ranked with the hierarchy, default 5), --seed N.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { extractRoadsFromPbf } from '../packages/geo/src/osm';
import {
  buildRoadGraph,
  contractGraph,
  deserializeHierarchy,
  osmRoadsToInput,
  RoadRouter,
  serializeHierarchy,
  type SnappedPoint,
} from '../packages/geo/src/routing';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const osmPath = arg('osm');
if (!osmPath) {
  process.stderr.write('usage: npx tsx bench/routing.ts --osm FILE.osm.pbf [--json] [--queries N] [--sources N] [--passes N] [--seed N]\n');
  process.exit(2);
}
const queries = Number(arg('queries') ?? 200);
const sourcesPerQuery = Number(arg('sources') ?? 200);
const passes = Number(arg('passes') ?? 5);
const random = seededRandom(Number(arg('seed') ?? 42));

const bytes = readFileSync(osmPath);
let t = performance.now();
const roads = extractRoadsFromPbf(bytes);
const pbfReadS = (performance.now() - t) / 1000;
t = performance.now();
const graph = buildRoadGraph(osmRoadsToInput(roads));
const graphBuildS = (performance.now() - t) / 1000;
t = performance.now();
const built = contractGraph(graph);
const preprocessS = (performance.now() - t) / 1000;
t = performance.now();
const cache = serializeHierarchy(built);
const serializeMs = performance.now() - t;
t = performance.now();
const hierarchy = deserializeHierarchy(cache, graph.checksum);
const deserializeMs = performance.now() - t;
t = performance.now();
const router = new RoadRouter(graph, hierarchy);
const routerSetupMs = performance.now() - t;

let west = Infinity;
let south = Infinity;
let east = -Infinity;
let north = -Infinity;
for (let i = 0; i < graph.nodeCount; i++) {
  west = Math.min(west, graph.nodeLon[i] as number);
  east = Math.max(east, graph.nodeLon[i] as number);
  south = Math.min(south, graph.nodeLat[i] as number);
  north = Math.max(north, graph.nodeLat[i] as number);
}
const snapTimes: number[] = [];
const randomPoint = (): SnappedPoint => {
  const lon = west + random() * (east - west);
  const lat = south + random() * (north - south);
  const s = performance.now();
  const p = router.snap(lon, lat);
  snapTimes.push(performance.now() - s);
  if (!p) throw new Error('snap failed');
  return p;
};
const cases = Array.from({ length: queries }, () => ({ target: randomPoint(), sources: Array.from({ length: sourcesPerQuery }, randomPoint) }));

// Warm up both code paths so the JIT has compiled them before anything is timed.
for (let i = 0; i < Math.min(20, cases.length); i++) {
  const c = cases[i];
  if (!c) continue;
  router.manyToOne(c.sources, c.target);
  router.manyToOneDijkstra(c.sources, c.target);
}

// Each pass ranks every incident once, so consecutive timed queries touch different parts of the city.
const chTimes: number[] = [];
for (let p = 0; p < passes; p++) {
  for (const c of cases) {
    const s = performance.now();
    router.manyToOne(c.sources, c.target);
    chTimes.push(performance.now() - s);
  }
}
const dijkstraTimes: number[] = [];
let mismatches = 0;
let unreachable = 0;
for (const c of cases) {
  const fast = router.manyToOne(c.sources, c.target);
  const s = performance.now();
  const plain = router.manyToOneDijkstra(c.sources, c.target);
  dijkstraTimes.push(performance.now() - s);
  for (let i = 0; i < c.sources.length; i++) {
    if (fast.seconds[i] !== plain.seconds[i]) mismatches++;
    if (!Number.isFinite(fast.seconds[i])) unreachable++;
  }
}

const routeTimes: number[] = [];
const routeDijkstraTimes: number[] = [];
for (const c of cases) {
  const from = c.sources[0];
  if (!from) continue;
  let s = performance.now();
  const a = router.route(from, c.target);
  routeTimes.push(performance.now() - s);
  s = performance.now();
  const b = router.routeDijkstra(from, c.target);
  routeDijkstraTimes.push(performance.now() - s);
  if (a?.seconds !== b?.seconds) mismatches++;
}

const chP50 = percentile(chTimes, 0.5);
const dijkstraP50 = percentile(dijkstraTimes, 0.5);
const result = {
  osm_file: osmPath,
  osm_nodes_in_file: roads.stats.nodesRead,
  road_vertices: roads.lon.length,
  drivable_ways: roads.stats.waysKept,
  nodes: graph.nodeCount,
  junction_nodes: graph.junctionCount,
  restriction_copy_nodes: graph.nodeCount - graph.junctionCount,
  edges: graph.arcCount,
  roads: graph.roadCount,
  turn_restrictions_applied: graph.restrictionsApplied,
  turn_restrictions_ignored: graph.restrictionsIgnored + roads.stats.restrictionsViaWay + roads.stats.restrictionsUnresolved,
  shortcuts: hierarchy.shortcutCount,
  ch_up_arcs: hierarchy.upHead.length,
  ch_down_arcs: hierarchy.downTail.length,
  pbf_read_s: round(pbfReadS),
  graph_build_s: round(graphBuildS),
  preprocess_s: round(preprocessS),
  cache_bytes: cache.length,
  cache_serialize_ms: round(serializeMs, 1),
  cache_load_ms: round(deserializeMs, 1),
  router_setup_ms: round(routerSetupMs, 1),
  queries,
  sources_per_query: sourcesPerQuery,
  ch_timed_runs: chTimes.length,
  one_to_many_200_ms_p50: round(chP50, 4),
  one_to_many_200_ms_p99: round(percentile(chTimes, 0.99), 4),
  dijkstra_one_to_many_200_ms_p50: round(dijkstraP50, 3),
  dijkstra_one_to_many_200_ms_p99: round(percentile(dijkstraTimes, 0.99), 3),
  speedup_p50: round(dijkstraP50 / chP50, 1),
  route_ms_p50: round(percentile(routeTimes, 0.5), 4),
  route_dijkstra_ms_p50: round(percentile(routeDijkstraTimes, 0.5), 3),
  snap_us_p50: round(percentile(snapTimes, 0.5) * 1000, 1),
  mismatches_vs_dijkstra: mismatches,
  unreachable_pairs: unreachable,
  rss_mb: round(process.memoryUsage().rss / 2 ** 20, 1),
  max_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
  node_version: process.version,
  cpus: availableParallelism(),
  cpu_model: cpus()[0]?.model ?? 'unknown',
};

if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(36)} ${String(v)}\n`);
}
