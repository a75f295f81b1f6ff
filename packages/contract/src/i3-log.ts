import { z } from 'zod';

/** The NENA STA-010 LogEvent types this centre writes. */
export const I3_LOG_EVENT_TYPES = [
  'CallStartLogEvent',
  'CallEndLogEvent',
  'CallStateChangeLogEvent',
  'CallTransferLogEvent',
  'MessageLogEvent',
  'RouteLogEvent',
  'IncidentLinkLogEvent',
  'IncidentClearLogEvent',
  'IncidentReopenLogEvent',
  'AgentStateChangeLogEvent',
  'EidoLogEvent',
] as const;
export type I3LogEventType = (typeof I3_LOG_EVENT_TYPES)[number];

/** A LogEvent as the LoggingService returns it (the JSON body; we do not sign it as a JWS). */
export const I3LogEventSchema = z
  .object({
    logEventType: z.string(),
    timestamp: z.string(),
    elementId: z.string(),
    agencyId: z.string(),
    agencyAgentId: z.string().optional(),
    callId: z.string().optional(),
    incidentId: z.string().optional(),
  })
  .passthrough();

export const I3LogEventContainerSchema = z.object({ logEventId: z.string(), logEvent: I3LogEventSchema });
export const I3LogEventContainerArraySchema = z.object({ count: z.number().int(), totalCount: z.number().int(), logEventContainers: z.array(I3LogEventContainerSchema) });

const Time = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-11-21T06:10:14Z' });

export const I3LogQuerySchema = z
  .object({
    startTime: Time.optional(),
    endTime: Time.optional(),
    logEventType: z.enum(I3_LOG_EVENT_TYPES, { error: `must be one of ${I3_LOG_EVENT_TYPES.join(', ')}` }).optional(),
    callId: z.string().min(1).max(200).optional(),
    incidentId: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
    start: z.coerce.number().int().min(1, 'is 1-based').default(1),
  })
  .strict();
export type I3LogQuery = z.infer<typeof I3LogQuerySchema>;
