import { z } from 'zod';
import { IncidentTypeCodeSchema, LatLonTextSchema, RecommendationSchema } from '@openpsap/contract';
import { AppError, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { IdParams, type Api } from '../../http/route-types';
import { requireGeo } from '../geography/geography.routes';
import { getIncidentRow } from '../incidents/incidents.queries';
import { recommendFor } from './recommendation.service';

const tags = ['recommendation'];
const Alarm = z.coerce.number().int().min(1, 'alarm level is 1 to 5').max(5, 'alarm level is 1 to 5').default(1);

export function registerRecommendationRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/incidents/:id/recommendation', {
    schema: {
      tags,
      summary: 'Units that satisfy the incident\'s response plan, ranked by drive time (units already on it count)',
      params: IdParams,
      querystring: z.object({ alarm: Alarm }).strict(),
      response: { 200: RecommendationSchema },
    },
    config: { access: { permission: 'plan.read' } },
  }, async (req) => {
    const row = await getIncidentRow(ctx.db.pool, req.params.id);
    if (!row) throw notFound(`incident ${req.params.id}`);
    if (row.status === 'Closed') throw new AppError(409, 'conflict', `incident ${row.number} is closed`);
    if (row.lat === null || row.lon === null) throw new AppError(422, 'validation_failed', `incident ${row.number} has no map location yet; set or verify its location`, { location: 'has no lat/lon' });
    return recommendFor(ctx.db.pool, requireGeo(ctx).current, {
      type: row.type_code,
      at: { lat: row.lat, lon: row.lon },
      alarmLevel: req.query.alarm,
      incidentId: row.id,
      zones: { police: row.police_zone, fire: row.fire_zone, ems: row.ems_zone },
    });
  });

  api.get('/api/v1/recommendation', {
    schema: {
      tags,
      summary: 'Units for an incident type at a point, before any incident exists (e.g. while a call is taken)',
      querystring: z.object({ type: IncidentTypeCodeSchema, at: LatLonTextSchema, alarm: Alarm }).strict(),
      response: { 200: RecommendationSchema },
    },
    config: { access: { permission: 'plan.read' } },
  }, async (req) => recommendFor(ctx.db.pool, requireGeo(ctx).current, { type: req.query.type, at: req.query.at, alarmLevel: req.query.alarm, incidentId: null }));
}
