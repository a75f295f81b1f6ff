import { z } from 'zod';
import type { AppContext } from '../http/app-context';
import type { Api } from '../http/route-types';
import { verifyAuditChain } from './verify-chain';

const tags = ['audit'];

export function registerAuditRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/audit', {
    schema: {
      tags,
      summary: 'Audit rows, newest first; filter by entity and id',
      querystring: z.object({
        entity: z.string().max(40).optional(),
        entityId: z.string().max(64).optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }).strict(),
    },
    config: { access: { permission: 'audit.read' } },
  }, async (req) => {
    const q = req.query;
    const { rows } = await ctx.db.pool.query(
      `SELECT seq, at, actor_label, ip, action, entity, entity_id, before, after, purpose FROM audit_log
        WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2) AND ($3::bigint IS NULL OR seq < $3)
        ORDER BY seq DESC LIMIT $4`,
      [q.entity ?? null, q.entityId ?? null, q.before ?? null, q.limit],
    );
    return rows.map((r) => ({ seq: r.seq, at: (r.at as Date).toISOString(), actor: r.actor_label, ip: r.ip, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after, purpose: r.purpose }));
  });

  api.get('/api/v1/audit/verify', {
    schema: { tags, summary: 'Verify the audit hash chain end to end' },
    config: { access: { permission: 'audit.verify' } },
  }, async () => verifyAuditChain(ctx.db.pool));
}
