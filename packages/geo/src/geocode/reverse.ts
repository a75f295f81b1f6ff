import { fractionAlong, placeHit } from './interpolate.js';
import type { IntersectionIndex } from './intersections.js';
import type { SegmentSpatialIndex } from './segment-spatial-index.js';
import type { SegmentStore } from './segment-store.js';
import type { Street } from './street-index.js';
import type { GeocodeCandidate } from './types.js';

/** What lies at a position: the street address there and the nearest intersection. */
export interface ReverseResult {
  /** Interpolated address on the nearest street ('address'), or the street alone ('street'). */
  candidate: GeocodeCandidate;
  /** Distance from the position to the street centerline, metres. */
  distanceM: number;
  nearestIntersection?: GeocodeCandidate & { distanceM: number };
}

/** The indexes reverse geocoding reads; all built once by the geocoder. */
export interface ReverseContext {
  store: SegmentStore;
  streets: readonly Street[];
  spatial: SegmentSpatialIndex;
  intersections: IntersectionIndex;
  sideOffsetM: number;
}

// An alley can be nearer than the street a caller would name; the addressed street wins unless it is
// this much farther away.
const ADDRESSED_STREET_SLACK_M = 60;

/**
 * Answers "what is here?" for a position (a wireless caller's fix, a click on the map): the nearest
 * named street, the house number interpolated on the side the position is on, and the nearest corner.
 */
export function reverseGeocode(ctx: ReverseContext, lat: number, lon: number): ReverseResult | undefined {
  const { store, spatial } = ctx;
  const proj = store.projection;
  const x = proj.x(lon);
  const y = proj.y(lat);
  const named = (s: number): boolean => store.streetOf[s]! >= 0;
  const addressedStreet = (s: number): boolean =>
    named(s) && store.hasAddresses(s) && store.classes[s] !== 'Alley' && store.classes[s] !== 'Ramp';
  const anyNamed = spatial.nearest(x, y, named);
  if (anyNamed === undefined) return undefined;
  const addressed = spatial.nearest(x, y, addressedStreet, anyNamed.projection.distance + ADDRESSED_STREET_SLACK_M);
  const pick = addressed ?? anyNamed;
  const seg = pick.segment;
  const street = ctx.streets[store.streetOf[seg]!]!;
  const p = pick.projection;
  const t = fractionAlong(p.length, p.along);
  const r = store.ranges;
  const leftN = numberAt(r[4 * seg]!, r[4 * seg + 1]!, t);
  const rightN = numberAt(r[4 * seg + 2]!, r[4 * seg + 3]!, t);
  const onLeft = p.side >= 0;
  // A position on an unaddressed side (a park, the water) takes the number across the street.
  const n = onLeft ? leftN || rightN : rightN || leftN;
  const side: 'left' | 'right' = (onLeft && leftN > 0) || rightN === 0 ? 'left' : 'right';
  // Shown where geocoding its own label would put it, so the two directions agree.
  const at = n > 0 ? placeHit(store, { segment: seg, t, side }, { sideOffsetM: ctx.sideOffsetM }) : p;
  const candidate: GeocodeCandidate = {
    lat: proj.lat(at.y),
    lon: proj.lon(at.x),
    label: n > 0 ? `${n} ${street.label}` : street.label,
    matchType: n > 0 ? 'address' : 'street',
    score: Math.max(0, 1 - p.distance / 250),
    segmentId: store.ids[seg]!,
    streets: [street.label],
    side,
  };
  if (n > 0) candidate.houseNumber = String(n);
  const result: ReverseResult = { candidate, distanceM: p.distance };
  const near = ctx.intersections.nearestNamedNode(x, y);
  if (near !== undefined) {
    const labels = cornerLabels(ctx, near.node);
    result.nearestIntersection = {
      lat: proj.lat(ctx.intersections.nodeY[near.node]!),
      lon: proj.lon(ctx.intersections.nodeX[near.node]!),
      label: labels.join(' & '),
      matchType: 'intersection',
      score: 1,
      streets: labels,
      distanceM: near.distance,
    };
  }
  return result;
}

// Names a corner by its two most important, differently named streets.
function cornerLabels(ctx: ReverseContext, node: number): string[] {
  const here = ctx.intersections.streetsAtNode(node).map((s) => ctx.streets[s]!);
  here.sort((p, q) => Number(p.isAlley) - Number(q.isAlley) || q.lengthM - p.lengthM);
  const first = here[0];
  if (first === undefined) return [];
  const second = here.find((s) => s.nameKey !== first.nameKey || s.parts.type !== first.parts.type);
  return second === undefined ? [first.label] : [first.label, second.label];
}

/** House number at a fraction along one side's range, rounded to that side's parity. */
export function numberAt(from: number, to: number, t: number): number {
  if (from === 0 && to === 0) return 0;
  const raw = from + (to - from) * t;
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const parity = ((from % 2) + 2) % 2;
  const sameParity = parity === ((to % 2) + 2) % 2;
  let n = Math.round(raw);
  if (sameParity && ((n % 2) + 2) % 2 !== parity) n += raw >= n ? 1 : -1;
  if (n < lo) n = lo;
  if (n > hi) n = hi;
  return n;
}
