import { useSyncExternalStore } from 'react';
import type { AnyStreamEvent, Call, CareAlert, IncidentSummary, Unit } from '@openpsap/contract';
import { api } from '../api/client';
import { StreamClient, type StreamState } from '../realtime/stream-client';

/** Everything the floor shows, kept current by the event stream. */
export interface FloorState {
  incidents: Map<number, IncidentSummary>;
  units: Map<number, Unit>;
  calls: Map<number, Call>;
  /** CARE missed check-ins waiting for a call-taker (open alerts only). */
  careAlerts: Map<number, CareAlert>;
  connection: StreamState;
  loaded: boolean;
  error: string | null;
  /** seq of the newest event applied; views keyed on it re-render on any change. */
  seq: number;
  /** Events addressed to the incident being looked at, so its detail view can refresh. */
  lastIncidentEvent: { incidentId: number; seq: number } | null;
  feed: { seq: number; at: string; text: string }[];
}

type Listener = () => void;

// Evidence events carry the incident's id only; the feed names it when the floor knows the incident.
function incidentLabel(incidents: ReadonlyMap<number, { agencyCode: string; number: string }>, id: number | null): string {
  const i = id === null ? undefined : incidents.get(id);
  return i ? `${i.agencyCode} ${i.number}` : 'an incident';
}

const SOURCE_WORDS = { witness: 'a witness', footage: 'a camera owner', 'caller-video': 'live caller video', staff: 'staff' } as const;

function describe(e: AnyStreamEvent, incidents: ReadonlyMap<number, { agencyCode: string; number: string }>): string {
  switch (e.type) {
    case 'incident.created':
      return `${e.data.incident.agencyCode} ${e.data.incident.number} created: ${e.data.incident.typeName} (P${e.data.incident.priority})`;
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
      return `${e.data.incident.number}: ${e.data.entry.text.slice(0, 60)}`;
    case 'call.created':
      return `Call ${e.data.call.id} from ${e.data.call.callbackNumber ?? 'unknown number'}`;
    case 'call.attached':
      return `Call ${e.data.call.id} attached to ${e.data.incidentNumber}`;
    case 'care.alert-opened':
      return `CARE missed check-in: ${e.data.alert.personName}`;
    case 'care.alert-updated':
      return `CARE ${e.data.alert.personName}: ${e.data.alert.state === 'welfare-check' ? 'welfare check created' : e.data.alert.state}`;
    case 'bolo.issued':
      return `BOLO: ${e.data.bolo.title}`;
    case 'bolo.cancelled':
      return `BOLO cancelled: ${e.data.bolo.title}`;
    case 'bolo.updated':
      return `BOLO changed: ${e.data.bolo.title}`;
    case 'evidence.received':
      return `${incidentLabel(incidents, e.data.incidentId)}: ${e.data.mediaKind} received from ${SOURCE_WORDS[e.data.source]} (${(e.data.sizeBytes / 1048576).toFixed(1)} MB)`;
    case 'evidence.link-updated':
      return `${incidentLabel(incidents, e.data.incidentId)}: ${e.data.state === 'opened' ? 'the link sent to the public was opened' : 'the witness finished sending files'}`;
    case 'alert.updated':
      return e.data.state === 'awaiting-approval' ? `Public alert awaiting a second supervisor's approval: ${e.data.headline}` : e.data.state === 'draft' ? `Public alert sent back to its drafter: ${e.data.headline}` : `Public alert ${e.data.state}: ${e.data.headline}`;
    case 'outside-alert.received':
      return e.data.msgType === 'Cancel' ? `Outside alert cancelled: ${e.data.event}` : `Outside alert: ${e.data.event}${e.data.msgType === 'Update' ? ' (updated)' : ''}`;
    case 'caller-video.updated':
      return `${incidentLabel(incidents, e.data.incidentId)}: ${{ consented: 'the caller agreed to live video', ended: 'live caller video ended', revoked: 'the live-video link was withdrawn' }[e.data.state]}`;
    default:
      return '';
  }
}

/**
 * The one store of floor state in the browser. It loads a snapshot over HTTP after noting the
 * stream head, then applies every event after that head exactly once, so the screen is never a
 * mix of an old snapshot and missed updates.
 */
export class FloorStore {
  private state: FloorState = { incidents: new Map(), units: new Map(), calls: new Map(), careAlerts: new Map(), connection: 'connecting', loaded: false, error: null, seq: 0, lastIncidentEvent: null, feed: [] };
  private readonly listeners = new Set<Listener>();
  private stream: StreamClient | null = null;
  private readonly eventListeners = new Set<(e: AnyStreamEvent) => void>();

  constructor(private readonly opts: { withCalls: boolean; onLocked: () => void; onSignedOut: () => void }) {}

  get snapshot(): FloorState {
    return this.state;
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Called for each event after the store applied it (sounds, alerts, detail refresh). */
  onEvent(fn: (e: AnyStreamEvent) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  private set(patch: Partial<FloorState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  async start(): Promise<void> {
    try {
      const { head } = await api<{ head: number }>('GET', '/api/v1/stream/head');
      const [incidents, units, calls, care] = await Promise.all([
        api<IncidentSummary[]>('GET', '/api/v1/incidents?status=open&limit=500'),
        api<Unit[]>('GET', '/api/v1/units'),
        this.opts.withCalls ? api<Call[]>('GET', '/api/v1/calls?open=true&limit=200') : Promise.resolve([] as Call[]),
        // Call-takers work the CARE queue too; roles that take calls may read it.
        this.opts.withCalls ? api<CareAlert[]>('GET', '/api/v1/care/alerts?state=open&limit=200') : Promise.resolve([] as CareAlert[]),
      ]);
      this.set({
        incidents: new Map(incidents.map((i) => [i.id, i])),
        units: new Map(units.map((u) => [u.id, u])),
        calls: new Map(calls.map((c) => [c.id, c])),
        careAlerts: new Map(care.map((a) => [a.id, a])),
        loaded: true,
        seq: head,
      });
      this.stream = new StreamClient(
        (e) => this.apply(e),
        (s) => {
          this.set({ connection: s });
          if (s === 'locked') this.opts.onLocked();
          if (s === 'signed-out') this.opts.onSignedOut();
        },
        head,
      );
      this.stream.start();
    } catch (e) {
      this.set({ error: (e as Error).message });
    }
  }

  stop(): void {
    this.stream?.stop();
  }

  /** Applies one event; every view derived from the store re-renders once. */
  apply(e: AnyStreamEvent): void {
    const incidents = new Map(this.state.incidents);
    const units = new Map(this.state.units);
    const calls = new Map(this.state.calls);
    let careAlerts = this.state.careAlerts;
    const putIncident = (i: IncidentSummary) => (i.status === 'Closed' ? incidents.delete(i.id) : incidents.set(i.id, i));
    const putCall = (c: Call) => (c.incidentId !== null || c.releasedAt !== null ? calls.delete(c.id) : calls.set(c.id, c));
    switch (e.type) {
      case 'incident.created':
        putIncident(e.data.incident);
        if (e.data.callId !== null) calls.delete(e.data.callId); // the call now lives on the incident
        break;
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
      case 'unit.position': {
        const u = units.get(e.data.unitId);
        if (u) units.set(u.id, { ...u, position: { lat: e.data.lat, lon: e.data.lon, at: e.data.at } });
        break;
      }
      case 'call.created':
      case 'call.updated':
      case 'call.answered':
      case 'call.released':
      case 'call.attached':
        putCall(e.data.call);
        break;
      case 'care.alert-opened':
      case 'care.alert-updated':
        careAlerts = new Map(careAlerts);
        if (e.data.alert.state === 'open') careAlerts.set(e.data.alert.id, e.data.alert);
        else careAlerts.delete(e.data.alert.id);
        break;
      default:
        break;
    }
    const text = describe(e, incidents);
    const feed = text ? [{ seq: e.seq, at: e.at, text }, ...this.state.feed].slice(0, 300) : this.state.feed;
    this.set({ incidents, units, calls, careAlerts, seq: e.seq, feed, lastIncidentEvent: e.incidentId !== null ? { incidentId: e.incidentId, seq: e.seq } : this.state.lastIncidentEvent });
    for (const fn of this.eventListeners) fn(e);
  }
}

/** Subscribes a component to part of the floor state. */
export function useFloor<T>(store: FloorStore, select: (s: FloorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.snapshot));
}
