import type pg from 'pg';
import type { EvidenceShare } from '@openpsap/contract';

export interface ShareRow {
  id: number;
  evidence_id: number;
  token_hash: string;
  recipient_kind: EvidenceShare['recipientKind'];
  recipient: string;
  unit_id: number | null;
  purpose: string;
  sent_to: string | null;
  created_by: number | null;
  created_by_label: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by_label: string | null;
  uses: number;
  last_used_at: Date | null;
}

export function shareState(r: ShareRow, now: Date): EvidenceShare['state'] {
  if (r.revoked_at) return 'revoked';
  return r.expires_at.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function toShare(r: ShareRow, now: Date): EvidenceShare {
  return {
    id: r.id,
    evidenceId: r.evidence_id,
    recipientKind: r.recipient_kind,
    recipient: r.recipient,
    purpose: r.purpose,
    sentTo: r.sent_to,
    createdBy: r.created_by_label,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    uses: r.uses,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    state: shareState(r, now),
  };
}

export async function sharesOf(db: pg.Pool | pg.PoolClient, evidenceId: number): Promise<Array<ShareRow & { view(now: Date): EvidenceShare }>> {
  const { rows } = await db.query<ShareRow>('SELECT * FROM evidence_shares WHERE evidence_id = $1 ORDER BY id', [evidenceId]);
  return rows.map((r) => ({ ...r, view: (now: Date) => toShare(r, now) }));
}

export async function shareByTokenHash(db: pg.Pool | pg.PoolClient, hash: string): Promise<ShareRow | null> {
  const { rows } = await db.query<ShareRow>('SELECT * FROM evidence_shares WHERE token_hash = $1', [hash]);
  return rows[0] ?? null;
}
