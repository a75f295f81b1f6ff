import Pbf from 'pbf';

/** Tags of one OSM element, key to value. */
export type OsmTags = Record<string, string>;

/** One member of a relation; `ref` is the member's OSM id. */
export interface OsmMember {
  readonly type: 'node' | 'way' | 'relation';
  readonly ref: number;
  readonly role: string;
}

/** Callbacks that receive elements as they are decoded, so a caller keeps only what it needs. */
export interface OsmVisitor {
  node?(id: number, lon: number, lat: number, tags: OsmTags | null): void;
  /** Decoding node tags costs time and most callers only need positions; tags are passed as null unless this is set. */
  readonly wantNodeTags?: boolean;
  way?(id: number, refs: readonly number[], tags: OsmTags): void;
  relation?(id: number, members: readonly OsmMember[], tags: OsmTags): void;
}

interface BlockContext {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: number[];
}

const MEMBER_TYPES = ['node', 'way', 'relation'] as const;

function readStringTableField(tag: number, strings: string[], pbf: Pbf): void {
  if (tag === 1) strings.push(pbf.readString());
}

function readBlockField(tag: number, ctx: BlockContext, pbf: Pbf): void {
  if (tag === 1) {
    const end = pbf.readVarint() + pbf.pos;
    pbf.readFields(readStringTableField, ctx.strings, end);
  } else if (tag === 2) {
    // Groups are decoded after the whole block is read: granularity and offsets come later in the encoding.
    const length = pbf.readVarint();
    ctx.groups.push(pbf.pos, pbf.pos + length);
    pbf.pos += length;
  } else if (tag === 17) ctx.granularity = pbf.readVarint();
  else if (tag === 19) ctx.latOffset = pbf.readVarint64();
  else if (tag === 20) ctx.lonOffset = pbf.readVarint64();
  else pbf.skip(pbf.type);
}

function tagsFrom(keys: readonly number[], vals: readonly number[], strings: readonly string[]): OsmTags {
  const tags: OsmTags = {};
  const n = Math.min(keys.length, vals.length);
  for (let i = 0; i < n; i++) {
    const k = strings[keys[i] ?? 0];
    const v = strings[vals[i] ?? 0];
    if (k !== undefined && v !== undefined) tags[k] = v;
  }
  return tags;
}

interface DenseFields {
  ids: number[];
  lats: number[];
  lons: number[];
  keysVals: number[];
}

function readDenseField(tag: number, d: DenseFields, pbf: Pbf): void {
  if (tag === 1) pbf.readPackedSVarint(d.ids);
  else if (tag === 8) pbf.readPackedSVarint(d.lats);
  else if (tag === 9) pbf.readPackedSVarint(d.lons);
  else if (tag === 10) pbf.readPackedVarint(d.keysVals);
  else pbf.skip(pbf.type);
}

function decodeDenseNodes(pbf: Pbf, end: number, ctx: BlockContext, visitor: OsmVisitor): void {
  const d = pbf.readFields<DenseFields>(readDenseField, { ids: [], lats: [], lons: [], keysVals: [] }, end);
  const node = visitor.node;
  if (!node) return;
  const scale = ctx.granularity * 1e-9;
  const latBase = ctx.latOffset * 1e-9;
  const lonBase = ctx.lonOffset * 1e-9;
  const wantTags = visitor.wantNodeTags === true && d.keysVals.length > 0;
  let id = 0;
  let lat = 0;
  let lon = 0;
  let kv = 0;
  for (let i = 0; i < d.ids.length; i++) {
    id += d.ids[i] ?? 0;
    lat += d.lats[i] ?? 0;
    lon += d.lons[i] ?? 0;
    let tags: OsmTags | null = null;
    if (wantTags) {
      // keys_vals is a flat list of (key, value) string indices per node, each node's run ended by a 0.
      while (kv < d.keysVals.length && d.keysVals[kv] !== 0) {
        const k = ctx.strings[d.keysVals[kv] ?? 0];
        const v = ctx.strings[d.keysVals[kv + 1] ?? 0];
        if (k !== undefined && v !== undefined) (tags ??= {})[k] = v;
        kv += 2;
      }
      kv++;
    }
    node(id, lonBase + lon * scale, latBase + lat * scale, tags);
  }
}

interface NodeFields {
  id: number;
  keys: number[];
  vals: number[];
  lat: number;
  lon: number;
}

function readNodeField(tag: number, n: NodeFields, pbf: Pbf): void {
  if (tag === 1) n.id = pbf.readSVarint();
  else if (tag === 2) pbf.readPackedVarint(n.keys);
  else if (tag === 3) pbf.readPackedVarint(n.vals);
  else if (tag === 8) n.lat = pbf.readSVarint();
  else if (tag === 9) n.lon = pbf.readSVarint();
  else pbf.skip(pbf.type);
}

interface WayFields {
  id: number;
  keys: number[];
  vals: number[];
  refs: number[];
}

function readWayField(tag: number, w: WayFields, pbf: Pbf): void {
  if (tag === 1) w.id = pbf.readVarint();
  else if (tag === 2) pbf.readPackedVarint(w.keys);
  else if (tag === 3) pbf.readPackedVarint(w.vals);
  else if (tag === 8) pbf.readPackedSVarint(w.refs);
  else pbf.skip(pbf.type);
}

interface RelationFields {
  id: number;
  keys: number[];
  vals: number[];
  roles: number[];
  memids: number[];
  types: number[];
}

function readRelationField(tag: number, r: RelationFields, pbf: Pbf): void {
  if (tag === 1) r.id = pbf.readVarint();
  else if (tag === 2) pbf.readPackedVarint(r.keys);
  else if (tag === 3) pbf.readPackedVarint(r.vals);
  else if (tag === 8) pbf.readPackedVarint(r.roles);
  else if (tag === 9) pbf.readPackedSVarint(r.memids);
  else if (tag === 10) pbf.readPackedVarint(r.types);
  else pbf.skip(pbf.type);
}

function readGroupField(tag: number, state: { ctx: BlockContext; visitor: OsmVisitor }, pbf: Pbf): void {
  const { ctx, visitor } = state;
  if (tag === 2 && visitor.node) {
    const end = pbf.readVarint() + pbf.pos;
    decodeDenseNodes(pbf, end, ctx, visitor);
    pbf.pos = end;
  } else if (tag === 1 && visitor.node) {
    const end = pbf.readVarint() + pbf.pos;
    const n = pbf.readFields<NodeFields>(readNodeField, { id: 0, keys: [], vals: [], lat: 0, lon: 0 }, end);
    const scale = ctx.granularity * 1e-9;
    const tags = visitor.wantNodeTags && n.keys.length > 0 ? tagsFrom(n.keys, n.vals, ctx.strings) : null;
    visitor.node(n.id, ctx.lonOffset * 1e-9 + n.lon * scale, ctx.latOffset * 1e-9 + n.lat * scale, tags);
  } else if (tag === 3 && visitor.way) {
    const end = pbf.readVarint() + pbf.pos;
    const w = pbf.readFields<WayFields>(readWayField, { id: 0, keys: [], vals: [], refs: [] }, end);
    // refs are delta coded: each value is the difference from the previous node id.
    let id = 0;
    for (let i = 0; i < w.refs.length; i++) {
      id += w.refs[i] ?? 0;
      w.refs[i] = id;
    }
    visitor.way(w.id, w.refs, tagsFrom(w.keys, w.vals, ctx.strings));
  } else if (tag === 4 && visitor.relation) {
    const end = pbf.readVarint() + pbf.pos;
    const r = pbf.readFields<RelationFields>(readRelationField, { id: 0, keys: [], vals: [], roles: [], memids: [], types: [] }, end);
    const members: OsmMember[] = [];
    let ref = 0;
    for (let i = 0; i < r.memids.length; i++) {
      ref += r.memids[i] ?? 0;
      members.push({ type: MEMBER_TYPES[r.types[i] ?? 0] ?? 'node', ref, role: ctx.strings[r.roles[i] ?? 0] ?? '' });
    }
    visitor.relation(r.id, members, tagsFrom(r.keys, r.vals, ctx.strings));
  } else pbf.skip(pbf.type);
}

/** Decodes one inflated PrimitiveBlock and hands its nodes, ways and relations to the visitor. */
export function decodePrimitiveBlock(data: Uint8Array, visitor: OsmVisitor): void {
  const pbf = new Pbf(data);
  const ctx: BlockContext = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] };
  pbf.readFields(readBlockField, ctx, data.length);
  const state = { ctx, visitor };
  for (let g = 0; g < ctx.groups.length; g += 2) {
    pbf.pos = ctx.groups[g] ?? 0;
    pbf.readFields(readGroupField, state, ctx.groups[g + 1] ?? 0);
  }
}
