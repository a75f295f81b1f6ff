import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode } from '@openpsap/contract';
import { AppError } from '../errors/app-error';

function body(code: ErrorCode, message: string, fields?: Record<string, string>): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

// Zod's wording for a missing value reads like a type error; callers understand "is required".
function friendly(message: string): string {
  return /received undefined/.test(message) ? 'is required' : message;
}

function fieldPath(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  // Body, query and path fields are named as the caller wrote them; headers get a prefix.
  const prefix = context === 'headers' ? 'headers.' : '';
  return `${prefix}${path}` || (context ?? 'body');
}

const PG_CLIENT_ERRORS: Record<string, [number, ErrorCode, string]> = {
  '23505': [409, 'conflict', 'that conflicts with an existing record'],
  '23503': [422, 'validation_failed', 'refers to a record that does not exist'],
  '22P02': [400, 'validation_failed', 'a value has the wrong form'],
  '22003': [400, 'validation_failed', 'a number is out of range'],
  '22001': [400, 'validation_failed', 'a value is too long'],
  '54000': [400, 'validation_failed', 'a value is too large'],
  '22P05': [400, 'validation_failed', 'text must not contain NUL characters'],
  '22021': [400, 'validation_failed', 'text must not contain NUL characters or invalid UTF-8'],
  '40001': [503, 'unavailable', 'the database was busy; retry'],
};
const UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT']);

/**
 * Turns every failure into the API's one error shape. Bad input is always a 4xx naming the
 * field; only a bug is a 500, and its details go to the log, never to the client.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    if (error.headers) reply.headers(error.headers);
    reply.code(error.status).send(body(error.code, error.message, error.fields));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A Map, not an object literal: a field named "constructor" or "toString" would otherwise find
    // the inherited property, skip the ??= and leave the error without a message.
    const named = new Map<string, string>();
    const name = (key: string, msg: string) => {
      if (!named.has(key)) named.set(key, msg);
    };
    for (const v of error.validation) {
      const keys = (v.params as { keys?: unknown }).keys;
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        // Name the unexpected field itself, so a typo ("lattitude") is found at a glance.
        for (const k of keys) name(fieldPath(error.validationContext, `${v.instancePath}/${String(k)}`.replace(/^\/\//, '/')), 'is not a known field');
        continue;
      }
      const key = fieldPath(error.validationContext, v.instancePath);
      name(key, friendly(v.message ?? 'is not valid'));
    }
    const fields = Object.fromEntries(named);
    const message = [...named].map(([k, v]) => `${k}: ${v}`).join('; ');
    reply.code(400).send(body('validation_failed', message, fields));
    return;
  }
  const code = (error as { code?: string }).code ?? '';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    reply.code(415).send(body('unsupported_media_type', 'send the body as application/json'));
    return;
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    reply.code(413).send(body('payload_too_large', 'the request body is too large'));
    return;
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    reply.code(400).send(body('malformed_request', 'the body is not valid JSON'));
    return;
  }
  const pg = PG_CLIENT_ERRORS[code];
  if (pg) {
    reply.code(pg[0]).send(body(pg[1], pg[2]));
    return;
  }
  if (UNAVAILABLE.has(code)) {
    request.log.error({ err: error }, 'database unavailable');
    reply.code(503).header('Retry-After', '2').send(body('unavailable', 'the database is unavailable; retry shortly'));
    return;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    reply.code(error.statusCode).send(body(error.statusCode === 404 ? 'not_found' : 'malformed_request', error.message));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  reply.code(500).send(body('internal', `internal error (request ${request.id})`));
}
