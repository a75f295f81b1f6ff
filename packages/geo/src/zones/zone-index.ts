import Flatbush from 'flatbush';
import { PreparedPolygon } from './point-in-polygon.js';

/** A GeoJSON Polygon or MultiPolygon feature describing one zone. */
export interface ZoneFeature {
  type?: 'Feature';
  id?: string | number;
  properties: Record<string, unknown> | null;
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] }
    | { type: string; coordinates?: unknown }
    | null;
}

/** A GeoJSON FeatureCollection of zones. */
export interface ZoneFeatureCollection {
  type?: 'FeatureCollection';
  features: ZoneFeature[];
}

/** One set of non-overlapping zones (police districts, fire first-due areas, EMS zones). */
export interface ZoneSetDefinition {
  /** Key under which lookups report this set's zone, e.g. 'police'. */
  name: string;
  zones: ZoneFeatureCollection;
  /** Property holding the zone id, or a function deriving it; defaults to the feature id, then 'name'. */
  idProperty?: string | ((feature: ZoneFeature, index: number) => string);
}

interface ZonePart {
  set: number;
  zoneId: string;
  polygon: PreparedPolygon;
}

/**
 * Answers "which district, first-due area and EMS zone is this point in?" for many zone sets at once:
 * an R-tree over polygon bounding boxes, then banded ray casting on the few polygons whose box holds
 * the point.
 */
export class ZoneIndex {
  readonly setNames: readonly string[];
  private readonly parts: ZonePart[] = [];
  private readonly tree: Flatbush;

  constructor(sets: readonly ZoneSetDefinition[]) {
    this.setNames = sets.map((s) => s.name);
    sets.forEach((set, setIdx) => {
      set.zones.features.forEach((feature, i) => {
        const zoneId = zoneIdOf(set, feature, i);
        for (const rings of polygonsOf(feature)) {
          this.parts.push({ set: setIdx, zoneId, polygon: new PreparedPolygon(rings) });
        }
      });
    });
    this.tree = new Flatbush(Math.max(1, this.parts.length));
    for (const p of this.parts) this.tree.add(p.polygon.minX, p.polygon.minY, p.polygon.maxX, p.polygon.maxY);
    if (this.parts.length === 0) this.tree.add(0, 0, 0, 0);
    this.tree.finish();
  }

  /** Zone id per zone set at a position; sets with no zone there are left out. */
  lookup(lat: number, lon: number): Record<string, string> {
    const out: Record<string, string> = {};
    // Parts come back in tree order; taking the lowest part index keeps overlaps deterministic.
    const hits = this.tree.search(lon, lat, lon, lat).sort((a, b) => a - b);
    for (const i of hits) {
      const part = this.parts[i];
      if (part === undefined) continue;
      const setName = this.setNames[part.set]!;
      if (setName in out) continue;
      if (part.polygon.contains(lon, lat)) out[setName] = part.zoneId;
    }
    return out;
  }

  /** Every zone of every set containing the position, for finding overlaps in zone data. */
  lookupAll(lat: number, lon: number): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const i of this.tree.search(lon, lat, lon, lat).sort((a, b) => a - b)) {
      const part = this.parts[i];
      if (part === undefined || !part.polygon.contains(lon, lat)) continue;
      const setName = this.setNames[part.set]!;
      const list = (out[setName] ??= []);
      if (!list.includes(part.zoneId)) list.push(part.zoneId);
    }
    return out;
  }
}

/** Builds a zone index from GeoJSON zone sets; what the server and the geocoder's zoneIndex use. */
export function buildZoneIndex(sets: readonly ZoneSetDefinition[]): ZoneIndex {
  return new ZoneIndex(sets);
}

function zoneIdOf(set: ZoneSetDefinition, feature: ZoneFeature, index: number): string {
  if (typeof set.idProperty === 'function') return set.idProperty(feature, index);
  const props = feature.properties ?? {};
  if (set.idProperty !== undefined) return String(props[set.idProperty] ?? index);
  if (feature.id !== undefined) return String(feature.id);
  if (props['name'] !== undefined) return String(props['name']);
  return String(index);
}

function polygonsOf(feature: ZoneFeature): number[][][][] {
  const g = feature.geometry;
  if (g === null || g.coordinates === undefined) return [];
  if (g.type === 'Polygon') return [g.coordinates as number[][][]];
  if (g.type === 'MultiPolygon') return g.coordinates as number[][][][];
  return [];
}
