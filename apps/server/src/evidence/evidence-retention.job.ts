import type { EvidenceSource } from '@openpsap/contract';
import { systemActor } from '../events/actor';
import { runCommand } from '../events/run-command';
import type { AppContext } from '../http/app-context';
import type { Job } from '../scheduler/scheduler';
import { writeCustody } from './custody';
import { blobStore } from './evidence-store';
import { completeUpload, discardPart, type UploadRow } from './resumable-upload';
import type { LinkRow } from './evidence.queries';

const actor = systemActor('evidence-retention');
const BATCH = 200;
/** A recording that has received nothing for this long lost its console: it is finished as it is. */
export const STALE_RECORDING_MS = 30 * 60_000;

export interface EvidenceRetentionResult {
  abandoned: number;
  recordingsFinished: number;
  erased: number;
  bytesRemoved: number;
}

/**
 * Uploads that can no longer finish are cleaned up, recordings whose console went away are kept
 * as far as they got, and items past their source's retention days are erased, unless their
 * incident is still open. Decisions use the scheduler's clock.
 */
export async function runEvidenceRetention(ctx: AppContext, now: Date): Promise<EvidenceRetentionResult> {
  const pool = ctx.db.pool;
  const out: EvidenceRetentionResult = { abandoned: 0, recordingsFinished: 0, erased: 0, bytesRemoved: 0 };

  // Witness and staff uploads whose link expired, was revoked or was finished.
  const dead = await pool.query<{ id: number; upload_key: string }>(
    `SELECT u.id, u.upload_key FROM evidence_uploads u JOIN evidence_links l ON l.id = u.link_id
      WHERE u.state = 'open' AND u.source = 'witness' AND (l.expires_at <= $1 OR l.revoked_at IS NOT NULL OR l.finished_at IS NOT NULL)`,
    [now],
  );
  if (dead.rowCount) {
    await runCommand(pool, actor, async (tx, at) => {
      await tx.query("UPDATE evidence_uploads SET state = 'abandoned', updated_at = $2 WHERE id = ANY($1) AND state = 'open'", [dead.rows.map((r) => r.id), at]);
      return { result: null, audits: [{ action: 'evidence.uploads-abandoned', entity: 'evidence-upload', entityId: null, after: { ids: dead.rows.map((r) => r.id) } }] };
    });
    for (const r of dead.rows) await discardPart(ctx, r.upload_key);
    out.abandoned = dead.rowCount;
  }

  // Recordings nobody is adding to: keep what arrived as evidence.
  const stale = await pool.query<UploadRow & { link: LinkRow }>(
    `SELECT u.upload_key, to_jsonb(l) AS link FROM evidence_uploads u JOIN evidence_links l ON l.id = u.link_id
      WHERE u.state = 'open' AND u.source = 'caller-video' AND u.updated_at < $1`,
    [new Date(now.getTime() - STALE_RECORDING_MS)],
  );
  for (const r of stale.rows) {
    const link = r.link;
    const origin = {
      submittedBy: link.recipient_name ? `${link.recipient_name} (${link.recipient_phone})` : link.recipient_phone,
      submittedByUserId: null,
      how: `live video from the caller's phone (link ${link.id}), recorded at the console; finished by the system after the console stopped sending`,
      actor,
    };
    const done = await completeUpload(ctx, r.upload_key, origin).catch(() => null);
    if (done?.state === 'complete') out.recordingsFinished++;
  }

  // Retention: per source, by the day the item was received; open incidents keep theirs.
  const days = ctx.config.evidence.retentionDays;
  for (const source of Object.keys(days) as EvidenceSource[]) {
    const cutoff = new Date(now.getTime() - days[source] * 86_400_000);
    for (;;) {
      const { result: erased } = await runCommand(pool, actor, async (tx, at) => {
        const { rows } = await tx.query<{ id: number; sha256: string; store: 'local' | 's3' }>(
          `SELECT e.id, e.sha256, e.store FROM evidence_items e LEFT JOIN incidents i ON i.id = e.incident_id
            WHERE e.erased_at IS NULL AND e.source = $1 AND e.received_at < $2 AND (i.id IS NULL OR i.status = 'Closed')
            ORDER BY e.id LIMIT ${BATCH} FOR UPDATE OF e SKIP LOCKED`,
          [source, cutoff],
        );
        if (!rows.length) return { result: rows, audits: [] };
        const ids = rows.map((r) => r.id);
        // What identifies the sender goes; what the file was (hash, size, type, dates) stays known.
        await tx.query(
          `UPDATE evidence_items SET erased_at = $2, erased_reason = $3, submitted_by = '(erased)', how = '(erased)', declared_name = '(erased)', lat = NULL, lon = NULL, location_accuracy_m = NULL
            WHERE id = ANY($1)`,
          [ids, at, `retention: ${source} items are kept ${days[source]} days`],
        );
        await tx.query("UPDATE evidence_shares SET revoked_at = $2, revoked_by_label = 'system:evidence-retention' WHERE evidence_id = ANY($1) AND revoked_at IS NULL", [ids, at]);
        const audits = await writeCustody(tx, at, actor, rows.map((r) => ({ evidenceId: r.id, action: 'erased' as const, detail: { rule: `${source}:${days[source]}d` } })));
        return { result: rows, audits };
      });
      out.erased += erased.length;
      if (erased.length < BATCH) break;
    }
  }

  // Bytes go after the rows are committed; bytes another live item still uses stay. Recently
  // erased items are looked at again, so a crash between the commit and the removal is repaired.
  const { rows: gone } = await pool.query<{ sha256: string; store: 'local' | 's3' }>(
    `SELECT DISTINCT e.sha256, e.store FROM evidence_items e
      WHERE e.erased_at IS NOT NULL AND e.erased_at > now() - interval '2 days'
        AND NOT EXISTS (SELECT 1 FROM evidence_items o WHERE o.sha256 = e.sha256 AND o.store = e.store AND o.erased_at IS NULL)`,
  );
  for (const g of gone) {
    try {
      const store = blobStore(ctx.config, g.store);
      if (await store.has(g.sha256)) {
        await store.remove(g.sha256);
        out.bytesRemoved++;
      }
    } catch (e) {
      ctx.log(`evidence retention: could not remove ${g.store} bytes ${g.sha256.slice(0, 12)}: ${(e as Error).message}`);
    }
  }
  return out;
}

export function evidenceRetentionJob(ctx: AppContext): Job {
  return { name: 'evidence-retention', everyMs: 15 * 60_000, run: async (now) => void (await runEvidenceRetention(ctx, now)) };
}
