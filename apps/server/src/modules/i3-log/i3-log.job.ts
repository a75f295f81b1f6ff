import type pg from 'pg';
import { CENTRE_ROLES } from '../../auth/permissions';
import type { AppContext } from '../../http/app-context';
import type { Job } from '../../scheduler/scheduler';
import { centreDomain } from '../eido/emergency-ids';
import { followLedger } from './ledger-follower';
import { logEventsForAudit, logEventsForEvent, type I3LogDraft } from './i3-log.mapping';

const FOLLOWER = 'i3-log';

/**
 * Writes the i3 log from the ledger: every committed call, incident and sign-in event becomes
 * its LogEvents, in the transaction that moves the log's cursor, so each is logged exactly once.
 */
export async function writeI3Log(pool: pg.Pool, domain: string): Promise<number> {
  let written = 0;
  await followLedger(pool, FOLLOWER, { audit: true }, async (tx, batch) => {
    const agencies = await tx.query<{ id: number; code: string }>('SELECT id, code FROM agencies');
    const ids = { domain, agencyCodes: new Map(agencies.rows.map((a) => [a.id, a.code])) };
    const userIds = batch.audits.filter((a) => a.entity === 'user' && a.entity_id).map((a) => Number(a.entity_id));
    // Agents are the centre's telecommunicators; field responders signing in to a unit are not.
    const users = userIds.length
      ? await tx.query<{ id: number; username: string }>('SELECT id, username FROM users WHERE id = ANY($1::int[]) AND role = ANY($2::text[])', [userIds, CENTRE_ROLES])
      : { rows: [] };
    const usernames = new Map(users.rows.map((u) => [u.id, u.username]));
    const rows: { source: 'event' | 'audit'; seq: number; draft: I3LogDraft }[] = [];
    for (const e of batch.events) for (const draft of logEventsForEvent(e, ids)) rows.push({ source: 'event', seq: e.seq, draft });
    for (const a of batch.audits) for (const draft of logEventsForAudit(a, ids, usernames)) rows.push({ source: 'audit', seq: a.seq, draft });
    if (!rows.length) return;
    // One statement per batch; the unique (source, seq, type) key makes a replayed batch harmless.
    await tx.query(
      `INSERT INTO i3_log_events (log_event_id, type, at, call_id, incident_id, agent, source, source_seq, body)
       SELECT 'urn:emergency:uid:logid:' || r.source || '-' || r.seq || '-' || r.type || ':' || $2, r.type, r.at, r.call_id, r.incident_id, r.agent, r.source, r.seq, r.body
         FROM jsonb_to_recordset($1::jsonb) AS r(source text, seq bigint, type text, at timestamptz, call_id bigint, incident_id bigint, agent text, body jsonb)
       ON CONFLICT (source, source_seq, type) DO NOTHING`,
      [JSON.stringify(rows.map((r) => ({ source: r.source, seq: r.seq, type: r.draft.type, at: r.draft.at, call_id: r.draft.callId, incident_id: r.draft.incidentId, agent: r.draft.agent, body: r.draft.body }))), domain],
    );
    written += rows.length;
  });
  return written;
}

/** Follows the ledger every few seconds; a log a few seconds behind the floor is fine for records. */
export function i3LogJob(ctx: AppContext): Job {
  const domain = centreDomain(ctx.config);
  return { name: 'i3-log', everyMs: 5_000, run: async () => void (await writeI3Log(ctx.db.pool, domain)) };
}
