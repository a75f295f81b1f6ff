import { ForecastQuerySchema, ForecastSchema } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { addDays } from '../rosters/roster-dates';
import { localDateOf } from '../tours/tour-time';
import { toCsv } from '../rosters/hours-report';
import { staffingForecast, type ForecastRequest } from './staffing-forecast';
import { forecastDatasets } from './call-arrivals';

const tags = ['staffing'];

/** The staffing forecast: Erlang C on the call history against the roster's call-takers. */
export function registerStaffingForecastRoutes(api: Api, ctx: AppContext): void {
  const request = (q: { dataset: string; from: string; to: string; rosterFrom?: string; rosterTo?: string; ahtSeconds?: number }): ForecastRequest => {
    const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
    const rosterFrom = q.rosterFrom ?? today;
    return { dataset: q.dataset, from: q.from, to: q.to, rosterFrom, rosterTo: q.rosterTo ?? addDays(rosterFrom, 27), ahtSeconds: q.ahtSeconds };
  };

  api.get('/api/v1/staffing/forecast', {
    schema: {
      tags,
      summary: "Call-takers needed per hour of the week to answer 90% within 15 s (Erlang C on the history from..to of dataset 'live' or an imported one), against the roster's call-takers each hour of rosterFrom..rosterTo (default: 28 days from today)",
      querystring: ForecastQuerySchema,
      response: { 200: ForecastSchema },
    },
    config: { access: { permission: 'staffing.read' } },
  }, async (req) => staffingForecast(ctx.db.pool, request(req.query), ctx.config.timeZone));

  api.get('/api/v1/staffing/forecast/datasets', {
    schema: { tags, summary: "Call histories a forecast can learn from: 'live' and each imported dataset, with the dates its calls span" },
    config: { access: { permission: 'staffing.read' } },
  }, async () => forecastDatasets(ctx.db.pool, ctx.config.timeZone));

  api.get('/api/v1/staffing/forecast.csv', {
    schema: { tags, summary: 'The hours the roster is short of the forecast, as CSV (hour, needed, scheduled, shortfall)', querystring: ForecastQuerySchema },
    config: { access: { permission: 'staffing.read' } },
  }, async (req, reply) => {
    const f = await staffingForecast(ctx.db.pool, request(req.query), ctx.config.timeZone);
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="staffing-gaps-${f.roster.from}-${f.roster.to}.csv"`);
    return toCsv(['date', 'hour', 'start_utc', 'needed', 'scheduled', 'shortfall'], f.hours.filter((h) => h.shortfall > 0).map((h) => [h.date, `${String(h.hour).padStart(2, '0')}:00`, h.start, h.needed, h.scheduled, h.shortfall]));
  });
}
