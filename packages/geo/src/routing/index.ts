export { IndexedMinHeap } from './binary-heap';
export { ChRouter } from './ch-route';
export {
  CorruptHierarchyError,
  deserializeHierarchy,
  HIERARCHY_FORMAT_VERSION,
  readHierarchyHeader,
  serializeHierarchy,
  StaleHierarchyError,
  type HierarchyHeader,
} from './ch-serialization';
export { contractGraph, type ContractionInput, type ContractionOptions } from './contraction';
export type { ContractionHierarchy } from './contraction-hierarchy';
export { DijkstraRouter } from './dijkstra';
export { buildRoadGraphFromOsm, buildRoadGraphFromSegments, hierarchyForGraph, type HierarchyForGraph } from './graph-builders';
export { GRAPH_FORMAT_VERSION, graphChecksum } from './graph-checksum';
export { ManyToOneSearch, type ManyToOneOptions } from './many-to-one';
export { osmRoadsToInput } from './osm-input';
export { buildRoadGraph, type RoadGraph } from './road-graph';
export { noTurnRestrictions, type RoadNetworkInput, type TurnRestrictionInput } from './road-network-input';
export { RoadRouter } from './road-router';
export { destinationSeeds, directTrip, originSeeds, type EndpointSeed } from './route-endpoints';
export { halvesGeometry, type LonLat } from './route-geometry';
export type { Route, TravelTimes } from './route-types';
export { segmentsToRoadInput, type SegmentConversion, type SegmentInputOptions, type SegmentTurnRestriction, type SkippedSegment, type RoadSegment } from './segments-input';
export { SnapIndex, type SnapIndexOptions, type SnappedPoint } from './snap-index';
export { strongComponents } from './strong-components';
