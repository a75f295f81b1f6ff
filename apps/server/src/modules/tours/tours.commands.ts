import { randomBytes, randomInt } from 'node:crypto';
import type pg from 'pg';
import {
  describeTourProblem,
  groupSizeProblem,
  normaliseAges,
  tourDateProblem,
  type BlockTourDateBody,
  type ConfirmTourBody,
  type PublicTour,
  type TourActionResult,
  type TourBlockedDate,
  type TourCalendarFacts,
  type TourDetail,
  type TourRequestBody,
  type TourRules,
} from '@openpsap/contract';
import { hashSecret } from '../../auth/secrets';
import { withTransaction } from '../../db/transaction';
import { AppError, conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { appendLedger } from '../../events/ledger';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import { notifyRequester } from './tour-notify';
import { tourRules } from './tour-rules';
import { localDateOf } from './tour-time';
import {
  blockedBetween,
  confirmedBetween,
  deleteBlockedDate,
  getTourByLink,
  getTourRow,
  insertBlockedDate,
  insertTourLink,
  insertTourRow,
  lockTourDay,
  setTourState,
  toPublicTour,
  toTourDetail,
  toTourSummary,
  type TourRow,
} from './tours.queries';

const ENTITY = 'tour-request';
// No 0/O, 1/I/L: a reference is read out over the phone.
const REFERENCE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The rules as configured for this server's time zone. */
export function rulesOf(ctx: AppContext): TourRules {
  return tourRules(ctx.config.timeZone);
}

/** The centre's local date now, from the server's clock (tests move it by hand). */
export function todayOf(ctx: AppContext): string {
  return localDateOf(ctx.clock.now(), ctx.config.timeZone);
}

function newReference(): string {
  let s = 'T-';
  for (let i = 0; i < 6; i++) s += REFERENCE_LETTERS[randomInt(REFERENCE_LETTERS.length)];
  return s;
}

/** A private link secret for the requester; only its hash is stored. */
function newLinkToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The actor for changes made by a member of the public, with their address for the audit. */
export function publicActor(what: string, ip: string | null): Actor {
  return { userId: null, label: `public:${what}`, role: 'system', ip };
}

/** Blocked dates and booked slots on the given dates, read in the caller's transaction. */
async function calendarFacts(db: pg.PoolClient, dates: string[], today: string, noticeFrom?: string): Promise<TourCalendarFacts> {
  const sorted = [...dates].sort();
  const from = sorted[0]!;
  const to = sorted.at(-1)!;
  const [blocked, booked] = await Promise.all([blockedBetween(db, from, to), confirmedBetween(db, from, to)]);
  return {
    today,
    ...(noticeFrom ? { noticeFrom } : {}),
    blockedDates: blocked.map((b) => b.date),
    booked: booked.map((b) => ({ date: b.tour_date!, period: b.period! })),
  };
}

/** One 422 naming every field that breaks a rule, so the form can mark them all at once. */
function rulesRefused(fields: Record<string, string>): AppError {
  return new AppError(422, 'validation_failed', Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '), fields);
}

/**
 * What the audit keeps of a request: no contact details and no organisation (a family or a
 * childminder may give their own name there), so erasing a requester leaves nothing of them behind.
 */
function auditView(row: TourRow) {
  return { reference: row.reference, state: row.state, groupSize: row.group_size, ages: row.ages, preferences: row.preferences, tourDate: row.tour_date, period: row.period };
}

/**
 * Records a public tour request after checking it against the booking rules and the calendar, then
 * acknowledges it to the requester with a private link. Returns the id and the reference to quote.
 */
export async function requestTour(ctx: AppContext, actor: Actor, body: TourRequestBody): Promise<{ id: number; reference: string }> {
  const rules = rulesOf(ctx);
  const today = todayOf(ctx);
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const facts = await calendarFacts(tx, body.preferences.map((p) => p.date), today);
    const fields: Record<string, string> = {};
    const size = groupSizeProblem(rules, body.groupSize, body.lang);
    if (size) fields.groupSize = size;
    body.preferences.forEach((p, i) => {
      const problem = tourDateProblem(rules, p.date, p.period, facts);
      if (problem) fields[`preferences.${i}.date`] = describeTourProblem(problem, rules, body.lang);
    });
    if (Object.keys(fields).length > 0) throw rulesRefused(fields);
    let row: TourRow | null = null;
    for (let attempt = 0; !row; attempt++) {
      if (attempt === 8) throw new Error('could not draw a free tour reference');
      row = await insertTourRow(tx, {
        reference: newReference(),
        organisation: body.organisation,
        contactName: body.contactName,
        email: body.email ?? null,
        phone: body.phone ?? null,
        groupSize: body.groupSize,
        ages: normaliseAges(body.ages) ?? body.ages,
        accessibility: body.accessibility || null,
        preferences: body.preferences,
        message: body.message || null,
        lang: body.lang,
        requestedOn: today,
        now,
      });
    }
    const token = newLinkToken();
    await insertTourLink(tx, row.id, hashSecret(token), now);
    return { result: { row, token }, audits: [{ action: 'tour.request', entity: ENTITY, entityId: row.id, after: auditView(row) }] };
  });
  await notifyRequester(ctx, rules, result.row, 'acknowledged', result.token);
  return { id: result.row.id, reference: result.row.reference };
}

/**
 * Books a waiting request into a slot. The day is locked first, so of two officers taking the
 * day's last slot at once one wins and the other gets a 409; the rules (weekday, notice counted
 * from the request, blocked dates) answer 422 naming the field.
 */
export async function confirmTour(ctx: AppContext, actor: Actor, id: number, body: ConfirmTourBody): Promise<TourActionResult> {
  const rules = rulesOf(ctx);
  const today = todayOf(ctx);
  let outcome;
  try {
    outcome = await runCommand(ctx.db.pool, actor, async (tx, now) => {
      const row = await getTourRow(tx, id, true);
      if (!row) throw notFound(`tour request ${id}`);
      if (row.state !== 'requested') throw conflict(`tour request ${row.reference} is ${row.state}; only a waiting request can be confirmed`);
      await lockTourDay(tx, body.date);
      const facts = await calendarFacts(tx, [body.date], today, row.requested_on);
      const problem = tourDateProblem(rules, body.date, body.period, facts);
      if (problem?.code === 'slot-taken' || problem?.code === 'day-full') {
        const taken = (await confirmedBetween(tx, body.date, body.date)).map((t) => `${t.reference} (${t.period})`).join(', ');
        throw conflict(`${body.date} ${problem.code === 'slot-taken' ? `${body.period} is already booked` : `already has ${rules.maxPerDay} tours`}: ${taken}; pick another slot`);
      }
      if (problem) throw invalid('date', describeTourProblem(problem, rules, 'en'));
      const updated = await setTourState(tx, id, { state: 'confirmed', tourDate: body.date, period: body.period, decidedBy: actor.userId, now });
      const token = newLinkToken();
      await insertTourLink(tx, id, hashSecret(token), now);
      return {
        result: { row: updated, token },
        audits: [{ action: 'tour.confirm', entity: ENTITY, entityId: id, before: auditView(row), after: auditView(updated) }],
      };
    });
  } catch (e) {
    // The partial unique index is the last line: it fires only if a slot was taken in a way the day lock did not see.
    if ((e as { code?: string }).code === '23505') throw conflict(`${body.date} ${body.period} was booked by someone else a moment ago; pick another slot`);
    throw e;
  }
  const { row, token } = outcome.result;
  const notice = await notifyRequester(ctx, rules, row, 'confirmed', token);
  return { tour: toTourSummary(row, rules), notice };
}

/** Turns a waiting request down; the officer's message is sent to the requester as written. */
export async function declineTour(ctx: AppContext, actor: Actor, id: number, message: string): Promise<TourActionResult> {
  return closeTour(ctx, actor, id, message, { from: 'requested', to: 'declined', action: 'tour.decline' });
}

/** Cancels a confirmed tour (the slot becomes free); the officer's message goes to the requester. */
export async function cancelTour(ctx: AppContext, actor: Actor, id: number, message: string): Promise<TourActionResult> {
  return closeTour(ctx, actor, id, message, { from: 'confirmed', to: 'cancelled', action: 'tour.cancel' });
}

async function closeTour(
  ctx: AppContext,
  actor: Actor,
  id: number,
  message: string,
  step: { from: 'requested' | 'confirmed'; to: 'declined' | 'cancelled'; action: string },
): Promise<TourActionResult> {
  const rules = rulesOf(ctx);
  const { result: row } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const before = await getTourRow(tx, id, true);
    if (!before) throw notFound(`tour request ${id}`);
    if (before.state !== step.from) {
      throw conflict(`tour request ${before.reference} is ${before.state}; only a ${step.from === 'requested' ? 'waiting request can be declined' : 'confirmed tour can be cancelled'}`);
    }
    const after = await setTourState(tx, id, { state: step.to, staffMessage: message, decidedBy: actor.userId, now });
    // The message went to the requester and may name them: the audit records only that one was sent.
    return { result: after, audits: [{ action: step.action, entity: ENTITY, entityId: id, before: auditView(before), after: { ...auditView(after), messageSent: message.length > 0 } }] };
  });
  const notice = await notifyRequester(ctx, rules, row, step.to, null);
  return { tour: toTourSummary(row, rules), notice };
}

/**
 * Withdraws a request with the requester's private link: waiting or confirmed (which frees the
 * slot). Withdrawing twice answers the same; a request the centre already closed cannot be.
 */
export async function withdrawTour(ctx: AppContext, actor: Actor, reference: string, token: string): Promise<PublicTour> {
  const rules = rulesOf(ctx);
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    const row = await getTourByLink(tx, reference, hashSecret(token), true);
    if (!row) throw notFound('a tour request with this reference and link');
    if (row.state === 'withdrawn') return { result: { row, changed: false }, audits: [] };
    if (row.state !== 'requested' && row.state !== 'confirmed') throw conflict(`this request was already ${row.state} by the centre; there is nothing to withdraw`);
    const after = await setTourState(tx, row.id, { state: 'withdrawn', now });
    return { result: { row: after, changed: true }, audits: [{ action: 'tour.withdraw', entity: ENTITY, entityId: row.id, before: auditView(row), after: auditView(after) }] };
  });
  if (result.changed) await notifyRequester(ctx, rules, result.row, 'withdrawn', null);
  return toPublicTour(result.row, rules);
}

/** The requester's own view of their request, for their private page. */
export async function publicTourView(ctx: AppContext, reference: string, token: string): Promise<{ row: TourRow; view: PublicTour }> {
  const row = await getTourByLink(ctx.db.pool, reference, hashSecret(token));
  if (!row) throw notFound('a tour request with this reference and link');
  return { row, view: toPublicTour(row, rulesOf(ctx)) };
}

/**
 * A request with its contact details for an officer. Contact details are personal data, so every
 * read is written to the audit chain with the reason given, in the same transaction as the read.
 */
export async function readTourDetail(ctx: AppContext, actor: Actor, id: number, purpose: string): Promise<TourDetail> {
  return withTransaction(ctx.db.pool, async (tx, now) => {
    const row = await getTourRow(tx, id);
    if (!row) throw notFound(`tour request ${id}`);
    await appendLedger(tx, actor, now, [{ action: 'tour.view', entity: ENTITY, entityId: id, purpose }]);
    return toTourDetail(row, rulesOf(ctx));
  });
}

/** Closes a day to tours (a drill, a holiday). Refused while tours are booked that day: cancel them first, with a message. */
export async function blockTourDate(ctx: AppContext, actor: Actor, body: BlockTourDateBody): Promise<TourBlockedDate> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx, now) => {
    await lockTourDay(tx, body.date);
    const booked = await confirmedBetween(tx, body.date, body.date);
    if (booked.length > 0) throw conflict(`${body.date} has confirmed tours (${booked.map((b) => b.reference).join(', ')}); cancel them with a message first`);
    const blocked = await insertBlockedDate(tx, { date: body.date, reason: body.reason, createdBy: actor.userId, now });
    if (!blocked) throw conflict(`${body.date} is already blocked`);
    return { result: blocked, audits: [{ action: 'tour.block-date', entity: 'tour-blocked-date', entityId: body.date, after: blocked }] };
  });
  return result;
}

/** Opens a blocked day to tours again. */
export async function unblockTourDate(ctx: AppContext, actor: Actor, date: string): Promise<TourBlockedDate> {
  const { result } = await runCommand(ctx.db.pool, actor, async (tx) => {
    await lockTourDay(tx, date);
    const removed = await deleteBlockedDate(tx, date);
    if (!removed) throw notFound(`a blocked tour date ${date}`);
    return { result: removed, audits: [{ action: 'tour.unblock-date', entity: 'tour-blocked-date', entityId: date, before: removed }] };
  });
  return result;
}
