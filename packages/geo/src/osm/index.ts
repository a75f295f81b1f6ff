export { readOsmFileBlocks, type OsmFileBlock, type OsmBlockType } from './pbf-blocks';
export { decodePrimitiveBlock, type OsmMember, type OsmTags, type OsmVisitor } from './pbf-primitives';
export { decodeHeaderBlock, readOsmPbf, type OsmHeader } from './pbf-reader';
export { extractRoadsFromPbf, type OsmRoads, type OsmRoadStats, type OsmTurnRestrictions } from './road-extract';
export {
  classifyWay,
  DEFAULT_SPEED_KPH,
  HIGHWAY_CLASSES,
  parseMaxspeed,
  parseOneway,
  parseRestriction,
  type DrivableWay,
  type HighwayClass,
  type RoadTagOptions,
} from './road-tags';
