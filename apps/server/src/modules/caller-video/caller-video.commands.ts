import type { CallerConsentBody, CallerVideoInfo, EvidenceLinkCreated, SendEvidenceLinkBody } from '@openpsap/contract';
import { conflict, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { centreName } from '../../http/centre-name';
import { createEvidenceLink, markOpened, usableLink } from '../../evidence/evidence-links';
import { getLink, linkState, type LinkRow } from '../../evidence/evidence.queries';
import type { UploadOrigin } from '../../evidence/resumable-upload';
import { signalHubFor } from './signal-hub';

export const callerActor = (linkId: number, ip: string | null): Actor => ({ userId: null, label: `public:caller-video-${linkId}`, role: 'system', ip });

/** Whether the agency that owns the incident records live caller video as evidence. */
async function agencyRecords(ctx: AppContext, incidentId: number): Promise<boolean> {
  const setting = ctx.config.evidence.recordCallerVideo;
  if (setting === '*') return true;
  const { rows } = await ctx.db.pool.query<{ code: string }>('SELECT a.code FROM incidents i JOIN agencies a ON a.id = i.agency_id WHERE i.id = $1', [incidentId]);
  return rows[0] ? setting.includes(rows[0].code) : false;
}

/** Texts the caller a link for live video; recording follows the incident's agency setting. */
export async function requestCallerVideo(ctx: AppContext, actor: Actor, incidentId: number, body: { phone: string; name?: string | undefined; language: 'en' | 'es' }): Promise<EvidenceLinkCreated> {
  return createEvidenceLink(ctx, actor, { purpose: 'live-video', incidentId, phone: body.phone, name: body.name, language: body.language, record: await agencyRecords(ctx, incidentId) });
}

export function callerInfo(ctx: AppContext, link: LinkRow): CallerVideoInfo {
  return {
    centreName: centreName(ctx),
    language: link.language,
    expiresAt: link.expires_at.toISOString(),
    state: link.finished_at ? 'ended' : link.consented_at ? 'consented' : 'waiting',
    record: link.record,
    iceServers: ctx.config.evidence.iceServers,
  };
}

export async function callerVideoInfo(ctx: AppContext, token: string): Promise<CallerVideoInfo> {
  const link = await usableLink(ctx, token, 'live-video');
  await markOpened(ctx, link);
  return callerInfo(ctx, link);
}

/**
 * The caller agrees to show video (and, separately, to share where they are). The camera starts
 * only after this is recorded; the consent's time and what it covered are in the audit log.
 */
export async function recordConsent(ctx: AppContext, token: string, body: CallerConsentBody, ip: string | null): Promise<CallerVideoInfo> {
  const link = await usableLink(ctx, token, 'live-video');
  const loc = body.location ?? null;
  const { result } = await runCommand(ctx.db.pool, callerActor(link.id, ip), async (tx, now) => {
    const { rows } = await tx.query<LinkRow>(
      `UPDATE evidence_links SET consented_at = COALESCE(consented_at, $2), location_consent = $3,
         lat = COALESCE($4, lat), lon = COALESCE($5, lon), location_accuracy_m = COALESCE($6, location_accuracy_m), location_at = CASE WHEN $4::float8 IS NULL THEN location_at ELSE $2 END
       WHERE id = $1 RETURNING *`,
      [link.id, now, loc !== null, loc?.lat ?? null, loc?.lon ?? null, loc?.accuracyM ?? null],
    );
    return {
      result: rows[0]!,
      audits: [{ action: 'evidence.caller-consent', entity: 'evidence-link', entityId: link.id, after: { video: true, location: loc !== null, record: link.record } }],
      event: { type: 'caller-video.updated' as const, agencyId: null, incidentId: Number(link.incident_id), rooms: ['centre', `incident:${link.incident_id}`], data: { linkId: link.id, incidentId: Number(link.incident_id), state: 'consented' as const } },
    };
  });
  return callerInfo(ctx, result);
}

/** Stores the phone's latest position (the caller agreed to share it); throttled by the caller page. */
export async function updateCallerLocation(ctx: AppContext, linkId: number, l: { lat: number; lon: number; accuracyM: number | null }): Promise<void> {
  await ctx.db.pool.query(
    'UPDATE evidence_links SET lat = $2, lon = $3, location_accuracy_m = $4, location_at = now() WHERE id = $1 AND location_consent AND finished_at IS NULL',
    [linkId, l.lat, l.lon, l.accuracyM],
  );
}

/** Ends a live-video call (either side); the link is spent and every socket of the call is closed. */
export async function endCallerVideo(ctx: AppContext, actor: Actor, linkId: number, by: 'caller' | 'centre'): Promise<void> {
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const { rows } = await tx.query<LinkRow>('SELECT * FROM evidence_links WHERE id = $1 FOR UPDATE', [linkId]);
    const link = rows[0];
    if (!link || link.purpose !== 'live-video') throw notFound(`live-video session ${linkId}`);
    const state = linkState(link, now);
    if (state === 'finished') return { result: null, audits: [] };
    if (state === 'revoked' || state === 'expired') throw conflict(`the session is already ${state}`);
    await tx.query('UPDATE evidence_links SET finished_at = $2 WHERE id = $1', [linkId, now]);
    return {
      result: null,
      audits: [{ action: 'evidence.caller-video-ended', entity: 'evidence-link', entityId: linkId, after: { by } }],
      event: { type: 'caller-video.updated' as const, agencyId: null, incidentId: Number(link.incident_id), rooms: ['centre', `incident:${link.incident_id}`], data: { linkId, incidentId: Number(link.incident_id), state: 'ended' as const } },
    };
  });
  signalHubFor(ctx).end(linkId, by === 'caller' ? 'the caller ended the video' : 'the centre ended the video');
}

/** A live-video session the console may watch or record now. */
export async function watchableSession(ctx: AppContext, linkId: number): Promise<LinkRow> {
  const link = await getLink(ctx.db.pool, linkId);
  if (!link || link.purpose !== 'live-video') throw notFound(`live-video session ${linkId}`);
  const state = linkState(link, ctx.clock.now());
  if (state !== 'waiting' && state !== 'opened') throw conflict(`the live-video session is ${state}`);
  return link;
}

/** A recording made at the console, as its evidence record states it. */
export function recordingOrigin(link: LinkRow, actor: Actor): UploadOrigin {
  return {
    submittedBy: link.recipient_name ? `${link.recipient_name} (${link.recipient_phone})` : link.recipient_phone,
    submittedByUserId: null,
    how: `live video from the caller's phone (link ${link.id}, texted by ${link.created_by_label}), recorded at the console by ${actor.label}`,
    actor,
  };
}

export type { SendEvidenceLinkBody };
