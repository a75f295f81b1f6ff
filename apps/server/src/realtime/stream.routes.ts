import { RoomSchema, STREAM_CLOSE, type ServerMessage } from '@openpsap/contract';
import type { AppContext } from '../http/app-context';
import { authenticate } from '../http/auth-hook';
import { principalOf, type Api } from '../http/route-types';
import { StreamSocket, type SessionCheck } from './stream-socket';
import { defaultRooms, mayJoin, type StreamViewer } from './visibility';

/**
 * GET /api/v1/stream?since=<seq>&rooms=a,b (WebSocket). Sends every event after `since` that
 * the caller may see, in order, exactly once, then live events; heartbeats carry the cursor.
 */
export function registerStreamRoutes(api: Api, ctx: AppContext): void {
  // A client notes the head, loads its snapshot over HTTP, then streams from the noted head:
  // whatever happens in between arrives on the stream, so nothing falls through the gap.
  api.get('/api/v1/stream/head', {
    schema: { tags: ['realtime'], summary: 'The seq of the newest event this server has' },
    config: { access: { permission: 'stream.read' } },
  }, async () => ({ head: ctx.hub.headSeq }));

  api.get('/api/v1/stream', {
    websocket: true,
    schema: { tags: ['realtime'], summary: 'WebSocket event stream; resume with since=<last cursor>' },
    config: { access: { permission: 'stream.read' } },
  }, async (socket, req) => {
    const p = principalOf(req);
    const fail = (code: number, error: string, message: string) => {
      socket.send(JSON.stringify({ type: 'error', code: error, message } satisfies ServerMessage));
      socket.close(code, message.slice(0, 120));
    };
    const q = req.query as Record<string, string | undefined>;
    const head = ctx.hub.headSeq;
    let since = head;
    if (q.since !== undefined) {
      if (!/^\d{1,15}$/.test(q.since)) return fail(STREAM_CLOSE.badRequest, 'validation_failed', 'since: must be a whole number (the last cursor you saw)');
      since = Number(q.since);
    }
    const viewer: StreamViewer = { userId: p.user.id, role: p.user.role, agencyId: p.user.agencyId, unitId: p.user.unitId, incidentIds: new Set() };
    if (viewer.unitId !== null) {
      const { rows } = await ctx.db.pool.query<{ incident_id: number }>(
        "SELECT DISTINCT incident_id FROM assignments WHERE unit_id = $1 AND (cleared_at IS NULL OR cleared_at > now() - interval '12 hours')",
        [viewer.unitId],
      );
      for (const r of rows) viewer.incidentIds.add(r.incident_id);
    }
    let rooms = defaultRooms(viewer);
    if (q.rooms) {
      rooms = q.rooms.split(',').map((r) => r.trim()).filter(Boolean);
      const bad = rooms.filter((r) => !RoomSchema.safeParse(r).success);
      if (bad.length) return fail(STREAM_CLOSE.badRequest, 'validation_failed', `rooms: ${bad.join(', ')} must look like centre, agency:1, agency:*, incident:42 or unit:7`);
      const denied = rooms.filter((r) => !mayJoin(viewer, r));
      if (denied.length) return fail(STREAM_CLOSE.forbidden, 'forbidden', `rooms: you may not join ${denied.join(', ')}`);
    }
    if (since > head) {
      // Another server may be a moment ahead of this one; only the table says whether the cursor is real.
      const { rows } = await ctx.db.pool.query<{ event_seq: number }>('SELECT event_seq FROM ledger WHERE id = 1');
      const dbHead = rows[0]?.event_seq ?? 0;
      if (since > dbHead) {
        socket.send(JSON.stringify({ type: 'error', code: 'cursor_ahead', message: `since=${since} is beyond the last event (${dbHead}); continuing from ${dbHead}` } satisfies ServerMessage));
        since = dbHead;
      }
    }
    const checkSession: SessionCheck = async () => {
      const again = await authenticate(ctx, req).catch(() => null);
      if (!again) return 'ended';
      return again.state === 'ok' ? 'ok' : again.state === 'locked' ? 'locked' : 'ended';
    };
    new StreamSocket(socket, ctx.hub, viewer, since, rooms, checkSession, ctx.config.heartbeatSeconds, ctx.log).start();
  });
}
