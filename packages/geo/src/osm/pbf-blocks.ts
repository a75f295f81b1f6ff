import { inflateSync } from 'node:zlib';
import Pbf from 'pbf';

/** The two kinds of file block an .osm.pbf holds; anything else is skipped, as the format asks. */
export type OsmBlockType = 'OSMHeader' | 'OSMData';

/** One decompressed file block, ready for HeaderBlock or PrimitiveBlock decoding. */
export interface OsmFileBlock {
  readonly type: string;
  readonly data: Uint8Array;
}

// The format caps a BlobHeader at 64 KiB and a Blob at 32 MiB; larger values mean a corrupt or foreign file.
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;

interface BlobHeaderFields {
  type: string;
  datasize: number;
}

interface BlobFields {
  raw: Uint8Array | null;
  rawSize: number;
  zlib: Uint8Array | null;
  unsupported: string | null;
}

function readBlobHeaderField(tag: number, out: BlobHeaderFields, pbf: Pbf): void {
  if (tag === 1) out.type = pbf.readString();
  else if (tag === 3) out.datasize = pbf.readVarint();
}

function readBlobField(tag: number, out: BlobFields, pbf: Pbf): void {
  if (tag === 1) out.raw = pbf.readBytes();
  else if (tag === 2) out.rawSize = pbf.readVarint();
  else if (tag === 3) out.zlib = pbf.readBytes();
  else if (tag === 4) {
    out.unsupported = 'lzma';
    pbf.skip(pbf.type);
  } else if (tag === 6) {
    out.unsupported = 'lz4';
    pbf.skip(pbf.type);
  } else if (tag === 7) {
    out.unsupported = 'zstd';
    pbf.skip(pbf.type);
  } else if (tag === 5) {
    out.unsupported = 'bzip2';
    pbf.skip(pbf.type);
  }
}

/** Walks the length-prefixed BlobHeader/Blob framing of an .osm.pbf and yields each block inflated, so decoders never see compression. */
export function* readOsmFileBlocks(bytes: Uint8Array): Generator<OsmFileBlock> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pbf = new Pbf(bytes);
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) throw new Error(`osm.pbf: truncated block length at byte ${offset}`);
    const headerLength = view.getUint32(offset, false);
    if (headerLength > MAX_HEADER_BYTES) throw new Error(`osm.pbf: BlobHeader of ${headerLength} bytes at byte ${offset} exceeds the format's limit`);
    const headerStart = offset + 4;
    const headerEnd = headerStart + headerLength;
    if (headerEnd > bytes.length) throw new Error(`osm.pbf: truncated BlobHeader at byte ${offset}`);
    pbf.pos = headerStart;
    const header = pbf.readFields(readBlobHeaderField, { type: '', datasize: -1 }, headerEnd);
    if (header.datasize < 0 || header.datasize > MAX_BLOB_BYTES) throw new Error(`osm.pbf: bad Blob size ${header.datasize} at byte ${offset}`);
    const blobEnd = headerEnd + header.datasize;
    if (blobEnd > bytes.length) throw new Error(`osm.pbf: truncated Blob at byte ${headerEnd}`);
    pbf.pos = headerEnd;
    const blob = pbf.readFields(readBlobField, { raw: null, rawSize: 0, zlib: null, unsupported: null }, blobEnd);
    offset = blobEnd;
    if (header.type !== 'OSMHeader' && header.type !== 'OSMData') continue;
    let data: Uint8Array;
    if (blob.raw) data = blob.raw;
    else if (blob.zlib) {
      data = inflateSync(blob.zlib);
      if (blob.rawSize > 0 && data.length !== blob.rawSize) throw new Error(`osm.pbf: block inflated to ${data.length} bytes, header says ${blob.rawSize}`);
    } else if (blob.unsupported) throw new Error(`osm.pbf: ${blob.unsupported}-compressed blocks are not supported`);
    else data = new Uint8Array(0);
    yield { type: header.type, data };
  }
}
