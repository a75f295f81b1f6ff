import type { AnyStreamEvent } from '@openpsap/contract';

/** One line a dispatcher reads in an incident's timeline, made from the event that recorded it. */
export function summarise(e: AnyStreamEvent): string {
  switch (e.type) {
    case 'incident.created':
      return `Created ${e.data.incident.number}: ${e.data.incident.type} ${e.data.incident.typeName}, P${e.data.incident.priority}, ${e.data.incident.location.text ?? `${e.data.incident.location.lat}, ${e.data.incident.location.lon}`}`;
    case 'incident.updated':
      return e.data.changes
        .map((c) => (c.field === 'location' ? `Location changed to ${(c.to as { text: string | null }).text ?? 'a map point'}` : `${c.field === 'type' ? 'Type' : 'Priority'} ${String(c.from)} → ${String(c.to)}`))
        .join('; ');
    case 'incident.narrative-added':
      return `Narrative: ${e.data.entry.text}`;
    case 'incident.units-dispatched':
      return `Dispatched ${e.data.units.map((u) => u.callSign).join(', ')}${e.data.diverted.length ? ' (diverted)' : ''}`;
    case 'incident.closed':
      return `Closed with disposition ${e.data.disposition}${e.data.clearedUnits.length ? `; cleared ${e.data.clearedUnits.map((u) => u.callSign).join(', ')}` : ''}`;
    case 'incident.reopened':
      return `Reopened${e.data.reason ? `: ${e.data.reason}` : ''}`;
    case 'unit.status-changed':
      return `${e.data.unit.callSign} ${e.data.unit.status}`;
    case 'call.attached':
      return `Call ${e.data.call.id} attached${e.data.call.callbackNumber ? ` (callback ${e.data.call.callbackNumber})` : ''}`;
    case 'bolo.issued':
      return `BOLO issued to units: ${e.data.bolo.title}`;
    case 'bolo.cancelled':
      return `BOLO cancelled: ${e.data.bolo.title}${e.data.bolo.cancelReason ? ` (${e.data.bolo.cancelReason})` : ''}`;
    default:
      return e.type;
  }
}
