import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';

/**
 * A fixed-window limit per client address, for public forms: enough for a family filling a form
 * twice, too little for a script flooding the review queue. In memory per server; with several
 * servers each enforces its own share, which is still a cap.
 */
export function rateLimit(name: string, max: number, windowMs: number) {
  const hits = new Map<string, { start: number; n: number }>();
  return async (request: FastifyRequest): Promise<void> => {
    const key = request.ip ?? 'unknown';
    const now = Date.now();
    const h = hits.get(key);
    if (!h || now - h.start >= windowMs) {
      if (hits.size > 50_000) hits.clear();
      hits.set(key, { start: now, n: 1 });
      return;
    }
    h.n++;
    if (h.n > max) {
      const retry = Math.ceil((h.start + windowMs - now) / 1000);
      throw new AppError(429, 'rate_limited', `too many ${name} requests from this address; try again in ${retry} s`, undefined, { 'Retry-After': String(retry) });
    }
  };
}
