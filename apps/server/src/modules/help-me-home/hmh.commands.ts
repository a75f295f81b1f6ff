import type pg from 'pg';
import type { HmhPersonBody } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { jpegInfo } from '../../pdf/jpeg-info';
import { getPersonRow } from './hmh.queries';

// A destination or home the geocoder is unsure of is kept without a point rather than put at a
// wrong place: proximity search then simply skips it.
const PLACE_SCORE = 0.85;

function place(ctx: AppContext, text: string, lat?: number, lon?: number): { lat: number; lon: number } | null {
  if (lat !== undefined && lon !== undefined) return { lat, lon };
  const engine = ctx.geo?.ready ? ctx.geo.current : null;
  const best = engine?.geocoder.geocode(text, { limit: 1 })[0];
  return best && best.score >= PLACE_SCORE ? { lat: best.lat, lon: best.lon } : null;
}

export function decodeJpeg(photo: HmhPersonBody['photo']): Buffer | null {
  if (!photo) return null;
  const data = Buffer.from(photo.data, 'base64');
  if (data.length > 2_000_000) throw invalid('photo', 'the picture is too large (at most 2 MB)');
  if (!jpegInfo(data)) throw invalid('photo', 'is not a readable JPEG picture');
  return data;
}

const opt = <T>(v: T | undefined) => (v === undefined ? null : v);

function columns(ctx: AppContext, b: HmhPersonBody) {
  const home = place(ctx, b.homeAddress, b.homeLat, b.homeLon);
  return {
    values: [
      b.firstName, b.lastName, opt(b.preferredName), opt(b.dateOfBirth), opt(b.sex), opt(b.heightCm), opt(b.weightKg), opt(b.hair), opt(b.eyes), opt(b.build),
      opt(b.features), opt(b.usualClothing), opt(b.medicalNotes), opt(b.behaviours), opt(b.calming), opt(b.communication), opt(b.trackingDevice),
      b.homeAddress, home?.lat ?? null, home?.lon ?? null, JSON.stringify(b.caregivers),
    ],
    destinations: b.destinations.map((d) => ({ ...d, at: place(ctx, d.address, d.lat, d.lon) })),
  };
}

async function writeDestinations(tx: pg.PoolClient, personId: number, dests: ReturnType<typeof columns>['destinations']) {
  await tx.query('DELETE FROM hmh_destinations WHERE person_id = $1', [personId]);
  for (const d of dests) {
    await tx.query('INSERT INTO hmh_destinations (person_id, label, address, lat, lon) VALUES ($1, $2, $3, $4, $5)', [personId, d.label, d.address, d.at?.lat ?? null, d.at?.lon ?? null]);
  }
}

/** Registers a person who may wander. Audit rows say what was registered, not the details. */
export async function createPerson(ctx: AppContext, actor: Actor, b: HmhPersonBody, specialNeedsId: number | null = null): Promise<number> {
  const photo = decodeJpeg(b.photo);
  const c = columns(ctx, b);
  const { result } = await runCommand(ctx.db.pool, actor, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO hmh_people (first_name, last_name, preferred_name, date_of_birth, sex, height_cm, weight_kg, hair, eyes, build, features, usual_clothing,
         medical_notes, behaviours, calming, communication, tracking_device, home_address, home_lat, home_lon, caregivers, photo, special_needs_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) RETURNING id`,
      [...c.values, photo, specialNeedsId, actor.userId],
    );
    const id = rows[0]!.id;
    await writeDestinations(tx, id, c.destinations);
    return { result: id, audits: [{ action: 'hmh.register', entity: 'hmh-person', entityId: id, after: { fields: Object.keys(b).filter((k) => k !== 'photo'), photo: photo !== null, destinations: c.destinations.length, specialNeedsId } }] };
  });
  return result;
}

/** Replaces the profile; the photo stays unless a new one is given or removal is asked for. */
export async function updatePerson(ctx: AppContext, actor: Actor, id: number, b: HmhPersonBody, removePhoto: boolean): Promise<void> {
  const photo = decodeJpeg(b.photo);
  const c = columns(ctx, b);
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const before = await getPersonRow(tx, id, true);
    if (!before) throw notFound(`person ${id}`);
    await tx.query(
      `UPDATE hmh_people SET first_name = $1, last_name = $2, preferred_name = $3, date_of_birth = $4, sex = $5, height_cm = $6, weight_kg = $7, hair = $8,
         eyes = $9, build = $10, features = $11, usual_clothing = $12, medical_notes = $13, behaviours = $14, calming = $15, communication = $16,
         tracking_device = $17, home_address = $18, home_lat = $19, home_lon = $20, caregivers = $21,
         photo = CASE WHEN $22::bytea IS NOT NULL THEN $22::bytea WHEN $23 THEN NULL ELSE photo END, updated_at = $24
       WHERE id = $25`,
      [...c.values, photo, removePhoto, now, id],
    );
    await writeDestinations(tx, id, c.destinations);
    return { result: null, audits: [{ action: 'hmh.update', entity: 'hmh-person', entityId: id, after: { fields: Object.keys(b).filter((k) => k !== 'photo'), photo: photo ? 'replaced' : removePhoto ? 'removed' : 'kept' } }] };
  });
}

/** Takes a person off the active registry (moved away, in care) or back on; kept for the record either way. */
export async function setPersonActive(ctx: AppContext, actor: Actor, id: number, active: boolean, reason: string): Promise<void> {
  await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const before = await getPersonRow(tx, id, true);
    if (!before) throw notFound(`person ${id}`);
    if (before.state === 'missing') throw conflict('this person is reported missing; mark them found first');
    await tx.query('UPDATE hmh_people SET state = $2, updated_at = $3 WHERE id = $1', [id, active ? 'active' : 'inactive', now]);
    return { result: null, audits: [{ action: active ? 'hmh.reactivate' : 'hmh.deactivate', entity: 'hmh-person', entityId: id, before: { state: before.state }, after: { reason } }] };
  });
}
