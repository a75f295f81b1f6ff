import type pg from 'pg';
import { PRIVACY_CRITERIA, type CreatePrivacyRequestBody, type PrivacyRequest } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../errors/app-error';
import type { Actor } from '../events/actor';
import type { AuditDraft } from '../events/ledger';
import { runCommand } from '../events/run-command';
import type { AppContext } from '../http/app-context';
import { addCounts, parseRef, type Counts, type PersonalDataSource } from './personal-data';
import { getRequest, toRequest } from './privacy-requests.queries';
import { personalDataSources } from './sources';

/** The chosen refs by source, checked: an unknown source or a key no source could have made is refused, naming it. */
export async function groupRefs(refs: string[]): Promise<Array<{ source: PersonalDataSource; keys: string[] }>> {
  const sources = await personalDataSources();
  const groups = new Map<PersonalDataSource, string[]>();
  refs.forEach((ref, i) => {
    const p = parseRef(ref);
    const source = p ? sources.find((s) => s.id === p.source) : undefined;
    if (!p || !source) throw invalid(`refs.${i}`, `${ref.split(':')[0]} is not a source of personal data; use the refs a search returned`);
    if (!source.isKey(p.key)) throw invalid(`refs.${i}`, `is not a record of ${source.label}; use the refs a search returned`);
    const keys = groups.get(source) ?? [];
    if (!keys.includes(p.key)) keys.push(p.key);
    groups.set(source, keys);
  });
  return [...groups].map(([source, keys]) => ({ source, keys }));
}

/** How many records of each source a request names: what its audit rows may say about it. */
const recordsBySource = (groups: Array<{ source: PersonalDataSource; keys: string[] }>) => Object.fromEntries(groups.map((g) => [g.source.id, g.keys.length]));

/**
 * Audit rows against each record, for sources whose keys are record ids. Keys that are personal
 * themselves (a phone number) are never written to the audit log; the request's own row counts them.
 */
export function perRecordAudits(groups: Array<{ source: PersonalDataSource; keys: string[] }>, action: string, after: Record<string, unknown>, purpose?: string): AuditDraft[] {
  return groups.flatMap(({ source, keys }) =>
    source.auditEntity ? keys.map((key) => ({ action: `${source.auditEntity}.${action}`, entity: source.auditEntity!, entityId: key, after, ...(purpose ? { purpose } : {}) })) : [],
  );
}

/** Records a person's request, as staff took it, with the records they chose from the search. */
export async function createPrivacyRequest(ctx: AppContext, actor: Actor, body: CreatePrivacyRequestBody): Promise<PrivacyRequest> {
  const criteria = PRIVACY_CRITERIA.filter((c) => body.subject[c]?.trim());
  if (!criteria.length) throw invalid('subject', 'give at least one of name, phone, email or address of the person asking');
  const groups = await groupRefs(body.refs);
  const subject = Object.fromEntries(criteria.map((c) => [c, body.subject[c]!.trim()]));
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO privacy_requests (kind, subject, identity_check, refs, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [body.kind, subject, body.identityCheck, groups.flatMap((g) => g.keys.map((k) => `${g.source.id}:${k}`)), actor.userId, now],
    );
    const id = rows[0]!.id;
    return {
      result: toRequest((await getRequest(tx, id))!),
      // Which fields identified the person, never their values; how many records, never which phone.
      audits: [{ action: 'privacy.request', entity: 'privacy-request', entityId: id, after: { kind: body.kind, state: 'open', criteria, records: recordsBySource(groups) } }],
    };
  });
  return result;
}

async function openRequest(tx: pg.PoolClient, id: number, kind: 'deletion' | null) {
  const r = await getRequest(tx, id, true);
  if (!r) throw notFound(`privacy request ${id}`);
  if (kind && r.kind !== kind) throw conflict(`privacy request ${id} is an ${r.kind} request; only deletion requests are completed here (an export completes when it is downloaded)`);
  if (r.state !== 'open') throw conflict(`privacy request ${id} was already ${r.state}${r.completed_by_name ? ` by ${r.completed_by_name}` : ''}`);
  return r;
}

/**
 * Erases every chosen record in one transaction. Four eyes: whoever requested the deletion may
 * not complete it. The audit rows say how many rows of each kind went, never what they held, so
 * the chained audit log stays intact and holds nothing of the person.
 */
export async function completeDeletion(ctx: AppContext, actor: Actor, id: number): Promise<PrivacyRequest> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const r = await openRequest(tx, id, 'deletion');
    if (r.requested_by === actor.userId) {
      throw conflict(`a deletion must be completed by someone other than the person who requested it (four eyes): ask another supervisor or administrator to complete request ${id}`);
    }
    const groups = await groupRefs(r.refs);
    const counts: Record<string, Counts> = {};
    for (const g of groups) counts[g.source.id] = addCounts({}, await g.source.erase(tx, g.keys, now));
    await tx.query(`UPDATE privacy_requests SET state = 'completed', completed_by = $2, completed_at = $3, result = $4 WHERE id = $1`, [id, actor.userId, now, counts]);
    return {
      result: toRequest((await getRequest(tx, id))!),
      audits: [
        { action: 'privacy.erase', entity: 'privacy-request', entityId: id, before: { state: 'open' }, after: { state: 'completed', erased: counts } },
        ...perRecordAudits(groups, 'erase', { privacyRequestId: id }),
      ],
    };
  });
  return result;
}

/** Closes a request without acting on it (identity not confirmed, records must be kept by law). */
export async function refusePrivacyRequest(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<PrivacyRequest> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    await openRequest(tx, id, null);
    await tx.query(`UPDATE privacy_requests SET state = 'refused', completed_by = $2, completed_at = $3, refusal_reason = $4 WHERE id = $1`, [id, actor.userId, now, reason]);
    // The reason may name the person; the audit keeps only that the request was refused.
    return { result: toRequest((await getRequest(tx, id))!), audits: [{ action: 'privacy.refuse', entity: 'privacy-request', entityId: id, before: { state: 'open' }, after: { state: 'refused' } }] };
  });
  return result;
}
