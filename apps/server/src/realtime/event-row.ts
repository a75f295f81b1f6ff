import type { AnyStreamEvent } from '@openpsap/contract';

export const EVENT_COLUMNS = 'seq, at, type, actor_label, agency_id, incident_id, unit_id, call_id, rooms, data';

export interface EventRow {
  seq: number;
  at: Date;
  type: string;
  actor_label: string | null;
  agency_id: number | null;
  incident_id: number | null;
  unit_id: number | null;
  call_id: number | null;
  rooms: string[];
  data: unknown;
}

/** An event read back from the table, in the shape the stream sends. */
export function eventFromRow(r: EventRow): AnyStreamEvent {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    type: r.type,
    actor: r.actor_label,
    agencyId: r.agency_id,
    incidentId: r.incident_id,
    unitId: r.unit_id,
    callId: r.call_id,
    rooms: r.rooms,
    data: r.data,
  } as AnyStreamEvent;
}

interface DraftPayload {
  at: string;
  type: string;
  actorLabel: string | null;
  agencyId: number | null;
  incidentId: number | null;
  unitId: number | null;
  callId: number | null;
  rooms: string[];
  data: unknown;
}

/** The same event built from the NOTIFY payload, which carries what ledger_append was given. */
export function eventFromDraft(seq: number, d: DraftPayload): AnyStreamEvent {
  return {
    seq,
    at: new Date(d.at).toISOString(),
    type: d.type,
    actor: d.actorLabel ?? null,
    agencyId: d.agencyId ?? null,
    incidentId: d.incidentId ?? null,
    unitId: d.unitId ?? null,
    callId: d.callId ?? null,
    rooms: d.rooms,
    data: d.data,
  } as AnyStreamEvent;
}
