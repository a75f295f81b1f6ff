import type { ErrorCode } from '@openpsap/contract';

/**
 * An error a caller can act on: it carries the HTTP status, a stable code and, for bad input,
 * which field is wrong. Anything else that escapes a request is a bug and becomes a 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const forbidden = (message = 'your role may not do this') => new AppError(403, 'forbidden', message);
export const invalid = (field: string, message: string) => new AppError(422, 'validation_failed', `${field}: ${message}`, { [field]: message });
