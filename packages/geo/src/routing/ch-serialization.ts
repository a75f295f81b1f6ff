import { createHash } from 'node:crypto';
import type { ContractionHierarchy } from './contraction-hierarchy';

/** Layout version of the serialised hierarchy; bump when sections change. */
export const HIERARCHY_FORMAT_VERSION = 1;

const MAGIC = 'OPSAPCH1';
const HEADER_BYTES = 128;

/** Thrown when a cached hierarchy was built from other streets or speeds than the graph at hand; rebuild it. */
export class StaleHierarchyError extends Error {
  constructor(
    readonly expectedChecksum: string,
    readonly foundChecksum: string,
  ) {
    super(`contraction hierarchy is stale: built for road graph ${foundChecksum.slice(0, 16)}, current graph is ${expectedChecksum.slice(0, 16)}`);
    this.name = 'StaleHierarchyError';
  }
}

/** Thrown when a cache file is not a hierarchy, comes from another format version, or is damaged. */
export class CorruptHierarchyError extends Error {
  constructor(message: string) {
    super(`contraction hierarchy cache unusable: ${message}`);
    this.name = 'CorruptHierarchyError';
  }
}

/** What the fixed-size header of a serialised hierarchy says, readable without decoding the rest. */
export interface HierarchyHeader {
  readonly formatVersion: number;
  readonly graphChecksum: string;
  readonly nodeCount: number;
  readonly upCount: number;
  readonly downCount: number;
  readonly shortcutCount: number;
}

type Section = Uint32Array | Int32Array | Float32Array;

function sectionsOf(ch: ContractionHierarchy): Section[] {
  return [ch.rankOf, ch.upOffsets, ch.upHead, ch.upWeight, ch.upMeters, ch.upVia, ch.downOffsets, ch.downTail, ch.downWeight, ch.downMeters, ch.downVia];
}

/** Writes a hierarchy to one Buffer (header + raw little-endian arrays) so the server can cache it on disk. */
export function serializeHierarchy(ch: ContractionHierarchy): Buffer {
  const sections = sectionsOf(ch);
  let payloadBytes = 0;
  for (const s of sections) payloadBytes += s.byteLength;
  const out = Buffer.alloc(HEADER_BYTES + payloadBytes);
  let offset = HEADER_BYTES;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), offset);
    offset += s.byteLength;
  }
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(HIERARCHY_FORMAT_VERSION, 8);
  out.writeUInt32LE(HEADER_BYTES, 12);
  Buffer.from(ch.graphChecksum, 'hex').copy(out, 16, 0, 32);
  createHash('sha256').update(out.subarray(HEADER_BYTES)).digest().copy(out, 48);
  out.writeUInt32LE(ch.nodeCount, 80);
  out.writeUInt32LE(ch.upHead.length, 84);
  out.writeUInt32LE(ch.downTail.length, 88);
  out.writeUInt32LE(ch.shortcutCount, 92);
  return out;
}

/** Reads only the header, e.g. to decide whether a cache file matches the current streets before loading it. */
export function readHierarchyHeader(buf: Uint8Array): HierarchyHeader {
  if (buf.byteLength < HEADER_BYTES) throw new CorruptHierarchyError('shorter than its header');
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.toString('latin1', 0, 8) !== MAGIC) throw new CorruptHierarchyError('not a hierarchy file');
  return {
    formatVersion: b.readUInt32LE(8),
    graphChecksum: b.toString('hex', 16, 48),
    nodeCount: b.readUInt32LE(80),
    upCount: b.readUInt32LE(84),
    downCount: b.readUInt32LE(88),
    shortcutCount: b.readUInt32LE(92),
  };
}

/**
 * Loads a serialised hierarchy. With `expectedGraphChecksum` (RoadGraph.checksum) a cache built from other streets
 * throws StaleHierarchyError, so the caller knows to rebuild; damage or another format throws CorruptHierarchyError.
 */
export function deserializeHierarchy(buf: Uint8Array, expectedGraphChecksum?: string): ContractionHierarchy {
  const header = readHierarchyHeader(buf);
  if (header.formatVersion !== HIERARCHY_FORMAT_VERSION) throw new CorruptHierarchyError(`format version ${header.formatVersion}, expected ${HIERARCHY_FORMAT_VERSION}`);
  if (expectedGraphChecksum !== undefined && header.graphChecksum !== expectedGraphChecksum) {
    throw new StaleHierarchyError(expectedGraphChecksum, header.graphChecksum);
  }
  const { nodeCount: n, upCount, downCount } = header;
  const expectedBytes = HEADER_BYTES + 4 * (n + 2 * (n + 1) + 4 * upCount + 4 * downCount);
  if (buf.byteLength !== expectedBytes) throw new CorruptHierarchyError(`size ${buf.byteLength}, header implies ${expectedBytes}`);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const digest = createHash('sha256').update(b.subarray(HEADER_BYTES)).digest();
  if (!digest.equals(b.subarray(48, 80))) throw new CorruptHierarchyError('payload checksum mismatch');

  // Typed arrays need 4-byte alignment; a Buffer from a pool may start anywhere, so copy only in that case.
  let bytes = buf;
  if (buf.byteOffset % 4 !== 0) bytes = new Uint8Array(buf);
  let offset = bytes.byteOffset + HEADER_BYTES;
  const take = <T extends Section>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number): T => {
    const a = make(bytes.buffer, offset, length);
    offset += length * 4;
    return a;
  };
  const u32 = (bf: ArrayBufferLike, o: number, l: number) => new Uint32Array(bf, o, l);
  const i32 = (bf: ArrayBufferLike, o: number, l: number) => new Int32Array(bf, o, l);
  const f32 = (bf: ArrayBufferLike, o: number, l: number) => new Float32Array(bf, o, l);
  const rankOf = take(u32, n);
  const upOffsets = take(u32, n + 1);
  const upHead = take(u32, upCount);
  const upWeight = take(u32, upCount);
  const upMeters = take(f32, upCount);
  const upVia = take(i32, upCount);
  const downOffsets = take(u32, n + 1);
  const downTail = take(u32, downCount);
  const downWeight = take(u32, downCount);
  const downMeters = take(f32, downCount);
  const downVia = take(i32, downCount);
  if (upOffsets[n] !== upCount || downOffsets[n] !== downCount) throw new CorruptHierarchyError('offsets do not match arc counts');
  const nodeOfRank = new Uint32Array(n);
  for (let v = 0; v < n; v++) {
    const r = rankOf[v] as number;
    if (r >= n) throw new CorruptHierarchyError('rank out of range');
    nodeOfRank[r] = v;
  }
  return {
    nodeCount: n,
    graphChecksum: header.graphChecksum,
    rankOf,
    nodeOfRank,
    upOffsets,
    upHead,
    upWeight,
    upMeters,
    upVia,
    downOffsets,
    downTail,
    downWeight,
    downMeters,
    downVia,
    shortcutCount: header.shortcutCount,
  };
}
