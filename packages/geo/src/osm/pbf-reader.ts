import Pbf from 'pbf';
import { readOsmFileBlocks } from './pbf-blocks';
import { decodePrimitiveBlock, type OsmVisitor } from './pbf-primitives';

/** What the OSMHeader block says about the file. */
export interface OsmHeader {
  /** [west, south, east, north] in degrees, when the file declares one. */
  readonly bbox: readonly [number, number, number, number] | null;
  readonly requiredFeatures: readonly string[];
  readonly optionalFeatures: readonly string[];
  readonly writingProgram: string | null;
}

// Features this decoder understands; a file that requires anything else would be misread, so it is refused.
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

interface HeaderFields {
  bbox: [number, number, number, number] | null;
  requiredFeatures: string[];
  optionalFeatures: string[];
  writingProgram: string | null;
}

function readBBoxField(tag: number, box: [number, number, number, number], pbf: Pbf): void {
  // HeaderBBox stores left, right, top, bottom in nanodegrees; reorder to west, south, east, north.
  const value = pbf.readSVarint() * 1e-9;
  if (tag === 1) box[0] = value;
  else if (tag === 2) box[2] = value;
  else if (tag === 3) box[3] = value;
  else if (tag === 4) box[1] = value;
}

function readHeaderField(tag: number, h: HeaderFields, pbf: Pbf): void {
  if (tag === 1) {
    h.bbox = [0, 0, 0, 0];
    pbf.readMessage(readBBoxField, h.bbox);
  } else if (tag === 4) h.requiredFeatures.push(pbf.readString());
  else if (tag === 5) h.optionalFeatures.push(pbf.readString());
  else if (tag === 16) h.writingProgram = pbf.readString();
  else pbf.skip(pbf.type);
}

/** Decodes an OSMHeader block, so callers can check features and bounds before trusting the data. */
export function decodeHeaderBlock(data: Uint8Array): OsmHeader {
  const pbf = new Pbf(data);
  return pbf.readFields(readHeaderField, { bbox: null, requiredFeatures: [], optionalFeatures: [], writingProgram: null }, data.length);
}

/** Streams every element of an .osm.pbf to a visitor and returns the header; the single entry point for reading OSM files. */
export function readOsmPbf(bytes: Uint8Array, visitor: OsmVisitor): OsmHeader {
  let header: OsmHeader | null = null;
  for (const block of readOsmFileBlocks(bytes)) {
    if (block.type === 'OSMHeader') {
      header = decodeHeaderBlock(block.data);
      const missing = header.requiredFeatures.filter((f) => !SUPPORTED_FEATURES.has(f));
      if (missing.length > 0) throw new Error(`osm.pbf: unsupported required features: ${missing.join(', ')}`);
    } else {
      if (!header) throw new Error('osm.pbf: data block before the OSMHeader block');
      decodePrimitiveBlock(block.data, visitor);
    }
  }
  if (!header) throw new Error('osm.pbf: no OSMHeader block (not an OSM PBF file?)');
  return header;
}
