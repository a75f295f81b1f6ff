import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { WebSocket } from 'ws';
import { EidoSubscriberMessageSchema, STREAM_CLOSE, type AnyStreamEvent } from '@openpsap/contract';
import type { EventHub } from '../../realtime/event-hub';
import { maySee, type StreamViewer } from '../../realtime/visibility';
import type { Principal } from '../../auth/principal';
import { mayReadCalls, mayReadIncident } from './eido-access';
import { currentEido } from './eido.service';
import { ownIdFromUrn } from './emergency-ids';

type Scope = { incidentId: number } | { agencyId: number };
type SessionCheck = () => Promise<'ok' | 'locked' | 'ended'>;

const MAX_SUBSCRIPTIONS = 50;
const AGENCY_SNAPSHOT_LIMIT = 200;

/** The incident an event is about, for the events that change an EIDO. */
function incidentOf(e: AnyStreamEvent): { id: number; agencyId: number } | null {
  const d = e.data as { incident?: { id: number; agencyId: number } | null };
  if (d.incident) return { id: d.incident.id, agencyId: d.incident.agencyId };
  if (e.type === 'call.attached') return e.incidentId !== null ? { id: e.data.incidentId, agencyId: e.agencyId ?? -1 } : null;
  return null;
}

/**
 * One EIDO subscriber (NENA STA-024 in spirit): subscribe to an incident or to an agency's
 * incidents, get the current EIDO at once and a fresh one after every committed change. It
 * follows the same hub and cursor as the event stream, and applies the stream's per-event
 * visibility rule before it even reads the incident.
 */
export class EidoSubscriber {
  private readonly subs = new Map<string, Scope>();
  private cursor: number;
  private pumping = false;
  private again = false;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly pool: pg.Pool,
    private readonly hub: EventHub,
    private readonly principal: Principal,
    private readonly viewer: StreamViewer,
    private readonly domain: string,
    private readonly checkSession: SessionCheck,
    private readonly heartbeatSeconds: number,
    private readonly log: (msg: string) => void,
  ) {
    this.cursor = hub.headSeq;
  }

  start(): void {
    this.unsubscribe = this.hub.onAdvance(() => void this.pump());
    this.ws.on('message', (raw) => void this.onMessage(raw.toString()).catch((e: Error) => this.log(`eido subscription: ${e.message}`)));
    this.ws.on('close', () => this.dispose());
    this.ws.on('error', () => this.dispose());
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatSeconds * 1000);
  }

  private send(msg: unknown): void {
    if (!this.closed) this.ws.send(JSON.stringify(msg));
  }

  private async onMessage(raw: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return this.send({ response: { requestId: '', statusCode: 400, statusText: 'messages must be JSON' } });
    }
    const msg = EidoSubscriberMessageSchema.safeParse(parsed);
    if (!msg.success) {
      const requestId = String((parsed as { subscribe?: { requestId?: unknown } })?.subscribe?.requestId ?? '');
      return this.send({ response: { requestId, statusCode: 400, statusText: msg.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') } });
    }
    const m = msg.data;
    if ('eventResponse' in m) return;
    if ('unsubscribe' in m) {
      const had = this.subs.delete(m.unsubscribe.subscriptionId);
      return this.send({ unsubscribeResponse: { requestId: m.unsubscribe.requestId, subscriptionId: m.unsubscribe.subscriptionId, statusCode: had ? 200 : 481, statusText: had ? 'OK' : 'no such subscription' } });
    }
    const s = m.subscribe;
    const reply = (statusCode: number, statusText: string, subscriptionId?: string) => this.send({ subscribeResponse: { requestId: s.requestId, statusCode, statusText, ...(subscriptionId ? { subscriptionId } : {}) } });
    if (s.incidentId && s.qualFilter) return reply(400, 'give incidentId or qualFilter, not both');
    if (this.subs.size >= MAX_SUBSCRIPTIONS) return reply(413, `at most ${MAX_SUBSCRIPTIONS} subscriptions per connection`);
    let scope: Scope;
    if (s.incidentId) {
      const id = /^\d{1,15}$/.test(s.incidentId) ? Number(s.incidentId) : ownIdFromUrn(s.incidentId, 'incidentid', this.domain);
      if (id === null) return reply(404, `incidentId: ${s.incidentId} is not an incident of this centre`);
      const { rows } = await this.pool.query<{ agency_id: number }>('SELECT agency_id FROM incidents WHERE id = $1', [id]);
      if (!rows[0]) return reply(404, `incidentId: no incident ${s.incidentId}`);
      if (!(await mayReadIncident(this.pool, this.principal, { id, agencyId: rows[0].agency_id }))) return reply(403, 'this incident belongs to another agency and your unit is not on it');
      if (this.viewer.role === 'responder') this.viewer.incidentIds.add(id);
      scope = { incidentId: id };
    } else {
      const f = /^agency:([A-Za-z0-9-]{1,16})$/.exec(s.qualFilter ?? '');
      if (!f) return reply(400, 'qualFilter: must be agency:<id or code>, or give incidentId');
      const { rows } = await this.pool.query<{ id: number }>('SELECT id FROM agencies WHERE id::text = $1 OR code = upper($1)', [f[1]]);
      if (!rows[0]) return reply(404, `qualFilter: no agency ${f[1]}`);
      if (this.viewer.role === 'responder' && this.viewer.agencyId !== rows[0].id) return reply(403, 'a responder may follow only their own agency');
      scope = { agencyId: rows[0].id };
    }
    const subscriptionId = randomUUID();
    this.subs.set(subscriptionId, scope);
    reply(200, 'OK', subscriptionId);
    // The current state first; changes committed from here on follow as events.
    const ids =
      'incidentId' in scope
        ? [scope.incidentId]
        : (await this.pool.query<{ id: number }>("SELECT id FROM incidents WHERE agency_id = $1 AND status <> 'Closed' ORDER BY id LIMIT $2", [scope.agencyId, AGENCY_SNAPSHOT_LIMIT])).rows.map((r) => r.id);
    await this.notify(subscriptionId, ids);
  }

  private async notify(subscriptionId: string, incidentIds: number[]): Promise<void> {
    const docs: Record<string, unknown>[] = [];
    for (const id of incidentIds) {
      const doc = await currentEido(this.pool, id, { domain: this.domain, includeCalls: mayReadCalls(this.principal) });
      if (doc) docs.push(doc);
    }
    if (docs.length) this.send({ event: { subscriptionId, transactionId: randomUUID(), notification: docs } });
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
          const batch = await this.hub.eventsAfter(this.cursor, 500);
          if (batch.length === 0) break;
          const due = new Map<string, Set<number>>();
          for (const { event: e } of batch) {
            this.cursor = e.seq;
            this.trackAssignments(e);
            const inc = incidentOf(e);
            if (!inc || !this.subs.size || !maySee(this.viewer, e)) continue;
            for (const [sid, scope] of this.subs) {
              if (('incidentId' in scope && scope.incidentId === inc.id) || ('agencyId' in scope && scope.agencyId === inc.agencyId)) {
                (due.get(sid) ?? due.set(sid, new Set()).get(sid)!).add(inc.id);
              }
            }
          }
          for (const [sid, ids] of due) if (this.subs.has(sid)) await this.notify(sid, [...ids]);
        }
      } while (this.again && !this.closed);
    } catch (e) {
      this.log(`eido subscription: delivery failed: ${(e as Error).message}`);
      this.close(1011, 'delivery failed; subscribe again');
    } finally {
      this.pumping = false;
    }
  }

  private trackAssignments(e: AnyStreamEvent): void {
    if (this.viewer.unitId === null || e.type !== 'incident.units-dispatched') return;
    if (e.data.units.some((u) => u.id === this.viewer.unitId)) this.viewer.incidentIds.add(e.data.incident.id);
  }

  private async beat(): Promise<void> {
    try {
      const state = await this.checkSession();
      if (state === 'locked') return this.close(STREAM_CLOSE.sessionLocked, 'session locked; unlock and subscribe again');
      if (state === 'ended') return this.close(STREAM_CLOSE.unauthenticated, 'session ended; sign in again');
    } catch (e) {
      this.log(`eido subscription: session check failed: ${(e as Error).message}`);
    }
    if (!this.closed) this.ws.ping();
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
