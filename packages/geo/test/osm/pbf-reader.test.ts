import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRoadsFromPbf, HIGHWAY_CLASSES, readOsmPbf, type OsmTags } from '../../src/osm';

const osm = (name: string): Uint8Array => readFileSync(new URL(`../../../../../shared/data/osm/${name}`, import.meta.url));

interface Census {
  nodes: number;
  ways: number;
  relations: number;
  restrictions: number;
  waysWithMissingRefs: number;
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
  names: Set<string>;
  taggedNodes: number;
}

function census(bytes: Uint8Array): Census & { header: ReturnType<typeof readOsmPbf> } {
  const c: Census = { nodes: 0, ways: 0, relations: 0, restrictions: 0, waysWithMissingRefs: 0, minLon: Infinity, maxLon: -Infinity, minLat: Infinity, maxLat: -Infinity, names: new Set(), taggedNodes: 0 };
  const ids = new Set<number>();
  const header = readOsmPbf(bytes, {
    wantNodeTags: true,
    node(id, lon, lat, tags: OsmTags | null) {
      c.nodes++;
      ids.add(id);
      if (tags) c.taggedNodes++;
      c.minLon = Math.min(c.minLon, lon);
      c.maxLon = Math.max(c.maxLon, lon);
      c.minLat = Math.min(c.minLat, lat);
      c.maxLat = Math.max(c.maxLat, lat);
    },
    way(_id, refs, tags) {
      c.ways++;
      if (refs.some((r) => !ids.has(r))) c.waysWithMissingRefs++;
      if (tags.name) c.names.add(tags.name);
    },
    relation(_id, members, tags) {
      c.relations++;
      if (tags.type === 'restriction') {
        c.restrictions++;
        expect(members.some((m) => m.role === 'via')).toBe(true);
      }
    },
  });
  return { ...c, header };
}

describe('OSM PBF reader', () => {
  it('reads Monaco: header, dense nodes, ways with delta-coded refs, relations', () => {
    const c = census(osm('osrm_monaco.osm.pbf'));
    expect(c.header.requiredFeatures).toEqual(['OsmSchema-V0.6', 'DenseNodes']);
    expect(c.header.writingProgram).toMatch(/osmconvert/);
    const [w, s, e, n] = c.header.bbox ?? [0, 0, 0, 0];
    expect(w).toBeCloseTo(7.349, 6);
    expect(n).toBeCloseTo(43.77, 6);
    expect(c.nodes).toBe(180_118);
    expect(c.ways).toBe(27_377);
    expect(c.relations).toBe(212);
    expect(c.restrictions).toBe(27);
    expect(c.taggedNodes).toBeGreaterThan(1000);
    // Every node lies in the declared box, and every way's refs resolve to nodes of the file.
    expect(c.minLon).toBeGreaterThanOrEqual(w - 1e-7);
    expect(c.maxLon).toBeLessThanOrEqual(e + 1e-7);
    expect(c.minLat).toBeGreaterThanOrEqual(s - 1e-7);
    expect(c.maxLat).toBeLessThanOrEqual(n + 1e-7);
    expect(c.waysWithMissingRefs).toBe(0);
    expect(c.names).toContain('Boulevard de Suisse');
  });

  it('reads Andorra (written by Osmium)', () => {
    const c = census(osm('graphhopper_andorra.osm.pbf'));
    expect(c.header.writingProgram).toMatch(/Osmium/);
    expect(c.nodes).toBe(69_644);
    expect(c.ways).toBe(2_725);
    expect(c.relations).toBe(74);
    expect(c.header.bbox?.[1]).toBeCloseTo(42.43509, 6);
    expect(c.header.bbox?.[2]).toBeCloseTo(1.780386, 6);
    // The extract keeps whole ways, so a few nodes lie outside the box, but all in the Pyrenees.
    expect(c.minLat).toBeGreaterThan(41.5);
    expect(c.maxLat).toBeLessThan(43);
    expect(c.names).toContain("Túnel d'Envalira");
  });

  it('refuses truncated and non-PBF input with a clear error', () => {
    const bytes = osm('r5_bangor_maine.osm.pbf');
    expect(() => readOsmPbf(bytes.subarray(0, 5000), {})).toThrow(/osm\.pbf: truncated/);
    expect(() => readOsmPbf(new TextEncoder().encode('<?xml version="1.0"?><osm></osm>'), {})).toThrow(/osm\.pbf/);
  });
});

describe('drivable road extraction', () => {
  it('keeps Monaco drivable ways with consistent arrays and resolves its turn restrictions', () => {
    const roads = extractRoadsFromPbf(osm('osrm_monaco.osm.pbf'));
    const w = roads.wayIds.length;
    expect(w).toBeGreaterThan(1000);
    expect(roads.stats.waysRead).toBe(27_377);
    expect(roads.wayNodeOffsets[w]).toBe(roads.wayNodes.length);
    expect(Math.max(...roads.wayNodes)).toBeLessThan(roads.lon.length);
    for (let i = 0; i < w; i++) {
      expect((roads.wayNodeOffsets[i + 1] as number) - (roads.wayNodeOffsets[i] as number)).toBeGreaterThanOrEqual(2);
      expect([-1, 0, 1]).toContain(roads.wayOneway[i]);
      expect(roads.waySpeedKph[i]).toBeGreaterThanOrEqual(5);
      expect(roads.waySpeedKph[i]).toBeLessThanOrEqual(130);
      expect(roads.wayClass[i]).toBeLessThan(HIGHWAY_CLASSES.length);
    }
    expect(roads.stats.restrictionsRead).toBe(27);
    expect(roads.stats.restrictionsKept).toBe(27);
    expect(roads.restrictions.only.filter((x) => x === 1).length).toBeGreaterThan(10);
    expect(roads.stats.missingNodeRefs).toBe(0);
    expect(roads.names).toContain('Boulevard de Suisse');
  });

  it('reads Andorra with its motorway-like tunnel and finds no restrictions', () => {
    const roads = extractRoadsFromPbf(osm('graphhopper_andorra.osm.pbf'));
    expect(roads.wayIds.length).toBe(1106);
    expect(roads.restrictions.fromWay.length).toBe(0);
    const tunnel = roads.names.indexOf("Túnel d'Envalira");
    expect(tunnel).toBeGreaterThanOrEqual(0);
  });

  it('handles a file whose nodes are not sorted by id (Columbus, OH)', () => {
    const roads = extractRoadsFromPbf(osm('r5_columbus_oh.osm.pbf'));
    expect(roads.stats.missingNodeRefs).toBe(0);
    expect(roads.wayIds.length).toBeGreaterThan(5000);
    // Neighbouring way vertices are a street apart, not across the city: a wrong id lookup would break this.
    let longest = 0;
    for (let i = 0; i < roads.wayIds.length; i++) {
      for (let k = (roads.wayNodeOffsets[i] as number) + 1; k < (roads.wayNodeOffsets[i + 1] as number); k++) {
        const p = roads.wayNodes[k - 1] as number;
        const q = roads.wayNodes[k] as number;
        longest = Math.max(longest, Math.hypot((roads.lon[p] as number) - (roads.lon[q] as number), (roads.lat[p] as number) - (roads.lat[q] as number)));
      }
    }
    expect(longest).toBeLessThan(0.05);
  });
});
