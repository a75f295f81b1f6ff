import { extractRoadsFromPbf } from '../osm/road-extract';
import type { RoadTagOptions } from '../osm/road-tags';
import { deserializeHierarchy, StaleHierarchyError, CorruptHierarchyError } from './ch-serialization';
import { contractGraph, type ContractionOptions } from './contraction';
import type { ContractionHierarchy } from './contraction-hierarchy';
import { osmRoadsToInput } from './osm-input';
import { buildRoadGraph, type RoadGraph } from './road-graph';
import { segmentsToRoadInput, type SegmentInputOptions, type SkippedSegment, type RoadSegment } from './segments-input';

/** Builds the routable graph of an .osm.pbf extract in one call. */
export function buildRoadGraphFromOsm(pbf: Uint8Array, options: RoadTagOptions = {}): RoadGraph {
  return buildRoadGraph(osmRoadsToInput(extractRoadsFromPbf(pbf, options)));
}

/** Builds the routable graph from street centerline segments, reporting rows that could not be used. */
export function buildRoadGraphFromSegments(
  segments: readonly RoadSegment[],
  options: SegmentInputOptions = {},
): { readonly graph: RoadGraph; readonly skipped: readonly SkippedSegment[]; readonly unmatchedRestrictions: number } {
  const { input, skipped, unmatchedRestrictions } = segmentsToRoadInput(segments, options);
  return { graph: buildRoadGraph(input), skipped, unmatchedRestrictions };
}

/** How a hierarchy was obtained, so the caller knows whether to write the cache back. */
export interface HierarchyForGraph {
  readonly hierarchy: ContractionHierarchy;
  readonly fromCache: boolean;
  /** Why the cache was not used, when it was given but rejected. */
  readonly cacheRejected: string | null;
}

/**
 * Uses a cached hierarchy when it was built from exactly this graph, and contracts afresh otherwise (no cache, a
 * stale one after street edits, or a damaged file); the one call a server needs at start-up.
 */
export function hierarchyForGraph(graph: RoadGraph, cached: Uint8Array | null, options: ContractionOptions = {}): HierarchyForGraph {
  let cacheRejected: string | null = null;
  if (cached) {
    try {
      return { hierarchy: deserializeHierarchy(cached, graph.checksum), fromCache: true, cacheRejected: null };
    } catch (err) {
      if (!(err instanceof StaleHierarchyError || err instanceof CorruptHierarchyError)) throw err;
      cacheRejected = err.message;
    }
  }
  return { hierarchy: contractGraph(graph, options), fromCache: false, cacheRejected };
}
