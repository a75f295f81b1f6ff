import type { WebSocket } from 'ws';
import { ClientMessageSchema, STREAM_CLOSE, type ServerMessage } from '@openpsap/contract';
import type { EventHub, HubEvent } from './event-hub';
import { inRooms, mayJoin, maySee, type StreamViewer } from './visibility';

export type SessionCheck = () => Promise<'ok' | 'locked' | 'ended'>;

const BATCH = 500;
// Past this much unsent data the client is not keeping up; pause, and past the hard limit drop
// it: it resumes with since=<cursor> and loses nothing.
const HIGH_WATER = 1 << 20;
const HARD_LIMIT = 16 << 20;

/**
 * One subscriber. It owns a cursor (the highest seq it has been given or skipped) and pulls
 * from the hub until it reaches the head, so a resume after a drop, a slow client and live
 * delivery are the same code path: nothing missed, nothing sent twice, always in order.
 */
export class StreamSocket {
  private cursor: number;
  private readonly rooms = new Set<string>();
  private pumping = false;
  private again = false;
  private caughtUp = false;
  private alive = true;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly hub: EventHub,
    private readonly viewer: StreamViewer,
    since: number,
    rooms: string[],
    private readonly checkSession: SessionCheck,
    private readonly heartbeatSeconds: number,
    private readonly log: (msg: string) => void,
  ) {
    this.cursor = since;
    for (const r of rooms) this.rooms.add(r);
  }

  start(): void {
    this.send({ type: 'hello', head: this.hub.headSeq, since: this.cursor, rooms: [...this.rooms], heartbeatSeconds: this.heartbeatSeconds });
    this.unsubscribe = this.hub.onAdvance(() => void this.pump());
    this.ws.on('message', (raw) => this.onMessage(raw.toString()));
    this.ws.on('pong', () => (this.alive = true));
    this.ws.on('close', () => this.dispose());
    this.ws.on('error', () => this.dispose());
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatSeconds * 1000);
    void this.pump();
  }

  private send(msg: ServerMessage): void {
    if (!this.closed) this.ws.send(JSON.stringify(msg));
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        while (!this.closed && this.cursor < this.hub.headSeq) {
          const batch = await this.hub.eventsAfter(this.cursor, BATCH);
          if (batch.length === 0) break;
          this.deliver(batch);
          if (this.ws.bufferedAmount > HIGH_WATER) await this.drain();
        }
        if (!this.caughtUp && !this.closed) {
          this.caughtUp = true;
          this.send({ type: 'caught-up', cursor: this.cursor });
        }
      } while (this.again && !this.closed);
    } catch (e) {
      this.log(`stream: delivery failed: ${(e as Error).message}`);
      this.close(1011, 'delivery failed; reconnect with since');
    } finally {
      this.pumping = false;
    }
  }

  private deliver(batch: HubEvent[]): void {
    // Corking the TCP socket turns a batch of frames into one write (ws has no public cork).
    const raw = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    raw?.cork();
    try {
      this.deliverEach(batch);
    } finally {
      if (raw) process.nextTick(() => raw.uncork());
    }
  }

  private deliverEach(batch: HubEvent[]): void {
    for (const e of batch) {
      if (e.seq !== this.cursor + 1) throw new Error(`gap in stream: cursor ${this.cursor}, next ${e.seq}`);
      this.trackAssignments(e);
      if (inRooms(this.rooms, e.event) && maySee(this.viewer, e.event)) {
        this.ws.send(`{"type":"event","event":${e.json}}`);
      }
      this.cursor = e.seq;
    }
  }

  /** A responder's unit sent to an incident may follow that incident from then on. */
  private trackAssignments(e: HubEvent): void {
    if (this.viewer.unitId === null || e.event.type !== 'incident.units-dispatched') return;
    if (e.event.data.units.some((u) => u.id === this.viewer.unitId)) {
      this.viewer.incidentIds.add(e.event.data.incident.id);
      this.rooms.add(`incident:${e.event.data.incident.id}`);
    }
  }

  private async drain(): Promise<void> {
    while (!this.closed && this.ws.bufferedAmount > HIGH_WATER / 4) {
      if (this.ws.bufferedAmount > HARD_LIMIT) {
        this.close(STREAM_CLOSE.tooSlow, 'client too slow; reconnect with since');
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private onMessage(raw: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.send({ type: 'error', code: 'malformed_request', message: 'messages must be JSON' });
      return;
    }
    const msg = ClientMessageSchema.safeParse(parsed);
    if (!msg.success) {
      this.send({ type: 'error', code: 'validation_failed', message: msg.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') });
      return;
    }
    const m = msg.data;
    if (m.type === 'ping') return this.send({ type: 'pong' });
    if (m.type === 'unsubscribe') {
      for (const r of m.rooms) this.rooms.delete(r);
      return this.send({ type: 'subscribed', rooms: [...this.rooms] });
    }
    const denied = m.rooms.filter((r) => !mayJoin(this.viewer, r));
    if (denied.length) {
      this.send({ type: 'error', code: 'forbidden', message: `you may not join ${denied.join(', ')}` });
      return;
    }
    for (const r of m.rooms) this.rooms.add(r);
    this.send({ type: 'subscribed', rooms: [...this.rooms] });
  }

  private async beat(): Promise<void> {
    if (!this.alive) {
      this.ws.terminate(); // no pong since the last beat: the peer is gone
      return;
    }
    this.alive = false;
    this.ws.ping();
    try {
      const state = await this.checkSession();
      if (state === 'locked') return this.close(STREAM_CLOSE.sessionLocked, 'session locked; unlock and reconnect with since');
      if (state === 'ended') return this.close(STREAM_CLOSE.unauthenticated, 'session ended; sign in again');
    } catch (e) {
      this.log(`stream: session check failed: ${(e as Error).message}`);
    }
    this.send({ type: 'heartbeat', cursor: this.cursor, serverTime: new Date().toISOString() });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.dispose();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    if (this.heartbeat) clearInterval(this.heartbeat);
  }
}
