import type { FastifyRequest } from 'fastify';
import { invalid } from '../errors/app-error';
import type { AppContext } from '../http/app-context';
import { actorFor } from '../http/route-types';
import { runCommand } from '../events/run-command';

/** The header (or ?purpose=) in which staff state why they open records about a person. */
export const PURPOSE_HEADER = 'x-psap-purpose';

/**
 * The stated purpose of a read of records about vulnerable people (special needs, Help Me Home,
 * CARE, tours' contacts). Without one the read is refused, naming the field, so no screen can
 * look at these records silently.
 */
export function statedPurpose(req: FastifyRequest): string {
  const fromHeader = req.headers[PURPOSE_HEADER];
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.purpose;
  const raw = (Array.isArray(fromHeader) ? fromHeader[0] : fromHeader) ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
  const purpose = raw ? decodeURIComponent(raw).trim() : '';
  if (purpose.length < 3) throw invalid('purpose', `state why you are looking (header ${PURPOSE_HEADER} or ?purpose=, at least 3 characters)`);
  if (purpose.length > 300) throw invalid('purpose', 'at most 300 characters');
  return purpose;
}

/**
 * Records, in the chained audit log, who viewed which records and why. Called before the records
 * are sent: if the audit cannot be written, nothing is shown.
 */
export async function auditView(ctx: AppContext, req: FastifyRequest, entity: string, ids: Array<number | string>, purpose: string, detail?: Record<string, unknown>): Promise<void> {
  // One row per viewed record, so "who has seen this person's record" is one query per record;
  // a search that shows nothing still leaves a row with what was searched for.
  const rows = ids.length ? ids : [null];
  await runCommand(ctx.db.pool, actorFor(req), async () => ({
    result: null,
    audits: rows.map((id) => ({ action: `${entity}.view`, entity, entityId: id, after: detail ?? null, purpose })),
  }));
}

// Screens refresh an incident's detail on every event about it; one audit row per record, viewer
// and purpose per window says the same as one per refresh without a ledger write for each.
const RECENT_VIEW_MS = 10 * 60_000;
const recentByServer = new WeakMap<AppContext, Map<string, number>>();

/**
 * auditView for views that repeat while a screen stays open (an incident's cautions and missing
 * person on the console): the first view in each 10-minute window is recorded.
 */
export async function auditRepeatedView(ctx: AppContext, req: FastifyRequest, entity: string, ids: Array<number | string>, purpose: string, detail?: Record<string, unknown>): Promise<void> {
  const viewer = req.principal?.user.id ?? 'anonymous';
  const now = Date.now();
  let recentViews = recentByServer.get(ctx);
  if (!recentViews) recentByServer.set(ctx, (recentViews = new Map()));
  const due = ids.filter((id) => {
    const key = `${viewer}|${entity}|${id}|${purpose}`;
    const last = recentViews.get(key);
    if (last !== undefined && now - last < RECENT_VIEW_MS) return false;
    recentViews.set(key, now);
    return true;
  });
  if (recentViews.size > 100_000) for (const [k, at] of recentViews) if (now - at >= RECENT_VIEW_MS) recentViews.delete(k);
  if (due.length) await auditView(ctx, req, entity, due, purpose, detail);
}
