import { createHmac } from 'node:crypto';
import type pg from 'pg';
import type { AlarmCallbackPayload, AnyStreamEvent } from '@openpsap/contract';
import { withTransaction } from '../../db/transaction';
import type { AppContext } from '../../http/app-context';
import type { Job } from '../../scheduler/scheduler';
import { followLedger } from '../i3-log/ledger-follower';

type Stage = 'dispatched' | 'arrived' | 'closed';

const MAX_ATTEMPTS = 10;
const TIMEOUT_MS = 5_000;
// While one attempt is out, no other server may take the same delivery.
const LEASE_MS = 60_000;

/** Wait before the next try: 30 s doubling to at most 30 min, ten tries over about two hours. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);

/**
 * Lets a company check an update really came from the centre: an HMAC-SHA256 of the body keyed
 * with the SHA-256 (hex) of its own key, which the company can compute and we store.
 */
export const signature = (keyHash: string, body: string) => `sha256=${createHmac('sha256', keyHash).update(body, 'utf8').digest('hex')}`;

/** The stage of an alarm that an event on its incident stands for, if any. */
function stageOf(e: AnyStreamEvent): { incidentId: number; stage: Stage; units: string[]; disposition: string | null; number: string } | null {
  switch (e.type) {
    case 'incident.units-dispatched':
      return { incidentId: e.data.incident.id, stage: 'dispatched', units: e.data.units.map((u) => u.callSign), disposition: null, number: e.data.incident.number };
    case 'unit.status-changed':
      return e.data.incident && e.data.unit.status === 'OnScene' ? { incidentId: e.data.incident.id, stage: 'arrived', units: [e.data.unit.callSign], disposition: null, number: e.data.incident.number } : null;
    case 'incident.closed':
      return { incidentId: e.data.incident.id, stage: 'closed', units: [], disposition: e.data.disposition, number: e.data.incident.number };
    default:
      return null;
  }
}

/**
 * Turns committed incident and unit events into the updates alarm companies are owed
 * (dispatched, arrived, closed): one delivery row per alarm and stage, written in the
 * transaction that moves this follower's cursor, so none is lost or made twice.
 */
export async function queueAlarmUpdates(pool: pg.Pool): Promise<void> {
  await followLedger(pool, 'alarm-updates', { audit: false }, async (tx, batch) => {
    const stages = batch.events.map((e) => ({ e, s: stageOf(e) })).filter((x): x is { e: AnyStreamEvent; s: NonNullable<ReturnType<typeof stageOf>> } => x.s !== null);
    if (!stages.length) return;
    const { rows } = await tx.query<{ id: number; external_id: string; account: string; call_id: number; incident_id: number }>(
      `SELECT e.id, e.external_id, e.account, e.call_id, c.incident_id FROM alarm_events e JOIN calls c ON c.id = e.call_id
        WHERE c.incident_id = ANY($1::bigint[]) AND e.cancelled_at IS NULL`,
      [[...new Set(stages.map((x) => x.s.incidentId))]],
    );
    for (const { e, s } of stages) {
      for (const a of rows.filter((r) => r.incident_id === s.incidentId)) {
        const payload: AlarmCallbackPayload = { alarmId: a.external_id, account: a.account, stage: s.stage, at: e.at, callId: a.call_id, incidentNumber: s.number, units: s.units, disposition: s.disposition, comments: null };
        await tx.query(
          'INSERT INTO alarm_deliveries (alarm_event_id, stage, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (alarm_event_id, stage) DO NOTHING',
          [a.id, s.stage, JSON.stringify(payload), e.at],
        );
      }
    }
  });
}

/**
 * Posts due updates to each company's callback URL, in order per alarm (a later stage waits for
 * an earlier one), and records every attempt with the answer. A failure is retried later with
 * a growing wait; after ten tries the update is given up and stays visible as such.
 */
export async function sendAlarmUpdates(pool: pg.Pool, now: Date): Promise<number> {
  let sent = 0;
  // A delivered stage lets the next one of the same alarm go in the following round.
  for (let round = 0; round < 10; round++) {
    const n = await sendRound(pool, now);
    sent += n;
    if (n === 0) break;
  }
  return sent;
}

async function sendRound(pool: pg.Pool, now: Date): Promise<number> {
  const claimed = await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: number; attempts: number; payload: AlarmCallbackPayload; callback_url: string; key_hash: string }>(
      `UPDATE alarm_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $2::double precision / 1000)
         FROM (SELECT x.id FROM alarm_deliveries x
                WHERE x.delivered_at IS NULL AND x.given_up_at IS NULL AND (x.attempts = 0 OR x.next_attempt_at <= $1)
                  AND NOT EXISTS (SELECT 1 FROM alarm_deliveries p WHERE p.alarm_event_id = x.alarm_event_id AND p.id < x.id AND p.delivered_at IS NULL AND p.given_up_at IS NULL)
                ORDER BY x.id LIMIT 20 FOR UPDATE SKIP LOCKED) due,
              alarm_events e JOIN alarm_companies c ON c.id = e.company_id
        WHERE d.id = due.id AND e.id = d.alarm_event_id
        RETURNING d.id, d.attempts, d.payload, c.callback_url, c.key_hash`,
      [now, LEASE_MS],
    );
    return rows;
  });
  for (const d of claimed) {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const body = JSON.stringify(d.payload);
      const res = await fetch(d.callback_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'OpenPSAP alarm updates', 'x-psap-signature': signature(d.key_hash, body) },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message;
    }
    await withTransaction(pool, async (tx) => {
      await tx.query('INSERT INTO alarm_delivery_attempts (delivery_id, at, http_status, error) VALUES ($1, $2, $3, $4)', [d.id, now, status, error?.slice(0, 500) ?? null]);
      if (!error) await tx.query('UPDATE alarm_deliveries SET delivered_at = $2 WHERE id = $1', [d.id, now]);
      else if (d.attempts >= MAX_ATTEMPTS) await tx.query('UPDATE alarm_deliveries SET given_up_at = $2 WHERE id = $1', [d.id, now]);
      else await tx.query('UPDATE alarm_deliveries SET next_attempt_at = $2 WHERE id = $1', [d.id, new Date(now.getTime() + retryDelayMs(d.attempts))]);
    });
  }
  return claimed.length;
}

export function alarmUpdatesJob(ctx: AppContext): Job {
  return {
    name: 'alarm-updates',
    everyMs: 5_000,
    run: async (now) => {
      await queueAlarmUpdates(ctx.db.pool);
      await sendAlarmUpdates(ctx.db.pool, now);
    },
  };
}
