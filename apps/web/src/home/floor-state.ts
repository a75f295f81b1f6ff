import type { AnyStreamEvent, IncidentSummary, Unit } from '@openpsap/contract';

/** What the floor overview shows, kept current by applying stream events in order. */
export interface FloorState {
  incidents: Map<number, IncidentSummary>;
  units: Map<number, Unit>;
  feed: { seq: number; at: string; text: string }[];
}

export function emptyFloor(): FloorState {
  return { incidents: new Map(), units: new Map(), feed: [] };
}

function describe(e: AnyStreamEvent): string {
  switch (e.type) {
    case 'incident.created':
      return `${e.data.incident.number} created: ${e.data.incident.typeName} (P${e.data.incident.priority})`;
    case 'incident.units-dispatched':
      return `${e.data.incident.number}: ${e.data.units.map((u) => u.callSign).join(', ')} dispatched`;
    case 'unit.status-changed':
      return `${e.data.unit.callSign} ${e.data.unit.status}${e.data.incident ? ` (${e.data.incident.number})` : ''}`;
    case 'incident.closed':
      return `${e.data.incident.number} closed (${e.data.disposition})`;
    case 'incident.reopened':
      return `${e.data.incident.number} reopened`;
    case 'incident.updated':
      return `${e.data.incident.number} updated: ${e.data.changes.map((c) => c.field).join(', ')}`;
    case 'incident.narrative-added':
      return `${e.data.incident.number}: narrative added`;
    case 'call.created':
      return `Call ${e.data.call.id} from ${e.data.call.callbackNumber ?? 'unknown number'}`;
    default:
      return e.type;
  }
}

/** Applies one event; returns a new state object so React re-renders. */
export function applyEvent(s: FloorState, e: AnyStreamEvent): FloorState {
  const incidents = new Map(s.incidents);
  const units = new Map(s.units);
  const putIncident = (i: IncidentSummary) => (i.status === 'Closed' ? incidents.delete(i.id) : incidents.set(i.id, i));
  switch (e.type) {
    case 'incident.created':
    case 'incident.updated':
    case 'incident.reopened':
    case 'incident.narrative-added':
      putIncident(e.data.incident);
      break;
    case 'incident.units-dispatched':
      putIncident(e.data.incident);
      for (const u of e.data.units) units.set(u.id, u);
      break;
    case 'incident.closed':
      incidents.delete(e.data.incident.id);
      for (const u of e.data.clearedUnits) units.set(u.id, u);
      break;
    case 'unit.status-changed':
      units.set(e.data.unit.id, e.data.unit);
      if (e.data.incident) putIncident(e.data.incident);
      break;
    case 'unit.created':
    case 'unit.updated':
      units.set(e.data.unit.id, e.data.unit);
      break;
    default:
      break;
  }
  const feed = [{ seq: e.seq, at: e.at, text: describe(e) }, ...s.feed].slice(0, 200);
  return { incidents, units, feed };
}
