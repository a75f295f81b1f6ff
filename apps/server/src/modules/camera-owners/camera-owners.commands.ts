import type pg from 'pg';
import { streamKindOf, type OwnerCameraBody, type OwnerCameraUpdateBody, type OwnerSignInBody, type SignConsentBody } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { addDays, localDateOf, zonedTimeToInstant } from '../care/care-time';
import { consentTerms, CONSENT_TERMS_VERSION } from './consent-terms';
import { SUPERSEDED_REASON } from './camera-owners.queries';
import { linkMessage } from './owner-messages';
import { createOwnerLink, createOwnerSession, linksSentSince, OWNER_COLUMNS, ownerActor, useOwnerLink, type OwnerRow } from './owner-session';

/** At most this many links to one address an hour: enough for a lost e-mail, too few to flood a mailbox. */
const LINKS_PER_HOUR = 5;
// A typed address must match this well to place a camera without the owner choosing a map point.
const MIN_GEOCODE_SCORE = 0.8;

/**
 * Sends a sign-in link to an owner, a sign-up link to a new address that came with the owner's
 * details, or a note that there is no account. The answer is the same in every case, so the form
 * does not tell anyone which addresses have accounts.
 */
export async function requestOwnerLink(ctx: AppContext, body: OwnerSignInBody, ip: string | null): Promise<void> {
  const now = ctx.clock.now();
  type Outcome = { kind: 'sign-in' | 'sign-up' | 'no-account'; token: string | null } | null;
  const { result } = await runCommand<Outcome>(ctx.db.pool, ownerActor(null, ip), async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [body.email]);
    if ((await linksSentSince(tx, body.email, new Date(now.getTime() - 3_600_000))) >= LINKS_PER_HOUR) {
      return { result: null, audits: [{ action: 'camera-owner.link-refused', entity: 'camera-owner-link', entityId: null, after: { why: 'too many links this hour' } }] };
    }
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM camera_owners WHERE lower(email) = lower($1)', [body.email]);
    const ownerId = rows[0]?.id ?? null;
    if (ownerId === null && !body.signup) {
      return { result: { kind: 'no-account', token: null }, audits: [{ action: 'camera-owner.link-no-account', entity: 'camera-owner-link', entityId: null }] };
    }
    const signup = ownerId === null && body.signup ? { kind: body.signup.kind, name: body.signup.name, organisation: body.signup.organisation ?? null, phone: body.signup.phone ?? null } : null;
    const link = await createOwnerLink(tx, { email: body.email, ownerId, signup, language: body.language, now, ip });
    const kind = ownerId === null ? ('sign-up' as const) : ('sign-in' as const);
    return { result: { kind, token: link.token }, audits: [{ action: `camera-owner.link-${kind}`, entity: 'camera-owner-link', entityId: link.id, after: { ownerId } }] };
  });
  if (!result) return;
  const msg = linkMessage(ctx, result.kind, body.language, result.token);
  await ctx.messages.send({ channel: 'email', to: body.email, subject: msg.subject, body: msg.body, purpose: `camera-owner.${result.kind}`, related: 'camera-owners' });
}

/**
 * Opens a session from a link, once: a sign-up link creates the owner (the e-mail is now proven),
 * a sign-in link signs the owner in. Returns the owner and the session secret for the cookie.
 */
export async function useLinkAndSignIn(ctx: AppContext, token: string, ip: string | null, userAgent: string | null): Promise<{ owner: OwnerRow; secret: string }> {
  const now = ctx.clock.now();
  const { result } = await runCommand(ctx.db.pool, ownerActor(null, ip), async (tx) => {
    const link = await useOwnerLink(tx, token, now);
    let ownerId = link.owner_id;
    let created = false;
    if (ownerId === null) {
      // Two sign-up links for one address: whichever is opened first creates the account.
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO camera_owners (kind, name, organisation, email, phone, language, created_at, verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
        [link.signup!.kind, link.signup!.name, link.signup!.organisation, link.email, link.signup!.phone, link.language, now],
      );
      created = rows.length > 0;
      ownerId = rows[0]?.id ?? (await tx.query<{ id: number }>('SELECT id FROM camera_owners WHERE lower(email) = lower($1)', [link.email])).rows[0]!.id;
    }
    await tx.query('UPDATE camera_owners SET verified_at = COALESCE(verified_at, $2), language = $3 WHERE id = $1', [ownerId, now, link.language]);
    const secret = await createOwnerSession(tx, { ownerId, now, ip, userAgent });
    const owner = (await tx.query<OwnerRow>(`SELECT ${OWNER_COLUMNS} FROM camera_owners o WHERE o.id = $1`, [ownerId])).rows[0]!;
    return {
      result: { owner, secret },
      audits: [{ action: created ? 'camera-owner.create' : 'camera-owner.sign-in', entity: 'camera-owner', entityId: ownerId, after: created ? { kind: owner.kind } : null }],
    };
  });
  return result;
}

/** Where a camera is: the map point given, else the typed address found by the geocoder. */
function placeCamera(ctx: AppContext, b: { address?: string | undefined; lat?: number | undefined; lon?: number | undefined }): { lat: number; lon: number; address: string | null } {
  const engine = ctx.geo?.ready ? ctx.geo.current : null;
  if (b.lat !== undefined && b.lon !== undefined) {
    const found = b.address ? null : engine?.geocoder.reverse(b.lat, b.lon);
    return { lat: b.lat, lon: b.lon, address: b.address ?? (found && found.distanceM < 60 ? found.candidate.label : null) };
  }
  if (!engine) throw invalid('address', 'addresses cannot be looked up right now; pick the point on the map instead');
  const best = engine.geocoder.geocode(b.address!, { limit: 1 })[0];
  if (!best || best.score < MIN_GEOCODE_SCORE) throw invalid('address', `could not find "${b.address}"${best ? ` (closest: ${best.label})` : ''}; check the spelling or pick the point on the map`);
  return { lat: best.lat, lon: best.lon, address: best.label };
}

async function ownCamera(tx: pg.PoolClient, ownerId: number, cameraId: number): Promise<{ id: number; status: string }> {
  const { rows } = await tx.query<{ id: number; status: string; owner_id: number | null }>('SELECT id, status, owner_id FROM cameras WHERE id = $1 FOR UPDATE', [cameraId]);
  const c = rows[0];
  // Someone else's camera reads exactly like a missing one.
  if (!c || c.owner_id !== ownerId || c.status === 'removed') throw notFound(`camera ${cameraId}`);
  return c;
}

export async function registerOwnerCamera(ctx: AppContext, owner: OwnerRow, body: OwnerCameraBody, ip: string | null): Promise<number> {
  const place = placeCamera(ctx, body);
  const streamKind = body.streamUrl ? streamKindOf(body.streamUrl) : null;
  const { result } = await runCommand(ctx.db.pool, ownerActor(owner.id, ip), async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO cameras (name, owner_kind, owner_id, lat, lon, address, direction_deg, fov_deg, range_m, kind, stream_url, stream_kind, installed_on, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, 30), $10, $11, $12, $13, 'owner-portal') RETURNING id`,
      [body.name, owner.kind, owner.id, place.lat, place.lon, place.address, body.directionDeg ?? null, body.fovDeg ?? null, body.rangeM ?? null, body.kind, body.streamUrl ?? null, streamKind, body.installedOn ?? null],
    );
    const id = rows[0]!.id;
    // Audit rows keep ids and field names; where a resident's camera is stays in the registry only.
    return { result: id, audits: [{ action: 'camera.register', entity: 'camera', entityId: id, after: { ownerId: owner.id, ownerKind: owner.kind, kind: body.kind, hasStream: Boolean(body.streamUrl), fields: Object.keys(body) } }] };
  });
  return result;
}

export async function updateOwnerCamera(ctx: AppContext, owner: OwnerRow, cameraId: number, body: OwnerCameraUpdateBody, ip: string | null): Promise<void> {
  const place = body.lat !== undefined || body.address !== undefined ? placeCamera(ctx, body) : null;
  await runCommand(ctx.db.pool, ownerActor(owner.id, ip), async (tx) => {
    await ownCamera(tx, owner.id, cameraId);
    const sets: string[] = [];
    const values: unknown[] = [cameraId];
    const set = (column: string, v: unknown) => {
      values.push(v);
      sets.push(`${column} = $${values.length}`);
    };
    if (body.name !== undefined) set('name', body.name);
    if (place) {
      set('lat', place.lat);
      set('lon', place.lon);
      set('address', place.address);
    }
    if (body.directionDeg !== undefined) set('direction_deg', body.directionDeg);
    if (body.fovDeg !== undefined) set('fov_deg', body.fovDeg);
    if (body.rangeM !== undefined) set('range_m', body.rangeM);
    if (body.kind !== undefined) set('kind', body.kind);
    if (body.streamUrl !== undefined) {
      set('stream_url', body.streamUrl);
      set('stream_kind', body.streamUrl ? streamKindOf(body.streamUrl) : null);
    }
    if (body.installedOn !== undefined) set('installed_on', body.installedOn);
    if (sets.length) await tx.query(`UPDATE cameras SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
    return { result: null, audits: [{ action: 'camera.update', entity: 'camera', entityId: cameraId, after: { by: 'owner', fields: Object.keys(body) } }] };
  });
}

/** Takes a camera out of the registry; its consent ends with it. Rows stay for the access history. */
export async function removeOwnerCamera(ctx: AppContext, owner: OwnerRow, cameraId: number, ip: string | null): Promise<void> {
  await runCommand(ctx.db.pool, ownerActor(owner.id, ip), async (tx) => {
    await ownCamera(tx, owner.id, cameraId);
    await tx.query("UPDATE cameras SET status = 'removed', updated_at = now() WHERE id = $1", [cameraId]);
    const revoked = await tx.query<{ id: number }>("UPDATE camera_consents SET revoked_at = now(), revoked_reason = 'camera removed by its owner' WHERE camera_id = $1 AND revoked_at IS NULL RETURNING id", [cameraId]);
    return { result: null, audits: [{ action: 'camera.remove', entity: 'camera', entityId: cameraId, after: { by: 'owner', consentsRevoked: revoked.rows.map((r) => r.id) } }] };
  });
}

/**
 * Records a signed consent. The text stored is the server's own for the version the owner read
 * (never text sent by the browser); a newer consent replaces the camera's previous one.
 */
export async function signConsent(ctx: AppContext, owner: OwnerRow, cameraId: number, body: SignConsentBody, ip: string | null): Promise<number> {
  if (body.termsVersion !== CONSENT_TERMS_VERSION) throw conflict(`the terms have changed since you opened them (now version ${CONSENT_TERMS_VERSION}); read them again before signing`);
  const tz = ctx.config.timeZone;
  const today = localDateOf(ctx.clock.now(), tz);
  // A day either side: the owner's own calendar may be in another zone than the centre's.
  if (body.signedDate < addDays(today, -1) || body.signedDate > addDays(today, 1)) throw invalid('signedDate', `write today's date (${today})`);
  if (body.expiresOn !== undefined && body.expiresOn < today) throw invalid('expiresOn', `must be today (${today}) or later`);
  // The consent holds through its last day, to midnight at the centre.
  const expiresAt = body.expiresOn ? zonedTimeToInstant(addDays(body.expiresOn, 1), '00:00', tz) : null;
  const terms = consentTerms(body.level, body.language);
  const { result } = await runCommand(ctx.db.pool, ownerActor(owner.id, ip), async (tx) => {
    await ownCamera(tx, owner.id, cameraId);
    const replaced = await tx.query<{ id: number }>('UPDATE camera_consents SET revoked_at = now(), revoked_reason = $2 WHERE camera_id = $1 AND revoked_at IS NULL RETURNING id', [cameraId, SUPERSEDED_REASON]);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO camera_consents (camera_id, owner_id, level, terms_version, terms_text, signed_name, signed_title, signed_date, signed_ip, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [cameraId, owner.id, body.level, terms.version, terms.text, body.signedName, body.signedTitle ?? null, body.signedDate, ip, expiresAt],
    );
    const id = rows[0]!.id;
    return {
      result: id,
      audits: [
        ...replaced.rows.map((r) => ({ action: 'camera-consent.supersede', entity: 'camera-consent', entityId: r.id, after: { by: id } })),
        { action: 'camera-consent.sign', entity: 'camera-consent', entityId: id, after: { cameraId, level: body.level, termsVersion: terms.version, language: body.language, expiresAt: expiresAt?.toISOString() ?? null } },
      ],
    };
  });
  return result;
}

/** Ends a consent now. Live access is decided from the current row, so it stops with this commit. */
export async function revokeConsent(ctx: AppContext, owner: OwnerRow, consentId: number, reason: string | undefined, ip: string | null): Promise<void> {
  await runCommand(ctx.db.pool, ownerActor(owner.id, ip), async (tx) => {
    const { rows } = await tx.query<{ owner_id: number; revoked_at: Date | null; camera_id: number }>('SELECT owner_id, revoked_at, camera_id FROM camera_consents WHERE id = $1 FOR UPDATE', [consentId]);
    const c = rows[0];
    if (!c || c.owner_id !== owner.id) throw notFound(`consent ${consentId}`);
    if (c.revoked_at) throw conflict(`consent ${consentId} was already revoked on ${c.revoked_at.toISOString()}`);
    await tx.query('UPDATE camera_consents SET revoked_at = now(), revoked_reason = $2 WHERE id = $1', [consentId, reason?.trim() || 'revoked by the owner']);
    return { result: null, audits: [{ action: 'camera-consent.revoke', entity: 'camera-consent', entityId: consentId, after: { cameraId: c.camera_id, by: 'owner' } }] };
  });
}
