import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import type { EvidenceSource } from '@openpsap/contract';
import { notFound } from '../errors/app-error';
import { systemActor, type Actor } from '../events/actor';
import type { AuditDraft } from '../events/ledger';
import { runCommand } from '../events/run-command';
import type { AppContext } from '../http/app-context';
import { writeCustody } from './custody';
import { blobStore, evidenceDirs } from './evidence-store';
import { ingestStream, type Ingested } from './ingest';

export interface StoreEvidenceInput {
  /** The bytes, as a stream (an HTTP upload, a camera export) ... */
  stream?: Readable | AsyncIterable<Buffer>;
  /** ... or a file on this machine, which is copied (the original is left alone). */
  file?: string;
  /** The name the sender gave the file; kept as told, never trusted for its type. */
  declaredName: string;
  source: EvidenceSource;
  /** The incident it belongs to, if any (items of open incidents are never erased by retention). */
  incidentId: number | null;
  /** Who gave it, as a person would name them: a witness's phone, a camera owner, a dispatcher. */
  submittedBy: string;
  submittedByUserId?: number | null;
  /** How it reached the centre, e.g. "witness upload link 12 (SMS)", "footage request 7". */
  how: string;
  /** Where the sender said it was taken, with their consent. */
  location?: { lat: number; lon: number; accuracyM?: number | null } | null;
  /** The witness or live-video link it came through. */
  linkId?: number | null;
  /** Who records it in the audit log; by default the system, naming the source. */
  actor?: Actor;
  /**
   * Runs inside the transaction that creates the item (e.g. to mark a footage request uploaded),
   * so both changes commit together or not at all. Returns extra audit rows.
   */
  inTransaction?: (tx: pg.PoolClient, item: StoredEvidence, now: Date) => Promise<AuditDraft[] | void>;
}

export interface StoredEvidence {
  id: number;
  sha256: string;
  size: number;
  contentType: string;
  mediaKind: 'photo' | 'video';
}

/**
 * The one way evidence enters the centre: the bytes are streamed into the store with their SHA-256
 * computed on the way and their type decided by their content (refused with 415 naming `file`
 * when they are not a photo or video, 413 when over the limit for their kind), then the item and
 * its first custody entry ("received") are written in one transaction with their audit rows.
 */
export async function storeEvidence(ctx: AppContext, input: StoreEvidenceInput): Promise<StoredEvidence> {
  const source = input.stream ?? (input.file ? createReadStream(input.file) : null);
  if (!source) throw new Error('storeEvidence needs a stream or a file');
  const ingested = await ingestStream(evidenceDirs(ctx.config).incoming, source, ctx.config.evidence);
  return recordIngested(ctx, ingested, input);
}

/** Puts already ingested bytes (e.g. a finished resumable upload) into the store and records the item. */
export async function recordIngested(ctx: AppContext, ing: Ingested, input: Omit<StoreEvidenceInput, 'stream' | 'file'>): Promise<StoredEvidence> {
  if (input.incidentId !== null) {
    const { rowCount } = await ctx.db.pool.query('SELECT 1 FROM incidents WHERE id = $1', [input.incidentId]);
    if (!rowCount) {
      await unlink(ing.file).catch(() => undefined);
      throw notFound(`incident ${input.incidentId}`);
    }
  }
  const store = blobStore(ctx.config);
  // Bytes first, row second: a crash in between leaves bytes nobody points at (harmless, and
  // stored again under the same name by a retry), never a row pointing at nothing.
  await store.put(ing.file, ing.sha256, ing.size, ing.media.contentType);
  const actor = input.actor ?? systemActor(`evidence-${input.source}`);
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const loc = input.location ?? null;
    const { rows } = await tx.query<{ id: number; agency_id: number | null }>(
      `INSERT INTO evidence_items (incident_id, sha256, size_bytes, content_type, media_kind, declared_name, source, submitted_by,
         submitted_by_user_id, how, link_id, received_at, lat, lon, location_accuracy_m, store)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING id, (SELECT agency_id FROM incidents WHERE id = $1) AS agency_id`,
      [input.incidentId, ing.sha256, ing.size, ing.media.contentType, ing.media.kind, input.declaredName.slice(0, 255), input.source, input.submittedBy.slice(0, 200),
        input.submittedByUserId ?? null, input.how.slice(0, 500), input.linkId ?? null, now, loc?.lat ?? null, loc?.lon ?? null, loc?.accuracyM ?? null, store.kind],
    );
    const row = rows[0]!;
    const item: StoredEvidence = { id: row.id, sha256: ing.sha256, size: ing.size, contentType: ing.media.contentType, mediaKind: ing.media.kind };
    const audits = await writeCustody(tx, now, actor, [
      { evidenceId: item.id, action: 'received', detail: { sha256: item.sha256, size: item.size, contentType: item.contentType, source: input.source, incidentId: input.incidentId, linkId: input.linkId ?? null } },
    ]);
    const extra = (await input.inTransaction?.(tx, item, now)) ?? [];
    return {
      result: item,
      audits: [...audits, ...extra],
      event: {
        type: 'evidence.received' as const,
        agencyId: row.agency_id,
        incidentId: input.incidentId,
        rooms: input.incidentId !== null ? ['centre', `incident:${input.incidentId}`] : ['centre'],
        data: { evidenceId: item.id, incidentId: input.incidentId, source: input.source, mediaKind: item.mediaKind, sizeBytes: item.size },
      },
    };
  });
  return result;
}
