import { z } from 'zod';
import { CreateShareBodySchema, EvidenceShareSchema, SharedEvidenceViewSchema, ShareCreatedSchema } from '@openpsap/contract';
import type { Actor } from '../../events/actor';
import type { AppContext } from '../../http/app-context';
import { centreName } from '../../http/centre-name';
import { rateLimit } from '../../http/rate-limit';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { toShare } from '../../evidence/evidence-shares.queries';
import { sendEvidenceBytes, startsReading } from '../../evidence/serve-evidence';
import { createShare, recordShareUse, revokeShare, usableShare } from './evidence-sharing.commands';
import { withholdContacts } from './withhold-contacts';

const tags = ['evidence sharing'];
const TokenParams = z.object({ token: z.string().min(1).max(100) }).strict();
const ContentQuery = z.object({ download: z.enum(['0', '1']).optional() }).strict();

const shareActor = (shareId: number, ip: string | null): Actor => ({ userId: null, label: `public:share-${shareId}`, role: 'system', ip });

/**
 * Sharing evidence out: an expiring link per recipient (another agency, a unit), revocable, each
 * use in the chain of custody. Live camera views are not shared this way: evidence items only.
 */
export function registerEvidenceSharingRoutes(api: Api, ctx: AppContext): void {
  api.post('/api/v1/evidence/:id/shares', {
    schema: { tags, summary: 'Share an item by an expiring link; optionally texted or e-mailed to the recipient', params: IdParams, body: CreateShareBodySchema, response: { 201: ShareCreatedSchema } },
    config: { access: { permission: 'evidence.share' } },
  }, async (req, reply) => {
    const created = await createShare(ctx, actorFor(req), req.params.id, req.body);
    reply.code(201);
    return created;
  });

  api.post('/api/v1/evidence-shares/:id/revoke', {
    schema: { tags, summary: 'Withdraw a share link at once', params: IdParams, response: { 200: EvidenceShareSchema } },
    config: { access: { permission: 'evidence.share' } },
  }, async (req) => toShare(await revokeShare(ctx, actorFor(req), req.params.id), ctx.clock.now()));

  const limit = rateLimit('shared evidence', 300, 10 * 60_000);

  api.get('/api/v1/public/shared/:token', {
    schema: { tags: ['evidence sharing (public)'], summary: 'What a share link holds (each opening is logged)', params: TokenParams, response: { 200: SharedEvidenceViewSchema } },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req, reply) => {
    const { share, item } = await usableShare(ctx, req.params.token);
    await recordShareUse(ctx, shareActor(share.id, req.ip ?? null), share, 'opened', req.headers['user-agent'] ?? null);
    const { rows } = await ctx.db.pool.query<{ number: string | null }>('SELECT number FROM incidents WHERE id = $1', [item.incident_id]);
    reply.header('cache-control', 'no-store');
    return {
      centreName: centreName(ctx),
      recipient: share.recipient,
      purpose: share.purpose,
      sharedBy: share.created_by_label,
      expiresAt: share.expires_at.toISOString(),
      item: {
        id: item.id,
        declaredName: item.declared_name,
        contentType: item.content_type,
        mediaKind: item.media_kind,
        sizeBytes: Number(item.size_bytes),
        sha256: item.sha256,
        receivedAt: item.received_at.toISOString(),
        incidentNumber: rows[0]?.number ?? null,
        how: withholdContacts(item.how),
      },
    };
  });

  api.get('/api/v1/public/shared/:token/content', {
    schema: { tags: ['evidence sharing (public)'], summary: 'The shared file, verified against its SHA-256 (&download=1 to save); each use is logged', params: TokenParams, querystring: ContentQuery },
    config: { access: { public: true } },
    preHandler: limit,
  }, async (req, reply) => {
    const { share, item } = await usableShare(ctx, req.params.token);
    const actor = shareActor(share.id, req.ip ?? null);
    const download = req.query.download === '1';
    if (startsReading(req)) await recordShareUse(ctx, actor, share, download ? 'downloaded' : 'viewed', req.headers['user-agent'] ?? null);
    return sendEvidenceBytes(ctx, req, reply, item, { download, actor });
  });
}
