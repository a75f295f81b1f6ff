import { z } from 'zod';
import type { AnyStreamEvent } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { eventFromRow, EVENT_COLUMNS, type EventRow } from '../../realtime/event-row';

/** The event log over plain HTTP, for integrations that poll instead of holding a socket. */
export function registerEventRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/events', {
    schema: {
      tags: ['realtime'],
      summary: 'Events after `since`, oldest first; page with the last seq returned',
      querystring: z.object({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict(),
    },
    config: { access: { permission: 'event.read' } },
  }, async (req) => {
    const { rows } = await ctx.db.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`, [req.query.since, req.query.limit]);
    const events: AnyStreamEvent[] = rows.map(eventFromRow);
    return { events, head: ctx.hub.headSeq };
  });
}
