import type pg from 'pg';
import type { SpecialNeedsForm } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { hashSecret, newSecret } from '../../auth/secrets';
import type { AppContext } from '../../http/app-context';
import { jpegInfo } from '../../pdf/jpeg-info';
import { cautionContent } from './special-needs.caution';
import { notifySubmitter, type NoticeMessageKind } from './special-needs.messages';
import { getNotice, type NoticeRow } from './special-needs.queries';

type Form = Omit<SpecialNeedsForm, 'photo'>;
/** How long an approval or re-confirmation holds before the entry is flagged as expired. */
const VALID_FOR = "interval '1 year'";
// Below this the reviewer must place the address by hand: a caution at the wrong house is worse than none.
const PLACE_SCORE = 0.85;
const CAUTION_RADIUS_M = 30;

export interface Placed {
  lat: number;
  lon: number;
  label: string;
  score: number;
}

export function addressText(form: Form): string {
  const a = form.address;
  return [a.street, a.unit && `Unit ${a.unit}`, a.city, a.zip].filter(Boolean).join(', ');
}

const personName = (form: Form) => `${form.person.firstName} ${form.person.lastName}`;

/** Where the geocoder puts the street address, if this server has map data loaded. */
export function placeAddress(ctx: AppContext, form: Form): Placed | null {
  const engine = ctx.geo?.ready ? ctx.geo.current : null;
  const best = engine?.geocoder.geocode(form.address.street, { limit: 1 })[0];
  return best ? { lat: best.lat, lon: best.lon, label: best.label, score: best.score } : null;
}

/** The photo from its base64 form; only a real JPEG is kept. */
export function decodePhoto(photo: SpecialNeedsForm['photo']): Buffer | null {
  if (!photo) return null;
  const data = Buffer.from(photo.data, 'base64');
  if (data.length > 2_000_000) throw invalid('photo', 'the picture is too large (at most 2 MB)');
  if (!jpegInfo(data)) throw invalid('photo', 'is not a readable JPEG picture');
  return data;
}

async function addLink(tx: pg.PoolClient, noticeId: number): Promise<string> {
  const token = newSecret('sn_');
  await tx.query('INSERT INTO special_needs_links (token_hash, notice_id) VALUES ($1, $2)', [hashSecret(token), noticeId]);
  return token;
}

function contactOf(id: number, form: Form) {
  return { id, lang: form.language, personFirstName: form.person.preferredName || form.person.firstName, email: form.submitter.email, phone: form.submitter.phone };
}

async function tell(ctx: AppContext, id: number, form: Form, kind: NoticeMessageKind, token: string | null, note: string | null = null) {
  await notifySubmitter(ctx, contactOf(id, form), kind, token, note).catch((e: Error) => ctx.log(`special-needs ${id}: could not notify the submitter: ${e.message}`));
}

// Audit rows name the fields that changed, never their contents: the audit log is kept for years
// and must not become a second copy of people's medical details.
const changedFields = (before: Form | null, after: Form) => Object.keys(after).filter((k) => JSON.stringify((before as Record<string, unknown> | null)?.[k]) !== JSON.stringify((after as Record<string, unknown>)[k]));

/** A new notification from the public: waits for review; the submitter gets a private link. */
export async function submitNotice(ctx: AppContext, actor: Actor, form: SpecialNeedsForm): Promise<{ id: number; token: string }> {
  const { photo, ...rest } = form;
  const picture = decodePhoto(photo);
  const placed = placeAddress(ctx, rest);
  const { result } = await runCommand(ctx.db.pool, actor, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO special_needs_notices (state, form, person_name, address_text, photo, lat, lon, geocode_label, geocode_score)
       VALUES ('pending', $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [rest, personName(rest), addressText(rest), picture, placed?.lat ?? null, placed?.lon ?? null, placed?.label ?? null, placed?.score ?? null],
    );
    const id = rows[0]!.id;
    const token = await addLink(tx, id);
    return { result: { id, token }, audits: [{ action: 'special-needs.submit', entity: 'special-needs', entityId: id, after: { state: 'pending', fields: Object.keys(rest), photo: picture !== null } }] };
  });
  await tell(ctx, result.id, rest, 'received', result.token);
  return result;
}

export type PhotoChange = { keep: true } | { remove: true } | { set: Buffer };

/**
 * The submitter's correction. An approved notice goes back to review, but its caution keeps the
 * approved content until a reviewer approves the change: responders never lose what was verified.
 */
export async function updateNotice(ctx: AppContext, actor: Actor, id: number, form: Form, photo: PhotoChange): Promise<NoticeRow> {
  const placed = placeAddress(ctx, form);
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const before = await getNotice(tx, id, true);
    if (!before) throw notFound(`notice ${id}`);
    if (before.state === 'withdrawn') throw conflict('this notice was withdrawn');
    await tx.query(
      `UPDATE special_needs_notices SET state = 'pending', form = $2, person_name = $3, address_text = $4,
         photo = CASE WHEN $5 THEN photo ELSE $6::bytea END, lat = $7, lon = $8, geocode_label = $9, geocode_score = $10, updated_at = $11
       WHERE id = $1`,
      [id, form, personName(form), addressText(form), 'keep' in photo, 'set' in photo ? photo.set : null, placed?.lat ?? null, placed?.lon ?? null, placed?.label ?? null, placed?.score ?? null, now],
    );
    return { result: (await getNotice(tx, id))!, audits: [{ action: 'special-needs.update', entity: 'special-needs', entityId: id, before: { state: before.state }, after: { state: 'pending', fields: changedFields(before.form, form), photo: Object.keys(photo)[0] } }] };
  });
  return result;
}

/** The submitter (or staff on their behalf) takes the notice back; its caution disappears at once. */
export async function withdrawNotice(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const before = await getNotice(tx, id, true);
    if (!before) throw notFound(`notice ${id}`);
    if (before.state === 'withdrawn') throw conflict('this notice was already withdrawn');
    await tx.query(`UPDATE special_needs_notices SET state = 'withdrawn', withdrawn_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
    if (before.caution_id) await tx.query('UPDATE premise_cautions SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL', [before.caution_id, now]);
    return { result: before, audits: [{ action: 'special-needs.withdraw', entity: 'special-needs', entityId: id, before: { state: before.state }, after: { state: 'withdrawn', cautionRemoved: before.caution_id } }] };
  });
  await tell(ctx, id, result.form, 'withdrawn', null);
}

/**
 * Approves: places the caution at the address (the reviewer's point, else the geocoder's when it
 * is sure), valid for a year. Re-approving after an update refreshes the same caution.
 */
export async function approveNotice(ctx: AppContext, actor: Actor, id: number, body: { lat?: number | undefined; lon?: number | undefined; note?: string | undefined }): Promise<NoticeRow> {
  const current = await getNotice(ctx.db.pool, id);
  if (!current) throw notFound(`notice ${id}`);
  if (current.state !== 'pending' && current.state !== 'needs-info') throw conflict(`notice ${id} is ${current.state}; only pending notices can be approved`);
  let placed: { lat: number; lon: number; label: string | null; score: number | null } | null = null;
  if (body.lat !== undefined && body.lon !== undefined) placed = { lat: body.lat, lon: body.lon, label: 'placed by the reviewer', score: null };
  else {
    const fresh = current.lat !== null && (current.geocode_score ?? 0) >= PLACE_SCORE ? { lat: current.lat, lon: current.lon!, label: current.geocode_label ?? '', score: current.geocode_score ?? 0 } : placeAddress(ctx, current.form);
    if (fresh && fresh.score >= PLACE_SCORE) placed = fresh;
  }
  if (!placed) throw invalid('location', 'the address could not be placed on the map with confidence; choose the location (lat, lon) before approving');
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const n = await getNotice(tx, id, true);
    if (!n) throw notFound(`notice ${id}`);
    if (n.state !== 'pending' && n.state !== 'needs-info') throw conflict(`notice ${id} is ${n.state}; only pending notices can be approved`);
    const content = cautionContent(id, n.form, n.has_photo);
    const address = addressText(n.form);
    let cautionId = n.caution_id;
    if (cautionId) {
      await tx.query(
        `UPDATE premise_cautions SET lat = $2, lon = $3, address = $4, summary = $5, details = NULL, details_by_role = $6,
           expires_at = $7::timestamptz + ${VALID_FOR}, removed_at = NULL WHERE id = $1`,
        [cautionId, placed.lat, placed.lon, address, content.summary, content.byRole, now],
      );
    } else {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO premise_cautions (lat, lon, radius_m, address, kind, summary, details_by_role, source, source_id, expires_at, created_by)
         VALUES ($1, $2, $3, $4, 'special-needs', $5, $6, 'special-needs', $7, $8::timestamptz + ${VALID_FOR}, $9) RETURNING id`,
        [placed.lat, placed.lon, CAUTION_RADIUS_M, address, content.summary, content.byRole, String(id), now, actor.userId],
      );
      cautionId = rows[0]!.id;
    }
    await tx.query(
      `UPDATE special_needs_notices SET state = 'approved', lat = $2, lon = $3, geocode_label = COALESCE($4, geocode_label), geocode_score = COALESCE($5, geocode_score),
         review_message = $6, reviewed_by = $7, reviewed_at = $8, confirmed_at = $8, expires_at = $8::timestamptz + ${VALID_FOR}, reminder_sent_at = NULL,
         caution_id = $9, updated_at = $8
       WHERE id = $1`,
      [id, placed.lat, placed.lon, placed.label, placed.score, body.note ?? null, actor.userId, now, cautionId],
    );
    const token = await addLink(tx, id);
    return {
      result: { row: (await getNotice(tx, id))!, token },
      audits: [{ action: 'special-needs.approve', entity: 'special-needs', entityId: id, before: { state: n.state }, after: { state: 'approved', cautionId, lat: placed.lat, lon: placed.lon } }],
    };
  });
  await tell(ctx, id, result.row.form, 'approved', result.token, body.note ?? null);
  return result.row;
}

/** Ask for more (the notice stays open) or reject (its caution, if any, is removed). */
export async function reviewWithMessage(ctx: AppContext, actor: Actor, id: number, decision: 'needs-info' | 'rejected', message: string): Promise<NoticeRow> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const n = await getNotice(tx, id, true);
    if (!n) throw notFound(`notice ${id}`);
    if (n.state !== 'pending' && n.state !== 'needs-info') throw conflict(`notice ${id} is ${n.state}; only pending notices can be reviewed`);
    await tx.query(`UPDATE special_needs_notices SET state = $2, review_message = $3, reviewed_by = $4, reviewed_at = $5, updated_at = $5 WHERE id = $1`, [id, decision, message, actor.userId, now]);
    if (decision === 'rejected' && n.caution_id) await tx.query('UPDATE premise_cautions SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL', [n.caution_id, now]);
    const token = await addLink(tx, id);
    return { result: { row: (await getNotice(tx, id))!, token }, audits: [{ action: `special-needs.${decision === 'rejected' ? 'reject' : 'ask-more'}`, entity: 'special-needs', entityId: id, before: { state: n.state }, after: { state: decision } }] };
  });
  await tell(ctx, id, result.row.form, decision, result.token, message);
  return result.row;
}

/** "Still correct": another year, by the submitter's link or by staff after speaking with the family. */
export async function reconfirmNotice(ctx: AppContext, actor: Actor, id: number): Promise<NoticeRow> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const n = await getNotice(tx, id, true);
    if (!n) throw notFound(`notice ${id}`);
    if (n.state !== 'approved') throw conflict(`notice ${id} is ${n.state}; only approved notices can be confirmed`);
    await tx.query(`UPDATE special_needs_notices SET confirmed_at = $2, expires_at = $2::timestamptz + ${VALID_FOR}, reminder_sent_at = NULL, updated_at = $2 WHERE id = $1`, [id, now]);
    if (n.caution_id) await tx.query(`UPDATE premise_cautions SET expires_at = $2::timestamptz + ${VALID_FOR} WHERE id = $1`, [n.caution_id, now]);
    return { result: (await getNotice(tx, id))!, audits: [{ action: 'special-needs.reconfirm', entity: 'special-needs', entityId: id, before: { expiresAt: n.expires_at }, after: { confirmedAt: now } }] };
  });
  return result;
}

/**
 * The yearly reminder: approved notices expiring within 30 days of the clock's now get one
 * message with a fresh link. The claim and the link are committed before sending, so a restart
 * never sends twice; a send that fails is recorded by the gateway.
 */
export async function sendReconfirmReminders(ctx: AppContext, now: Date): Promise<number> {
  const { rows } = await ctx.db.pool.query<{ id: number }>(
    `SELECT id FROM special_needs_notices WHERE state = 'approved' AND reminder_sent_at IS NULL AND expires_at < $1::timestamptz + interval '30 days' ORDER BY expires_at LIMIT 500`,
    [now],
  );
  let sent = 0;
  for (const { id } of rows) {
    const { result } = await runCommand(ctx.db.pool, { userId: null, label: 'system:special-needs-reminders', role: 'system', ip: null }, async (tx) => {
      const { rowCount } = await tx.query(`UPDATE special_needs_notices SET reminder_sent_at = $2 WHERE id = $1 AND reminder_sent_at IS NULL AND state = 'approved'`, [id, now]);
      if (!rowCount) return { result: null, audits: [] };
      const token = await addLink(tx, id);
      return { result: { token, form: (await getNotice(tx, id))!.form }, audits: [{ action: 'special-needs.remind', entity: 'special-needs', entityId: id, after: { reminderSentAt: now } }] };
    });
    if (result) {
      await tell(ctx, id, result.form, 'reminder', result.token);
      sent++;
    }
  }
  return sent;
}
