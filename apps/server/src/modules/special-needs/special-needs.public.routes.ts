import { z } from 'zod';
import { SpecialNeedsFormSchema, SubmitResultSchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { rateLimit } from '../../http/rate-limit';
import type { Actor } from '../../events/actor';
import { decodePhoto, reconfirmNotice, submitNotice, updateNotice, withdrawNotice } from './special-needs.commands';
import { manageUrl } from './special-needs.messages';
import { getNotice, noticeIdForToken, noticePhoto, toRecord } from './special-needs.queries';
import { CONSENT_TEXT, noticePdf } from './special-needs.pdf';
import { centreName } from '../../http/centre-name';

const tags = ['special needs (public)'];
const TokenParams = z.object({ token: z.string().regex(/^sn_[A-Za-z0-9_-]{43}$/, 'is not a valid link') }).strict();
const UpdateBody = SpecialNeedsFormSchema.and(z.object({ removePhoto: z.boolean().optional() }));
// The photo travels base64-encoded inside the JSON: 2 MB of picture is about 2.7 MB of text.
const FORM_BODY_LIMIT = 4 * 1024 * 1024;

/** Changes made through a private link are the submitter's, recorded with their address only. */
const submitterActor = (ip: string | null): Actor => ({ userId: null, label: 'public:special-needs', role: 'system', ip });

/**
 * The public side of the Special Needs Notification: no sign-in. Whoever holds a private link may
 * see, correct or withdraw that one notification and nothing else.
 */
export function registerSpecialNeedsPublicRoutes(api: Api, ctx: AppContext): void {
  const submitLimit = rateLimit('special-needs form', 10, 60 * 60_000);
  const linkLimit = rateLimit('special-needs link', 120, 60_000);

  async function byToken(token: string) {
    const id = await noticeIdForToken(ctx.db.pool, token);
    const n = id === null ? null : await getNotice(ctx.db.pool, id);
    if (!n) throw notFound('this link is not valid any more, or the notice');
    return n;
  }

  api.get('/api/v1/public/special-needs/consent', {
    schema: { tags, summary: 'The consent statement the form asks people to sign, in English and Spanish' },
    config: { access: { public: true } },
  }, async () => CONSENT_TEXT);

  api.post('/api/v1/public/special-needs', {
    schema: { tags, summary: 'Submit a Special Needs Notification (waits for review)', body: SpecialNeedsFormSchema, response: { 201: SubmitResultSchema } },
    config: { access: { public: true } },
    bodyLimit: FORM_BODY_LIMIT,
    preHandler: submitLimit,
  }, async (req, reply) => {
    const { id, token } = await submitNotice(ctx, submitterActor(req.ip ?? null), req.body);
    reply.code(201);
    return { id, manageUrl: manageUrl(ctx, token, req.body.language), pdfUrl: `/api/v1/public/special-needs/manage/${token}/pdf` };
  });

  api.get('/api/v1/public/special-needs/manage/:token', {
    schema: { tags, summary: 'The notification a private link opens', params: TokenParams },
    config: { access: { public: true } },
    preHandler: linkLimit,
  }, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    return toRecord(await byToken(req.params.token));
  });

  api.put('/api/v1/public/special-needs/manage/:token', {
    schema: { tags, summary: 'Correct the notification (it goes back to review)', params: TokenParams, body: UpdateBody },
    config: { access: { public: true } },
    bodyLimit: FORM_BODY_LIMIT,
    preHandler: linkLimit,
  }, async (req) => {
    const n = await byToken(req.params.token);
    const { photo, removePhoto, ...form } = req.body;
    const picture = decodePhoto(photo);
    const change = picture ? { set: picture } : removePhoto ? ({ remove: true } as const) : ({ keep: true } as const);
    return toRecord(await updateNotice(ctx, submitterActor(req.ip ?? null), n.id, form, change));
  });

  api.post('/api/v1/public/special-needs/manage/:token/withdraw', {
    schema: { tags, summary: 'Withdraw the notification: responders stop seeing it at once', params: TokenParams },
    config: { access: { public: true } },
    preHandler: linkLimit,
  }, async (req) => {
    const n = await byToken(req.params.token);
    await withdrawNotice(ctx, submitterActor(req.ip ?? null), n.id);
    return { ok: true };
  });

  api.post('/api/v1/public/special-needs/manage/:token/confirm', {
    schema: { tags, summary: 'Confirm the notification is still correct (another year)', params: TokenParams },
    config: { access: { public: true } },
    preHandler: linkLimit,
  }, async (req) => {
    const n = await byToken(req.params.token);
    return toRecord(await reconfirmNotice(ctx, submitterActor(req.ip ?? null), n.id));
  });

  api.get('/api/v1/public/special-needs/manage/:token/pdf', {
    schema: { tags, summary: 'A PDF copy of the notification', params: TokenParams },
    config: { access: { public: true } },
    preHandler: linkLimit,
  }, async (req, reply) => {
    const n = await byToken(req.params.token);
    const pdf = noticePdf(n, n.has_photo ? await noticePhoto(ctx.db.pool, n.id) : null, centreName(ctx));
    return reply
      .type('application/pdf')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="special-needs-SN-${String(n.id).padStart(6, '0')}.pdf"`)
      .send(pdf);
  });

  api.get('/api/v1/public/special-needs/manage/:token/photo', {
    schema: { tags, summary: 'The photo sent with the notification', params: TokenParams },
    config: { access: { public: true } },
    preHandler: linkLimit,
  }, async (req, reply) => {
    const n = await byToken(req.params.token);
    const photo = n.has_photo ? await noticePhoto(ctx.db.pool, n.id) : null;
    if (!photo) throw notFound('photo');
    return reply.type('image/jpeg').header('Cache-Control', 'no-store').send(photo);
  });
}
