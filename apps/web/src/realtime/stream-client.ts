import type { AnyStreamEvent, ServerMessage } from '@openpsap/contract';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'locked' | 'signed-out';

/**
 * The browser side of the event stream. It remembers the last seq it saw and resumes from it
 * after any drop, and ignores anything at or below it, so a console never misses or repeats
 * an update and never needs a page reload.
 */
export class StreamClient {
  private ws: WebSocket | null = null;
  private cursor: number | null;
  private retry = 0;
  private timer: number | null = null;
  private closed = false;

  constructor(
    private readonly onEvent: (e: AnyStreamEvent) => void,
    private readonly onState: (s: StreamState) => void,
    since: number | null = null,
  ) {
    this.cursor = since;
  }

  get lastSeq(): number | null {
    return this.cursor;
  }

  start(): void {
    this.closed = false;
    this.connect();
  }

  stop(): void {
    this.closed = true;
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.ws?.close();
  }

  private connect(): void {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = this.cursor === null ? '' : `?since=${this.cursor}`;
    this.onState(this.retry === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(`${proto}://${location.host}/api/v1/stream${query}`);
    this.ws = ws;
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as ServerMessage;
      if (msg.type === 'hello' && this.cursor === null) this.cursor = msg.since;
      if (msg.type === 'event') {
        if (this.cursor !== null && msg.event.seq <= this.cursor) return;
        this.cursor = msg.event.seq;
        this.onEvent(msg.event);
      }
      if (msg.type === 'caught-up' || msg.type === 'heartbeat') {
        if (this.cursor === null || msg.cursor > this.cursor) this.cursor = msg.cursor;
        this.retry = 0;
        this.onState('live');
      }
    };
    ws.onclose = (e) => {
      if (this.closed) return;
      if (e.code === 4423) return this.onState('locked');
      if (e.code === 4401) return this.onState('signed-out');
      this.retry++;
      this.onState('reconnecting');
      const delay = Math.min(10_000, 250 * 2 ** Math.min(this.retry, 6)) * (0.75 + Math.random() / 2);
      this.timer = window.setTimeout(() => this.connect(), delay);
    };
  }
}
