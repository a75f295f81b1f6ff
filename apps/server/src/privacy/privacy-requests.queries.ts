import type { PrivacyRequest, PrivacyRequestState } from '@openpsap/contract';
import type { Db } from './personal-data';

export interface RequestRow {
  id: number;
  kind: PrivacyRequest['kind'];
  state: PrivacyRequestState;
  subject: PrivacyRequest['subject'];
  identity_check: string;
  refs: string[];
  requested_by: number;
  requested_by_name: string;
  requested_at: Date;
  completed_by_name: string | null;
  completed_at: Date | null;
  refusal_reason: string | null;
  result: PrivacyRequest['result'];
}

const COLUMNS = `r.id, r.kind, r.state, r.subject, r.identity_check, r.refs, r.requested_by, rq.username AS requested_by_name, r.requested_at,
  cp.username AS completed_by_name, r.completed_at, r.refusal_reason, r.result`;
const FROM = 'privacy_requests r JOIN users rq ON rq.id = r.requested_by LEFT JOIN users cp ON cp.id = r.completed_by';

export function toRequest(r: RequestRow): PrivacyRequest {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    subject: r.subject,
    identityCheck: r.identity_check,
    refs: r.refs,
    requestedBy: r.requested_by_name,
    requestedById: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    completedBy: r.completed_by_name,
    completedAt: r.completed_at?.toISOString() ?? null,
    refusalReason: r.refusal_reason,
    result: r.result,
  };
}

/** One request; `lock` holds it for the transaction (completing twice at once finds it done). */
export async function getRequest(db: Db, id: number, lock = false): Promise<RequestRow | null> {
  const { rows } = await db.query<RequestRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]);
  return rows[0] ?? null;
}

/** Open requests first (oldest first: they are waiting), then the rest, newest first. */
export async function listRequests(db: Db, f: { state: PrivacyRequestState | null; limit: number }): Promise<RequestRow[]> {
  const { rows } = await db.query<RequestRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE $1::text IS NULL OR r.state = $1
      ORDER BY (r.state = 'open') DESC, CASE WHEN r.state = 'open' THEN r.requested_at END ASC, r.requested_at DESC, r.id DESC LIMIT $2`,
    [f.state, f.limit],
  );
  return rows;
}
