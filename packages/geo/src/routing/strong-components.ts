/** The graph shape strong-component labelling needs. */
export interface DirectedCsr {
  readonly nodeCount: number;
  readonly arcOffsets: Uint32Array;
  readonly arcHead: Uint32Array;
}

/**
 * Labels nodes with their strongly connected component (iterative Tarjan, so deep graphs do not overflow the
 * stack) and returns the labels and the label of the largest component. A unit snapped onto a piece of road that
 * cannot reach, or be reached from, the main network would get "unreachable" for every incident.
 */
export function strongComponents(g: DirectedCsr): { readonly component: Int32Array; readonly largest: number } {
  const n = g.nodeCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callArc = new Int32Array(n);
  const sizes: number[] = [];
  let sp = 0;
  let next = 0;
  for (let root = 0; root < n; root++) {
    if ((index[root] as number) >= 0) continue;
    let depth = 0;
    callNode[0] = root;
    callArc[0] = g.arcOffsets[root] as number;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth] as number;
      const a = callArc[depth] as number;
      if (a < (g.arcOffsets[v + 1] as number)) {
        callArc[depth] = a + 1;
        const w = g.arcHead[a] as number;
        if ((index[w] as number) < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callArc[depth] = g.arcOffsets[w] as number;
        } else if (onStack[w] && (index[w] as number) < (low[v] as number)) low[v] = index[w] as number;
        continue;
      }
      if (low[v] === index[v]) {
        const label = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp] as number;
          onStack[w] = 0;
          component[w] = label;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth] as number;
        if ((low[v] as number) < (low[parent] as number)) low[parent] = low[v] as number;
      }
    }
  }
  let largest = -1;
  let best = 0;
  for (let i = 0; i < sizes.length; i++) {
    if ((sizes[i] as number) > best) {
      best = sizes[i] as number;
      largest = i;
    }
  }
  return { component, largest };
}
