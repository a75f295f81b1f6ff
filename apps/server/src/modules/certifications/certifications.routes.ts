import { z } from 'zod';
import type { AppContext } from '../../http/app-context';
import { actorFor, IdParams, type Api } from '../../http/route-types';
import { auditView, statedPurpose } from '../../privacy/purpose';
import { centreToday } from '../training/training.commands';
import { readCertificateScan, storeCertificateScan } from './certification-document';
import { createKind, recordCertification, revokeCertification, setCrew, updateKind } from './certifications.commands';
import { listCertifications, listKinds, staffOptions } from './certifications.queries';
import { byKind, byPerson, certificationsCsv } from './certifications.report';
import { CertificationBodySchema, CertificationListQuerySchema, CrewBodySchema, DocumentBodySchema, KindBodySchema, KindParams, KindUpdateBodySchema, PurposeQuerySchema, RevokeBodySchema } from './certifications.schemas';

const tags = ['certifications'];

/** Certifications with expiry (APCO PST, CIT, EMD, CPR, ...), their kinds, scans, crews and reports. */
export function registerCertificationRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/certifications/kinds', {
    schema: { tags, summary: 'Kinds of certification with their default validity and reminder days (settings of the centre)' },
    config: { access: { permission: 'certification.read' } },
  }, async () => listKinds(pool));

  api.post('/api/v1/certifications/kinds', {
    schema: { tags, summary: 'Add a kind of certification', body: KindBodySchema },
    config: { access: { permission: 'certification.manage' } },
  }, async (req, reply) => reply.code(201).send(await createKind(ctx, actorFor(req), req.body)));

  api.patch('/api/v1/certifications/kinds/:code', {
    schema: { tags, summary: "Change a kind's name, default validity, reminder days, unit capability or whether it is in use", params: KindParams, body: KindUpdateBodySchema },
    config: { access: { permission: 'certification.manage' } },
  }, async (req) => updateKind(ctx, actorFor(req), req.params.code, req.body));

  api.get('/api/v1/certifications/staff', {
    schema: { tags, summary: 'The staff register for pickers: names, organisation, the unit a field officer is crewed on' },
    config: { access: { permission: 'certification.read' } },
  }, async () => staffOptions(pool));

  api.get('/api/v1/certifications', {
    schema: { tags, summary: 'Certifications with status valid / expiring / expired / revoked, filtered by person, kind, status or lapsing within N days (needs a purpose; audited)', querystring: CertificationListQuerySchema },
    config: { access: { permission: 'certification.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const q = req.query;
    const list = await listCertifications(pool, centreToday(ctx), { staffMemberId: q.staffMemberId, kind: q.kind, status: q.status, withinDays: q.withinDays, current: q.current === undefined ? undefined : q.current === 'true' });
    await auditView(ctx, req, 'certification', list.map((c) => c.id), purpose, { list: true });
    return list;
  });

  api.get('/api/v1/certifications/report', {
    schema: { tags, summary: 'Certification status report: by person, by kind, or lapsing within N days; JSON or CSV (needs a purpose; audited)', querystring: CertificationListQuerySchema },
    config: { access: { permission: 'certification.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const q = req.query;
    const today = centreToday(ctx);
    // Reports count what each person holds now: an older certificate replaced by a newer one is history.
    const list = await listCertifications(pool, today, { staffMemberId: q.staffMemberId, kind: q.kind, status: q.status, withinDays: q.withinDays, current: q.current === 'false' ? undefined : true });
    await auditView(ctx, req, 'certification', list.map((c) => c.id), purpose, { report: q.by ?? 'list', withinDays: q.withinDays ?? null });
    if (q.format === 'csv') {
      const name = `certifications-${q.by ?? (q.withinDays !== undefined ? `expiring-${q.withinDays}d` : 'all')}-${today}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(certificationsCsv(list, q.by));
    }
    return { today, by: q.by ?? null, withinDays: q.withinDays ?? null, people: q.by === 'kind' ? undefined : byPerson(list), kinds: byKind(list), certifications: list };
  });

  api.post('/api/v1/certifications', {
    schema: { tags, summary: "Record a certification (expiry from the kind's default validity unless given); the holder's unit capabilities follow", body: CertificationBodySchema },
    config: { access: { permission: 'certification.manage' } },
  }, async (req, reply) => reply.code(201).send(await recordCertification(ctx, actorFor(req), req.body)));

  api.post('/api/v1/certifications/:id/revoke', {
    schema: { tags, summary: 'Revoke a certification recorded in error or withdrawn, with the reason', params: IdParams, body: RevokeBodySchema },
    config: { access: { permission: 'certification.manage' } },
  }, async (req) => revokeCertification(ctx, actorFor(req), req.params.id, req.body.reason));

  api.put('/api/v1/certifications/:id/document', {
    bodyLimit: 8 * 1024 * 1024,
    schema: { tags, summary: 'Attach the scanned certificate (PDF, JPEG or PNG, at most 5 MB, base64)', params: IdParams, body: DocumentBodySchema },
    config: { access: { permission: 'certification.manage' } },
  }, async (req) => storeCertificateScan(ctx, actorFor(req), req.params.id, req.body.contentBase64, req.body.fileName));

  api.get('/api/v1/certifications/:id/document', {
    schema: { tags, summary: 'The scanned certificate (needs a purpose; audited)', params: IdParams, querystring: PurposeQuerySchema },
    config: { access: { permission: 'certification.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const scan = await readCertificateScan(ctx, req.params.id);
    await auditView(ctx, req, 'certification', [req.params.id], purpose, { document: true });
    return reply.type(scan.type).header('cache-control', 'private, no-store').send(scan.bytes);
  });

  api.put('/api/v1/certifications/crew', {
    schema: { tags, summary: "Put a field officer on a unit's crew (or off it, unitId null); the unit's CIT capability follows the crew's certifications", body: CrewBodySchema, response: { 200: z.any() } },
    config: { access: { permission: 'unit.manage' } },
  }, async (req) => setCrew(ctx, actorFor(req), req.body));
}
