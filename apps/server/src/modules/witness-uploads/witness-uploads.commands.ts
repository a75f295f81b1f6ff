import type { StartUploadBody, UploadState, WitnessLinkInfo } from '@openpsap/contract';
import { AppError, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { centreName } from '../../http/centre-name';
import { markOpened, usableLink } from '../../evidence/evidence-links';
import type { LinkRow } from '../../evidence/evidence.queries';
import { createUpload, discardPart, uploadByKey, uploadState, type UploadOrigin, type UploadRow } from '../../evidence/resumable-upload';

export const witnessActor = (linkId: number, ip: string | null): Actor => ({ userId: null, label: `public:witness-link-${linkId}`, role: 'system', ip });

/** Who sent a witness file and how, as its evidence record states them. */
export function witnessOrigin(link: LinkRow, ip: string | null): UploadOrigin {
  const who = link.recipient_name ? `${link.recipient_name} (${link.recipient_phone})` : link.recipient_phone;
  return { submittedBy: who, submittedByUserId: null, how: `witness upload link ${link.id}, texted to ${link.recipient_phone} by ${link.created_by_label}`, actor: witnessActor(link.id, ip) };
}

async function linkUploads(ctx: AppContext, linkId: number): Promise<UploadRow[]> {
  const { rows } = await ctx.db.pool.query<UploadRow>(
    'SELECT u.*, e.sha256 FROM evidence_uploads u LEFT JOIN evidence_items e ON e.id = u.evidence_id WHERE u.link_id = $1 ORDER BY u.id',
    [linkId],
  );
  return rows;
}

/** What the witness page shows: limits, expiry, and the files already sent (to resume them). */
export async function witnessInfo(ctx: AppContext, token: string): Promise<WitnessLinkInfo> {
  const link = await usableLink(ctx, token, 'upload');
  await markOpened(ctx, link);
  const s = ctx.config.evidence;
  return {
    centreName: centreName(ctx),
    language: link.language,
    expiresAt: link.expires_at.toISOString(),
    finished: false,
    maxFiles: s.maxFilesPerLink,
    maxPhotoBytes: s.maxPhotoBytes,
    maxVideoBytes: s.maxVideoBytes,
    uploads: (await linkUploads(ctx, link.id)).map(uploadState),
  };
}

/** Starts one file of a witness's upload, within the link's file count. */
export async function startWitnessUpload(ctx: AppContext, token: string, body: StartUploadBody, ip: string | null): Promise<UploadState> {
  const link = await usableLink(ctx, token, 'upload');
  const { result } = await runCommand(ctx.db.pool, witnessActor(link.id, ip), async (tx, now) => {
    // The link row's lock makes the count and the insert one step for parallel starts.
    await tx.query('SELECT 1 FROM evidence_links WHERE id = $1 FOR UPDATE', [link.id]);
    const { rows } = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM evidence_uploads WHERE link_id = $1 AND state <> 'refused'", [link.id]);
    if (rows[0]!.n >= ctx.config.evidence.maxFilesPerLink) {
      throw new AppError(422, 'validation_failed', `files: this link takes at most ${ctx.config.evidence.maxFilesPerLink} files`, { files: `at most ${ctx.config.evidence.maxFilesPerLink} files per link` });
    }
    const row = await createUpload(ctx, tx, now, {
      source: 'witness',
      linkId: link.id,
      incidentId: Number(link.incident_id),
      startedBy: null,
      name: body.name,
      size: body.size,
      type: body.type ?? null,
      location: body.location ? { lat: body.location.lat, lon: body.location.lon, accuracyM: body.location.accuracyM ?? null } : null,
    });
    return { result: row, audits: [{ action: 'evidence.upload-started', entity: 'evidence-upload', entityId: row.id, after: { linkId: link.id, size: body.size, location: Boolean(body.location) } }] };
  });
  return uploadState(result);
}

/** The upload of this key, if it belongs to this (usable) link. */
export async function witnessUpload(ctx: AppContext, token: string, key: string): Promise<{ link: LinkRow; upload: UploadRow }> {
  const link = await usableLink(ctx, token, 'upload');
  const upload = await uploadByKey(ctx.db.pool, key);
  if (!upload || upload.link_id !== link.id) throw notFound('upload');
  return { link, upload };
}

/**
 * The witness is done: the link is spent, and files left unfinished are abandoned. Finishing twice
 * is not an error for a page that retries.
 */
export async function finishWitnessLink(ctx: AppContext, token: string, ip: string | null): Promise<{ files: number }> {
  const link = await usableLink(ctx, token, 'upload');
  const { result } = await runCommand(ctx.db.pool, witnessActor(link.id, ip), async (tx, now) => {
    const first = await tx.query('UPDATE evidence_links SET finished_at = $2 WHERE id = $1 AND finished_at IS NULL', [link.id, now]);
    const open = await tx.query<{ upload_key: string }>("UPDATE evidence_uploads SET state = 'abandoned', updated_at = $2 WHERE link_id = $1 AND state = 'open' RETURNING upload_key", [link.id, now]);
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM evidence_items WHERE link_id = $1', [link.id]);
    return {
      result: { files: rows[0]!.n, abandoned: open.rows.map((r) => r.upload_key) },
      audits: [{ action: 'evidence.link-finished', entity: 'evidence-link', entityId: link.id, after: { files: rows[0]!.n, abandoned: open.rowCount } }],
      event: first.rowCount
        ? { type: 'evidence.link-updated' as const, agencyId: null, incidentId: Number(link.incident_id), rooms: ['centre', `incident:${link.incident_id}`], data: { linkId: link.id, incidentId: Number(link.incident_id), state: 'finished' as const } }
        : undefined,
    };
  });
  for (const key of result.abandoned) await discardPart(ctx, key);
  return { files: result.files };
}
