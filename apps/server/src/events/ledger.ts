import type pg from 'pg';
import type { DomainEventMap, DomainEventType } from '@openpsap/contract';
import type { Actor } from './actor';
import { canonicalJson } from './canonical-json';

/** One row of the audit log, before it is chained. */
export interface AuditDraft {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Why a sensitive read happened; required by callers for reads, optional for writes. */
  purpose?: string | null;
}

/** A domain event, before it gets its seq. `rooms` say which sockets it concerns. */
export interface EventDraft<T extends DomainEventType = DomainEventType> {
  type: T;
  agencyId: number | null;
  incidentId?: number | null;
  unitId?: number | null;
  callId?: number | null;
  rooms: string[];
  data: DomainEventMap[T];
}

/** The fields an audit row's hash covers, in the form `psap audit verify` rebuilds from the table. */
export function auditCanonicalText(row: {
  at: string;
  actorUserId: number | null;
  actorLabel: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  purpose: string | null;
}): string {
  return canonicalJson(row);
}

function ledgerArgs(actor: Actor, at: Date, audits: AuditDraft[], event?: EventDraft): [string, string | null] {
  const atIso = at.toISOString();
  const auditRows = audits.map((a) => {
    const row = {
      at: atIso,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId === null ? null : String(a.entityId),
      before: normalise(a.before),
      after: normalise(a.after),
      purpose: a.purpose ?? null,
    };
    return { ...row, canon: auditCanonicalText(row) };
  });
  const eventRow = event
    ? {
        at: atIso,
        type: event.type,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        agencyId: event.agencyId,
        incidentId: event.incidentId ?? null,
        unitId: event.unitId ?? null,
        callId: event.callId ?? null,
        rooms: [...new Set(event.rooms)],
        data: event.data,
      }
    : null;
  return [JSON.stringify(auditRows), eventRow ? JSON.stringify(eventRow) : null];
}

/**
 * Appends audit rows and at most one event in the caller's transaction. Must be the last
 * statement before COMMIT: it takes the ledger row lock, which serialises all writers.
 */
export async function appendLedger(tx: pg.PoolClient, actor: Actor, at: Date, audits: AuditDraft[], event?: EventDraft): Promise<number> {
  const [a, e] = ledgerArgs(actor, at, audits, event);
  const { rows } = await tx.query<{ seq: number }>('SELECT ledger_append($1::jsonb, $2::jsonb) AS seq', [a, e]);
  return rows[0]!.seq;
}

/**
 * A value only known at the very end of the transaction (an incident number taken from a
 * contended counter), computed in the same round trip as the append. `sql` is one top-level
 * statement returning `set_config('psap.late', <text>, true)`; every `token` in the audit rows
 * and the event is replaced by that text before they are written.
 */
export interface LateValue {
  token: string;
  sql: string;
}

/**
 * Appends to the ledger and commits in ONE round trip. The ledger lock is held from the append
 * to the end of the commit, and every writer queues on it, so a round trip saved here is
 * throughput gained for the whole centre. Values are sent as escaped literals because a
 * parameterised query cannot carry a second statement.
 */
export async function appendLedgerAndCommit(
  tx: pg.PoolClient,
  actor: Actor,
  at: Date,
  audits: AuditDraft[],
  event?: EventDraft,
  late?: LateValue,
): Promise<{ seq: number; late: string | null }> {
  const [a, e] = ledgerArgs(actor, at, audits, event);
  const arg = (json: string) =>
    late ? `replace(${tx.escapeLiteral(json)}, ${tx.escapeLiteral(late.token)}, current_setting('psap.late'))` : tx.escapeLiteral(json);
  const sql = `${late ? `${late.sql};\n` : ''}SELECT ledger_append(${arg(a)}::jsonb, ${e === null ? 'NULL' : arg(e)}::jsonb) AS seq; COMMIT`;
  const results = (await tx.query(sql)) as unknown as pg.QueryResult[];
  const lateValue = late ? String((results[0]!.rows[0] as Record<string, unknown>).set_config ?? '') : null;
  const seq = (results[late ? 1 : 0]!.rows[0] as { seq: number }).seq;
  if (late && !lateValue) throw new Error('late value statement returned no row');
  return { seq, late: lateValue };
}

/** Values as they will read back from jsonb: what the hash covers must survive the round trip. */
function normalise(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}
