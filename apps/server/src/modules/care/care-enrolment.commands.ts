import type pg from 'pg';
import type { CareEnrolment, CreateCareEnrolmentBody, UpdateCareEnrolmentBody } from '@openpsap/contract';
import { conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { newCheckInCode, newLinkToken } from './care-codes';
import type { CareContext } from './care-context';
import { localDateOf } from './care-time';
import {
  codeInUse,
  dropUntouchedDays,
  getEnrolmentRow,
  insertEnrolment,
  recentDays,
  toEnrolment,
  updateEnrolment,
  valuesOf,
  type EnrolmentValues,
} from './care.queries';

const CODE_ATTEMPTS = 20;

async function freeCode(tx: pg.PoolClient, exceptId: number | null): Promise<string> {
  for (let i = 0; i < CODE_ATTEMPTS; i++) {
    const code = newCheckInCode();
    if (!(await codeInUse(tx, code, exceptId))) return code;
  }
  // A million codes and a few hundred seniors: reaching this means something else is wrong.
  throw conflict('could not find a free check-in code; try again');
}

// The audit log is append-only and kept for years, and a senior may ask for their record to be
// erased: its rows hold ids, states and the names of changed fields, never names, phones,
// addresses, contacts or notes (those stay in care_enrolments, where they can be erased).
const PERSONAL_FIELDS = new Set(['personName', 'phone', 'address', 'lat', 'lon', 'contacts', 'notes']);

/** The record as the audit log keeps it: the schedule and state, without anything personal or secret. */
function audited(e: CareEnrolment): Record<string, unknown> {
  const { checkInCode: _code, checkInLink: _link, recentDays: _days, ...rest } = e;
  return Object.fromEntries(Object.entries(rest).filter(([k]) => !PERSONAL_FIELDS.has(k)));
}

/** Every field a change touched, personal ones by name only. */
function changedFields(before: CareEnrolment, after: CareEnrolment): string[] {
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  return Object.keys(a).filter((k) => !['updatedAt', 'recentDays', 'checkInCode', 'checkInLink'].includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * Enrols a senior: a daily window, contacts, notes for responders, and a private code and link.
 * `located` is the address on the map when the geocoder was sure of it.
 */
export async function createEnrolment(ctx: CareContext, actor: Actor, body: CreateCareEnrolmentBody, located: { lat: number; lon: number } | null) {
  const now = ctx.clock.now();
  return runCommand(ctx.db.pool, actor, async (tx) => {
    const row = await insertEnrolment(
      tx,
      {
        personName: body.personName,
        phone: body.phone ?? null,
        language: body.language,
        address: body.address,
        lat: located?.lat ?? null,
        lon: located?.lon ?? null,
        windowStart: body.windowStart,
        windowEnd: body.windowEnd,
        days: body.days,
        contacts: body.contacts,
        notes: body.notes ?? null,
        active: body.active,
        activeSince: body.active ? now : null,
        startDate: body.startDate ?? localDateOf(now, ctx.config.timeZone),
        escalationMinutes: body.escalationMinutes,
        code: await freeCode(tx, null),
        token: newLinkToken(),
      },
      actor.userId,
    );
    const enrolment = toEnrolment(row, ctx.publicUrl, []);
    return { result: enrolment, audits: [{ action: 'care.enrol', entity: 'care-enrolment', entityId: row.id, after: audited(enrolment) }] };
  });
}

/**
 * Changes an enrolment. Pausing stops reminders and alerts from the next window on; resuming
 * counts only windows that open after the resume. A changed window or schedule is recomputed
 * for days on which nothing has happened yet.
 */
export async function changeEnrolment(ctx: CareContext, actor: Actor, id: number, body: UpdateCareEnrolmentBody, located: { lat: number; lon: number } | null) {
  const now = ctx.clock.now();
  return runCommand(ctx.db.pool, actor, async (tx) => {
    const row = await getEnrolmentRow(tx, id, true);
    if (!row) throw notFound(`CARE enrolment ${id}`);
    const old = valuesOf(row);
    const next: EnrolmentValues = { ...old };
    if (body.personName !== undefined) next.personName = body.personName;
    if (body.phone !== undefined) next.phone = body.phone;
    if (body.language !== undefined) next.language = body.language;
    if (body.address !== undefined && body.address !== old.address) {
      next.address = body.address;
      next.lat = located?.lat ?? null;
      next.lon = located?.lon ?? null;
    }
    if (body.windowStart !== undefined) next.windowStart = body.windowStart;
    if (body.windowEnd !== undefined) next.windowEnd = body.windowEnd;
    if (next.windowEnd <= next.windowStart) {
      throw invalid(body.windowEnd !== undefined ? 'windowEnd' : 'windowStart', `the window would be ${next.windowStart}-${next.windowEnd}; the end must be after the start on the same day`);
    }
    if (body.days !== undefined) next.days = body.days;
    if (body.contacts !== undefined) next.contacts = body.contacts;
    if (body.notes !== undefined) next.notes = body.notes;
    if (body.startDate !== undefined) next.startDate = body.startDate;
    if (body.escalationMinutes !== undefined) next.escalationMinutes = body.escalationMinutes;
    const resumed = body.active === true && !old.active;
    if (body.active !== undefined) next.active = body.active;
    if (resumed) {
      next.activeSince = now;
      // Codes are unique among active enrolments only: one given out meanwhile may be this one's.
      if (await codeInUse(tx, old.code, id)) next.code = await freeCode(tx, id);
    }
    const scheduleChanged = resumed || next.windowStart !== old.windowStart || next.windowEnd !== old.windowEnd || next.startDate !== old.startDate || next.days.join() !== old.days.join();
    if (scheduleChanged) await dropUntouchedDays(tx, id, localDateOf(now, ctx.config.timeZone));
    const updated = await updateEnrolment(tx, id, next);
    const previous = toEnrolment(row, ctx.publicUrl, []);
    const enrolment = toEnrolment(updated, ctx.publicUrl, await recentDays(tx, id));
    const fields = changedFields(previous, enrolment);
    // Values of the schedule and state are kept before and after; personal fields only by name.
    const before = audited(previous);
    const after = audited(enrolment);
    const kept = fields.filter((k) => k in after);
    return {
      result: enrolment,
      audits: [{ action: 'care.update', entity: 'care-enrolment', entityId: id, before: Object.fromEntries(kept.map((k) => [k, before[k]])), after: { ...Object.fromEntries(kept.map((k) => [k, after[k]])), fields } }],
    };
  });
}

/** Replaces the check-in code and link, when the old ones were lost or seen by someone else. */
export async function reissueCredentials(ctx: CareContext, actor: Actor, id: number) {
  return runCommand(ctx.db.pool, actor, async (tx) => {
    const row = await getEnrolmentRow(tx, id, true);
    if (!row) throw notFound(`CARE enrolment ${id}`);
    const next = { ...valuesOf(row), code: row.active ? await freeCode(tx, id) : newCheckInCode(), token: newLinkToken() };
    const updated = await updateEnrolment(tx, id, next);
    const enrolment = toEnrolment(updated, ctx.publicUrl, await recentDays(tx, id));
    return { result: enrolment, audits: [{ action: 'care.reissue-code', entity: 'care-enrolment', entityId: id }] };
  });
}
