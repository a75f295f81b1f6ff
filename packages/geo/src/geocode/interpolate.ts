import { pointAlong } from './geometry.js';
import type { SegmentStore } from './segment-store.js';
import type { Street } from './street-index.js';

/** Where a house number falls on a street: which segment and side, and how far along the range. */
export interface RangeHit {
  segment: number;
  side: 'left' | 'right';
  /** Fraction of the way from the range's "from" end (first vertex) to its "to" end. */
  t: number;
  outOfRange: boolean;
  parityMismatch: boolean;
  /** How many house numbers lie between the request and the range used (0 when inside). */
  gap: number;
}

/** How interpolated points are placed relative to the centerline. */
export interface PlacementOptions {
  /** Metres to the side of the centerline, toward the addressed side (default 10). */
  sideOffsetM?: number;
  /** Keep points this many metres away from the segment ends, where the corner is (default 8). */
  endInsetM?: number;
}

interface SideRange {
  from: number;
  to: number;
  side: 'left' | 'right';
}

function sidesOf(store: SegmentStore, seg: number): SideRange[] {
  const r = store.ranges;
  const out: SideRange[] = [];
  const fl = r[4 * seg]!;
  const tl = r[4 * seg + 1]!;
  const fr = r[4 * seg + 2]!;
  const tr = r[4 * seg + 3]!;
  if (fl !== 0 || tl !== 0) out.push({ from: fl, to: tl, side: 'left' });
  if (fr !== 0 || tr !== 0) out.push({ from: fr, to: tr, side: 'right' });
  return out;
}

// A side whose two ends have different parity carries both odd and even numbers.
function parityFits(range: SideRange, n: number): boolean {
  const a = ((range.from % 2) + 2) % 2;
  const b = ((range.to % 2) + 2) % 2;
  return a !== b || a === ((n % 2) + 2) % 2;
}

function fraction(range: SideRange, n: number): number {
  if (range.to === range.from) return 0.5;
  return Math.min(1, Math.max(0, (n - range.from) / (range.to - range.from)));
}

/**
 * Finds the segments and sides of a street whose ranges hold `n`, best first: parity-correct hits,
 * then hits on the wrong-parity side, then (flagged out of range) the range end nearest to `n`.
 */
export function locateHouseNumber(store: SegmentStore, street: Street, n: number, useParity = true): RangeHit[] {
  const exact: RangeHit[] = [];
  const wrongParity: RangeHit[] = [];
  let nearest: RangeHit | undefined;
  let nearestParityOk = false;
  for (const seg of street.segments) {
    for (const range of sidesOf(store, seg)) {
      const lo = Math.min(range.from, range.to);
      const hi = Math.max(range.from, range.to);
      const parityOk = !useParity || parityFits(range, n);
      if (n >= lo && n <= hi) {
        const hit: RangeHit = { segment: seg, side: range.side, t: fraction(range, n), outOfRange: false, parityMismatch: !parityOk, gap: 0 };
        (parityOk ? exact : wrongParity).push(hit);
        continue;
      }
      const gap = n < lo ? lo - n : n - hi;
      const better =
        nearest === undefined || (parityOk && !nearestParityOk) || (parityOk === nearestParityOk && gap < nearest.gap);
      if (better) {
        nearest = { segment: seg, side: range.side, t: fraction(range, n), outOfRange: true, parityMismatch: !parityOk, gap };
        nearestParityOk = parityOk;
      }
    }
  }
  // Tight ranges first: a 100-wide block range is more trustworthy than a 1000-wide catch-all.
  const width = (h: RangeHit): number => {
    const r = store.ranges;
    const k = h.side === 'left' ? 0 : 2;
    return Math.abs(r[4 * h.segment + k + 1]! - r[4 * h.segment + k]!);
  };
  exact.sort((a, b) => width(a) - width(b));
  if (exact.length > 0) return exact;
  if (wrongParity.length > 0) return wrongParity.sort((a, b) => width(a) - width(b));
  return nearest === undefined ? [] : [nearest];
}

/** Interpolated position (projected metres) of a range hit, pushed off the centerline toward its side. */
export function placeHit(store: SegmentStore, hit: Pick<RangeHit, 'segment' | 't' | 'side'>, options: PlacementOptions = {}): { x: number; y: number } {
  const offset = options.sideOffsetM ?? 10;
  const start = store.vertexStart[hit.segment]!;
  const end = store.vertexStart[hit.segment + 1]!;
  const length = store.lengths[hit.segment]!;
  const inset = endInset(length, options.endInsetM);
  const along = inset + hit.t * (length - 2 * inset);
  const p = pointAlong(store.xy, start, end, along);
  // Left of the direction of travel (ux, uy) is (-uy, ux).
  const sign = hit.side === 'left' ? 1 : -1;
  return { x: p.x - p.uy * offset * sign, y: p.y + p.ux * offset * sign };
}

function endInset(length: number, endInsetM = 8): number {
  return Math.min(endInsetM, length * 0.2);
}

/** Inverse of the placement along a segment: the range fraction of a point `along` metres from its start. */
export function fractionAlong(length: number, along: number, endInsetM?: number): number {
  const inset = endInset(length, endInsetM);
  const usable = length - 2 * inset;
  if (usable <= 0) return 0.5;
  return Math.min(1, Math.max(0, (along - inset) / usable));
}

/** A block's extent on one street and the point at its middle, for "4900 BLOCK OF TODD AVE". */
export interface BlockHit {
  segment: number;
  t: number;
  low: number;
  high: number;
}

/**
 * Middle of the hundred-block starting at `block`: the house number halfway between the lowest and
 * highest numbers the street really has in that block, located on the centerline.
 */
export function locateBlock(store: SegmentStore, street: Street, block: number): BlockHit | undefined {
  let low = Infinity;
  let high = -Infinity;
  for (const seg of street.segments) {
    for (const range of sidesOf(store, seg)) {
      const lo = Math.max(Math.min(range.from, range.to), block);
      const hi = Math.min(Math.max(range.from, range.to), block + 99);
      if (lo > hi) continue;
      low = Math.min(low, lo);
      high = Math.max(high, hi);
    }
  }
  if (!Number.isFinite(low)) return undefined;
  const middle = Math.round((low + high) / 2);
  const hit = locateHouseNumber(store, street, middle, false)[0];
  if (hit === undefined) return undefined;
  return { segment: hit.segment, t: hit.t, low, high };
}
