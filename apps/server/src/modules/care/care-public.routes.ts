import type { FastifyRequest } from 'fastify';
import { CareCheckInResultSchema, CareCodeCheckInBodySchema, CarePublicInfoSchema, CareTokenParamsSchema } from '@openpsap/contract';
import { AppError, invalid } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import type { AppContext } from '../../http/app-context';
import { rateLimit } from '../../http/rate-limit';
import type { Api } from '../../http/route-types';
import { checkIn } from './care-checkin.commands';
import { WrongCodeGuard } from './care-code-guard';
import { firstName } from './care-messages';
import { localDateOf } from './care-time';
import { getActiveEnrolmentByCode, getDay, getEnrolmentByToken } from './care.queries';

const tags = ['care (public)'];

/** A senior checking in is nobody's session; the audit row names the way in and the address. */
const publicActor = (req: FastifyRequest, via: 'link' | 'code'): Actor => ({ userId: null, label: `public:care-${via}`, role: 'system', ip: req.ip ?? null });

const LINK_NOT_VALID = 'this check-in link is not valid any more; ask the centre for a new one';

/**
 * The senior's side of CARE: no sign-in, a personal link or a 6-digit code. Rate limited per
 * address (one budget for all three routes) so nobody can try codes at speed.
 */
export function registerCarePublicRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  const limit = rateLimit('check-in', 20, 60_000);
  const wrongCodes = new WrongCodeGuard(60, 3_600_000);

  api.get('/api/v1/care/public/:token', {
    schema: { tags, summary: 'What the personal check-in page shows: first name, window, whether today is done', params: CareTokenParamsSchema, response: { 200: CarePublicInfoSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req) => {
    const e = await getEnrolmentByToken(pool, req.params.token);
    if (!e) throw new AppError(404, 'not_found', LINK_NOT_VALID);
    const date = localDateOf(ctx.clock.now(), ctx.config.timeZone);
    const day = await getDay(pool, e.id, date);
    return { firstName: firstName(e.person_name), language: e.language, windowStart: e.window_start, windowEnd: e.window_end, date, checkedInAt: day?.checked_in_at?.toISOString() ?? null, paused: !e.active };
  });

  api.post('/api/v1/care/public/:token/check-in', {
    schema: { tags, summary: '"I\'m OK" from the personal link', params: CareTokenParamsSchema, response: { 200: CareCheckInResultSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req) => {
    const e = await getEnrolmentByToken(pool, req.params.token);
    if (!e) throw new AppError(404, 'not_found', LINK_NOT_VALID);
    return checkIn(ctx, publicActor(req, 'link'), e, 'link', 'senior', null);
  });

  api.post('/api/v1/care/public/check-in', {
    schema: { tags, summary: '"I\'m OK" with the 6-digit check-in code', body: CareCodeCheckInBodySchema, response: { 200: CareCheckInResultSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req) => {
    const blocked = wrongCodes.blockedFor();
    if (blocked !== null) {
      throw new AppError(429, 'rate_limited', `too many wrong codes were typed; use your personal link or call the centre, or try again in ${blocked} min`, undefined, { 'Retry-After': String(blocked * 60) });
    }
    const e = await getActiveEnrolmentByCode(pool, req.body.code);
    // Paused enrolments do not own their code (another active one may), so both read as unknown.
    if (!e) {
      wrongCodes.recordWrong();
      throw invalid('code', 'no one is enrolled with this code; check the 6 digits or call the centre');
    }
    return checkIn(ctx, publicActor(req, 'code'), e, 'code', 'senior', null);
  });
}
