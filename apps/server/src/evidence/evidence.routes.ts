import { z } from 'zod';
import { EvidenceDetailSchema, EvidenceItemSchema, IncidentEvidenceSchema } from '@openpsap/contract';
import { AppError, notFound } from '../errors/app-error';
import type { AppContext } from '../http/app-context';
import { actorFor, IdParams, type Api } from '../http/route-types';
import { auditRepeatedView, statedPurpose } from '../privacy/purpose';
import { IntegrityError } from './blob-store';
import { logCustody } from './custody';
import { blobStore } from './evidence-store';
import { custodyOf, getEvidenceRow, incidentEvidenceRows, incidentLinks, toEvidenceItem, toEvidenceLink } from './evidence.queries';
import { sendEvidenceBytes, startsReading } from './serve-evidence';
import { sharesOf } from './evidence-shares.queries';

const tags = ['evidence'];
const PurposeQuery = z.object({ purpose: z.string().max(1000).optional() }).strict();
const ContentQuery = z.object({ purpose: z.string().max(1000).optional(), download: z.enum(['0', '1']).optional() }).strict();

// A video element asks for a file in many ranges as it plays and seeks; one custody "view" per
// person, item and purpose every 10 minutes says the same without a row per range.
const VIEW_WINDOW_MS = 10 * 60_000;
const recentViews = new WeakMap<AppContext, Map<string, number>>();
function firstViewInWindow(ctx: AppContext, key: string): boolean {
  let m = recentViews.get(ctx);
  if (!m) recentViews.set(ctx, (m = new Map()));
  const now = Date.now();
  const last = m.get(key);
  if (last !== undefined && now - last < VIEW_WINDOW_MS) return false;
  if (m.size > 50_000) m.clear();
  m.set(key, now);
  return true;
}

/** Staff reads of evidence: the list on an incident, one item with its custody log, its bytes. */
export function registerEvidenceRoutes(api: Api, ctx: AppContext): void {
  const pool = ctx.db.pool;

  api.get('/api/v1/incidents/:id/evidence', {
    schema: { tags, summary: 'Evidence items and evidence links of an incident (state a purpose)', params: IdParams, querystring: PurposeQuery, response: { 200: IncidentEvidenceSchema } },
    config: { access: { permission: 'evidence.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const { rowCount } = await pool.query('SELECT 1 FROM incidents WHERE id = $1', [req.params.id]);
    if (!rowCount) throw notFound(`incident ${req.params.id}`);
    const [items, links] = await Promise.all([incidentEvidenceRows(pool, req.params.id), incidentLinks(pool, req.params.id)]);
    // The list names witnesses (their phone numbers); the screen refreshes it on every event.
    await auditRepeatedView(ctx, req, 'incident-evidence', [req.params.id], purpose, { items: items.length, links: links.length });
    const now = ctx.clock.now();
    return { items: items.map(toEvidenceItem), links: links.map((l) => toEvidenceLink(l, now)) };
  });

  api.get('/api/v1/evidence/:id', {
    schema: { tags, summary: 'One evidence item with its chain of custody and shares (state a purpose)', params: IdParams, querystring: PurposeQuery, response: { 200: EvidenceDetailSchema } },
    config: { access: { permission: 'evidence.read' } },
  }, async (req) => {
    const purpose = statedPurpose(req);
    const row = await getEvidenceRow(pool, req.params.id);
    if (!row) throw notFound(`evidence ${req.params.id}`);
    await auditRepeatedView(ctx, req, 'evidence-record', [row.id], purpose);
    const now = ctx.clock.now();
    return { item: toEvidenceItem(row), custody: await custodyOf(pool, row.id), shares: (await sharesOf(pool, row.id)).map((s) => s.view(now)) };
  });

  api.get('/api/v1/evidence/:id/content', {
    schema: { tags, summary: 'The file itself, verified against its SHA-256 (?purpose= required; &download=1 to save). Each view and download is in the chain of custody.', params: IdParams, querystring: ContentQuery },
    config: { access: { permission: 'evidence.read' } },
  }, async (req, reply) => {
    const purpose = statedPurpose(req);
    const row = await getEvidenceRow(pool, req.params.id);
    if (!row) throw notFound(`evidence ${req.params.id}`);
    const download = req.query.download === '1';
    const actor = actorFor(req);
    const viewKey = `${actor.userId}|${row.id}|${purpose}`;
    if (download ? startsReading(req) : firstViewInWindow(ctx, viewKey)) {
      await logCustody(ctx, actor, [{ evidenceId: row.id, action: download ? 'download' : 'view', purpose, detail: { range: req.headers.range ?? null } }]);
    }
    return sendEvidenceBytes(ctx, req, reply, row, { download, actor });
  });

  api.post('/api/v1/evidence/:id/verify', {
    schema: { tags, summary: 'Hash the stored bytes again and record the result in the chain of custody', params: IdParams, response: { 200: z.object({ item: EvidenceItemSchema, intact: z.boolean(), actual: z.string().nullable() }) } },
    config: { access: { permission: 'evidence.read' } },
  }, async (req) => {
    const row = await getEvidenceRow(pool, req.params.id);
    if (!row) throw notFound(`evidence ${req.params.id}`);
    const actor = actorFor(req);
    if (row.erased_at) throw new AppError(410, 'not_found', `evidence ${row.id} was erased under the retention rules; there is nothing to verify`);
    let intact = true;
    let actual: string | null = row.sha256;
    try {
      await blobStore(ctx.config, row.store).verifiedPath(row.sha256, { fresh: true });
    } catch (e) {
      if (!(e instanceof IntegrityError)) throw e;
      intact = false;
      actual = e.actual;
    }
    await logCustody(ctx, actor, [{ evidenceId: row.id, action: intact ? 'verified' : 'integrity-failed', detail: { expected: row.sha256, actual } }]);
    return { item: toEvidenceItem(row), intact, actual };
  });
}
