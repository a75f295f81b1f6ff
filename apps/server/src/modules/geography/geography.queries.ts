import type { GeocodeCandidate as EngineCandidate } from '@openpsap/geo';
import type { GeocodeCandidate, RouteResult } from '@openpsap/contract';
import { AppError, invalid } from '../../errors/app-error';
import type { GeoEngine } from '../../geo/geo-engine';

const SNAP_LIMIT_M = 1_000;

/** Candidates for text: full search, or as-you-type when the last word may be unfinished. */
export function geocodeText(engine: GeoEngine, q: string, opts: { limit: number; near?: { lat: number; lon: number }; suggest?: boolean }): GeocodeCandidate[] {
  const o = { limit: opts.limit, ...(opts.near ? { near: opts.near } : {}) };
  const all = opts.suggest ? engine.geocoder.suggest(q, o) : engine.geocoder.geocode(q, o);
  // Far weaker answers than the best are noise in a pick list ("CITY HALL" also half-matches
  // streets); keep those within reach of the best.
  const floor = Math.max(0.3, (all[0]?.score ?? 0) * 0.6);
  return all.filter((c) => c.score >= floor).map(tidy);
}

/** The address at a point, then the nearest intersection, each with its distance from the point. */
export function reverseGeocode(engine: GeoEngine, lat: number, lon: number): GeocodeCandidate[] {
  const r = engine.geocoder.reverse(lat, lon);
  if (!r) return [];
  const out: GeocodeCandidate[] = [{ ...tidy(r.candidate), distanceM: Math.round(r.distanceM * 10) / 10 }];
  if (r.nearestIntersection) out.push(tidy({ ...r.nearestIntersection, distanceM: Math.round(r.nearestIntersection.distanceM * 10) / 10 }));
  return out;
}

function tidy(c: EngineCandidate & { distanceM?: number }): GeocodeCandidate {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[k] = v;
  out.score = Math.round(c.score * 1000) / 1000;
  return out as GeocodeCandidate;
}

/** The fastest drive between two points, each moved onto the nearest drivable road. */
export function routeBetween(engine: GeoEngine, from: { lat: number; lon: number }, to: { lat: number; lon: number }): RouteResult {
  const router = engine.router;
  if (!router) throw new AppError(409, 'conflict', 'no road network is loaded; import streets first');
  const a = router.snap(from.lon, from.lat, SNAP_LIMIT_M);
  if (!a) throw invalid('from', 'no drivable road within 1 km');
  const b = router.snap(to.lon, to.lat, SNAP_LIMIT_M);
  if (!b) throw invalid('to', 'no drivable road within 1 km');
  const r = router.route(a, b);
  if (!r) throw new AppError(422, 'validation_failed', 'no route between these points on the road network', { to: 'unreachable from from' });
  return {
    seconds: Math.round(r.seconds * 10) / 10,
    meters: Math.round(r.meters),
    geometry: r.geometry.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6] as [number, number]),
    from: { lat: a.lat, lon: a.lon, snappedMeters: Math.round(a.distanceMeters * 10) / 10 },
    to: { lat: b.lat, lon: b.lon, snappedMeters: Math.round(b.distanceMeters * 10) / 10 },
  };
}
