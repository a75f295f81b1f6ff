import { z } from 'zod';
import { I3LogEventContainerArraySchema, I3LogEventContainerSchema, I3LogQuerySchema, type I3LogQuery } from '@openpsap/contract';
import { invalid, notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { centreDomain, ownIdFromUrn } from '../eido/emergency-ids';
import { getLogEvent, listLoggedIds, listLogEvents, type I3LogFilter } from './i3-log.queries';

const tags = ['i3-log'];
const IdArray = (key: 'callIds' | 'incidentIds') => z.object({ count: z.number().int(), totalCount: z.number().int(), [key]: z.array(z.string()) });

/**
 * The NENA i3 LoggingService (STA-010) retrieval interface over our log: LogEvents by time range,
 * type, call or incident, and the calls and incidents logged in a range. LogEvents are returned
 * as their JSON bodies rather than signed JWS.
 */
export function registerI3LogRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  const domain = centreDomain(ctx.config);

  const idFrom = (field: 'callId' | 'incidentId', v: string | undefined): number | null => {
    if (v === undefined) return null;
    if (/^\d{1,15}$/.test(v)) return Number(v);
    const id = ownIdFromUrn(v, field === 'callId' ? 'callid' : 'incidentid', domain);
    if (id === null) throw invalid(field, `must be one of this centre's ${field === 'callId' ? 'call' : 'incident'} URNs (urn:emergency:uid:${field.toLowerCase()}:N:${domain}) or a number`);
    return id;
  };
  const filterOf = (q: I3LogQuery): I3LogFilter => {
    const from = q.startTime ? new Date(q.startTime) : null;
    const to = q.endTime ? new Date(q.endTime) : null;
    if (from && to && to < from) throw invalid('endTime', 'occurs before startTime');
    return { from, to, type: q.logEventType ?? null, callId: idFrom('callId', q.callId), incidentId: idFrom('incidentId', q.incidentId) };
  };

  api.get('/api/v1/i3-log/LogEvents', {
    schema: { tags, summary: 'RetrieveLogEvents: LogEvents by time range, type, call or incident (1-based start, limit)', querystring: I3LogQuerySchema, response: { 200: I3LogEventContainerArraySchema } },
    config: { access: { permission: 'i3-log.read' } },
  }, async (req) => {
    const { rows, total } = await listLogEvents(pool, filterOf(req.query), { limit: req.query.limit, offset: req.query.start - 1 });
    return { count: rows.length, totalCount: total, logEventContainers: rows.map((r) => ({ logEventId: r.log_event_id, logEvent: r.body as never })) };
  });

  api.get('/api/v1/i3-log/LogEvents/:logEventId', {
    schema: { tags, summary: 'RetrieveLogEvent: one LogEvent by its id', params: z.object({ logEventId: z.string().min(1).max(300) }).strict(), response: { 200: I3LogEventContainerSchema } },
    config: { access: { permission: 'i3-log.read' } },
  }, async (req) => {
    const r = await getLogEvent(pool, req.params.logEventId);
    if (!r) throw notFound(`log event ${req.params.logEventId}`);
    return { logEventId: r.log_event_id, logEvent: r.body as never };
  });

  api.get('/api/v1/i3-log/CallIds', {
    schema: { tags, summary: 'ListCalls: call ids logged in a time range or for an incident', querystring: I3LogQuerySchema, response: { 200: IdArray('callIds') } },
    config: { access: { permission: 'i3-log.read' } },
  }, async (req) => {
    const { ids, total } = await listLoggedIds(pool, 'call_id', filterOf(req.query), { limit: req.query.limit, offset: req.query.start - 1 });
    return { count: ids.length, totalCount: total, callIds: ids };
  });

  api.get('/api/v1/i3-log/IncidentIds', {
    schema: { tags, summary: 'ListIncidents: incident ids logged in a time range', querystring: I3LogQuerySchema, response: { 200: IdArray('incidentIds') } },
    config: { access: { permission: 'i3-log.read' } },
  }, async (req) => {
    const { ids, total } = await listLoggedIds(pool, 'incident_id', filterOf(req.query), { limit: req.query.limit, offset: req.query.start - 1 });
    return { count: ids.length, totalCount: total, incidentIds: ids };
  });
}
