import { z } from 'zod';
import type { AnyStreamEvent } from './events';

/** Rooms a socket can join: the centre's calls, all of an agency, one incident, or one unit. */
export const RoomSchema = z.string().regex(/^((agency|incident|unit):(\d+|\*)|centre)$/, 'must look like centre, agency:1, agency:*, incident:42 or unit:7');

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), rooms: z.array(RoomSchema).min(1).max(200) }),
  z.object({ type: z.literal('unsubscribe'), rooms: z.array(RoomSchema).min(1).max(200) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/**
 * What the server sends. `cursor` is the highest seq this socket has been given or skipped
 * (events it may not see still advance it); a client resumes with `since=<cursor>`.
 */
export type ServerMessage =
  | { type: 'hello'; head: number; since: number; rooms: string[]; heartbeatSeconds: number }
  | { type: 'event'; event: AnyStreamEvent }
  | { type: 'caught-up'; cursor: number }
  | { type: 'heartbeat'; cursor: number; serverTime: string }
  | { type: 'subscribed'; rooms: string[] }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

/** WebSocket close codes the stream uses, beyond the standard ones. */
export const STREAM_CLOSE = {
  unauthenticated: 4401,
  forbidden: 4403,
  sessionLocked: 4423,
  tooSlow: 4408,
  badRequest: 4400,
  shuttingDown: 4503,
} as const;
