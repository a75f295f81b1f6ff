import { createHash, randomBytes } from 'node:crypto';
import type { EvidenceLinkCreated, EvidenceLinkPurpose } from '@openpsap/contract';
import { AppError, conflict, notFound } from '../errors/app-error';
import type { Actor } from '../events/actor';
import { runCommand } from '../events/run-command';
import { centreName } from '../http/centre-name';
import type { AppContext } from '../http/app-context';
import { getLink, linkByTokenHash, linkState, toEvidenceLink, type LinkRow } from './evidence.queries';

// Crockford's base32 without I, L, O, U: a code read aloud over the phone cannot be misheard as
// another letter, and 16 characters carry 80 random bits.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function newToken(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** Reads a token as typed or read aloud: any case, dashes and spaces ignored, O as 0, I and L as 1. */
export function normaliseToken(raw: string): string {
  return raw.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
}

export const tokenHash = (token: string) => createHash('sha256').update(normaliseToken(token)).digest('hex');
const grouped = (token: string) => token.match(/.{1,4}/g)!.join('-');
const PATH: Record<EvidenceLinkPurpose, string> = { upload: 'w', 'live-video': 'v' };

function localTime(ctx: AppContext, d: Date, lang: 'en' | 'es'): string {
  return d.toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { timeZone: ctx.config.timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

const MESSAGE: Record<EvidenceLinkPurpose, Record<'en' | 'es', (centre: string, url: string, until: string) => string>> = {
  upload: {
    en: (c, u, t) => `${c}: please send your photos or videos here: ${u} (this link works once, until ${t}).`,
    es: (c, u, t) => `${c}: envíe sus fotos o videos aquí: ${u} (este enlace funciona una vez, hasta ${t}).`,
  },
  'live-video': {
    en: (c, u, t) => `${c}: to show us live video from your phone, open ${u} (until ${t}). You will be asked before the camera starts.`,
    es: (c, u, t) => `${c}: para mostrarnos video en vivo desde su teléfono, abra ${u} (hasta ${t}). Se le pedirá permiso antes de encender la cámara.`,
  },
};

export interface NewLink {
  purpose: EvidenceLinkPurpose;
  incidentId: number;
  phone: string;
  name?: string | undefined;
  language: 'en' | 'es';
  record?: boolean;
}

/**
 * Creates a one-time link for one purpose and one incident, texts it to the recipient after the
 * commit, and returns it once (only its SHA-256 is kept) so the dispatcher can also read it out.
 */
export async function createEvidenceLink(ctx: AppContext, actor: Actor, n: NewLink): Promise<EvidenceLinkCreated> {
  const token = newToken();
  const { result: row } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const inc = await tx.query<{ status: string; agency_id: number }>('SELECT status, agency_id FROM incidents WHERE id = $1', [n.incidentId]);
    if (!inc.rowCount) throw notFound(`incident ${n.incidentId}`);
    if (inc.rows[0]!.status === 'Closed') throw conflict('the incident is closed; reopen it before asking for evidence');
    const expires = new Date(now.getTime() + ctx.config.evidence.linkHours * 3_600_000);
    const { rows } = await tx.query<LinkRow>(
      `INSERT INTO evidence_links (purpose, token_hash, incident_id, recipient_phone, recipient_name, language, created_by, created_by_label, created_at, expires_at, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [n.purpose, tokenHash(token), n.incidentId, n.phone, n.name || null, n.language, actor.userId, actor.label, now, expires, n.record ?? false],
    );
    const link = rows[0]!;
    return {
      result: link,
      // The audit keeps ids and states; the phone number stays in the link row, which retention can erase.
      audits: [{ action: `evidence.link-created`, entity: 'evidence-link', entityId: link.id, after: { purpose: n.purpose, incidentId: n.incidentId, expiresAt: expires.toISOString(), record: link.record } }],
    };
  });
  const url = `${ctx.publicUrl}/${PATH[n.purpose]}/${token}${n.language === 'es' ? '?lang=es' : ''}`;
  const sent = await ctx.messages.send({
    channel: 'sms',
    to: n.phone,
    body: MESSAGE[n.purpose][n.language](centreName(ctx), url, localTime(ctx, row.expires_at, n.language)),
    purpose: `evidence.${n.purpose}-link`,
    related: `incident:${n.incidentId}`,
  });
  await ctx.db.pool.query('UPDATE evidence_links SET message_id = $2 WHERE id = $1', [row.id, sent.id]);
  return { link: toEvidenceLink({ ...row, files: '0' }, ctx.clock.now()), url, code: grouped(token), messageStatus: sent.status };
}

/**
 * The link behind a token, if it is one for this purpose and still usable. A token for another
 * purpose is as unknown as a wrong one (404); a spent, revoked or expired link answers 410.
 */
export async function usableLink(ctx: AppContext, token: string, purpose: EvidenceLinkPurpose): Promise<LinkRow> {
  const row = /^[0-9a-z -]{8,40}$/i.test(token) ? await linkByTokenHash(ctx.db.pool, tokenHash(token)) : null;
  if (!row || row.purpose !== purpose) throw new AppError(404, 'not_found', 'this link is not valid; check it, or ask the dispatcher for a new one');
  const state = linkState(row, ctx.clock.now());
  if (state === 'expired') throw new AppError(410, 'not_found', 'this link has expired; ask the dispatcher for a new one');
  if (state === 'revoked') throw new AppError(410, 'not_found', 'this link was withdrawn by the centre');
  if (state === 'finished') throw new AppError(410, 'not_found', purpose === 'upload' ? 'the files were already sent with this link; ask the dispatcher for a new one to send more' : 'this video call has ended');
  return row;
}

/** Withdraws a link so it stops working at once. */
export async function revokeEvidenceLink(ctx: AppContext, actor: Actor, id: number): Promise<LinkRow> {
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const { rows } = await tx.query<LinkRow>('SELECT * FROM evidence_links WHERE id = $1 FOR UPDATE', [id]);
    const link = rows[0];
    if (!link) throw notFound(`evidence link ${id}`);
    const state = linkState(link, now);
    if (state !== 'waiting' && state !== 'opened') throw conflict(`the link is already ${state}`);
    await tx.query('UPDATE evidence_links SET revoked_at = $2, revoked_by_label = $3 WHERE id = $1', [id, now, actor.label]);
    return {
      result: null,
      audits: [{ action: 'evidence.link-revoked', entity: 'evidence-link', entityId: id, before: { state }, after: { state: 'revoked' } }],
      ...(link.purpose === 'live-video'
        ? { event: { type: 'caller-video.updated' as const, agencyId: null, incidentId: Number(link.incident_id), rooms: ['centre', `incident:${link.incident_id}`], data: { linkId: id, incidentId: Number(link.incident_id), state: 'revoked' as const } } }
        : {}),
    };
  });
  return (await getLink(ctx.db.pool, id))!;
}

/** Marks a link opened the first time its page asks for it (shown to the dispatcher). */
/** The first opening of a link sent to the public; the incident's screens learn of it at once. */
export async function markOpened(ctx: AppContext, row: LinkRow): Promise<void> {
  if (row.opened_at) return;
  const actor: Actor = { userId: null, label: `public:evidence-link-${row.id}`, role: 'system', ip: null };
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const first = await tx.query('UPDATE evidence_links SET opened_at = $2 WHERE id = $1 AND opened_at IS NULL', [row.id, now]);
    // Two tabs opening at once: only the one that set it reports it.
    if (!first.rowCount) return { result: null, audits: [] };
    const incidentId = Number(row.incident_id);
    return {
      result: null,
      audits: [{ action: 'evidence.link-opened', entity: 'evidence-link', entityId: row.id }],
      event: { type: 'evidence.link-updated' as const, agencyId: null, incidentId, rooms: ['centre', `incident:${incidentId}`], data: { linkId: row.id, incidentId, state: 'opened' as const } },
    };
  });
}

export { toEvidenceLink };
