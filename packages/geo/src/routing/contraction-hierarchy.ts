/**
 * A contraction hierarchy ready for queries. Nodes are renumbered by contraction rank (CH node r is the r-th
 * contracted), so "upward" means "to a larger id" and the top of the hierarchy sits together in memory.
 *
 * up*:   for CH node v, arcs v -> x with x > v (a forward search climbs these).
 * down*: for CH node v, arcs x -> v with x > v, listed at v (a backward search from a target climbs these).
 * *Via:  >= 0: the road-graph arc this CH arc stands for; < 0: a shortcut through CH node (-1 - via), which has
 *        the lower rank of the three, so both halves are listed at it (its down list and its up list).
 */
export interface ContractionHierarchy {
  readonly nodeCount: number;
  /** Checksum of the road graph this was built from (RoadGraph.checksum). */
  readonly graphChecksum: string;
  /** Road-graph node -> CH node. */
  readonly rankOf: Uint32Array;
  /** CH node -> road-graph node. */
  readonly nodeOfRank: Uint32Array;
  readonly upOffsets: Uint32Array;
  readonly upHead: Uint32Array;
  readonly upWeight: Uint32Array;
  readonly upMeters: Float32Array;
  readonly upVia: Int32Array;
  readonly downOffsets: Uint32Array;
  readonly downTail: Uint32Array;
  readonly downWeight: Uint32Array;
  readonly downMeters: Float32Array;
  readonly downVia: Int32Array;
  readonly shortcutCount: number;
}
