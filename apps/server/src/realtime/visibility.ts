import type { AnyStreamEvent, Role } from '@openpsap/contract';
import { CENTRE_ROLES } from '../auth/permissions';

/** Who is watching a stream, with what they may see. */
export interface StreamViewer {
  userId: number;
  role: Role;
  agencyId: number | null;
  unitId: number | null;
  /** Incidents the viewer's unit has been sent to; a responder may follow those across agencies. */
  incidentIds: Set<number>;
}

/** The rooms a viewer gets when they do not ask for any. */
export function defaultRooms(v: StreamViewer): string[] {
  if (CENTRE_ROLES.includes(v.role)) return ['centre', 'agency:*'];
  const rooms: string[] = [];
  if (v.agencyId !== null) rooms.push(`agency:${v.agencyId}`);
  if (v.unitId !== null) rooms.push(`unit:${v.unitId}`);
  return rooms;
}

/**
 * Whether the viewer may join a room. Centre roles see the whole floor; a responder sees their
 * agency, their unit and the incidents their unit works (checked by the caller via `incidentIds`).
 */
export function mayJoin(v: StreamViewer, room: string): boolean {
  if (CENTRE_ROLES.includes(v.role)) return true;
  if (v.role !== 'responder') return false;
  if (room === `agency:${v.agencyId}` || room === `unit:${v.unitId}`) return true;
  const m = /^incident:(\d+)$/.exec(room);
  return m !== null && v.incidentIds.has(Number(m[1]));
}

/** Per-event check, applied to every event even in rooms the viewer joined. */
export function maySee(v: StreamViewer, e: AnyStreamEvent): boolean {
  if (CENTRE_ROLES.includes(v.role)) return true;
  if (v.role !== 'responder') return false;
  // Calls carry callers' names and numbers: they stay on the centre's floor.
  if (e.rooms.includes('centre') && e.type.startsWith('call.')) return false;
  for (const r of e.rooms) {
    if (r === `agency:${v.agencyId}` || r === `unit:${v.unitId}`) return true;
    if (r.startsWith('incident:') && v.incidentIds.has(Number(r.slice(9)))) return true;
  }
  return false;
}

/** Whether an event falls in any of the rooms a socket joined ("agency:*" matches every agency). */
export function inRooms(joined: Set<string>, e: AnyStreamEvent): boolean {
  for (const r of e.rooms) {
    if (joined.has(r)) return true;
    const kind = r.slice(0, r.indexOf(':') + 1);
    if (kind && joined.has(`${kind}*`)) return true;
  }
  return false;
}
