import type { TourNotice, TourRules } from '@openpsap/contract';
import type { AppContext } from '../../http/app-context';
import { composeTourMessage, type TourMessageKind } from './tour-messages';
import type { TourRow } from './tours.queries';

/** The requester's private page for a link token. */
export function manageUrl(ctx: AppContext, row: TourRow, token: string): string {
  return `${ctx.publicUrl}/public/tours/${row.reference}/${encodeURIComponent(token)}?lang=${row.lang}`;
}

/** The public calendar file of a confirmed tour for a link token. */
export function publicIcsUrl(ctx: AppContext, row: TourRow, token: string): string {
  return `${ctx.publicUrl}/api/v1/public/tours/${row.reference}/ics?token=${encodeURIComponent(token)}`;
}

/**
 * Tells the requester what happened, by e-mail when they gave one (room for the details), else by
 * SMS. Runs after the change committed: a message never announces a change that rolled back, and
 * a gateway failure is reported to the officer instead of undoing the booking.
 */
export async function notifyRequester(
  ctx: AppContext,
  rules: TourRules,
  row: TourRow,
  kind: TourMessageKind,
  token: string | null,
): Promise<TourNotice | null> {
  const channel = row.email ? 'email' : 'sms';
  const to = row.email ?? row.phone;
  if (!to) return null;
  const { subject, body } = composeTourMessage(
    rules,
    {
      kind,
      lang: row.lang,
      reference: row.reference,
      contactName: row.contact_name,
      organisation: row.organisation,
      groupSize: row.group_size,
      ages: row.ages,
      preferences: row.preferences,
      tourDate: row.tour_date,
      period: row.period,
      staffMessage: row.staff_message,
      manageUrl: token ? manageUrl(ctx, row, token) : null,
      icsUrl: token && kind === 'confirmed' ? publicIcsUrl(ctx, row, token) : null,
    },
    channel,
  );
  try {
    const sent = await ctx.messages.send({ channel, to, ...(channel === 'email' ? { subject } : {}), body, purpose: `tour.${kind}`, related: `tour:${row.id}` });
    return sent.error ? { channel, status: sent.status, error: sent.error } : { channel, status: sent.status };
  } catch (e) {
    ctx.log(`tour ${row.reference}: the ${kind} message could not be recorded: ${(e as Error).message}`);
    return { channel, status: 'failed', error: 'the message could not be recorded; contact the requester another way' };
  }
}
