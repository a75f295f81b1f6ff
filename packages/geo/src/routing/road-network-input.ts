/**
 * The neutral form every road source is converted to before a graph is built: a vertex table and polylines over
 * it. OSM ways and street centerline segments both become polylines, so one builder serves both.
 */
export interface RoadNetworkInput {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Polyline p runs through vertices polylineVertices[polylineOffsets[p] .. polylineOffsets[p + 1]). */
  readonly polylineOffsets: Uint32Array;
  readonly polylineVertices: Uint32Array;
  /** 1: drivable only in vertex order, -1: only against it, 0: both ways. */
  readonly oneway: Int8Array;
  readonly speedKph: Float32Array;
  /** Index into names, or -1. */
  readonly nameIndex: Int32Array;
  readonly names: readonly string[];
  /** The caller's id of each polyline (OSM way id, centerline segment id), reported back on routes and snaps. */
  readonly sourceIds: ArrayLike<string | number>;
  readonly restrictions: TurnRestrictionInput;
}

/** Via-vertex turn restrictions between polylines. */
export interface TurnRestrictionInput {
  readonly fromPolyline: Uint32Array;
  readonly viaVertex: Uint32Array;
  readonly toPolyline: Uint32Array;
  /** 1: from the from-polyline, traffic may only continue onto the to-polyline; 0: that one turn is forbidden. */
  readonly only: Uint8Array;
}

/** An empty restriction set, for sources that carry none. */
export function noTurnRestrictions(): TurnRestrictionInput {
  return { fromPolyline: new Uint32Array(0), viaVertex: new Uint32Array(0), toPolyline: new Uint32Array(0), only: new Uint8Array(0) };
}
