import { LocalProjection, polylineLength } from './geometry.js';
import type { StreetSegment } from './types.js';

/**
 * Street segments packed into typed arrays in a local metric plane: one flat coordinate buffer instead
 * of ~250k small arrays keeps a whole city in a few megabytes and makes geometry loops cache-friendly.
 */
export class SegmentStore {
  readonly projection: LocalProjection;
  /** x,y pairs in metres for every vertex of every segment. */
  readonly xy: Float64Array;
  /** Vertex range of segment i is [vertexStart[i], vertexStart[i + 1]). */
  readonly vertexStart: Uint32Array;
  /** fromLeft, toLeft, fromRight, toRight per segment. */
  readonly ranges: Int32Array;
  readonly lengths: Float64Array;
  readonly ids: Float64Array;
  readonly zipLeft: (string | undefined)[];
  readonly zipRight: (string | undefined)[];
  readonly classes: (string | undefined)[];
  /** Street index of each segment, -1 when it has no name; filled by the street index. */
  readonly streetOf: Int32Array;

  constructor(segments: readonly StreetSegment[]) {
    let lat = 0;
    let lon = 0;
    let nv = 0;
    for (const s of segments) {
      for (const c of s.coords) {
        lon += c[0];
        lat += c[1];
        nv++;
      }
    }
    this.projection = new LocalProjection(nv === 0 ? 0 : lat / nv, nv === 0 ? 0 : lon / nv);
    this.xy = new Float64Array(nv * 2);
    this.vertexStart = new Uint32Array(segments.length + 1);
    this.ranges = new Int32Array(segments.length * 4);
    this.lengths = new Float64Array(segments.length);
    this.ids = new Float64Array(segments.length);
    this.zipLeft = [];
    this.zipRight = [];
    this.classes = [];
    this.streetOf = new Int32Array(segments.length).fill(-1);
    let v = 0;
    segments.forEach((s, i) => {
      this.vertexStart[i] = v;
      for (const c of s.coords) {
        this.xy[2 * v] = this.projection.x(c[0]);
        this.xy[2 * v + 1] = this.projection.y(c[1]);
        v++;
      }
      this.ranges[4 * i] = toInt(s.fromLeft);
      this.ranges[4 * i + 1] = toInt(s.toLeft);
      this.ranges[4 * i + 2] = toInt(s.fromRight);
      this.ranges[4 * i + 3] = toInt(s.toRight);
      this.ids[i] = s.id;
      this.zipLeft.push(s.zipLeft || undefined);
      this.zipRight.push(s.zipRight || undefined);
      this.classes.push(s.class);
    });
    this.vertexStart[segments.length] = v;
    for (let i = 0; i < segments.length; i++) {
      this.lengths[i] = polylineLength(this.xy, this.vertexStart[i]!, this.vertexStart[i + 1]!);
    }
  }

  /** Number of segments held. */
  get size(): number {
    return this.vertexStart.length - 1;
  }

  /** True when the segment carries any address range (0-0 on both sides means none). */
  hasAddresses(i: number): boolean {
    const r = this.ranges;
    return r[4 * i] !== 0 || r[4 * i + 1] !== 0 || r[4 * i + 2] !== 0 || r[4 * i + 3] !== 0;
  }
}

function toInt(n: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}
