import { createReadStream } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, conflict } from '../errors/app-error';
import type { Actor } from '../events/actor';
import type { AppContext } from '../http/app-context';
import { IntegrityError } from './blob-store';
import { logCustody } from './custody';
import { blobStore } from './evidence-store';
import type { EvidenceRow } from './evidence.queries';

/** A Range header's first range, or null to send the whole file; throws 416 for one outside the file. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) throw new AppError(416, 'validation_failed', `range: this file has ${size} bytes`, { range: `outside the file's ${size} bytes` }, { 'content-range': `bytes */${size}` });
  return { start, end };
}

/** Whether a request starts reading the file (no range, or from byte 0): one "use", not each seek. */
export function startsReading(req: FastifyRequest): boolean {
  const r = req.headers.range;
  return !r || /^bytes=0-/.test(r.trim());
}

const safeName = (name: string) => name.replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'evidence';

/**
 * Sends an item's bytes after verifying them against their SHA-256. Altered or missing bytes are
 * never sent: the failure is written to the item's chain of custody and the caller gets a 409
 * that says what happened.
 */
export async function sendEvidenceBytes(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, row: EvidenceRow, opts: { download: boolean; actor: Actor }): Promise<FastifyReply> {
  if (row.erased_at) throw new AppError(410, 'not_found', `evidence ${row.id} was erased on ${row.erased_at.toISOString().slice(0, 10)} under the retention rules`);
  let path: string;
  try {
    path = await blobStore(ctx.config, row.store).verifiedPath(row.sha256);
  } catch (e) {
    if (!(e instanceof IntegrityError)) throw e;
    await logCustody(ctx, opts.actor, [{ evidenceId: row.id, action: 'integrity-failed', detail: { expected: row.sha256, actual: e.actual, missing: e.actual === null } }]);
    throw conflict(`evidence ${row.id} failed its integrity check: ${e.message}. It was not shown; the failure is in its chain of custody. Tell a supervisor.`);
  }
  const size = Number(row.size_bytes);
  const range = parseRange(req.headers.range, size);
  const ext = row.content_type.split('/')[1]?.replace(/^x-/, '').replace('quicktime', 'mov').replace('x-matroska', 'mkv') ?? 'bin';
  const name = /\.[a-z0-9]{2,5}$/i.test(row.declared_name) ? safeName(row.declared_name) : `${safeName(row.declared_name)}.${ext}`;
  reply
    .header('content-type', row.content_type)
    .header('accept-ranges', 'bytes')
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('x-evidence-sha256', row.sha256)
    .header('content-disposition', `${opts.download ? 'attachment' : 'inline'}; filename="${name}"`);
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', String(range.end - range.start + 1));
    return reply.send(createReadStream(path, { start: range.start, end: range.end }));
  }
  reply.header('content-length', String(size));
  return reply.send(createReadStream(path));
}
