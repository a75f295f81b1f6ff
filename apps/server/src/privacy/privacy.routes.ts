import { z } from 'zod';
import {
  CreatePrivacyRequestBodySchema,
  PRIVACY_REQUEST_STATES,
  PrivacySearchQuerySchema,
  RefusePrivacyRequestBodySchema,
  UpdateRetentionBodySchema,
  type PrivacySearchGroup,
  type PrivacySearchResult,
} from '@openpsap/contract';
import { notFound } from '../errors/app-error';
import type { AppContext } from '../http/app-context';
import { actorFor, IdParams, type Api } from '../http/route-types';
import { exportRequest } from './privacy-export';
import { completeDeletion, createPrivacyRequest, refusePrivacyRequest } from './privacy-requests.commands';
import { getRequest, listRequests, toRequest } from './privacy-requests.queries';
import { auditView, statedPurpose } from './purpose';
import { retentionPreview, updateRetention } from './retention';
import { personalDataSources } from './sources';
import { subjectQuery } from './subject-match';

const tags = ['privacy'];
const access = { permission: 'privacy.manage' } as const;
const PurposeQuery = z.object({ purpose: z.string().optional() }).strict();
const ListQuery = z
  .object({
    state: z.enum(PRIVACY_REQUEST_STATES, { error: 'must be open, completed or refused' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    purpose: z.string().optional(),
  })
  .strict();

/**
 * What the centre holds about a person across its programs: search, export, erasure on request,
 * and the retention rules. Every read of personal data states a purpose and is audited; audit rows
 * name fields, ids and counts, never the person's details.
 */
export function registerPrivacyRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;
  // A source file that does not fit the interface is reported at start, not at the first search.
  personalDataSources().catch((e: Error) => ctx.log(`privacy sources: ${e.message}`));

  api.get('/api/v1/privacy/search', {
    schema: { tags, summary: 'Find the records each program holds about a person, by name, phone, e-mail or address (needs a stated purpose; audited)', querystring: PrivacySearchQuerySchema },
    config: { access },
  }, async (req): Promise<PrivacySearchResult> => {
    const purpose = statedPurpose(req);
    const { purpose: _stated, ...subject } = req.query;
    const q = subjectQuery(subject);
    const groups: PrivacySearchGroup[] = [];
    const found: Array<{ entity: string | undefined; keys: string[] }> = [];
    for (const s of await personalDataSources()) {
      const matches = await s.find(pool, q);
      groups.push({ source: s.id, label: s.label, matches: matches.map((m) => ({ ref: `${s.id}:${m.key}`, summary: m.summary, matchedOn: m.matchedOn })) });
      found.push({ entity: s.auditEntity, keys: matches.map((m) => m.key) });
    }
    // The search itself: which fields were searched on (not what was typed) and how much was found.
    await auditView(ctx, req, 'privacy-search', [], purpose, { criteria: q.criteria, found: Object.fromEntries(groups.map((g) => [g.source, g.matches.length])) });
    for (const f of found) if (f.entity && f.keys.length) await auditView(ctx, req, f.entity, f.keys, purpose, { via: 'privacy-search' });
    return { criteria: q.criteria, groups };
  });

  api.post('/api/v1/privacy/requests', {
    schema: { tags, summary: 'Record a request for an export or a deletion of the chosen records, with how identity was verified', body: CreatePrivacyRequestBodySchema },
    config: { access },
  }, async (req, reply) => {
    const r = await createPrivacyRequest(ctx, actorFor(req), req.body);
    reply.code(201);
    return r;
  });

  api.get('/api/v1/privacy/requests', {
    schema: { tags, summary: 'Privacy requests, open ones first (needs a stated purpose; audited)', querystring: ListQuery },
    config: { access },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const rows = await listRequests(pool, { state: req.query.state ?? null, limit: req.query.limit });
    await auditView(ctx, req, 'privacy-request', rows.map((r) => r.id), purpose, { list: req.query.state ?? 'all' });
    return rows.map(toRequest);
  });

  api.get('/api/v1/privacy/requests/:id', {
    schema: { tags, summary: 'One privacy request (needs a stated purpose; audited)', params: IdParams, querystring: PurposeQuery },
    config: { access },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const r = await getRequest(pool, req.params.id);
    if (!r) throw notFound(`privacy request ${req.params.id}`);
    await auditView(ctx, req, 'privacy-request', [r.id], purpose);
    return toRequest(r);
  });

  api.get('/api/v1/privacy/requests/:id/export', {
    schema: {
      tags,
      summary: 'Everything held under the chosen records, as a JSON file for the person, with a cover explaining each program (needs a stated purpose; audited; completes an export request)',
      params: IdParams,
      querystring: PurposeQuery,
    },
    config: { access },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const { fileName, document } = await exportRequest(ctx, actorFor(req), req.params.id, purpose);
    return reply
      .type('application/json; charset=utf-8')
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .send(JSON.stringify(document, null, 2));
  });

  api.post('/api/v1/privacy/requests/:id/complete', {
    schema: { tags, summary: 'Erase the chosen records of a deletion request, in one transaction; someone other than the requester must do it', params: IdParams },
    config: { access },
  }, async (req) => completeDeletion(ctx, actorFor(req), req.params.id));

  api.post('/api/v1/privacy/requests/:id/refuse', {
    schema: { tags, summary: 'Close a request without acting on it, saying why', params: IdParams, body: RefusePrivacyRequestBodySchema },
    config: { access },
  }, async (req) => refusePrivacyRequest(ctx, actorFor(req), req.params.id, req.body.reason));

  api.get('/api/v1/privacy/retention', {
    schema: { tags, summary: 'Retention rules per program, the days in force, and how many records each would erase now' },
    config: { access },
  }, async () => ({ rules: await retentionPreview(pool, ctx.clock.now()) }));

  api.put('/api/v1/privacy/retention', {
    schema: { tags, summary: 'Change how many days rules keep records (audited)', body: UpdateRetentionBodySchema },
    config: { access },
  }, async (req) => {
    await updateRetention(ctx, actorFor(req), req.body);
    return { rules: await retentionPreview(pool, ctx.clock.now()) };
  });
}
