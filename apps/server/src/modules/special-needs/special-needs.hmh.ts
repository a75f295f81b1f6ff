import { CONDITION_LABELS, type HmhPersonBody } from '@openpsap/contract';
import type { Actor } from '../../events/actor';
import type { AppContext } from '../../http/app-context';
import { createPerson, updatePerson } from '../help-me-home/hmh.commands';
import { addressText } from './special-needs.commands';
import { getNotice, noticePhoto } from './special-needs.queries';

/**
 * When the family said the person may wander, an approved notice also registers them in Help Me
 * Home (or refreshes that registration), so the description, photo and likely destinations are
 * ready the moment they go missing. Returns the Help Me Home id, or null when there is nothing to do.
 */
export async function registerWanderer(ctx: AppContext, actor: Actor, noticeId: number): Promise<number | null> {
  const n = await getNotice(ctx.db.pool, noticeId);
  const w = n?.form.wander;
  if (!n || !w || n.state !== 'approved') return null;
  const f = n.form;
  const photo = n.has_photo ? await noticePhoto(ctx.db.pool, noticeId) : null;
  const conditions = f.conditions.map((c) => (c === 'other' && f.conditionsOther ? f.conditionsOther : CONDITION_LABELS[c])).join(', ');
  const body: HmhPersonBody = {
    firstName: f.person.firstName,
    lastName: f.person.lastName,
    ...(f.person.preferredName ? { preferredName: f.person.preferredName } : {}),
    ...(f.person.dateOfBirth ? { dateOfBirth: f.person.dateOfBirth } : {}),
    ...(w.sex ? { sex: w.sex } : {}),
    ...(w.heightCm ? { heightCm: w.heightCm } : {}),
    ...(w.weightKg ? { weightKg: w.weightKg } : {}),
    ...(w.hair ? { hair: w.hair } : {}),
    ...(w.eyes ? { eyes: w.eyes } : {}),
    ...(w.features ? { features: w.features } : {}),
    ...(w.usualClothing ? { usualClothing: w.usualClothing } : {}),
    medicalNotes: [conditions, f.medications].filter(Boolean).join('. '),
    ...(w.behaviours ? { behaviours: w.behaviours } : {}),
    ...(f.communication ? { calming: f.communication, communication: f.communication } : {}),
    ...(w.trackingDevice ? { trackingDevice: w.trackingDevice } : {}),
    homeAddress: addressText(f),
    ...(n.lat !== null && n.lon !== null ? { homeLat: n.lat, homeLon: n.lon } : {}),
    caregivers: f.contacts.map((c) => ({ name: c.name, ...(c.relationship ? { relationship: c.relationship } : {}), phone: c.phone })),
    destinations: w.destinations,
    ...(photo ? { photo: { contentType: 'image/jpeg' as const, data: photo.toString('base64') } } : {}),
  };
  const { rows } = await ctx.db.pool.query<{ id: number }>('SELECT id FROM hmh_people WHERE special_needs_id = $1', [noticeId]);
  if (rows[0]) {
    await updatePerson(ctx, actor, rows[0].id, body, !photo);
    return rows[0].id;
  }
  return createPerson(ctx, actor, body, noticeId);
}
