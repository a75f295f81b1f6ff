import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';

const MAX_BYTES = 5 * 1024 * 1024;

/** What a scan is, by its first bytes: a renamed file is refused rather than trusted by its name. */
function sniff(b: Buffer): { type: string; ext: string } | null {
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'application/pdf', ext: 'pdf' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { type: 'image/jpeg', ext: 'jpg' };
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { type: 'image/png', ext: 'png' };
  return null;
}

const dirOf = (ctx: AppContext) => join(ctx.config.dataDir, 'certifications');

/** Keeps a certificate's scanned copy under the data directory, named by its SHA-256. */
export async function storeCertificateScan(ctx: AppContext, actor: Actor, id: number, contentBase64: string, fileName: string) {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (!bytes.length) throw invalid('contentBase64', 'not base64 or empty');
  if (bytes.length > MAX_BYTES) throw invalid('contentBase64', 'the file is larger than 5 MB');
  const kind = sniff(bytes);
  if (!kind) throw invalid('contentBase64', 'send the scan as PDF, JPEG or PNG');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const file = `${sha}.${kind.ext}`;
  await mkdir(dirOf(ctx), { recursive: true, mode: 0o700 });
  // Written whole under a temporary name first: a reader never sees half a file.
  const tmp = join(dirOf(ctx), `.${file}.${process.pid}.tmp`);
  await writeFile(tmp, bytes, { mode: 0o600 });
  await rename(tmp, join(dirOf(ctx), file));
  return (await runCommand(ctx.db.pool, actor, async (tx) => {
    const { rowCount } = await tx.query('UPDATE certifications SET document_file = $2, document_type = $3, document_sha256 = $4 WHERE id = $1', [id, file, kind.type, sha]);
    if (!rowCount) throw notFound(`certification ${id}`);
    return { result: { id, documentType: kind.type, sha256: sha, bytes: bytes.length }, audits: [{ action: 'certification.document', entity: 'certification', entityId: id, after: { sha256: sha, type: kind.type, fileName } }] };
  })).result;
}

/** The scan's bytes, checked against the hash recorded when it was stored. */
export async function readCertificateScan(ctx: AppContext, id: number): Promise<{ bytes: Buffer; type: string }> {
  const { rows } = await ctx.db.pool.query<{ document_file: string | null; document_type: string; document_sha256: string }>('SELECT document_file, document_type, document_sha256 FROM certifications WHERE id = $1', [id]);
  const r = rows[0];
  if (!r?.document_file) throw notFound('scanned copy');
  const bytes = await readFile(join(dirOf(ctx), r.document_file));
  if (createHash('sha256').update(bytes).digest('hex') !== r.document_sha256) throw new Error(`certificate scan ${id} does not match its recorded hash`);
  return { bytes, type: r.document_type };
}
