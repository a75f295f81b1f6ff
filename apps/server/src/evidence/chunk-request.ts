import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { CHUNK_CONTENT_TYPE, UPLOAD_OFFSET_HEADER } from '@openpsap/contract';
import { AppError } from '../errors/app-error';
import type { Api } from '../http/route-types';

/**
 * Lets chunk bodies through as streams: written to disk as they arrive, never buffered whole, and
 * not held to the JSON body limit (the upload code limits them itself).
 */
export function registerChunkParser(api: Api): void {
  if (api.hasContentTypeParser(CHUNK_CONTENT_TYPE)) return;
  api.addContentTypeParser(CHUNK_CONTENT_TYPE, (_req, payload, done) => done(null, payload));
}

/** The request's chunk stream; any other body type is refused. */
export function chunkBody(req: FastifyRequest): Readable {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== CHUNK_CONTENT_TYPE || !req.body || typeof (req.body as Readable).pipe !== 'function') {
    throw new AppError(415, 'unsupported_media_type', `send the chunk as ${CHUNK_CONTENT_TYPE} with an ${UPLOAD_OFFSET_HEADER} header`);
  }
  return req.body as Readable;
}

/** The chunk's starting offset from its header. */
export function chunkOffset(req: FastifyRequest): number {
  const raw = req.headers[UPLOAD_OFFSET_HEADER];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || !/^\d{1,15}$/.test(v)) throw new AppError(400, 'validation_failed', `${UPLOAD_OFFSET_HEADER}: must be the byte offset this chunk starts at`, { [UPLOAD_OFFSET_HEADER]: 'must be a whole number of bytes' });
  return Number(v);
}
