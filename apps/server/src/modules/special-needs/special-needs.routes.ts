import { z } from 'zod';
import { ApproveBodySchema, ReviewMessageBodySchema, SPECIAL_NEEDS_STATES } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { centreName } from '../../http/centre-name';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { approveNotice, reconfirmNotice, reviewWithMessage, withdrawNotice } from './special-needs.commands';
import { getNotice, listNotices, noticeCounts, noticePhoto, toRecord } from './special-needs.queries';
import { noticePdf } from './special-needs.pdf';
import { registerWanderer } from './special-needs.hmh';

const tags = ['special needs'];
const ListQuery = z
  .object({
    filter: z.enum(['open', 'due', 'expired', 'all', ...SPECIAL_NEEDS_STATES], { error: 'must be open, due, expired, all or a state' }).default('open'),
    q: z.string().trim().min(2, 'type at least 2 characters').max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
    purpose: z.string().optional(),
  })
  .strict();
const PurposeQuery = z.object({ purpose: z.string().optional() }).strict();

/** Who did what to a notice and who looked at it, from the audit log: reviewers see the whole trail. */
async function history(ctx: AppContext, id: number) {
  const { rows } = await ctx.db.pool.query(
    `SELECT at, actor_label, action, purpose FROM audit_log WHERE entity = 'special-needs' AND entity_id = $1 ORDER BY seq DESC LIMIT 200`,
    [String(id)],
  );
  return rows.map((r) => ({ at: (r.at as Date).toISOString(), actor: r.actor_label as string, action: r.action as string, purpose: r.purpose as string | null }));
}

/** The review queue and register of special-needs notices, for community officers and supervisors. */
export function registerSpecialNeedsRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/special-needs', {
    schema: { tags, summary: 'Notices by review state or re-confirmation (needs a stated purpose; audited)', querystring: ListQuery },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const q = req.query;
    const [items, counts] = await Promise.all([listNotices(pool, { filter: q.filter, q: q.q ?? null, limit: q.limit }), noticeCounts(pool)]);
    await auditView(ctx, req, 'special-needs', items.map((i) => i.id), purpose, { list: q.filter, search: q.q ?? null });
    return { items, counts };
  });

  api.get('/api/v1/special-needs/:id', {
    schema: { tags, summary: 'One notice as submitted, with its review trail (needs a stated purpose; audited)', params: IdParams, querystring: PurposeQuery },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const n = await getNotice(pool, req.params.id);
    if (!n) throw notFound(`notice ${req.params.id}`);
    await auditView(ctx, req, 'special-needs', [n.id], purpose);
    return { ...toRecord(n), cautionId: n.caution_id, history: await history(ctx, n.id) };
  });

  api.get('/api/v1/special-needs/:id/photo', {
    schema: { tags, summary: "The person's photo, for those who will meet them (needs ?purpose=; audited)", params: IdParams, querystring: PurposeQuery },
    config: { access: { permission: 'special-needs.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const n = await getNotice(pool, req.params.id);
    // Withdrawn or rejected notices no longer share the picture with anyone on the floor.
    if (!n || n.state === 'withdrawn' || n.state === 'rejected') throw notFound(`notice ${req.params.id}`);
    const photo = await noticePhoto(pool, n.id);
    if (!photo) throw notFound('photo');
    await auditView(ctx, req, 'special-needs', [n.id], purpose, { photo: true });
    return reply.type('image/jpeg').header('Cache-Control', 'private, no-store').send(photo);
  });

  api.get('/api/v1/special-needs/:id/pdf', {
    schema: { tags, summary: 'The notice as a printable PDF (needs ?purpose=; audited)', params: IdParams, querystring: PurposeQuery },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const n = await getNotice(pool, req.params.id);
    if (!n) throw notFound(`notice ${req.params.id}`);
    await auditView(ctx, req, 'special-needs', [n.id], purpose, { pdf: true });
    const pdf = noticePdf(n, n.has_photo ? await noticePhoto(pool, n.id) : null, centreName(ctx));
    return reply.type('application/pdf').header('Cache-Control', 'private, no-store').header('Content-Disposition', `inline; filename="SN-${String(n.id).padStart(6, '0')}.pdf"`).send(pdf);
  });

  api.post('/api/v1/special-needs/:id/approve', {
    schema: { tags, summary: 'Approve: the caution appears on every call and incident at the address', params: IdParams, body: ApproveBodySchema.optional() },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req) => {
    const approved = await approveNotice(ctx, actorFor(req), req.params.id, req.body ?? {});
    // After the caution is committed: a failure here must not undo what responders now see.
    let helpMeHomeId: number | null = null;
    try {
      helpMeHomeId = await registerWanderer(ctx, actorFor(req), approved.id);
    } catch (e) {
      ctx.log(`special-needs ${approved.id}: approved, but the Help Me Home registration failed: ${(e as Error).message}`);
    }
    return { ...toRecord(approved), helpMeHomeId };
  });

  api.post('/api/v1/special-needs/:id/ask-more', {
    schema: { tags, summary: 'Ask the submitter for more information (they get a message with their link)', params: IdParams, body: ReviewMessageBodySchema },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req) => toRecord(await reviewWithMessage(ctx, actorFor(req), req.params.id, 'needs-info', req.body.message)));

  api.post('/api/v1/special-needs/:id/reject', {
    schema: { tags, summary: 'Reject with a message to the submitter', params: IdParams, body: ReviewMessageBodySchema },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req) => toRecord(await reviewWithMessage(ctx, actorFor(req), req.params.id, 'rejected', req.body.message)));

  api.post('/api/v1/special-needs/:id/reconfirm', {
    schema: { tags, summary: 'Confirm for another year after speaking with the family', params: IdParams },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req) => toRecord(await reconfirmNotice(ctx, actorFor(req), req.params.id)));

  api.post('/api/v1/special-needs/:id/withdraw', {
    schema: { tags, summary: 'Withdraw on the family\'s request: the caution is removed at once', params: IdParams },
    config: { access: { permission: 'special-needs.review' } },
  }, async (req) => {
    await withdrawNotice(ctx, actorFor(req), req.params.id);
    return { ok: true };
  });
}
