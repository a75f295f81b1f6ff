import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors/app-error';
import type { EvidenceSettings } from './evidence-config';
import { sniffMedia, SNIFF_BYTES, type MediaKind, type Sniffed } from './content-sniff';

/** Bytes received whole into the incoming folder: hashed, measured and recognised. */
export interface Ingested {
  file: string;
  sha256: string;
  size: number;
  media: Sniffed;
}

const MB = 1024 * 1024;
const sizeText = (n: number) => (n >= MB ? `${Math.round(n / MB)} MB` : `${Math.ceil(n / 1024)} KB`);

/** The most one file of this kind may weigh. */
export function limitFor(s: Pick<EvidenceSettings, 'maxPhotoBytes' | 'maxVideoBytes'>, kind: MediaKind): number {
  return kind === 'photo' ? s.maxPhotoBytes : s.maxVideoBytes;
}

export function tooLarge(field: string, kind: MediaKind | null, max: number): AppError {
  const msg = `is larger than the ${sizeText(max)} allowed for ${kind === 'photo' ? 'a photo' : kind === 'video' ? 'a video' : 'one file'}`;
  return new AppError(413, 'payload_too_large', `${field}: ${msg}`, { [field]: msg });
}

export function notMedia(field: string, why: string): AppError {
  return new AppError(415, 'unsupported_media_type', `${field}: ${why}`, { [field]: why });
}

/** Recognises the first bytes, refusing what is not a photo or video, or too large for its kind. */
export function checkHead(head: Uint8Array, settings: Pick<EvidenceSettings, 'maxPhotoBytes' | 'maxVideoBytes'>, knownSize: number | null, field = 'file'): Sniffed {
  const r = sniffMedia(head);
  if (!r.ok) throw notMedia(field, r.why);
  const max = limitFor(settings, r.media.kind);
  if (knownSize !== null && knownSize > max) throw tooLarge(field, r.media.kind, max);
  return r.media;
}

/**
 * Streams bytes into the incoming folder, computing the SHA-256 on the way and recognising the
 * content from its first bytes, so a renamed program is refused before much of it is written and
 * a file over its kind's limit is cut off at the limit.
 */
export async function ingestStream(incomingDir: string, stream: Readable | AsyncIterable<Buffer>, settings: Pick<EvidenceSettings, 'maxPhotoBytes' | 'maxVideoBytes'>): Promise<Ingested> {
  await mkdir(incomingDir, { recursive: true });
  const file = join(incomingDir, `in-${randomBytes(10).toString('hex')}.part`);
  const fh = await open(file, 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer = Buffer.alloc(0);
  let media: Sniffed | null = null;
  let max = Math.max(settings.maxPhotoBytes, settings.maxVideoBytes);
  try {
    try {
      for await (const raw of stream) {
        const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
        size += chunk.length;
        if (!media) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= SNIFF_BYTES) {
            media = checkHead(head, settings, null);
            max = limitFor(settings, media.kind);
          }
        }
        if (size > max) throw tooLarge('file', media?.kind ?? null, max);
        hash.update(chunk);
        await fh.write(chunk);
      }
      media ??= checkHead(head, settings, size);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    await unlink(file).catch(() => undefined);
    if (stream && typeof (stream as Readable).destroy === 'function' && !(e instanceof AppError)) (stream as Readable).destroy();
    throw e;
  }
  return { file, sha256: hash.digest('hex'), size, media };
}
