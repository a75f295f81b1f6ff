// Restricted Damerau-Levenshtein (optimal string alignment): a swap of two neighbouring letters costs 1,
// which is the most common slip on a keyboard ("GERENMOUNT").

let prevPrev = new Int32Array(64);
let prev = new Int32Array(64);
let curr = new Int32Array(64);

function ensureCapacity(n: number): void {
  if (curr.length > n) return;
  const size = Math.max(n + 1, curr.length * 2);
  prevPrev = new Int32Array(size);
  prev = new Int32Array(size);
  curr = new Int32Array(size);
}

/**
 * Edit distance between a and b counting transpositions, giving up early (returning max + 1) once it
 * cannot stay within `max`, so ranking many candidates stays cheap.
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  return run(a, b, max, false);
}

/**
 * Smallest edit distance between `typed` and any prefix of `full`, for input the dispatcher has not
 * finished typing ("GREENMO" is 0 from "GREENMOUNT", "GRENMO" is 1).
 */
export function prefixDistance(typed: string, full: string, max = Infinity): number {
  if (full.startsWith(typed)) return 0;
  return run(typed, full, max, true);
}

function run(a: string, b: string, max: number, prefixOfB: boolean): number {
  const m = a.length;
  const n = b.length;
  ensureCapacity(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = curr;
    curr = t;
  }
  if (!prefixOfB) return prev[n]!;
  let best = Infinity;
  for (let j = 0; j <= n; j++) best = Math.min(best, prev[j]!);
  return best;
}
