import { createHash, randomBytes } from 'node:crypto';
import type { CreateShareBody, ShareCreated } from '@openpsap/contract';
import { CreateShareBodySchema } from '@openpsap/contract';
import type { z } from 'zod';
import { AppError, conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { centreName } from '../../http/centre-name';
import type { AppContext } from '../../http/app-context';
import { writeCustody } from '../../evidence/custody';
import { getEvidenceRow, type EvidenceRow } from '../../evidence/evidence.queries';
import { shareByTokenHash, shareState, toShare, type ShareRow } from '../../evidence/evidence-shares.queries';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9]{7,15}$/;

/**
 * Shares one item with another agency, a unit or a named person by an expiring link. The share is
 * itself a custody entry with its purpose; every use of the link adds another.
 */
export async function createShare(ctx: AppContext, actor: Actor, evidenceId: number, body: z.output<typeof CreateShareBodySchema>): Promise<ShareCreated> {
  const s = ctx.config.evidence;
  const hours = body.hours ?? s.shareHours;
  if (hours > s.maxShareHours) throw invalid('hours', `at most ${s.maxShareHours} hours`);
  const sendTo = body.sendTo ? body.sendTo.replace(/[\s().-]/g, '') : null;
  const channel = sendTo === null ? null : EMAIL.test(body.sendTo!) ? 'email' : PHONE.test(sendTo) ? 'sms' : null;
  if (sendTo !== null && channel === null) throw invalid('sendTo', 'must be a phone number or an e-mail address');
  const to = channel === 'email' ? body.sendTo!.trim() : sendTo;
  const token = randomBytes(24).toString('base64url');
  const { result: share } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const item = await getEvidenceRow(tx, evidenceId, true);
    if (!item) throw notFound(`evidence ${evidenceId}`);
    if (item.erased_at) throw conflict(`evidence ${evidenceId} was erased under the retention rules`);
    if (body.recipientKind === 'unit') {
      if (body.unitId === undefined) throw invalid('unitId', 'name the unit when sharing with a unit');
      const u = await tx.query('SELECT 1 FROM units WHERE id = $1', [body.unitId]);
      if (!u.rowCount) throw invalid('unitId', `there is no unit ${body.unitId}`);
    }
    const expires = new Date(now.getTime() + hours * 3_600_000);
    const { rows } = await tx.query<ShareRow>(
      `INSERT INTO evidence_shares (evidence_id, token_hash, recipient_kind, recipient, unit_id, purpose, sent_to, created_by, created_by_label, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [evidenceId, hashOf(token), body.recipientKind, body.recipient, body.recipientKind === 'unit' ? body.unitId : null, body.purpose, to, actor.userId, actor.label, now, expires],
    );
    const share = rows[0]!;
    const audits = await writeCustody(tx, now, actor, [
      { evidenceId, action: 'share', purpose: body.purpose, detail: { shareId: share.id, recipientKind: body.recipientKind, recipient: body.recipient, unitId: share.unit_id, expiresAt: expires.toISOString(), sentBy: channel } },
    ]);
    return { result: share, audits };
  });
  const url = `${ctx.publicUrl}/s/${token}`;
  let messageStatus: ShareCreated['messageStatus'] = 'not-sent';
  if (channel && to) {
    const until = share.expires_at.toLocaleString('en-US', { timeZone: ctx.config.timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    const text = `${centreName(ctx)} shared evidence with ${body.recipient} for: ${body.purpose}. Open ${url} (until ${until}; every use is logged).`;
    const sent = await ctx.messages.send({ channel, to, body: text, ...(channel === 'email' ? { subject: `Evidence shared by ${centreName(ctx)}` } : {}), purpose: 'evidence.share-link', related: `evidence:${evidenceId}` });
    messageStatus = sent.status;
  }
  return { share: toShare(share, ctx.clock.now()), url, messageStatus };
}

export async function revokeShare(ctx: AppContext, actor: Actor, shareId: number): Promise<ShareRow> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const { rows } = await tx.query<ShareRow>('SELECT * FROM evidence_shares WHERE id = $1 FOR UPDATE', [shareId]);
    const share = rows[0];
    if (!share) throw notFound(`share ${shareId}`);
    const state = shareState(share, now);
    if (state !== 'active') throw conflict(`the share is already ${state}`);
    const upd = await tx.query<ShareRow>('UPDATE evidence_shares SET revoked_at = $2, revoked_by_label = $3 WHERE id = $1 RETURNING *', [shareId, now, actor.label]);
    const audits = await writeCustody(tx, now, actor, [{ evidenceId: share.evidence_id, action: 'share-revoked', detail: { shareId } }]);
    return { result: upd.rows[0]!, audits };
  });
  return result;
}

/** The share behind a token, if it still works: 404 for an unknown token, 410 once expired or revoked. */
export async function usableShare(ctx: AppContext, token: string): Promise<{ share: ShareRow; item: EvidenceRow }> {
  const share = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await shareByTokenHash(ctx.db.pool, hashOf(token)) : null;
  if (!share) throw new AppError(404, 'not_found', 'this share link is not valid');
  const state = shareState(share, ctx.clock.now());
  if (state === 'expired') throw new AppError(410, 'not_found', `this share link expired on ${share.expires_at.toISOString().slice(0, 16).replace('T', ' ')} UTC; ask the centre for a new one`);
  if (state === 'revoked') throw new AppError(410, 'not_found', 'this share link was withdrawn by the centre');
  const item = await getEvidenceRow(ctx.db.pool, share.evidence_id);
  if (!item || item.erased_at) throw new AppError(410, 'not_found', 'the shared item is no longer held');
  return { share, item };
}

/** Records one use of a share link (opened, viewed, downloaded) in the item's chain of custody. */
export async function recordShareUse(ctx: AppContext, actor: Actor, share: ShareRow, use: 'opened' | 'viewed' | 'downloaded', userAgent: string | null): Promise<void> {
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    await tx.query('UPDATE evidence_shares SET uses = uses + 1, last_used_at = $2 WHERE id = $1', [share.id, now]);
    const audits = await writeCustody(tx, now, actor, [
      { evidenceId: share.evidence_id, action: 'share-use', purpose: share.purpose, detail: { shareId: share.id, recipient: share.recipient, use, userAgent: userAgent?.slice(0, 200) ?? null } },
    ]);
    return { result: null, audits };
  });
}

export type { CreateShareBody };
