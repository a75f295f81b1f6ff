import type { Call } from './calls';
import type { IncidentSummary, NarrativeEntry } from './incidents';
import type { Unit } from './units';
import type { CareAlert } from './care';
import type { Bolo } from './bolos';
import type { CallLocation, CallText, LocationStatus } from './ng911';

/**
 * Every domain event and its payload. A wrong event name or payload does not compile, on the
 * server that writes it or the client that reads it.
 */
export interface DomainEventMap {
  'call.created': { call: Call };
  'call.updated': { call: Call; changes: string[] };
  'call.answered': { call: Call };
  'call.released': { call: Call };
  'call.attached': { call: Call; incidentId: number; incidentNumber: string };
  /** NG9-1-1: a device location, an update or a supplemental location, shown beside the verified one. */
  'call.location-added': { callId: number; location: CallLocation };
  /** NG9-1-1: the location status or the SIP state of a call changed (reference read or failed, answered, ended). */
  'call.ng911-updated': { callId: number; locationStatus: LocationStatus; locationProblem: string | null; state: 'ringing' | 'connected' | 'ended' };
  /** Text to 9-1-1: a message from the caller or a reply, or a reply's delivery result. */
  'call.text': { text: CallText; delivery?: boolean };
  'incident.created': { incident: IncidentSummary; callId: number | null };
  'incident.updated': { incident: IncidentSummary; changes: { field: 'type' | 'priority' | 'location'; from: unknown; to: unknown }[] };
  'incident.narrative-added': { incident: IncidentSummary; entry: NarrativeEntry };
  'incident.units-dispatched': { incident: IncidentSummary; units: Unit[]; diverted: { unitId: number; fromIncidentId: number }[] };
  'incident.closed': { incident: IncidentSummary; disposition: string; clearedUnits: Unit[] };
  'incident.reopened': { incident: IncidentSummary; reason: string | null };
  'unit.status-changed': { unit: Unit; from: string; incident: IncidentSummary | null };
  'unit.created': { unit: Unit };
  'unit.position': { unitId: number; callSign: string; lat: number; lon: number; heading: number | null; speed: number | null; at: string };
  'unit.updated': { unit: Unit };
  'care.alert-opened': { alert: CareAlert };
  'care.alert-updated': { alert: CareAlert };
  'bolo.issued': { bolo: Bolo };
  'bolo.cancelled': { bolo: Bolo };
  /** Fields, expiry or photo changed: units replace their copy. */
  'bolo.updated': { bolo: Bolo; changes: string[] };
  'evidence.received': { evidenceId: number; incidentId: number | null; source: 'witness' | 'footage' | 'caller-video' | 'staff'; mediaKind: 'photo' | 'video'; sizeBytes: number };
  'caller-video.updated': { linkId: number; incidentId: number; state: 'consented' | 'ended' | 'revoked' };
  /** A link sent to the public was first opened, or the witness said they are done. */
  'evidence.link-updated': { linkId: number; incidentId: number; state: 'opened' | 'finished' };
  /** A CAP message from another sender was stored; `ended` are stored alerts it updated or cancelled (itself when it came late). */
  'outside-alert.received': { alertId: number; msgType: string; event: string; ended: number[] };
  /** A public alert was sent for approval, sent back, or updated (issuing and cancelling raise bolo events). */
  'alert.updated': { alertId: number; state: string; kind: string; headline: string };
}
export type DomainEventType = keyof DomainEventMap;
export const DOMAIN_EVENT_TYPES = [
  'call.created',
  'call.updated',
  'call.answered',
  'call.released',
  'call.attached',
  'call.location-added',
  'call.ng911-updated',
  'call.text',
  'incident.created',
  'incident.updated',
  'incident.narrative-added',
  'incident.units-dispatched',
  'incident.closed',
  'incident.reopened',
  'unit.status-changed',
  'unit.created',
  'unit.position',
  'unit.updated',
  'care.alert-opened',
  'care.alert-updated',
  'bolo.issued',
  'bolo.cancelled',
  'bolo.updated',
  'evidence.received',
  'caller-video.updated',
  'evidence.link-updated',
  'outside-alert.received',
  'alert.updated',
] as const satisfies readonly DomainEventType[];

/** An event as stored and streamed: a global, gap-free `seq` orders all events of the centre. */
export interface StreamEvent<T extends DomainEventType = DomainEventType> {
  seq: number;
  at: string;
  type: T;
  actor: string | null;
  agencyId: number | null;
  incidentId: number | null;
  unitId: number | null;
  callId: number | null;
  rooms: string[];
  data: DomainEventMap[T];
}

export type AnyStreamEvent = { [K in DomainEventType]: StreamEvent<K> }[DomainEventType];
