import pg from 'pg';
import type { AnyStreamEvent } from '@openpsap/contract';
import { eventFromRow, eventFromDraft, EVENT_COLUMNS, type EventRow } from './event-row';

/** An event with its JSON text made once and shared by every socket that receives it. */
export interface HubEvent {
  seq: number;
  event: AnyStreamEvent;
  json: string;
}

const RING_CAPACITY = 20_000;
const SAFETY_POLL_MS = 2_000;

/**
 * Follows the events table for this process. LISTEN/NOTIFY only wakes it; the table is the
 * truth: whenever a notification is missing, out of order or too large to carry the event, the
 * hub reads the rows it has not seen. It keeps the newest events in memory so sockets catching
 * up after a short drop do not touch the database.
 */
export class EventHub {
  private head = 0;
  private ring: HubEvent[] = [];
  private ringStart = 1; // seq of ring[0]
  private readonly waiters = new Set<() => void>();
  private listenClient: pg.Client | null = null;
  private chain: Promise<void> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private reconnectDelay = 250;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    private readonly log: (msg: string) => void,
  ) {}

  get headSeq(): number {
    return this.head;
  }

  async start(): Promise<void> {
    const { rows } = await this.pool.query<{ event_seq: number }>('SELECT event_seq FROM ledger WHERE id = 1');
    this.head = rows[0]?.event_seq ?? 0;
    this.ringStart = this.head + 1;
    await this.connectListener();
    this.pollTimer = setInterval(() => this.enqueue(() => this.catchUp()), SAFETY_POLL_MS);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.listenClient?.end().catch(() => undefined);
    this.listenClient = null;
    await this.chain.catch(() => undefined);
  }

  /** Calls `fn` whenever the head advances; returns the unsubscribe function. */
  onAdvance(fn: () => void): () => void {
    this.waiters.add(fn);
    return () => this.waiters.delete(fn);
  }

  /** Events with seq > cursor, oldest first, at most `limit`; from memory when it reaches back far enough. */
  async eventsAfter(cursor: number, limit: number): Promise<HubEvent[]> {
    if (cursor >= this.head) return [];
    if (cursor + 1 >= this.ringStart && this.ring.length > 0) {
      const from = cursor + 1 - this.ringStart;
      return this.ring.slice(from, from + limit);
    }
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [cursor, this.head, limit],
    );
    return rows.map((r) => wrap(eventFromRow(r)));
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({ ...this.clientConfig, application_name: 'psap-event-hub' });
    client.on('notification', (msg) => {
      if (msg.channel !== 'psap_events' || !msg.payload) return;
      const payload = msg.payload;
      this.enqueue(() => this.onNotification(payload));
    });
    client.on('error', (e) => {
      this.log(`event listener connection lost: ${e.message}`);
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    await client.query('LISTEN psap_events');
    this.listenClient = client;
    this.reconnectDelay = 250;
    // Anything committed while we were not listening is read from the table.
    this.enqueue(() => this.catchUp());
  }

  private scheduleReconnect(client: pg.Client): void {
    if (this.stopped || this.listenClient !== client) return;
    this.listenClient = null;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 5_000);
    setTimeout(() => {
      if (this.stopped) return;
      this.connectListener().catch((e: Error) => {
        this.log(`event listener reconnect failed: ${e.message}`);
        this.listenClient = client; // let scheduleReconnect run again
        this.scheduleReconnect(client);
      });
    }, delay).unref();
  }

  // Serialises all head changes so events enter the ring strictly in order.
  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((e: Error) => this.log(`event hub: ${e.message}`));
  }

  private async onNotification(payload: string): Promise<void> {
    let note: { seq: number; event?: Omit<AnyStreamEvent, 'seq'> & { actorLabel?: string } };
    try {
      note = JSON.parse(payload);
    } catch {
      return this.catchUp();
    }
    if (note.seq <= this.head) return;
    if (note.seq === this.head + 1 && note.event) {
      this.push(wrap(eventFromDraft(note.seq, note.event as never)));
      this.wake();
      return;
    }
    return this.catchUp();
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const { rows } = await this.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT 1000`, [this.head]);
      if (rows.length === 0) return;
      for (const r of rows) this.push(wrap(eventFromRow(r)));
      this.wake();
      if (rows.length < 1000) return;
    }
  }

  private push(e: HubEvent): void {
    if (e.seq !== this.head + 1) throw new Error(`event hub out of order: have ${this.head}, got ${e.seq}`);
    if (this.ring.length === 0) this.ringStart = e.seq;
    this.ring.push(e);
    this.head = e.seq;
    if (this.ring.length > RING_CAPACITY) {
      const drop = this.ring.length - RING_CAPACITY;
      this.ring.splice(0, drop);
      this.ringStart += drop;
    }
  }

  // Several notifications often arrive in one tick under load; waking every socket once for all
  // of them lets each send its batch in one go instead of one write per event.
  private wakeScheduled = false;
  private wake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      for (const fn of this.waiters) fn();
    });
  }
}

function wrap(event: AnyStreamEvent): HubEvent {
  return { seq: event.seq, event, json: JSON.stringify(event) };
}
