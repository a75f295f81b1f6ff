import { AddressPointIndex } from './address-points.js';
import { haversineMeters } from './geometry.js';
import { locateBlock, locateHouseNumber, placeHit, type RangeHit } from './interpolate.js';
import { IntersectionIndex, type IntersectionOptions } from './intersections.js';
import { parseQuery, type ParsedQuery } from './parse-query.js';
import { PlaceIndex } from './places.js';
import { reverseGeocode, type ReverseContext, type ReverseResult } from './reverse.js';
import { SegmentSpatialIndex } from './segment-spatial-index.js';
import { SegmentStore } from './segment-store.js';
import { StreetIndex, type Street, type StreetMatch } from './street-index.js';
import { closestApproach } from './street-proximity.js';
import type { AddressPoint, CommonPlace, GeocodeCandidate, StreetSegment, ZoneLookup } from './types.js';

/** Everything the geocoder is built from besides the street segments. */
export interface GeocoderOptions {
  addressPoints?: readonly AddressPoint[];
  places?: readonly CommonPlace[];
  /** Fills `zoneIds` on every candidate. */
  zoneIndex?: ZoneLookup;
  /** Metres an interpolated address is set off the centerline toward its side (default 10). */
  sideOffsetM?: number;
  /** Locality names that may trail a typed address (default ['BALTIMORE']). */
  localities?: readonly string[];
  intersections?: IntersectionOptions;
}

/** Per-query options. */
export interface GeocodeOptions {
  limit?: number;
  /** Where the caller probably is (e.g. the 9-1-1 location estimate); ranks look-alike answers. */
  near?: { lat: number; lon: number };
}

// Score multipliers. A missing detail costs little; a detail contradicting the data costs more.
const WRONG_PARITY = 0.9;
const OUT_OF_RANGE = 0.6;
// A number just past the ends of a street's ranges (a block whose segment carries no numbers, like a
// market filling the 400 block of W Lexington St) is still far likelier than the same number on the
// street with the other directional (0.75), so it costs less than a number far away from any range.
const JUST_OUT_OF_RANGE = 0.8;
const JUST_OUT_OF_RANGE_GAP = 100;
const STREET_ONLY = 0.85;
const OTHER_INTERSECTION_POINT = 0.97;
const ZIP_MISMATCH = 0.92;
// Streets that only pass close to each other (an overpass, a gap in the data) are a weaker corner.
const NEAR_MISS = 0.8;
const NEAR_MISS_M = 30;
const DUPLICATE_RADIUS_M = 30;

function outOfRangeFactor(gap: number): number {
  return gap <= JUST_OUT_OF_RANGE_GAP ? JUST_OUT_OF_RANGE : OUT_OF_RANGE - Math.min(0.2, gap / 5000);
}

/**
 * Turns what a dispatcher types into ranked locations (addresses, intersections, blocks, places,
 * streets), suggests as they type, and answers "what is here?" for a position. Everything is in memory.
 */
export class Geocoder {
  readonly store: SegmentStore;
  readonly streets: StreetIndex;
  readonly intersections: IntersectionIndex;
  private readonly spatial: SegmentSpatialIndex;
  private readonly places: PlaceIndex;
  private readonly points: AddressPointIndex;
  private readonly zoneIndex: ZoneLookup | undefined;
  private readonly sideOffsetM: number;
  private readonly localities: readonly string[];
  private readonly reverseContext: ReverseContext;

  constructor(segments: readonly StreetSegment[], options: GeocoderOptions = {}) {
    this.store = new SegmentStore(segments);
    this.streets = new StreetIndex(segments, this.store);
    this.spatial = new SegmentSpatialIndex(this.store);
    this.intersections = new IntersectionIndex(this.store, this.streets.streets, this.spatial, options.intersections);
    this.places = new PlaceIndex(options.places ?? []);
    this.points = new AddressPointIndex(options.addressPoints ?? []);
    this.zoneIndex = options.zoneIndex;
    this.sideOffsetM = options.sideOffsetM ?? 10;
    this.localities = options.localities ?? ['BALTIMORE'];
    this.reverseContext = {
      store: this.store,
      streets: this.streets.streets,
      spatial: this.spatial,
      intersections: this.intersections,
      sideOffsetM: this.sideOffsetM,
    };
  }

  /** Ranked candidates for a complete query. */
  geocode(query: string, options: GeocodeOptions = {}): GeocodeCandidate[] {
    return this.run(query, false, options.limit ?? 10, options.near);
  }

  /** Cheap ranked candidates for text still being typed; the last word may be unfinished. */
  suggest(query: string, options: GeocodeOptions = {}): GeocodeCandidate[] {
    return this.run(query, true, options.limit ?? 8, options.near);
  }

  /** The address, street and nearest intersection at a position (e.g. a wireless caller's fix). */
  reverse(lat: number, lon: number): ReverseResult | undefined {
    const result = reverseGeocode(this.reverseContext, lat, lon);
    if (result === undefined) return undefined;
    this.addZones(result.candidate);
    if (result.nearestIntersection !== undefined) this.addZones(result.nearestIntersection);
    return result;
  }

  private run(query: string, partial: boolean, limit: number, near?: { lat: number; lon: number }): GeocodeCandidate[] {
    const parsed = parseQuery(query, { localities: this.localities });
    let out: GeocodeCandidate[];
    switch (parsed.kind) {
      case 'address':
        out = this.addresses(parsed, partial);
        break;
      case 'block':
        out = this.blocks(parsed, partial);
        break;
      case 'intersection':
        out = this.corners(parsed.first, parsed.second, partial, near);
        break;
      case 'name':
        out = this.names(parsed.tokens, parsed.text, partial);
        break;
      default:
        out = [];
    }
    // Equal scores (a number that exists on both N and S EUTAW ST) are ordered by distance from the
    // caller's estimated position when one is known.
    for (const c of out) c.score = Math.round(Math.min(1, Math.max(0, c.score)) * 1000) / 1000;
    const away = (c: GeocodeCandidate): number => (near === undefined ? 0 : haversineMeters(near.lat, near.lon, c.lat, c.lon));
    const ranked = dedupe(out.sort((a, b) => b.score - a.score || away(a) - away(b))).slice(0, limit);
    for (const c of ranked) this.addZones(c);
    return ranked;
  }

  private addresses(q: Extract<ParsedQuery, { kind: 'address' }>, partial: boolean): GeocodeCandidate[] {
    const out: GeocodeCandidate[] = [];
    const matches = this.streets.match(q.street, { partial, limit: partial ? 12 : 15 });
    for (const m of matches) {
      const street = m.street;
      const points = this.points.find(street.label, q.numberText, q.unit);
      for (const pt of points.slice(0, 3)) {
        const c: GeocodeCandidate = {
          lat: pt.lat,
          lon: pt.lon,
          label: addressLabel(q.numberText, street.label, q.unit ?? pt.unit),
          matchType: 'address-point',
          score: m.score,
          houseNumber: q.numberText,
          streets: [street.label],
        };
        if (q.unit !== undefined) c.unit = q.unit;
        out.push(c);
      }
      if (street.maxNumber === 0) continue;
      const hits = locateHouseNumber(this.store, street, q.number);
      hits.slice(0, 2).forEach((hit, k) => {
        out.push(this.addressCandidate(q, m, hit, points.length > 0 ? 0.98 : 1, k));
      });
    }
    if (out.length === 0) {
      // The number does not fit any street: offer the streets themselves so the dispatcher sees them.
      for (const m of matches.slice(0, 5)) out.push(this.streetCandidate(m.street, m.score * STREET_ONLY * OUT_OF_RANGE));
    }
    return out;
  }

  private addressCandidate(
    q: Extract<ParsedQuery, { kind: 'address' }>,
    m: StreetMatch,
    hit: RangeHit,
    factor: number,
    rank: number,
  ): GeocodeCandidate {
    const pos = placeHit(this.store, hit, { sideOffsetM: this.sideOffsetM });
    let score = m.score * factor * (rank === 0 ? 1 : 0.95);
    if (hit.outOfRange) score *= outOfRangeFactor(hit.gap);
    else if (hit.parityMismatch) score *= WRONG_PARITY;
    const zip = hit.side === 'left' ? this.store.zipLeft[hit.segment] : this.store.zipRight[hit.segment];
    if (q.zip !== undefined && zip !== undefined && zip !== q.zip) score *= ZIP_MISMATCH;
    const c: GeocodeCandidate = {
      lat: this.store.projection.lat(pos.y),
      lon: this.store.projection.lon(pos.x),
      label: addressLabel(q.numberText, m.street.label, q.unit),
      matchType: 'address',
      score,
      segmentId: this.store.ids[hit.segment]!,
      houseNumber: q.numberText,
      streets: [m.street.label],
      side: hit.side,
    };
    if (q.unit !== undefined) c.unit = q.unit;
    if (hit.outOfRange) c.outOfRange = true;
    if (hit.parityMismatch) c.parityMismatch = true;
    return c;
  }

  private blocks(q: Extract<ParsedQuery, { kind: 'block' }>, partial: boolean): GeocodeCandidate[] {
    const out: GeocodeCandidate[] = [];
    for (const m of this.streets.match(q.street, { partial, limit: 12 })) {
      const b = locateBlock(this.store, m.street, q.block);
      if (b !== undefined) {
        const pos = placeHit(this.store, { segment: b.segment, t: b.t, side: 'left' }, { sideOffsetM: 0 });
        out.push({
          lat: this.store.projection.lat(pos.y),
          lon: this.store.projection.lon(pos.x),
          label: `${q.block} BLOCK ${m.street.label}`,
          matchType: 'block',
          score: m.score,
          segmentId: this.store.ids[b.segment]!,
          streets: [m.street.label],
        });
        continue;
      }
      if (m.street.maxNumber === 0) continue;
      const hit = locateHouseNumber(this.store, m.street, q.block + 50, false)[0];
      if (hit === undefined) continue;
      const pos = placeHit(this.store, hit, { sideOffsetM: 0 });
      out.push({
        lat: this.store.projection.lat(pos.y),
        lon: this.store.projection.lon(pos.x),
        label: `${q.block} BLOCK ${m.street.label}`,
        matchType: 'block',
        score: m.score * outOfRangeFactor(hit.gap),
        segmentId: this.store.ids[hit.segment]!,
        streets: [m.street.label],
        outOfRange: true,
      });
    }
    return out;
  }

  private corners(
    first: string[],
    second: string[],
    partial: boolean,
    near?: { lat: number; lon: number },
  ): GeocodeCandidate[] {
    const a = this.streets.match(first, { limit: 10 });
    const b = this.streets.match(second, { partial, limit: 10 });
    const direct = this.cornerCandidates(a, b, near);
    const bestDirect = direct.reduce((m, c) => Math.max(m, c.score), 0);
    if (bestDirect >= 0.9) return direct;
    // Either side may be misspelled or abbreviated oddly; the streets that really meet the other
    // side's best guesses are the likeliest reading, so score those directly as well.
    const bAmongCrossings = this.streets.matchAmong(second, this.crossingsOf(a.slice(0, 4)), partial);
    const aAmongCrossings = this.streets.matchAmong(first, this.crossingsOf(b.slice(0, 4)), false);
    const out = [...direct, ...this.cornerCandidates(mergeMatches(a, aAmongCrossings), mergeMatches(b, bAmongCrossings), near)];
    if (out.some((c) => c.score >= 0.6) || partial) return out;
    return [...out, ...this.nearMisses(a.slice(0, 3), b.slice(0, 3))];
  }

  // Last resort for two well-matched streets with no junction between them.
  private nearMisses(as: readonly StreetMatch[], bs: readonly StreetMatch[]): GeocodeCandidate[] {
    const out: GeocodeCandidate[] = [];
    const proj = this.store.projection;
    for (const ma of as) {
      for (const mb of bs) {
        if (ma.score < 0.7 || mb.score < 0.7 || ma.street.id === mb.street.id) continue;
        const hit = closestApproach(this.store, this.spatial, ma.street, mb.street, NEAR_MISS_M);
        if (hit === undefined) continue;
        out.push({
          lat: proj.lat(hit.y),
          lon: proj.lon(hit.x),
          label: `${ma.street.label} & ${mb.street.label}`,
          matchType: 'intersection',
          score: Math.sqrt(ma.score * mb.score) * NEAR_MISS,
          streets: [ma.street.label, mb.street.label],
        });
      }
    }
    return out;
  }

  private cornerCandidates(
    as: readonly StreetMatch[],
    bs: readonly StreetMatch[],
    near?: { lat: number; lon: number },
  ): GeocodeCandidate[] {
    const out: GeocodeCandidate[] = [];
    const proj = this.store.projection;
    for (const ma of as) {
      for (const mb of bs) {
        let points = [...this.intersections.between(ma.street.id, mb.street.id)];
        if (points.length === 0) continue;
        if (near !== undefined) {
          const nx = proj.x(near.lon);
          const ny = proj.y(near.lat);
          points = points.sort((p, q) => Math.hypot(p.x - nx, p.y - ny) - Math.hypot(q.x - nx, q.y - ny));
        }
        const base = Math.sqrt(ma.score * mb.score);
        points.forEach((p, k) => {
          out.push({
            lat: proj.lat(p.y),
            lon: proj.lon(p.x),
            label: `${ma.street.label} & ${mb.street.label}`,
            matchType: 'intersection',
            score: base * OTHER_INTERSECTION_POINT ** k,
            streets: [ma.street.label, mb.street.label],
          });
        });
      }
    }
    return out;
  }

  private crossingsOf(matches: readonly StreetMatch[]): number[] {
    const ids = new Set<number>();
    for (const m of matches) for (const s of this.intersections.crossingStreets(m.street.id)) ids.add(s);
    return [...ids];
  }

  private names(tokens: string[], text: string, partial: boolean): GeocodeCandidate[] {
    const out: GeocodeCandidate[] = [];
    for (const pm of this.places.search(text, partial)) {
      out.push({ lat: pm.place.lat, lon: pm.place.lon, label: pm.place.name, matchType: 'place', score: pm.similarity });
    }
    for (const m of this.streets.match(tokens, { partial, limit: 10 })) {
      out.push(this.streetCandidate(m.street, m.score * STREET_ONLY));
    }
    return out;
  }

  // A street as a whole is shown at the middle of its middle-numbered segment.
  private streetCandidate(street: Street, score: number): GeocodeCandidate {
    const addressed = street.segments.filter((s) => this.store.hasAddresses(s));
    const pool = addressed.length > 0 ? addressed : street.segments;
    const sorted = [...pool].sort((p, q) => this.middleNumber(p) - this.middleNumber(q));
    const seg = sorted[Math.floor(sorted.length / 2)]!;
    const pos = placeHit(this.store, { segment: seg, t: 0.5, side: 'left' }, { sideOffsetM: 0 });
    return {
      lat: this.store.projection.lat(pos.y),
      lon: this.store.projection.lon(pos.x),
      label: street.label,
      matchType: 'street',
      score,
      segmentId: this.store.ids[seg]!,
      streets: [street.label],
    };
  }

  private middleNumber(seg: number): number {
    const r = this.store.ranges;
    const ends = [r[4 * seg]!, r[4 * seg + 1]!, r[4 * seg + 2]!, r[4 * seg + 3]!].filter((n) => n > 0);
    return ends.length === 0 ? 0 : (Math.min(...ends) + Math.max(...ends)) / 2;
  }

  private addZones(c: GeocodeCandidate): void {
    if (this.zoneIndex === undefined) return;
    c.zoneIds = this.zoneIndex.lookup(c.lat, c.lon);
  }
}

/** Builds a geocoder over street segments; the one entry point the server needs. */
export function createGeocoder(segments: readonly StreetSegment[], options: GeocoderOptions = {}): Geocoder {
  return new Geocoder(segments, options);
}

function addressLabel(numberText: string, streetLabel: string, unit: string | undefined): string {
  return unit === undefined ? `${numberText} ${streetLabel}` : `${numberText} ${streetLabel} ${unit}`;
}

function mergeMatches(a: readonly StreetMatch[], b: readonly StreetMatch[]): StreetMatch[] {
  const byId = new Map<number, StreetMatch>();
  for (const m of [...a, ...b]) {
    const prev = byId.get(m.street.id);
    if (prev === undefined || prev.score < m.score) byId.set(m.street.id, m);
  }
  return [...byId.values()].sort((p, q) => q.score - p.score).slice(0, 14);
}

// The same corner reached through N/S variants of a name, or the same address through two overlapping
// ranges, should be listed once.
function dedupe(sorted: GeocodeCandidate[]): GeocodeCandidate[] {
  const out: GeocodeCandidate[] = [];
  for (const c of sorted) {
    const dup = out.some(
      (o) =>
        o.matchType === c.matchType &&
        (o.label === c.label || c.matchType === 'intersection') &&
        haversineMeters(o.lat, o.lon, c.lat, c.lon) < DUPLICATE_RADIUS_M,
    );
    if (!dup) out.push(c);
  }
  return out;
}
