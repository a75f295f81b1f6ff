import { z } from 'zod';
import { LatitudeSchema, LongitudeSchema } from '@openpsap/contract';
import { notFound } from '../../errors/app-error';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, principalOf, type Api } from '../../http/route-types';
import { runCommand } from '../../events/run-command';
import { cautionsNear } from './cautions.queries';
import { auditCautionViews } from '../special-needs/special-needs.caution-audit';
import { PURPOSE_HEADER } from '../../privacy/purpose';

const tags = ['cautions'];
const CautionBody = z
  .object({
    lat: LatitudeSchema,
    lon: LongitudeSchema,
    radiusM: z.number().min(1).max(500).default(30),
    address: z.string().trim().min(1).max(300).optional(),
    kind: z.enum(['hazard', 'officer-safety', 'medical', 'access', 'other']),
    summary: z.string().trim().min(1, 'must not be empty').max(200),
    details: z.string().trim().max(4000).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export function registerCautionRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/cautions', {
    schema: { tags, summary: 'Cautions covering a point (lat, lon), nearest first', querystring: z.object({ lat: z.coerce.number().min(-90).max(90), lon: z.coerce.number().min(-180).max(180) }).strict() },
    config: { access: { permission: 'incident.read' } },
  }, async (req) => {
    const cautions = await cautionsNear(ctx.db.pool, req.query.lat, req.query.lon, principalOf(req).user.role);
    // Call intake looks cautions up by point before an incident exists; the point is the purpose then.
    const stated = req.headers[PURPOSE_HEADER];
    await auditCautionViews(ctx, req, cautions, typeof stated === 'string' && stated.length >= 3 ? decodeURIComponent(stated) : `caution lookup at ${req.query.lat.toFixed(5)},${req.query.lon.toFixed(5)}`);
    return cautions;
  });

  api.post('/api/v1/cautions', {
    schema: { tags, summary: 'Add a premise caution (hazard, officer safety, access, medical)', body: CautionBody },
    config: { access: { permission: 'caution.manage' } },
  }, async (req, reply) => {
    const b = req.body;
    const { result } = await runCommand(ctx.db.pool, actorFor(req), async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO premise_cautions (lat, lon, radius_m, address, kind, summary, details, expires_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [b.lat, b.lon, b.radiusM, b.address ?? null, b.kind, b.summary, b.details ?? null, b.expiresAt ?? null, principalOf(req).user.id],
      );
      return { result: { id: rows[0]!.id }, audits: [{ action: 'caution.create', entity: 'caution', entityId: rows[0]!.id, after: b }] };
    });
    reply.code(201);
    return result;
  });

  api.delete('/api/v1/cautions/:id', {
    schema: { tags, summary: 'Remove a premise caution (kept in history)', params: IdParams },
    config: { access: { permission: 'caution.manage' } },
  }, async (req) => {
    await runCommand(ctx.db.pool, actorFor(req), async (tx, now) => {
      const { rows } = await tx.query('UPDATE premise_cautions SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL RETURNING summary', [req.params.id, now]);
      if (!rows[0]) throw notFound(`caution ${req.params.id}`);
      return { result: null, audits: [{ action: 'caution.remove', entity: 'caution', entityId: req.params.id, before: { summary: rows[0].summary } }] };
    });
    return { ok: true };
  });
}
