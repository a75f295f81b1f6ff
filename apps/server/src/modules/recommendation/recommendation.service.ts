import type pg from 'pg';
import { incidentType, type IncidentZonesValue, type Recommendation } from '@openpsap/contract';
import { AppError, invalid } from '../../errors/app-error';
import type { GeoEngine } from '../../geo/geo-engine';
import { selectPlan } from '../response-plans/plan-selection';
import { loadPlans } from '../response-plans/response-plans.queries';
import { recommend } from './recommend';
import { loadCandidateUnits } from './recommendation.queries';

/** Recommends units for a type at a point (an incident, or a call still being taken). */
export async function recommendFor(
  pool: pg.Pool,
  engine: GeoEngine,
  q: { type: string; at: { lat: number; lon: number }; alarmLevel: number; incidentId: number | null; zones?: IncidentZonesValue },
): Promise<Recommendation> {
  const type = incidentType(q.type);
  if (!type) throw invalid('type', `"${q.type}" is not an APCO 2.103.2 incident type`);
  if (!engine.router) throw new AppError(409, 'conflict', 'no road network is loaded; import streets first');
  const zones = q.zones ?? (({ police, fire, ems }) => ({ police, fire, ems }))(engine.zonesAt(q.at.lat, q.at.lon));
  const [plans, units] = await Promise.all([loadPlans(pool), loadCandidateUnits(pool)]);
  const plan = selectPlan(plans, type, zones, q.alarmLevel);
  if (!plan) throw new AppError(404, 'not_found', `no response plan for ${type.code} at alarm level ${q.alarmLevel}`);
  return recommend(engine.router, plan, q.at, units, q.incidentId);
}
