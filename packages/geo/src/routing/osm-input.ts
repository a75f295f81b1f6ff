import type { OsmRoads } from '../osm/road-extract';
import type { RoadNetworkInput } from './road-network-input';

/** Views an OSM extract's drivable ways as the neutral polyline form; no copying, the arrays line up already. */
export function osmRoadsToInput(roads: OsmRoads): RoadNetworkInput {
  return {
    lon: roads.lon,
    lat: roads.lat,
    polylineOffsets: roads.wayNodeOffsets,
    polylineVertices: roads.wayNodes,
    oneway: roads.wayOneway,
    speedKph: roads.waySpeedKph,
    nameIndex: roads.wayName,
    names: roads.names,
    sourceIds: roads.wayIds,
    restrictions: {
      fromPolyline: roads.restrictions.fromWay,
      viaVertex: roads.restrictions.viaNode,
      toPolyline: roads.restrictions.toWay,
      only: roads.restrictions.only,
    },
  };
}
