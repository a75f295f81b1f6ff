import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { MAX_CHUNK_BYTES, type EvidenceSource, type UploadState } from '@openpsap/contract';
import { AppError, conflict } from '../errors/app-error';
import type { Actor } from '../events/actor';
import { runCommand } from '../events/run-command';
import type { AppContext } from '../http/app-context';
import { SNIFF_BYTES, type Sniffed } from './content-sniff';
import { evidenceDirs } from './evidence-store';
import { checkHead, limitFor, tooLarge } from './ingest';
import { recordIngested, type StoredEvidence } from './store-evidence';

/**
 * Resumable uploads: a file arrives in chunks, each sent with the offset it starts at (the idea of
 * tus 1.0: Upload-Offset and application/offset+octet-stream). The part file's length is the
 * truth about how far an upload got, so after a dropped connection the sender asks for the offset
 * and continues from there. The SHA-256 is computed as the chunks arrive; the type is decided by
 * the first bytes, so a renamed program is refused after its first chunk.
 */

export interface UploadRow {
  id: number;
  upload_key: string;
  source: EvidenceSource;
  link_id: number | null;
  incident_id: string | null;
  started_by: number | null;
  declared_name: string;
  declared_type: string | null;
  declared_size: string | null;
  received_bytes: string;
  content_type: string | null;
  lat: number | null;
  lon: number | null;
  location_accuracy_m: number | null;
  state: 'open' | 'complete' | 'refused' | 'abandoned';
  refused_reason: string | null;
  evidence_id: number | null;
  created_at: Date;
  updated_at: Date;
  sha256?: string | null;
}

export interface NewUpload {
  source: Exclude<EvidenceSource, 'footage'>;
  linkId: number | null;
  incidentId: number | null;
  startedBy: number | null;
  name: string;
  /** Known length, or null for a recording whose length is known only at the end. */
  size: number | null;
  type?: string | null;
  location?: { lat: number; lon: number; accuracyM?: number | null } | null;
}

/** Who the finished file is recorded as coming from, and how. */
export interface UploadOrigin {
  submittedBy: string;
  submittedByUserId: number | null;
  how: string;
  actor: Actor;
}

const partFile = (ctx: AppContext, key: string) => join(evidenceDirs(ctx.config).incoming, `${key}.part`);

export function uploadState(r: UploadRow): UploadState {
  return {
    key: r.upload_key,
    name: r.declared_name,
    size: r.declared_size === null ? null : Number(r.declared_size),
    offset: Number(r.received_bytes),
    state: r.state,
    evidenceId: r.evidence_id,
    sha256: r.sha256 ?? null,
    chunkBytes: MAX_CHUNK_BYTES,
  };
}

/** Creates the upload row (in the caller's transaction) after checking the declared size. */
export async function createUpload(ctx: AppContext, tx: pg.PoolClient, now: Date, u: NewUpload): Promise<UploadRow> {
  const s = ctx.config.evidence;
  if (u.size !== null) {
    const hintPhoto = (u.type ?? '').startsWith('image/');
    const max = hintPhoto ? s.maxPhotoBytes : Math.max(s.maxPhotoBytes, s.maxVideoBytes);
    if (u.size > max) throw tooLarge('size', hintPhoto ? 'photo' : 'video', max);
  }
  const key = randomBytes(16).toString('hex');
  const { rows } = await tx.query<UploadRow>(
    `INSERT INTO evidence_uploads (upload_key, source, link_id, incident_id, started_by, declared_name, declared_type, declared_size, lat, lon, location_accuracy_m, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING *`,
    [key, u.source, u.linkId, u.incidentId, u.startedBy, u.name.slice(0, 255), u.type?.slice(0, 100) ?? null, u.size, u.location?.lat ?? null, u.location?.lon ?? null, u.location?.accuracyM ?? null, now],
  );
  return rows[0]!;
}

export async function uploadByKey(db: pg.Pool | pg.PoolClient, key: string): Promise<UploadRow | null> {
  if (!/^[a-z0-9]{20,40}$/.test(key)) return null;
  const { rows } = await db.query<UploadRow>(
    'SELECT u.*, e.sha256 FROM evidence_uploads u LEFT JOIN evidence_items e ON e.id = u.evidence_id WHERE u.upload_key = $1',
    [key],
  );
  return rows[0] ?? null;
}

// One chunk at a time per upload in this process; a second request for the same upload waits.
const busy = new Map<string, Promise<unknown>>();
// Running hashes by upload key, with how many bytes they have seen; rebuilt from the part file
// when missing (a restart) or out of step.
const hashes = new Map<string, { hash: Hash; bytes: number }>();

async function serially<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = busy.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const settled = run.catch(() => undefined);
  busy.set(key, settled);
  try {
    return await run;
  } finally {
    if (busy.get(key) === settled) busy.delete(key);
  }
}

async function runningHash(file: string, key: string, bytes: number): Promise<Hash> {
  const known = hashes.get(key);
  if (known && known.bytes === bytes) return known.hash;
  const hash = createHash('sha256');
  if (bytes > 0) for await (const c of createReadStream(file, { start: 0, end: bytes - 1 })) hash.update(c as Buffer);
  hashes.set(key, { hash, bytes });
  return hash;
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(bytes, SNIFF_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function refuse(ctx: AppContext, row: UploadRow, actor: Actor, e: AppError): Promise<never> {
  await unlink(partFile(ctx, row.upload_key)).catch(() => undefined);
  hashes.delete(row.upload_key);
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    await tx.query("UPDATE evidence_uploads SET state = 'refused', refused_reason = $2, updated_at = $3 WHERE id = $1 AND state = 'open'", [row.id, e.message.slice(0, 300), now]);
    return { result: null, audits: [{ action: 'evidence.upload-refused', entity: 'evidence-upload', entityId: row.id, after: { status: e.status, field: Object.keys(e.fields ?? {})[0] ?? null } }] };
  });
  throw e;
}

/**
 * Appends one chunk at `offset`. Refuses a wrong offset (409, with the offset to resume from), a
 * chunk past the declared size, content that is not a photo or video, and a file over its kind's
 * limit. When the declared size is reached the file is finished and becomes an evidence item.
 */
export async function appendChunk(ctx: AppContext, key: string, offset: number, body: Readable, origin: UploadOrigin): Promise<UploadState> {
  return serially(key, async () => {
    const row = await uploadByKey(ctx.db.pool, key);
    if (!row) throw new AppError(404, 'not_found', 'upload not found');
    if (row.state !== 'open') {
      body.resume();
      if (row.state === 'complete') return uploadState(row);
      throw conflict(`this upload was ${row.state}${row.refused_reason ? `: ${row.refused_reason}` : ''}; start the file again`);
    }
    const file = partFile(ctx, key);
    await mkdir(evidenceDirs(ctx.config).incoming, { recursive: true });
    const have = (await stat(file).catch(() => null))?.size ?? 0;
    if (offset !== have) {
      body.resume();
      throw new AppError(409, 'conflict', `offset: this upload has ${have} bytes; send the chunk that starts at ${have}`, { offset: `must be ${have}` }, { 'upload-offset': String(have) });
    }
    const declared = row.declared_size === null ? null : Number(row.declared_size);
    const s = ctx.config.evidence;
    let media: Sniffed | null = row.content_type ? checkHead(await readHead(file, have), s, declared) : null;
    let max = media ? limitFor(s, media.kind) : Math.max(s.maxPhotoBytes, s.maxVideoBytes);
    const hash = await runningHash(file, key, have);
    let total = have;
    let chunkBytes = 0;
    let problem: AppError | null = null;
    const fh = await open(file, 'a', 0o600);
    try {
      for await (const raw of body) {
        const piece = raw as Buffer;
        chunkBytes += piece.length;
        if (chunkBytes > MAX_CHUNK_BYTES) {
          problem = new AppError(413, 'payload_too_large', `chunk: at most ${MAX_CHUNK_BYTES} bytes per request`, { chunk: `at most ${MAX_CHUNK_BYTES} bytes` });
          break;
        }
        if (declared !== null && total + piece.length > declared) {
          problem = new AppError(413, 'payload_too_large', `file: more bytes than the ${declared} declared`, { file: `more bytes than the ${declared} declared` });
          break;
        }
        if (total + piece.length > max) {
          problem = tooLarge('file', media?.kind ?? null, max);
          break;
        }
        await fh.write(piece);
        hash.update(piece);
        total += piece.length;
        hashes.set(key, { hash, bytes: total });
        if (!media && total >= Math.min(SNIFF_BYTES, declared ?? SNIFF_BYTES)) {
          try {
            media = checkHead(await readHead(file, total), s, declared);
          } catch (e) {
            problem = e as AppError;
            break;
          }
          max = limitFor(s, media.kind);
        }
      }
    } catch {
      // The sender went away mid-chunk: what was written stays, and they resume from it.
      await fh.close().catch(() => undefined);
      await ctx.db.pool.query('UPDATE evidence_uploads SET received_bytes = $2, updated_at = now() WHERE id = $1', [row.id, total]);
      throw new AppError(400, 'malformed_request', `the connection closed mid-chunk at byte ${total}; ask for the offset and resume`);
    } finally {
      await fh.close().catch(() => undefined);
    }
    if (problem) {
      body.resume();
      return refuse(ctx, row, origin.actor, problem);
    }
    await ctx.db.pool.query('UPDATE evidence_uploads SET received_bytes = $2, content_type = $3, updated_at = now() WHERE id = $1', [row.id, total, media?.contentType ?? null]);
    const updated = { ...row, received_bytes: String(total), content_type: media?.contentType ?? null };
    if (declared !== null && total === declared) return finish(ctx, updated, origin);
    return uploadState(updated);
  });
}

/** Finishes an upload whose length was not declared (a recording), with what has arrived. */
export async function completeUpload(ctx: AppContext, key: string, origin: UploadOrigin): Promise<UploadState> {
  return serially(key, async () => {
    const row = await uploadByKey(ctx.db.pool, key);
    if (!row) throw new AppError(404, 'not_found', 'upload not found');
    if (row.state === 'complete') return uploadState(row);
    if (row.state !== 'open') throw conflict(`this upload was ${row.state}`);
    const have = (await stat(partFile(ctx, key)).catch(() => null))?.size ?? 0;
    if (row.declared_size !== null && have !== Number(row.declared_size)) throw conflict(`offset: ${have} of ${row.declared_size} bytes arrived; send the rest first`);
    if (have === 0) return refuse(ctx, row, origin.actor, new AppError(422, 'validation_failed', 'file: nothing was received', { file: 'nothing was received' }));
    return finish(ctx, { ...row, received_bytes: String(have) }, origin);
  });
}

async function finish(ctx: AppContext, row: UploadRow, origin: UploadOrigin): Promise<UploadState> {
  const file = partFile(ctx, row.upload_key);
  const size = Number(row.received_bytes);
  const s = ctx.config.evidence;
  let media: Sniffed;
  try {
    media = checkHead(await readHead(file, size), s, size);
  } catch (e) {
    return refuse(ctx, row, origin.actor, e as AppError);
  }
  const fh = await open(file, 'r+');
  await fh.sync().finally(() => fh.close());
  const hash = await runningHash(file, row.upload_key, size);
  const sha256 = hash.digest('hex');
  hashes.delete(row.upload_key);
  const loc = row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon, accuracyM: row.location_accuracy_m } : null;
  const stored: StoredEvidence = await recordIngested(ctx, { file, sha256, size, media }, {
    declaredName: row.declared_name,
    source: row.source,
    incidentId: row.incident_id === null ? null : Number(row.incident_id),
    submittedBy: origin.submittedBy,
    submittedByUserId: origin.submittedByUserId,
    how: origin.how,
    location: loc,
    linkId: row.link_id,
    actor: origin.actor,
    inTransaction: async (tx, item, now) => {
      await tx.query("UPDATE evidence_uploads SET state = 'complete', evidence_id = $2, received_bytes = $3, content_type = $4, updated_at = $5 WHERE id = $1", [row.id, item.id, size, item.contentType, now]);
    },
  });
  return uploadState({ ...row, state: 'complete', evidence_id: stored.id, sha256: stored.sha256, received_bytes: String(size) });
}

/** Removes the part file of an upload that will never finish (expired link, abandoned). */
export async function discardPart(ctx: AppContext, key: string): Promise<void> {
  hashes.delete(key);
  await unlink(partFile(ctx, key)).catch(() => undefined);
}

/**
 * Where an upload stands now. Waits for a chunk still being written (or cut off) and reads the
 * part file's length, so the offset a sender resumes from is exactly what is on disk.
 */
export async function currentUploadState(ctx: AppContext, key: string): Promise<UploadState | null> {
  return serially(key, async () => {
    const row = await uploadByKey(ctx.db.pool, key);
    if (!row) return null;
    if (row.state !== 'open') return uploadState(row);
    const have = (await stat(partFile(ctx, key)).catch(() => null))?.size ?? 0;
    return uploadState({ ...row, received_bytes: String(have) });
  });
}
