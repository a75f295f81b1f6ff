import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context';
import { auditRepeatedView } from '../../privacy/purpose';

/**
 * A special-needs caution shown on a call or incident is a view of that person's record: it is
 * audited with the call or incident as its purpose (once per viewer and window, as screens refresh).
 * Plain premise cautions are not personal data.
 */
export async function auditCautionViews(ctx: AppContext, req: FastifyRequest, cautions: Array<{ source: string; sourceId: string | null }>, purpose: string): Promise<void> {
  const ids = cautions.filter((c) => c.source === 'special-needs' && c.sourceId).map((c) => c.sourceId!);
  if (ids.length) await auditRepeatedView(ctx, req, 'special-needs', ids, purpose, { via: 'caution' });
}
