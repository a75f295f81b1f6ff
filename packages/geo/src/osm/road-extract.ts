import { readOsmPbf, type OsmHeader } from './pbf-reader';
import { classifyWay, parseRestriction, type RoadTagOptions } from './road-tags';

/** A via-node turn restriction between two drivable ways, by index into OsmRoads' way arrays. */
export interface OsmTurnRestrictions {
  readonly fromWay: Uint32Array;
  readonly viaNode: Uint32Array;
  readonly toWay: Uint32Array;
  /** 1 for only_* (the from-way may continue only onto the to-way), 0 for no_* (that one turn is forbidden). */
  readonly only: Uint8Array;
}

/** Counts that explain what was read and what was left out, for logs and tests. */
export interface OsmRoadStats {
  readonly nodesRead: number;
  readonly waysRead: number;
  readonly waysKept: number;
  readonly restrictionsRead: number;
  readonly restrictionsKept: number;
  /** Restrictions whose via member is a way: these need more than node splitting and are not applied. */
  readonly restrictionsViaWay: number;
  /** Restrictions whose members are missing from the extract or are not drivable. */
  readonly restrictionsUnresolved: number;
  /** Way node references absent from the file (ways cut at an extract's edge); the way is split there. */
  readonly missingNodeRefs: number;
}

/**
 * The drivable road network of an OSM extract as flat arrays. A "way" here is a run of a drivable OSM way whose
 * nodes all exist in the file; an OSM way cut by the extract boundary becomes several.
 */
export interface OsmRoads {
  readonly header: OsmHeader;
  /** OSM id, longitude and latitude of every node used by a drivable way. */
  readonly nodeIds: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly wayIds: Float64Array;
  /** Way w's nodes are wayNodes[wayNodeOffsets[w] .. wayNodeOffsets[w + 1]), as indices into the node arrays. */
  readonly wayNodeOffsets: Uint32Array;
  readonly wayNodes: Uint32Array;
  readonly wayOneway: Int8Array;
  readonly waySpeedKph: Float32Array;
  /** Index into HIGHWAY_CLASSES. */
  readonly wayClass: Uint8Array;
  /** Index into names, or -1. */
  readonly wayName: Int32Array;
  readonly names: readonly string[];
  readonly restrictions: OsmTurnRestrictions;
  readonly stats: OsmRoadStats;
}

interface RawRestriction {
  from: number[];
  via: number;
  to: number[];
  only: boolean;
}

function sortedOrder(ids: readonly number[]): Uint32Array | null {
  for (let i = 1; i < ids.length; i++) {
    if ((ids[i] ?? 0) < (ids[i - 1] ?? 0)) {
      const order = new Uint32Array(ids.length);
      for (let j = 0; j < order.length; j++) order[j] = j;
      order.sort((a, b) => (ids[a] ?? 0) - (ids[b] ?? 0));
      return order;
    }
  }
  return null;
}

/** Reads an .osm.pbf and keeps only what routing needs: drivable ways, their nodes, and via-node turn restrictions. */
export function extractRoadsFromPbf(bytes: Uint8Array, options: RoadTagOptions = {}): OsmRoads {
  const nodeIds: number[] = [];
  const nodeLon: number[] = [];
  const nodeLat: number[] = [];
  const wayIds: number[] = [];
  const wayRefOffsets: number[] = [0];
  const wayRefs: number[] = [];
  const oneway: number[] = [];
  const speed: number[] = [];
  const cls: number[] = [];
  const wayName: number[] = [];
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const rawRestrictions: RawRestriction[] = [];
  let waysRead = 0;
  let restrictionsRead = 0;
  let restrictionsViaWay = 0;
  let restrictionsUnresolved = 0;

  const header = readOsmPbf(bytes, {
    node(id, lon, lat) {
      nodeIds.push(id);
      nodeLon.push(lon);
      nodeLat.push(lat);
    },
    way(id, refs, tags) {
      waysRead++;
      const road = classifyWay(tags, options);
      if (!road || refs.length < 2) return;
      wayIds.push(id);
      for (const r of refs) wayRefs.push(r);
      wayRefOffsets.push(wayRefs.length);
      oneway.push(road.oneway);
      speed.push(road.speedKph);
      cls.push(road.classIndex);
      let n = -1;
      if (road.name !== null) {
        n = nameIndex.get(road.name) ?? -1;
        if (n < 0) {
          n = names.length;
          names.push(road.name);
          nameIndex.set(road.name, n);
        }
      }
      wayName.push(n);
    },
    relation(_id, members, tags) {
      const restriction = parseRestriction(tags);
      if (!restriction) return;
      restrictionsRead++;
      const from: number[] = [];
      const to: number[] = [];
      let via = -1;
      let viaWay = false;
      let viaCount = 0;
      for (const m of members) {
        if (m.role === 'from' && m.type === 'way') from.push(m.ref);
        else if (m.role === 'to' && m.type === 'way') to.push(m.ref);
        else if (m.role === 'via') {
          viaCount++;
          if (m.type === 'node') via = m.ref;
          else viaWay = true;
        }
      }
      if (viaWay) restrictionsViaWay++;
      else if (via < 0 || viaCount !== 1 || from.length === 0 || to.length === 0) restrictionsUnresolved++;
      else rawRestrictions.push({ from, via, to, only: restriction.kind === 'only' });
    },
  });

  // Node ids arrive sorted in almost every extract (Sort.Type_then_ID); otherwise sort a permutation once.
  const order = sortedOrder(nodeIds);
  const sortedIds = new Float64Array(nodeIds.length);
  for (let i = 0; i < sortedIds.length; i++) sortedIds[i] = nodeIds[order ? (order[i] ?? 0) : i] ?? 0;
  const findNode = (id: number): number => {
    let lo = 0;
    let hi = sortedIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = sortedIds[mid] ?? 0;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return order ? (order[mid] ?? 0) : mid;
    }
    return -1;
  };

  // Renumber the nodes that drivable ways use, densely, in first-use order.
  const compact = new Int32Array(nodeIds.length).fill(-1);
  const usedNodes: number[] = [];
  const outOffsets: number[] = [0];
  const outNodes: number[] = [];
  const outWayIds: number[] = [];
  const outOneway: number[] = [];
  const outSpeed: number[] = [];
  const outCls: number[] = [];
  const outName: number[] = [];
  const wayRuns = new Map<number, number[]>();
  let missingNodeRefs = 0;
  for (let w = 0; w < wayIds.length; w++) {
    const start = wayRefOffsets[w] ?? 0;
    const end = wayRefOffsets[w + 1] ?? 0;
    let runStart = outNodes.length;
    const closeRun = (): void => {
      if (outNodes.length - runStart >= 2) {
        const wayId = wayIds[w] ?? 0;
        const runs = wayRuns.get(wayId) ?? [];
        runs.push(outWayIds.length);
        wayRuns.set(wayId, runs);
        outWayIds.push(wayId);
        outOneway.push(oneway[w] ?? 0);
        outSpeed.push(speed[w] ?? 0);
        outCls.push(cls[w] ?? 0);
        outName.push(wayName[w] ?? -1);
        outOffsets.push(outNodes.length);
      } else outNodes.length = runStart;
      runStart = outNodes.length;
    };
    for (let i = start; i < end; i++) {
      const raw = findNode(wayRefs[i] ?? 0);
      if (raw < 0) {
        missingNodeRefs++;
        closeRun();
        continue;
      }
      let node = compact[raw] ?? -1;
      if (node < 0) {
        node = usedNodes.length;
        compact[raw] = node;
        usedNodes.push(raw);
      }
      outNodes.push(node);
    }
    closeRun();
  }

  const rFrom: number[] = [];
  const rVia: number[] = [];
  const rTo: number[] = [];
  const rOnly: number[] = [];
  let restrictionsKept = 0;
  for (const r of rawRestrictions) {
    const rawVia = findNode(r.via);
    const via = rawVia < 0 ? -1 : (compact[rawVia] ?? -1);
    let added = 0;
    if (via >= 0) {
      for (const f of r.from) {
        for (const fromRun of wayRuns.get(f) ?? []) {
          for (const t of r.to) {
            for (const toRun of wayRuns.get(t) ?? []) {
              rFrom.push(fromRun);
              rVia.push(via);
              rTo.push(toRun);
              rOnly.push(r.only ? 1 : 0);
              added++;
            }
          }
        }
      }
    }
    if (added === 0) restrictionsUnresolved++;
    else restrictionsKept++;
  }

  const lon = new Float64Array(usedNodes.length);
  const lat = new Float64Array(usedNodes.length);
  const ids = new Float64Array(usedNodes.length);
  for (let i = 0; i < usedNodes.length; i++) {
    const raw = usedNodes[i] ?? 0;
    lon[i] = nodeLon[raw] ?? 0;
    lat[i] = nodeLat[raw] ?? 0;
    ids[i] = nodeIds[raw] ?? 0;
  }
  return {
    header,
    nodeIds: ids,
    lon,
    lat,
    wayIds: Float64Array.from(outWayIds),
    wayNodeOffsets: Uint32Array.from(outOffsets),
    wayNodes: Uint32Array.from(outNodes),
    wayOneway: Int8Array.from(outOneway),
    waySpeedKph: Float32Array.from(outSpeed),
    wayClass: Uint8Array.from(outCls),
    wayName: Int32Array.from(outName),
    names,
    restrictions: {
      fromWay: Uint32Array.from(rFrom),
      viaNode: Uint32Array.from(rVia),
      toWay: Uint32Array.from(rTo),
      only: Uint8Array.from(rOnly),
    },
    stats: {
      nodesRead: nodeIds.length,
      waysRead,
      waysKept: wayIds.length,
      restrictionsRead,
      restrictionsKept,
      restrictionsViaWay,
      restrictionsUnresolved,
      missingNodeRefs,
    },
  };
}
