import { haversineMeters } from './earth-distance';
import { graphChecksum } from './graph-checksum';
import type { RoadNetworkInput } from './road-network-input';
import { planNodeSplits, sortedIncludes } from './turn-restrictions';

/**
 * The routable street network on typed arrays.
 *
 * Junctions (vertices where streets meet or end) are graph nodes; the stretch of street between two junctions is
 * a "road" with its full geometry. Each road has two directed halves, dir = 2 * road (along the geometry) and
 * 2 * road + 1 (against it). Arcs are the graph's edges in CSR form (sorted by tail); an arc is one directed road
 * half leaving one node. Nodes numbered from junctionCount up are copies of junctions made to enforce turn
 * restrictions (see turn-restrictions.ts), so one directed road half can have several arcs, one per copy of its
 * tail junction that allows it.
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly junctionCount: number;
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  /** The junction a node stands for (itself, or the junction a copy copies). */
  readonly nodeJunction: Uint32Array;

  readonly roadCount: number;
  readonly roadFrom: Uint32Array;
  readonly roadTo: Uint32Array;
  readonly roadLength: Float64Array;
  readonly roadPolyline: Uint32Array;
  /** Road r's vertices are geom*[roadGeomOffsets[r] .. roadGeomOffsets[r + 1]). */
  readonly roadGeomOffsets: Uint32Array;
  readonly geomLon: Float64Array;
  readonly geomLat: Float64Array;
  /** Metres from the road's first vertex to each vertex. */
  readonly geomAlong: Float64Array;

  /** Travel time of each directed road half in milliseconds. */
  readonly dirWeight: Uint32Array;
  /** The node traffic reaches at the end of a directed half; -1 when the half is not drivable (one-way). */
  readonly dirHead: Int32Array;
  /** The arcs of directed half d are dirArcs[dirArcOffsets[d] .. dirArcOffsets[d + 1]). */
  readonly dirArcOffsets: Uint32Array;
  readonly dirArcs: Uint32Array;

  readonly arcCount: number;
  readonly arcOffsets: Uint32Array;
  readonly arcTail: Uint32Array;
  readonly arcHead: Uint32Array;
  readonly arcWeight: Uint32Array;
  readonly arcMeters: Float64Array;
  readonly arcDir: Uint32Array;
  /** Arcs entering node v are revArcs[revOffsets[v] .. revOffsets[v + 1]). */
  readonly revOffsets: Uint32Array;
  readonly revArcs: Uint32Array;

  readonly polylineSpeedKph: Float32Array;
  readonly polylineName: Int32Array;
  readonly names: readonly string[];
  readonly sourceIds: ArrayLike<string | number>;

  /** sha256 of everything the contraction hierarchy depends on; a cached hierarchy with another value is stale. */
  readonly checksum: string;
  readonly restrictionsApplied: number;
  readonly restrictionsIgnored: number;
}

function csrFromKeys(keys: Uint32Array, count: number): { offsets: Uint32Array; order: Uint32Array } {
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i < keys.length; i++) {
    const k = (keys[i] as number) + 1;
    offsets[k] = (offsets[k] as number) + 1;
  }
  for (let v = 0; v < count; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const fill = offsets.slice(0, count);
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    order[fill[k] as number] = i;
    fill[k] = (fill[k] as number) + 1;
  }
  return { offsets, order };
}

/** Builds the routable graph from any road source: finds junctions, cuts streets into roads, applies turn restrictions. */
export function buildRoadGraph(input: RoadNetworkInput): RoadGraph {
  const vertexCount = input.lon.length;
  const polylineCount = input.polylineOffsets.length - 1;
  const pOff = input.polylineOffsets;
  const pVert = input.polylineVertices;

  // A vertex is a junction if a street ends there, two streets (or one street twice) pass it, or a turn rule names it.
  const uses = new Uint8Array(vertexCount);
  const junctionOf = new Int32Array(vertexCount).fill(-1);
  for (let p = 0; p < polylineCount; p++) {
    const a = pOff[p] as number;
    const b = pOff[p + 1] as number;
    for (let i = a; i < b; i++) {
      const v = pVert[i] as number;
      uses[v] = i === a || i === b - 1 ? 2 : Math.min(2, (uses[v] as number) + 1);
    }
  }
  for (let i = 0; i < input.restrictions.viaVertex.length; i++) uses[input.restrictions.viaVertex[i] as number] = 2;
  let junctionCount = 0;
  for (let v = 0; v < vertexCount; v++) if ((uses[v] as number) >= 2) junctionOf[v] = junctionCount++;

  // Cut polylines at junctions into roads.
  const roadFrom: number[] = [];
  const roadTo: number[] = [];
  const roadPolyline: number[] = [];
  const roadLength: number[] = [];
  const geomOffsets: number[] = [0];
  const gLon: number[] = [];
  const gLat: number[] = [];
  const gAlong: number[] = [];
  const polylineFirstRoad = new Uint32Array(polylineCount + 1);
  for (let p = 0; p < polylineCount; p++) {
    polylineFirstRoad[p] = roadFrom.length;
    const a = pOff[p] as number;
    const b = pOff[p + 1] as number;
    let startJunction = -1;
    let along = 0;
    let geomStart = gLon.length;
    for (let i = a; i < b; i++) {
      const v = pVert[i] as number;
      const x = input.lon[v] as number;
      const y = input.lat[v] as number;
      if (gLon.length > geomStart) along += haversineMeters(gLon[gLon.length - 1] as number, gLat[gLat.length - 1] as number, x, y);
      gLon.push(x);
      gLat.push(y);
      gAlong.push(along);
      const j = junctionOf[v] as number;
      if (j < 0) continue;
      if (startJunction >= 0) {
        if (j === startJunction && along === 0) {
          // A zero-length loop (repeated point) carries no road.
          gLon.length = gLat.length = gAlong.length = geomStart + 1;
        } else {
          roadFrom.push(startJunction);
          roadTo.push(j);
          roadPolyline.push(p);
          roadLength.push(along);
          geomOffsets.push(gLon.length);
          // The next road starts at this junction: repeat its vertex so every road's geometry is self-contained.
          geomStart = gLon.length;
          gLon.push(x);
          gLat.push(y);
          gAlong.push(0);
          along = 0;
        }
      }
      startJunction = j;
    }
    // Drop the dangling start vertex left after the last road.
    gLon.length = gLat.length = gAlong.length = geomOffsets[geomOffsets.length - 1] as number;
  }
  polylineFirstRoad[polylineCount] = roadFrom.length;
  const roadCount = roadFrom.length;
  const rFrom = Uint32Array.from(roadFrom);
  const rTo = Uint32Array.from(roadTo);
  const rPoly = Uint32Array.from(roadPolyline);

  // Directed halves: weight in ms and whether traffic may use them.
  const dirCount = roadCount * 2;
  const dirWeight = new Uint32Array(dirCount);
  const allowed = new Uint8Array(dirCount);
  for (let r = 0; r < roadCount; r++) {
    const p = rPoly[r] as number;
    const kph = input.speedKph[p] as number;
    const ms = Math.max(1, Math.round(((roadLength[r] as number) * 3600) / kph));
    dirWeight[2 * r] = ms;
    dirWeight[2 * r + 1] = ms;
    const ow = input.oneway[p] as number;
    allowed[2 * r] = ow >= 0 ? 1 : 0;
    allowed[2 * r + 1] = ow <= 0 ? 1 : 0;
  }
  const tailJunction = (d: number): number => ((d & 1) === 0 ? rFrom[d >> 1] : rTo[d >> 1]) as number;
  const headJunction = (d: number): number => ((d & 1) === 0 ? rTo[d >> 1] : rFrom[d >> 1]) as number;

  const tails = new Uint32Array(dirCount);
  for (let d = 0; d < dirCount; d++) tails[d] = tailJunction(d);
  const outByJunction = csrFromKeys(tails, junctionCount);
  const outgoingAllowed = (j: number): number[] => {
    const list: number[] = [];
    for (let k = outByJunction.offsets[j] as number; k < (outByJunction.offsets[j + 1] as number); k++) {
      const d = outByJunction.order[k] as number;
      if (allowed[d]) list.push(d);
    }
    return list;
  };

  const res = input.restrictions;
  const plan = planNodeSplits(
    res.fromPolyline.length,
    (i) => res.fromPolyline[i] as number,
    (i) => junctionOf[res.viaVertex[i] as number] as number,
    (i) => res.toPolyline[i] as number,
    (i) => res.only[i] === 1,
    {
      tailJunction,
      headJunction,
      allowed: (d) => allowed[d] === 1,
      outgoing: outgoingAllowed,
      dirsOfPolylineAt: (p, j) => {
        const found: number[] = [];
        if (p >= polylineCount) return found;
        for (let r = polylineFirstRoad[p] as number; r < (polylineFirstRoad[p + 1] as number); r++) {
          if (rFrom[r] === j || rTo[r] === j) found.push(2 * r, 2 * r + 1);
        }
        return found;
      },
    },
  );

  const copyCount = plan.copyOf.length;
  const nodeCount = junctionCount + copyCount;
  const nodeLon = new Float64Array(nodeCount);
  const nodeLat = new Float64Array(nodeCount);
  const nodeJunction = new Uint32Array(nodeCount);
  for (let v = 0; v < vertexCount; v++) {
    const j = junctionOf[v] as number;
    if (j < 0) continue;
    nodeLon[j] = input.lon[v] as number;
    nodeLat[j] = input.lat[v] as number;
    nodeJunction[j] = j;
  }
  const copiesOf = new Map<number, number[]>();
  for (let c = 0; c < copyCount; c++) {
    const j = plan.copyOf[c] as number;
    nodeLon[junctionCount + c] = nodeLon[j] as number;
    nodeLat[junctionCount + c] = nodeLat[j] as number;
    nodeJunction[junctionCount + c] = j;
    const list = copiesOf.get(j);
    if (list) list.push(c);
    else copiesOf.set(j, [c]);
  }

  const dirHead = new Int32Array(dirCount).fill(-1);
  for (let d = 0; d < dirCount; d++) {
    if (!allowed[d]) continue;
    const copy = plan.arrivesAtCopy.get(d);
    dirHead[d] = copy === undefined ? headJunction(d) : junctionCount + copy;
  }

  // Arcs: each drivable half leaves its tail junction and every copy of it that does not forbid it.
  const arcTailList: number[] = [];
  const arcDirList: number[] = [];
  for (let d = 0; d < dirCount; d++) {
    if (!allowed[d]) continue;
    const t = tailJunction(d);
    arcTailList.push(t);
    arcDirList.push(d);
    const copies = copiesOf.get(t);
    if (!copies) continue;
    for (const c of copies) {
      if (sortedIncludes(plan.copyForbidden[c] as Uint32Array, d)) continue;
      arcTailList.push(junctionCount + c);
      arcDirList.push(d);
    }
  }
  const rawTails = Uint32Array.from(arcTailList);
  const byTail = csrFromKeys(rawTails, nodeCount);
  const arcCount = rawTails.length;
  const arcTail = new Uint32Array(arcCount);
  const arcHead = new Uint32Array(arcCount);
  const arcWeight = new Uint32Array(arcCount);
  const arcMeters = new Float64Array(arcCount);
  const arcDir = new Uint32Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    const src = byTail.order[a] as number;
    const d = arcDirList[src] as number;
    arcTail[a] = rawTails[src] as number;
    arcHead[a] = dirHead[d] as number;
    arcWeight[a] = dirWeight[d] as number;
    arcMeters[a] = roadLength[d >> 1] as number;
    arcDir[a] = d;
  }
  const byHead = csrFromKeys(arcHead, nodeCount);
  const byDir = csrFromKeys(arcDir, dirCount);

  const graph = {
    nodeCount,
    junctionCount,
    nodeLon,
    nodeLat,
    nodeJunction,
    roadCount,
    roadFrom: rFrom,
    roadTo: rTo,
    roadLength: Float64Array.from(roadLength),
    roadPolyline: rPoly,
    roadGeomOffsets: Uint32Array.from(geomOffsets),
    geomLon: Float64Array.from(gLon),
    geomLat: Float64Array.from(gLat),
    geomAlong: Float64Array.from(gAlong),
    dirWeight,
    dirHead,
    dirArcOffsets: byDir.offsets,
    dirArcs: byDir.order,
    arcCount,
    arcOffsets: byTail.offsets,
    arcTail,
    arcHead,
    arcWeight,
    arcMeters,
    arcDir,
    revOffsets: byHead.offsets,
    revArcs: byHead.order,
    polylineSpeedKph: input.speedKph,
    polylineName: input.nameIndex,
    names: input.names,
    sourceIds: input.sourceIds,
    restrictionsApplied: plan.applied,
    restrictionsIgnored: plan.ignored,
  };
  return { ...graph, checksum: graphChecksum(graph) };
}
