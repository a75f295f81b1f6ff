/*
 * Turn restrictions are applied by splitting via nodes rather than by routing on an edge-based graph.
 *
 * An edge-based graph (one node per directed street piece, one arc per allowed turn) handles every restriction but
 * roughly doubles or triples nodes and arcs everywhere, which slows contraction and every query, to serve a few
 * hundred restricted junctions in a city. Node splitting keeps the plain node-based graph and only touches
 * restricted junctions: each incoming directed edge that has forbidden turns at junction J is redirected to a copy
 * of J whose outgoing arcs are J's minus the forbidden ones. Incoming edges with the same forbidden set share one
 * copy. Unrestricted traffic still arrives at J itself. The result is exact for via-node restrictions (no_* and
 * only_*); via-way restrictions would need chains of copies and are reported, not applied.
 */

/** Which junction copies to create and where each restricted directed edge now arrives. */
export interface NodeSplitPlan {
  /** For each copy (numbered from 0), the junction it copies. */
  readonly copyOf: Uint32Array;
  /** For each copy, the directed edges it must not continue onto, sorted. */
  readonly copyForbidden: ReadonlyArray<Uint32Array>;
  /** Directed edge -> copy index it now arrives at, for restricted edges only. */
  readonly arrivesAtCopy: ReadonlyMap<number, number>;
  readonly applied: number;
  readonly ignored: number;
}

/** Junction-level view of the directed street pieces, which restriction resolution needs. */
export interface DirectedEdgeView {
  readonly tailJunction: (dir: number) => number;
  readonly headJunction: (dir: number) => number;
  readonly allowed: (dir: number) => boolean;
  /** Directed edges leaving junction j (allowed ones only). */
  readonly outgoing: (j: number) => ArrayLike<number>;
  /** Directed edges of polyline p touching junction j, in both directions. */
  readonly dirsOfPolylineAt: (p: number, j: number) => readonly number[];
}

/** Groups restrictions per incoming directed edge and plans the junction copies that enforce them. */
export function planNodeSplits(
  restrictionCount: number,
  fromPolyline: (i: number) => number,
  viaJunction: (i: number) => number,
  toPolyline: (i: number) => number,
  isOnly: (i: number) => boolean,
  view: DirectedEdgeView,
): NodeSplitPlan {
  const forbidden = new Map<number, Set<number>>();
  const onlyAllowed = new Map<number, Set<number>>();
  let applied = 0;
  let ignored = 0;
  for (let i = 0; i < restrictionCount; i++) {
    const via = viaJunction(i);
    if (via < 0) {
      ignored++;
      continue;
    }
    const froms = view.dirsOfPolylineAt(fromPolyline(i), via).filter((d) => view.allowed(d) && view.headJunction(d) === via);
    const tos = view.dirsOfPolylineAt(toPolyline(i), via).filter((d) => view.allowed(d) && view.tailJunction(d) === via);
    if (froms.length === 0 || tos.length === 0) {
      ignored++;
      continue;
    }
    applied++;
    const target = isOnly(i) ? onlyAllowed : forbidden;
    for (const f of froms) {
      let set = target.get(f);
      if (!set) {
        set = new Set();
        target.set(f, set);
      }
      for (const t of tos) set.add(t);
    }
  }
  for (const [f, allowedSet] of onlyAllowed) {
    let set = forbidden.get(f);
    if (!set) {
      set = new Set();
      forbidden.set(f, set);
    }
    const out = view.outgoing(view.headJunction(f));
    for (let k = 0; k < out.length; k++) {
      const d = out[k] as number;
      if (!allowedSet.has(d)) set.add(d);
    }
  }

  const copyOf: number[] = [];
  const copyForbidden: Uint32Array[] = [];
  const copyByKey = new Map<string, number>();
  const arrivesAtCopy = new Map<number, number>();
  const restrictedEdges = [...forbidden.keys()].sort((a, b) => a - b);
  for (const f of restrictedEdges) {
    const set = forbidden.get(f);
    if (!set || set.size === 0) continue;
    const junction = view.headJunction(f);
    const list = Uint32Array.from(set).sort();
    const key = `${junction}:${list.join(',')}`;
    let copy = copyByKey.get(key);
    if (copy === undefined) {
      copy = copyOf.length;
      copyOf.push(junction);
      copyForbidden.push(list);
      copyByKey.set(key, copy);
    }
    arrivesAtCopy.set(f, copy);
  }
  return { copyOf: Uint32Array.from(copyOf), copyForbidden, arrivesAtCopy, applied, ignored };
}

/** Binary search in a sorted Uint32Array, used to test whether a copy forbids a directed edge. */
export function sortedIncludes(list: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid] as number;
    if (v < value) lo = mid + 1;
    else if (v > value) hi = mid - 1;
    else return true;
  }
  return false;
}
