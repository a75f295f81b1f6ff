import { isDispatchable, type PlanRequirement, type Recommendation, type RecommendedUnit, type ResponsePlan, type UnitStatus } from '@openpsap/contract';
import type { RoadRouter, SnappedPoint } from '@openpsap/geo';
import { invalid } from '../../errors/app-error';

/** A unit as the recommender sees it. */
export interface CandidateUnit {
  id: number;
  callSign: string;
  agencyCode: string;
  type: string;
  capabilities: string[];
  status: string;
  incidentId: number | null;
  avl: { lat: number; lon: number; at: Date } | null;
  station: { lat: number; lon: number } | null;
}

// A position report older than this no longer says where a unit is; its station does better.
const AVL_FRESH_MS = 10 * 60_000;
const TARGET_SNAP_M = 2_000;
const UNIT_SNAP_M = 2_000;

// Station positions never move, so their snaps are kept (bounded) instead of recomputed per call.
const snapCache = new WeakMap<RoadRouter, Map<string, SnappedPoint | null>>();
function snapCached(router: RoadRouter, lat: number, lon: number): SnappedPoint | null {
  let m = snapCache.get(router);
  if (!m) snapCache.set(router, (m = new Map()));
  const key = `${lat.toFixed(6)},${lon.toFixed(6)}`;
  if (m.has(key)) return m.get(key)!;
  if (m.size > 20_000) m.clear();
  const p = router.snap(lon, lat, UNIT_SNAP_M);
  m.set(key, p);
  return p;
}

function matches(u: CandidateUnit, r: { unitTypes: string[]; capabilities: string[] }): boolean {
  return r.unitTypes.includes(u.type) && r.capabilities.every((c) => u.capabilities.includes(c));
}

interface Scored {
  unit: CandidateUnit;
  eta: number; // seconds; Infinity when unknown or unreachable
  meters: number;
  from: RecommendedUnit['from'];
}

/**
 * Ranks units against a run card by drive time on the road network from where each unit is
 * (its last AVL fix, or its station), fills each requirement in order with the closest units
 * that qualify, counts units already on the incident, and applies the card's substitutions.
 */
export function recommend(
  router: RoadRouter,
  plan: ResponsePlan,
  at: { lat: number; lon: number },
  units: readonly CandidateUnit[],
  incidentId: number | null,
  now = Date.now(),
): Recommendation {
  const started = performance.now();
  const target = router.snap(at.lon, at.lat, TARGET_SNAP_M);
  if (!target) throw invalid('location', 'no drivable road within 2 km of the incident location');

  const wanted = new Set([...plan.requirements.flatMap((r) => r.unitTypes), ...plan.substitutions.flatMap((s) => s.unitTypes)]);
  const pool = units.filter((u) => wanted.has(u.type as never) && ((incidentId !== null && u.incidentId === incidentId) || (u.incidentId === null && isDispatchable(u.status as UnitStatus))));
  const origins: (SnappedPoint | null)[] = [];
  const fromKind: RecommendedUnit['from'][] = [];
  for (const u of pool) {
    const fresh = u.avl && now - u.avl.at.getTime() <= AVL_FRESH_MS ? u.avl : null;
    const p = fresh ?? u.station;
    origins.push(p ? (fresh ? router.snap(p.lon, p.lat, UNIT_SNAP_M) : snapCached(router, p.lat, p.lon)) : null);
    fromKind.push(incidentId !== null && u.incidentId === incidentId ? 'assigned' : fresh ? 'avl' : 'station');
  }
  const times = router.manyToOne(origins, target);
  const scored: Scored[] = pool.map((unit, i) => ({ unit, eta: times.seconds[i]!, meters: times.meters[i]!, from: fromKind[i]! }));
  const byEta = (a: Scored, b: Scored) => a.eta - b.eta || a.unit.callSign.localeCompare(b.unit.callSign, undefined, { numeric: true });

  const used = new Set<number>();
  const chosen: { s: Scored; requirement: string; substitution: string | null }[] = [];
  const unfilled: { requirement: string; missing: number }[] = [];
  const pick = (r: PlanRequirement, n: number, fromAssigned: boolean) => {
    const list = scored.filter((s) => !used.has(s.unit.id) && (s.from === 'assigned') === fromAssigned && matches(s.unit, r)).sort(byEta).slice(0, n);
    for (const s of list) {
      used.add(s.unit.id);
      chosen.push({ s, requirement: r.label, substitution: null });
    }
    return list.length;
  };
  // Units already sent count first, so an upgraded alarm asks only for what is still missing.
  const stillNeeded = plan.requirements.map((r) => r.count - pick(r, r.count, true));
  plan.requirements.forEach((r, i) => {
    const got = pick(r, stillNeeded[i]!, false);
    if (got < stillNeeded[i]!) unfilled.push({ requirement: r.label, missing: stillNeeded[i]! - got });
  });

  for (const sub of plan.substitutions) {
    const forReq = chosen.filter((c) => c.requirement === sub.requirement && c.s.from !== 'assigned').sort((a, b) => byEta(a.s, b.s));
    const best = () => scored.filter((s) => !used.has(s.unit.id) && s.from !== 'assigned' && matches(s.unit, sub)).sort(byEta)[0];
    if (sub.kind === 'replace') {
      for (const c of forReq) {
        const alt = best();
        if (!alt || !(alt.eta + sub.whenCloserBySeconds < c.s.eta)) break;
        used.delete(c.s.unit.id);
        used.add(alt.unit.id);
        const text = `${alt.unit.callSign} replaces ${c.s.unit.callSign}: ${Math.round(c.s.eta - alt.eta)} s closer (rule: more than ${sub.whenCloserBySeconds} s)`;
        c.s = alt;
        c.substitution = text;
      }
    } else {
      const first = forReq[0];
      const alt = best();
      if (first && alt && alt.eta + sub.whenCloserBySeconds < first.s.eta) {
        used.add(alt.unit.id);
        chosen.push({ s: alt, requirement: sub.requirement, substitution: `${alt.unit.callSign} added: ${Math.round(first.s.eta - alt.eta)} s closer than ${first.s.unit.callSign} (rule: more than ${sub.whenCloserBySeconds} s)` });
      }
    }
  }

  const order = new Map(plan.requirements.map((r, i) => [r.label, i]));
  chosen.sort((a, b) => (order.get(a.requirement)! - order.get(b.requirement)!) || byEta(a.s, b.s));
  return {
    plan: { name: plan.name, alarmLevel: plan.alarmLevel, zone: plan.zone },
    location: { lat: target.lat, lon: target.lon },
    units: chosen.map(({ s, requirement, substitution }) => ({
      unitId: s.unit.id,
      callSign: s.unit.callSign,
      agencyCode: s.unit.agencyCode,
      type: s.unit.type,
      capabilities: s.unit.capabilities,
      status: s.unit.status,
      requirement,
      etaSeconds: Number.isFinite(s.eta) ? Math.round(s.eta) : null,
      distanceMeters: Number.isFinite(s.meters) ? Math.round(s.meters) : null,
      from: s.from,
      assigned: s.from === 'assigned',
      substitution,
    })),
    unfilled,
    computedMs: Math.round((performance.now() - started) * 100) / 100,
  };
}
