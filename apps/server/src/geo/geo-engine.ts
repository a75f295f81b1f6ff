import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import {
  buildRoadGraphFromSegments,
  createGeocoder,
  hierarchyForGraph,
  RoadRouter,
  serializeHierarchy,
  ZoneIndex,
  type Geocoder,
  type ZoneLookup,
} from '@openpsap/geo';
import { loadAddressPoints, loadJurisdiction, loadPlaces, loadPolygonZoneSets, loadStreetSegments, loadTurnRestrictions, type ZoneSetRow } from './geo-data.queries';
import { DriveTimeZones, loadDriveTimeZoneSets } from './drive-time-zones';

/** The zones a point falls in, by the incident field each fills. */
export interface IncidentZones {
  police: string | null;
  fire: string | null;
  ems: string | null;
  /** Every zone set's answer, keyed by set code. */
  all: Record<string, string>;
}

/**
 * One immutable build of the jurisdiction's geography: geocoder, road router and zone lookups.
 * A new build replaces it whole when the data changes, so a request never sees half of each.
 */
export interface GeoEngine {
  version: number;
  name: string;
  center: { lat: number; lon: number } | null;
  boundary: unknown;
  geocoder: Geocoder;
  router: RoadRouter | null;
  zoneSets: ZoneSetRow[];
  zonesAt(lat: number, lon: number): IncidentZones;
  stats: { segments: number; graphNodes: number; graphEdges: number; buildSeconds: number; hierarchyFromCache: boolean; skippedSegments: number };
}

export interface GeoBuildOptions {
  /** Where contraction hierarchies are cached between starts (data dir/cache). */
  cacheDir: string | null;
  log: (msg: string) => void;
}

/** A cached hierarchy, or null when there is none (or another process just replaced it). */
function readCache(file: string): Uint8Array | null {
  try {
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
  } catch {
    return null;
  }
}

/** Builds the engine from the database: streets -> geocoder and road graph; zones -> lookups. */
export async function buildGeoEngine(pool: pg.Pool, opts: GeoBuildOptions): Promise<GeoEngine> {
  const started = performance.now();
  const jurisdiction = await loadJurisdiction(pool);
  const [segments, addressPoints, places, polygonZones, restrictions] = await Promise.all([
    loadStreetSegments(pool),
    loadAddressPoints(pool),
    loadPlaces(pool),
    loadPolygonZoneSets(pool),
    loadTurnRestrictions(pool),
  ]);
  const routingSource = jurisdiction?.routingSource ?? null;
  const routable = routingSource ? segments.filter((s) => s.source === routingSource) : segments;
  const polygonIndex = new ZoneIndex(polygonZones.definitions);

  let router: RoadRouter | null = null;
  let graphNodes = 0;
  let graphEdges = 0;
  let fromCache = false;
  let skipped = 0;
  if (routable.length > 0) {
    const built = buildRoadGraphFromSegments(
      routable.map((s) => ({ id: s.id, coords: s.coords, oneway: s.oneway as 'no' | 'forward' | 'backward', speedKph: s.speedKph, name: [s.prefix, s.name, s.suffixType, s.suffixDir].filter(Boolean).join(' ') })),
      { restrictions },
    );
    skipped = built.skipped.length;
    const graph = built.graph;
    graphNodes = graph.nodeCount;
    graphEdges = graph.arcCount;
    const cacheFile = opts.cacheDir ? join(opts.cacheDir, `ch-${graph.checksum}.bin`) : null;
    const cached = cacheFile ? readCache(cacheFile) : null;
    const h = hierarchyForGraph(graph, cached);
    fromCache = h.fromCache;
    if (!h.fromCache && cacheFile && opts.cacheDir) {
      // Write beside, then rename: a crash mid-write must not leave a torn cache.
      mkdirSync(opts.cacheDir, { recursive: true });
      // Old hierarchies are for streets that no longer exist; keep the directory from growing.
      for (const old of readdirSync(opts.cacheDir)) if (/^ch-.*\.bin$/.test(old) && join(opts.cacheDir, old) !== cacheFile) rmSync(join(opts.cacheDir, old), { force: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, serializeHierarchy(h.hierarchy));
      renameSync(tmp, cacheFile);
    }
    router = new RoadRouter(graph, h.hierarchy);
  }

  const derivedSets = router ? await loadDriveTimeZoneSets(pool) : [];
  const derived = router ? new DriveTimeZones(router, derivedSets) : null;
  const roleOf = new Map(polygonZones.sets.map((s) => [s.code, s.role]));
  const zoneLookup: ZoneLookup = {
    lookup(lat, lon) {
      const out = polygonIndex.lookup(lat, lon);
      if (derived) Object.assign(out, derived.lookup(lat, lon));
      return out;
    },
  };
  const zonesAt = (lat: number, lon: number): IncidentZones => {
    const all = zoneLookup.lookup(lat, lon);
    const byRole: IncidentZones = { police: null, fire: null, ems: null, all };
    for (const [set, zone] of Object.entries(all)) {
      const role = roleOf.get(set);
      if ((role === 'police' || role === 'fire' || role === 'ems') && byRole[role] === null) byRole[role] = zone;
    }
    return byRole;
  };
  const geocoder = createGeocoder(segments, { addressPoints, places, zoneIndex: zoneLookup });
  const buildSeconds = (performance.now() - started) / 1000;
  opts.log(`geography v${jurisdiction?.version ?? 0}: ${segments.length} street segments, ${graphNodes} road nodes${router ? ` (hierarchy ${fromCache ? 'from cache' : 'built'})` : ''}, ${places.length} places, ${polygonZones.sets.length} zone sets in ${buildSeconds.toFixed(1)} s`);
  return {
    version: jurisdiction?.version ?? 0,
    name: jurisdiction?.name ?? 'Jurisdiction',
    center: jurisdiction?.center ?? null,
    boundary: jurisdiction?.boundary ?? null,
    geocoder,
    router,
    zoneSets: polygonZones.sets,
    zonesAt,
    stats: { segments: segments.length, graphNodes, graphEdges, buildSeconds, hierarchyFromCache: fromCache, skippedSegments: skipped },
  };
}
