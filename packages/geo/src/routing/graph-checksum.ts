import { createHash } from 'node:crypto';

/** Bumped whenever graph building changes meaning (weights, arc order), so caches made by older code read as stale. */
export const GRAPH_FORMAT_VERSION = 1;

/** The arrays a contraction hierarchy is computed from. */
export interface ChecksummedArrays {
  readonly nodeCount: number;
  readonly arcOffsets: Uint32Array;
  readonly arcHead: Uint32Array;
  readonly arcWeight: Uint32Array;
  readonly arcMeters: Float64Array;
  readonly arcDir: Uint32Array;
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** sha256 (hex) over the arcs and weights, so a cached hierarchy is tied to the exact streets and speeds it was built from. */
export function graphChecksum(g: ChecksummedArrays): string {
  const h = createHash('sha256');
  h.update(`openpsap-road-graph:${GRAPH_FORMAT_VERSION}:${g.nodeCount}:${g.arcHead.length}`);
  h.update(bytesOf(g.arcOffsets));
  h.update(bytesOf(g.arcHead));
  h.update(bytesOf(g.arcWeight));
  h.update(bytesOf(g.arcMeters));
  h.update(bytesOf(g.arcDir));
  return h.digest('hex');
}
