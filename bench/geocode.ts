// Geocoder benchmark on Baltimore City centerlines: build time, memory, and per-query latency of
// address, intersection, as-you-type and reverse queries drawn from the data itself.
// Usage: npx tsx bench/geocode.ts [--json] [--streets <path>]
import { availableParallelism } from 'node:os';
import { createGeocoder, loadBaltimoreStreetsGeoJson } from '../packages/geo/src/geocode/index.js';
import type { StreetSegment } from '../packages/geo/src/geocode/index.js';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const pathArg = args.indexOf('--streets');
const streetsPath =
  pathArg >= 0 && args[pathArg + 1] !== undefined
    ? args[pathArg + 1]!
    : new URL('../../shared/data/baltimore/baltimore_streets.geojson', import.meta.url).pathname;

// Deterministic queries so runs are comparable.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20240611);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const FULL_TYPES: Record<string, string> = { AVE: 'AVENUE', ST: 'STREET', RD: 'ROAD', LN: 'LANE', DR: 'DRIVE', BLVD: 'BOULEVARD' };

function streetText(s: StreetSegment): string {
  const r = rand();
  const type = s.suffixType === 'ROAD' ? 'RD' : s.suffixType === 'LANE' ? 'LN' : s.suffixType;
  const parts = [r < 0.15 ? '' : s.prefix, s.name, r > 0.9 ? (FULL_TYPES[type] ?? type) : type, s.suffixDir];
  const text = parts.filter((p) => p.length > 0).join(' ');
  return rand() < 0.2 ? text.toLowerCase() : text;
}

function numberIn(from: number, to: number): number {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const n = lo + Math.floor(rand() * (hi - lo + 1));
  return (n - lo) % 2 === 0 ? n : Math.max(lo, n - 1);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timeAll(queries: readonly string[], run: (q: string) => unknown): { n: number; p50_ms: number; p99_ms: number; mean_ms: number } {
  for (const q of queries.slice(0, 300)) run(q);
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    run(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n: times.length,
    p50_ms: round(percentile(times, 50)),
    p99_ms: round(percentile(times, 99)),
    mean_ms: round(times.reduce((a, b) => a + b, 0) / times.length),
  };
}

const t0 = performance.now();
const segments = loadBaltimoreStreetsGeoJson(streetsPath);
const loadMs = performance.now() - t0;
// With --expose-gc the memory the geocoder itself holds can be told apart from the parsed input.
const gc = (globalThis as { gc?: () => void }).gc;
const heldBytes = (): number => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
const before = heldBytes();
const t1 = performance.now();
const geocoder = createGeocoder(segments);
const buildMs = performance.now() - t1;
const geocoderMb = gc === undefined ? undefined : Math.round((heldBytes() - before) / 1e6);
const rssMb = process.memoryUsage().rss / 1e6;

const addressable = segments.filter(
  (s) => s.name.length > 0 && s.class !== 'Alley' && (s.fromLeft > 0 || s.fromRight > 0 || s.toLeft > 0 || s.toRight > 0),
);
const addressQueries: string[] = [];
for (let i = 0; i < 3000; i++) {
  const s = pick(addressable);
  const left = (s.fromLeft > 0 || s.toLeft > 0) && (rand() < 0.5 || (s.fromRight === 0 && s.toRight === 0));
  const n = left ? numberIn(s.fromLeft, s.toLeft) : numberIn(s.fromRight, s.toRight);
  addressQueries.push(`${n} ${streetText(s)}`);
}

const streets = geocoder.streets.streets;
const pairs = [...geocoder.intersections.allPairs()].filter((p) => !streets[p.a]!.isAlley && !streets[p.b]!.isAlley);
const separators = [' & ', ' AND ', ' / ', ' AT ', ' @ '];
const intersectionQueries: string[] = [];
for (let i = 0; i < 2000; i++) {
  const p = pick(pairs);
  const [a, b] = rand() < 0.5 ? [p.a, p.b] : [p.b, p.a];
  intersectionQueries.push(`${streets[a]!.label}${pick(separators)}${streets[b]!.label}`);
}

// Every keystroke of 300 addresses, as a dispatcher would type them.
const prefixQueries: string[] = [];
for (const q of addressQueries.slice(0, 300)) {
  for (let k = 1; k <= q.length; k++) prefixQueries.push(q.slice(0, k));
}

const bbox = segments.reduce(
  (b, s) => {
    for (const [lon, lat] of s.coords) {
      b.minLon = Math.min(b.minLon, lon);
      b.maxLon = Math.max(b.maxLon, lon);
      b.minLat = Math.min(b.minLat, lat);
      b.maxLat = Math.max(b.maxLat, lat);
    }
    return b;
  },
  { minLon: Infinity, maxLon: -Infinity, minLat: Infinity, maxLat: -Infinity },
);
const reversePoints: [number, number][] = [];
for (let i = 0; i < 2000; i++) {
  reversePoints.push([bbox.minLat + rand() * (bbox.maxLat - bbox.minLat), bbox.minLon + rand() * (bbox.maxLon - bbox.minLon)]);
}
const reverseQueries = reversePoints.map((_, i) => String(i));

const result = {
  benchmark: 'geocode',
  data: streetsPath.split('/').slice(-2).join('/'),
  segments: segments.length,
  streets: streets.length,
  graph_nodes: geocoder.intersections.nodeCount,
  load_ms: Math.round(loadMs),
  build_ms: Math.round(buildMs),
  rss_mb: Math.round(rssMb),
  ...(geocoderMb === undefined ? {} : { geocoder_heap_mb: geocoderMb }),
  address: timeAll(addressQueries, (q) => geocoder.geocode(q)),
  intersection: timeAll(intersectionQueries, (q) => geocoder.geocode(q)),
  prefix: timeAll(prefixQueries, (q) => geocoder.suggest(q)),
  reverse: timeAll(reverseQueries, (q) => {
    const p = reversePoints[Number(q)]!;
    return geocoder.reverse(p[0], p[1]);
  }),
  node: process.version,
  nproc: availableParallelism(),
};

if (asJson) {
  console.log(JSON.stringify(result));
} else {
  console.log(result);
}
