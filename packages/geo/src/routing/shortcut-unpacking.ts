import type { ContractionHierarchy } from './contraction-hierarchy';

/**
 * Expands a hierarchy arc tail -> head (with its via field) into the road-graph arcs it stands for, in driving
 * order, appending them to `out`. A shortcut through m is m's down arc from `tail` followed by m's up arc to
 * `head`; both are listed at m because m is the lowest of the three.
 */
export function unpackArc(ch: ContractionHierarchy, tail: number, head: number, via: number, out: number[]): void {
  const stack: number[] = [tail, head, via];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    const h = stack.pop() as number;
    const t = stack.pop() as number;
    if (v >= 0) {
      out.push(v);
      continue;
    }
    const m = -1 - v;
    let first = -1;
    for (let e = ch.downOffsets[m] as number; e < (ch.downOffsets[m + 1] as number); e++) {
      if (ch.downTail[e] === t) {
        first = e;
        break;
      }
    }
    let second = -1;
    for (let e = ch.upOffsets[m] as number; e < (ch.upOffsets[m + 1] as number); e++) {
      if (ch.upHead[e] === h) {
        second = e;
        break;
      }
    }
    if (first < 0 || second < 0) throw new Error(`contraction hierarchy is inconsistent: shortcut ${t}->${h} via ${m} has no halves`);
    // Push the second half first so the first half is expanded (and emitted) first.
    stack.push(m, h, ch.upVia[second] as number);
    stack.push(t, m, ch.downVia[first] as number);
  }
}
