import { ChRouter } from './ch-route';
import type { ContractionHierarchy } from './contraction-hierarchy';
import { DijkstraRouter } from './dijkstra';
import { ManyToOneSearch } from './many-to-one';
import type { RoadGraph } from './road-graph';
import type { Route, TravelTimes } from './route-types';
import { SnapIndex, type SnapIndexOptions, type SnappedPoint } from './snap-index';
import { StaleHierarchyError } from './ch-serialization';

/**
 * Everything a dispatcher's "who gets there first" needs, behind one object: snapping, routes and many-to-one
 * drive times on the contraction hierarchy, with plain Dijkstra kept for checking. Not safe to share between
 * concurrent async callers mid-call (it reuses work arrays), which is fine in one Node thread.
 */
export class RoadRouter {
  readonly snapIndex: SnapIndex;
  private readonly chRouter: ChRouter;
  private readonly manyToOneSearch: ManyToOneSearch;
  private dijkstraRouter: DijkstraRouter | null = null;

  constructor(readonly graph: RoadGraph, readonly hierarchy: ContractionHierarchy, options: { readonly snap?: SnapIndexOptions } = {}) {
    if (hierarchy.graphChecksum !== graph.checksum || hierarchy.nodeCount !== graph.nodeCount) {
      throw new StaleHierarchyError(graph.checksum, hierarchy.graphChecksum);
    }
    this.snapIndex = new SnapIndex(graph, options.snap);
    this.chRouter = new ChRouter(graph, hierarchy);
    this.manyToOneSearch = new ManyToOneSearch(graph, hierarchy);
  }

  /** Moves a position onto the nearest drivable road; null if none within maxDistanceMeters. */
  snap(lon: number, lat: number, maxDistanceMeters = Infinity): SnappedPoint | null {
    return this.snapIndex.snap(lon, lat, maxDistanceMeters);
  }

  /** Fastest drive between two snapped points, with the street geometry; null when unreachable. */
  route(from: SnappedPoint, to: SnappedPoint): Route | null {
    return this.chRouter.route(from, to);
  }

  /** Drive time and distance from each unit position to an incident, aligned with `sources`. */
  manyToOne(sources: ReadonlyArray<SnappedPoint | null>, target: SnappedPoint): TravelTimes {
    return this.manyToOneSearch.run(sources, target);
  }

  /** The same as manyToOne with plain Dijkstra: slower, for cross-checks and benchmarks. */
  manyToOneDijkstra(sources: ReadonlyArray<SnappedPoint | null>, target: SnappedPoint): TravelTimes {
    this.dijkstraRouter ??= new DijkstraRouter(this.graph);
    return this.dijkstraRouter.manyToOne(sources, target);
  }

  /** The same as route with plain Dijkstra. */
  routeDijkstra(from: SnappedPoint, to: SnappedPoint): Route | null {
    this.dijkstraRouter ??= new DijkstraRouter(this.graph);
    return this.dijkstraRouter.route(from, to);
  }
}
