import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { SignalMessage } from '@openpsap/contract';

/** Close codes of the signalling socket, beside the stream's. */
export const SIGNAL_CLOSE = { ended: 4000, replaced: 4001, badRequest: 4400, forbidden: 4403, gone: 4410 } as const;

interface Viewer {
  id: string;
  ws: WebSocket;
  label: string;
  recorder: boolean;
}

interface Room {
  linkId: number;
  record: boolean;
  caller: WebSocket | null;
  viewers: Map<string, Viewer>;
}

const send = (ws: WebSocket | null | undefined, m: SignalMessage) => {
  if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
};

const SDP_MAX = 60_000;

/** A message a peer may send, checked so nothing odd is forwarded to the other side. */
function parse(raw: unknown): SignalMessage | null {
  let m: unknown;
  try {
    m = JSON.parse(String(raw));
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  const o = m as Record<string, unknown>;
  const to = typeof o.to === 'string' && o.to.length <= 40 ? o.to : undefined;
  switch (o.type) {
    case 'offer':
    case 'answer':
      return typeof o.sdp === 'string' && o.sdp.length <= SDP_MAX ? { type: o.type, sdp: o.sdp, ...(to ? { to } : {}) } : null;
    case 'ice':
      return JSON.stringify(o.candidate ?? null).length <= 4000 ? { type: 'ice', candidate: o.candidate ?? null, ...(to ? { to } : {}) } : null;
    case 'location': {
      const lat = Number(o.lat);
      const lon = Number(o.lon);
      const acc = o.accuracyM === null || o.accuracyM === undefined ? null : Number(o.accuracyM);
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) || (acc !== null && !(acc >= 0 && acc < 1e6))) return null;
      return { type: 'location', lat, lon, accuracyM: acc };
    }
    default:
      return null;
  }
}

/**
 * Relays WebRTC signalling between a caller's phone and the consoles watching it. The video itself
 * goes browser to browser; only offers, answers, ICE candidates and the phone's position pass
 * here. Rooms live in this process: the phone and the consoles of one call must reach the same
 * server (true for one server; several need sticky routing by link id).
 */
export class SignalHub {
  private rooms = new Map<number, Room>();

  private room(linkId: number, record: boolean): Room {
    let r = this.rooms.get(linkId);
    if (!r) this.rooms.set(linkId, (r = { linkId, record, caller: null, viewers: new Map() }));
    return r;
  }

  private dropIfEmpty(r: Room): void {
    if (!r.caller && r.viewers.size === 0) this.rooms.delete(r.linkId);
  }

  callerConnected(linkId: number): boolean {
    return Boolean(this.rooms.get(linkId)?.caller);
  }

  /** The phone joins; a second phone on the same link replaces the first (a reloaded page). */
  joinCaller(linkId: number, record: boolean, ws: WebSocket, onLocation: (l: { lat: number; lon: number; accuracyM: number | null }) => void): void {
    const r = this.room(linkId, record);
    if (r.caller && r.caller !== ws) r.caller.close(SIGNAL_CLOSE.replaced, 'opened again on another page');
    r.caller = ws;
    send(ws, { type: 'hello', role: 'caller', record });
    for (const v of r.viewers.values()) {
      send(v.ws, { type: 'caller-joined' });
      send(ws, { type: 'viewer-joined', viewerId: v.id });
    }
    ws.on('message', (raw) => {
      const m = parse(raw);
      if (!m) return send(ws, { type: 'error', message: 'unknown or malformed message' });
      if (m.type === 'location') {
        onLocation(m);
        for (const v of r.viewers.values()) send(v.ws, m);
        return;
      }
      if (m.type === 'answer') return; // the phone offers; it never answers
      const to = (m as { to?: string }).to;
      const target = to ? r.viewers.get(to) : undefined;
      if (!target) return;
      const { to: _to, ...rest } = m as SignalMessage & { to?: string };
      send(target.ws, { ...rest, from: 'caller' } as SignalMessage);
    });
    ws.on('close', () => {
      if (r.caller !== ws) return;
      r.caller = null;
      for (const v of r.viewers.values()) send(v.ws, { type: 'caller-left' });
      this.dropIfEmpty(r);
    });
  }

  /** A console joins to watch; the first one (while recording is on) records. */
  joinViewer(linkId: number, record: boolean, ws: WebSocket, label: string): string {
    const r = this.room(linkId, record);
    const id = randomBytes(6).toString('hex');
    const recorder = r.record && ![...r.viewers.values()].some((v) => v.recorder);
    const viewer: Viewer = { id, ws, label, recorder };
    r.viewers.set(id, viewer);
    send(ws, { type: 'hello', role: 'viewer', viewerId: id, record: r.record, recorder });
    if (r.caller) {
      send(ws, { type: 'caller-joined' });
      send(r.caller, { type: 'viewer-joined', viewerId: id });
    }
    ws.on('message', (raw) => {
      const m = parse(raw);
      if (!m || m.type === 'location' || m.type === 'offer') return send(ws, { type: 'error', message: 'unknown or malformed message' });
      const { to: _to, ...rest } = m as SignalMessage & { to?: string };
      send(r.caller, { ...rest, from: id } as SignalMessage);
    });
    ws.on('close', () => {
      r.viewers.delete(id);
      send(r.caller, { type: 'viewer-left', viewerId: id });
      // Another console takes over recording, starting a new part.
      if (viewer.recorder) {
        const next = r.viewers.values().next().value as Viewer | undefined;
        if (next) {
          next.recorder = true;
          send(next.ws, { type: 'recorder', recorder: true });
        }
      }
      this.dropIfEmpty(r);
    });
    return id;
  }

  /** The call is over (ended by either side, revoked, expired): everyone is told and disconnected. */
  end(linkId: number, reason: string): void {
    const r = this.rooms.get(linkId);
    if (!r) return;
    for (const ws of [r.caller, ...[...r.viewers.values()].map((v) => v.ws)]) {
      if (!ws) continue;
      send(ws, { type: 'ended', reason });
      ws.close(SIGNAL_CLOSE.ended, reason.slice(0, 100));
    }
    this.rooms.delete(linkId);
  }

  closeAll(): void {
    for (const id of [...this.rooms.keys()]) this.end(id, 'the server is stopping');
  }
}

const hubs = new WeakMap<object, SignalHub>();
/** One hub per running server. */
export function signalHubFor(owner: object): SignalHub {
  let h = hubs.get(owner);
  if (!h) hubs.set(owner, (h = new SignalHub()));
  return h;
}
