import { conflict, notFound } from '../errors/app-error';
import type { Actor } from '../events/actor';
import { runCommand } from '../events/run-command';
import type { AppContext } from '../http/app-context';
import { centreName } from '../http/centre-name';
import type { PersonalDataSource } from './personal-data';
import { groupRefs, perRecordAudits } from './privacy-requests.commands';
import { getRequest } from './privacy-requests.queries';
import { rulesInForce } from './retention';

/** What the cover says each source is, what it is for and how long it is kept (with the days in force). */
async function coverOf(ctx: AppContext, sources: PersonalDataSource[], counts: Record<string, number>) {
  const rules = await rulesInForce(ctx.db.pool);
  return sources.map((s) => ({
    source: s.id,
    name: s.label,
    whatItIsFor: s.purpose,
    howLongItIsKept: s.retention.map((r) => r.description.replaceAll('{days}', String(rules.get(r.id) ?? r.defaultDays))),
    recordsInThisExport: counts[s.id] ?? 0,
  }));
}

/**
 * Everything held under a request's chosen records, as one JSON document for the person. Read in
 * one transaction with its audit rows (who exported what, why), so nothing leaves unaudited; an
 * export request is completed by it, recording only how many records of each source went out.
 */
export async function exportRequest(ctx: AppContext, actor: Actor, id: number, purpose: string): Promise<{ fileName: string; document: unknown }> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const r = await getRequest(tx, id, true);
    if (!r) throw notFound(`privacy request ${id}`);
    if (r.state === 'refused') throw conflict(`privacy request ${id} was refused; nothing is exported for it`);
    if (r.kind === 'deletion' && r.state === 'completed') throw conflict(`privacy request ${id} was completed: the records were erased`);
    const groups = await groupRefs(r.refs);
    const records: Record<string, unknown[]> = {};
    for (const g of groups) records[g.source.id] = await g.source.export(tx, g.keys);
    const counts = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.length]));
    const completes = r.kind === 'export' && r.state === 'open';
    if (completes) {
      await tx.query(`UPDATE privacy_requests SET state = 'completed', completed_by = $2, completed_at = $3, result = $4 WHERE id = $1`, [id, actor.userId, now, { exported: counts }]);
    }
    const document = {
      format: 'openpsap-privacy-export/1',
      centre: centreName(ctx),
      generatedAt: now.toISOString(),
      request: { id: r.id, kind: r.kind, requestedAt: r.requested_at.toISOString(), subject: r.subject },
      cover: {
        about:
          'This is a copy of the personal information the 9-1-1 centre holds about you in its community programs, for the records chosen with you. ' +
          'Each section below says what the program is for and how long its records are kept. Incident records (calls and the responses sent) are kept under the ' +
          "centre's records schedule and are not part of these programs. To ask for a correction or deletion, contact the centre.",
        sources: await coverOf(ctx, groups.map((g) => g.source), counts),
      },
      records,
    };
    return {
      result: { fileName: `privacy-request-${r.id}.json`, document },
      audits: [
        { action: 'privacy.export', entity: 'privacy-request', entityId: id, purpose, ...(completes ? { before: { state: 'open' } } : {}), after: { state: completes ? 'completed' : r.state, exported: counts } },
        ...perRecordAudits(groups, 'view', { via: 'privacy-export', privacyRequestId: id }, purpose),
      ],
    };
  });
  return result;
}
