export { buildZoneIndex, ZoneIndex } from './zone-index.js';
export type { ZoneFeature, ZoneFeatureCollection, ZoneSetDefinition } from './zone-index.js';
export { pointInPolygon, pointInRing, PreparedPolygon } from './point-in-polygon.js';
