import Flatbush from 'flatbush';
import { haversineMeters, metresPerDegree } from './earth-distance';
import type { RoadGraph } from './road-graph';
import { strongComponents } from './strong-components';

/** A position moved onto the nearest drivable road; routes start and end exactly here. */
export interface SnappedPoint {
  /** The point on the road. */
  readonly lon: number;
  readonly lat: number;
  /** From the position given to the point on the road, in metres. */
  readonly distanceMeters: number;
  /** Road index in the RoadGraph. */
  readonly road: number;
  /** Metres from the road's first geometry vertex to the point. */
  readonly along: number;
  /** The source id of the street (OSM way id, centerline segment id). */
  readonly sourceId: string | number;
  readonly name: string | null;
}

/** Snapping options. */
export interface SnapIndexOptions {
  /**
   * Only snap to roads in the largest strongly connected part of the network (default true), so a unit near a
   * disconnected fragment (a gated estate, a road cut by the extract's edge) lands on a road it can leave.
   */
  readonly mainComponentOnly?: boolean;
}

/**
 * Nearest-road lookup over every geometry segment of the graph. Segments are indexed in a local flat projection in
 * metres (fine at city scale); the nearest box gives an upper bound, then every segment whose box lies within that
 * bound is measured exactly, so the answer is the true nearest segment, not just the nearest box.
 */
export class SnapIndex {
  private readonly index: Flatbush | null;
  private readonly segmentStart: Uint32Array;
  private readonly segmentRoad: Uint32Array;
  private readonly kx: number;
  private readonly ky: number;

  constructor(private readonly graph: RoadGraph, options: SnapIndexOptions = {}) {
    const g = graph;
    let roadUsable: (r: number) => boolean = () => true;
    if (options.mainComponentOnly ?? true) {
      const { component, largest } = strongComponents(g);
      // A point on road r can leave to the main component if some half of r leads into it, and can be reached from
      // it if some half of r is entered from it; with turn restrictions these are not the same as "both ends are
      // in it", since a half may arrive at, or leave from, a restricted copy of a junction.
      const inMain = (node: number): boolean => component[node] === largest;
      roadUsable = (r) => {
        let leaves = false;
        let entered = false;
        for (let d = 2 * r; d <= 2 * r + 1; d++) {
          const head = g.dirHead[d] as number;
          if (head < 0) continue;
          if (inMain(head)) leaves = true;
          for (let k = g.dirArcOffsets[d] as number; k < (g.dirArcOffsets[d + 1] as number); k++) {
            if (inMain(g.arcTail[g.dirArcs[k] as number] as number)) entered = true;
          }
        }
        return leaves && entered;
      };
    }
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (const lat of g.nodeLat) {
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    const scale = metresPerDegree(Number.isFinite(minLat) ? (minLat + maxLat) / 2 : 0);
    this.kx = scale.x;
    this.ky = scale.y;
    const starts: number[] = [];
    const roads: number[] = [];
    for (let r = 0; r < g.roadCount; r++) {
      if (!roadUsable(r)) continue;
      for (let k = g.roadGeomOffsets[r] as number; k < (g.roadGeomOffsets[r + 1] as number) - 1; k++) {
        starts.push(k);
        roads.push(r);
      }
    }
    this.segmentStart = Uint32Array.from(starts);
    this.segmentRoad = Uint32Array.from(roads);
    if (starts.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(starts.length);
    for (const k of starts) {
      const x0 = (g.geomLon[k] as number) * this.kx;
      const y0 = (g.geomLat[k] as number) * this.ky;
      const x1 = (g.geomLon[k + 1] as number) * this.kx;
      const y1 = (g.geomLat[k + 1] as number) * this.ky;
      index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    index.finish();
    this.index = index;
  }

  // Scratch state of the current snap, kept on the instance so the per-segment test is a plain method call.
  private bestItem = 0;
  private bestT = 0;
  private bestD2 = Infinity;

  private measure(item: number, px: number, py: number): void {
    const g = this.graph;
    const k = this.segmentStart[item] as number;
    const x0 = (g.geomLon[k] as number) * this.kx;
    const y0 = (g.geomLat[k] as number) * this.ky;
    const dx = (g.geomLon[k + 1] as number) * this.kx - x0;
    const dy = (g.geomLat[k + 1] as number) * this.ky - y0;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = x0 + t * dx - px;
    const ey = y0 + t * dy - py;
    const d2 = ex * ex + ey * ey;
    // Ties go to the lower item so the same position always snaps the same way.
    if (d2 < this.bestD2 || (d2 === this.bestD2 && item < this.bestItem)) {
      this.bestD2 = d2;
      this.bestItem = item;
      this.bestT = t;
    }
  }

  /** Number of road segments that can be snapped to. */
  get segmentCount(): number {
    return this.segmentStart.length;
  }

  /** The nearest point on a drivable road to [lon, lat], or null if none lies within maxDistanceMeters. */
  snap(lon: number, lat: number, maxDistanceMeters = Infinity): SnappedPoint | null {
    const index = this.index;
    if (!index || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    const g = this.graph;
    const px = lon * this.kx;
    const py = lat * this.ky;
    // Projected distances are slightly off the true ones away from the index's centre latitude; pad the bound.
    const first = index.neighbors(px, py, 1, maxDistanceMeters * 1.01 + 1);
    if (first.length === 0) return null;
    this.bestItem = first[0] as number;
    this.bestT = 0;
    this.bestD2 = Infinity;
    this.measure(this.bestItem, px, py);
    const r = Math.sqrt(this.bestD2);
    for (const item of index.search(px - r, py - r, px + r, py + r)) this.measure(item, px, py);
    const bestItem = this.bestItem;
    const bestT = this.bestT;

    const k = this.segmentStart[bestItem] as number;
    const road = this.segmentRoad[bestItem] as number;
    const sLon = (g.geomLon[k] as number) + bestT * ((g.geomLon[k + 1] as number) - (g.geomLon[k] as number));
    const sLat = (g.geomLat[k] as number) + bestT * ((g.geomLat[k + 1] as number) - (g.geomLat[k] as number));
    const distanceMeters = haversineMeters(lon, lat, sLon, sLat);
    if (distanceMeters > maxDistanceMeters) return null;
    const along = (g.geomAlong[k] as number) + bestT * ((g.geomAlong[k + 1] as number) - (g.geomAlong[k] as number));
    const polyline = g.roadPolyline[road] as number;
    const nameIndex = g.polylineName[polyline] as number;
    return {
      lon: sLon,
      lat: sLat,
      distanceMeters,
      road,
      along,
      sourceId: g.sourceIds[polyline] as string | number,
      name: nameIndex >= 0 ? (g.names[nameIndex] ?? null) : null,
    };
  }
}
