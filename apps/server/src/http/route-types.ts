import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { FastifyRequest } from 'fastify';
import { actorOf, type Principal } from '../auth/principal';
import type { Actor } from '../events/actor';

/** The Fastify instance with zod schemas as the type provider, as every route module receives it. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const IdParams = z.object({ id: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be positive').max(Number.MAX_SAFE_INTEGER) }).strict();
export const UnitParams = z.object({ id: z.string().trim().min(1).max(32) }).strict();

/** The signed-in caller; routes behind an access rule always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError(401, 'unauthenticated', 'sign in first');
  return request.principal;
}

export function actorFor(request: FastifyRequest): Actor {
  return actorOf(principalOf(request), request.ip ?? null);
}
