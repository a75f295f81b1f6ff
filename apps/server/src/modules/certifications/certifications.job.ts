import { systemActor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { AppContext } from '../../http/app-context';
import type { Job } from '../../scheduler/scheduler';
import { localDateOf } from '../training/training-dates';
import { dueReminder } from './certification-status';
import { recomputeUnitCapabilities } from './unit-capabilities';

interface Candidate { id: number; staff_name: string; email: string | null; kind_name: string; expires_on: string; reminder_days: number[]; certificate_no: string | null }

/**
 * E-mails the holder of each certification nearing expiry at the kind's thresholds (60/30/7 days by
 * default), each threshold once: the reminder's row is claimed in a transaction before the message
 * goes, so a rerun or a second server never sends it twice. Older certificates replaced by a newer
 * one of the same kind are left alone.
 */
export async function sendCertificationReminders(ctx: AppContext, now: Date): Promise<number> {
  const today = localDateOf(now, ctx.config.timeZone);
  const { rows } = await ctx.db.pool.query<Candidate>(
    `SELECT c.id, s.display_name AS staff_name, s.email, k.name AS kind_name, c.expires_on::text AS expires_on, k.reminder_days, c.certificate_no
       FROM certifications c JOIN staff_members s ON s.id = c.staff_member_id JOIN certification_kinds k ON k.code = c.kind_code
      WHERE c.revoked_at IS NULL AND c.expires_on IS NOT NULL AND c.expires_on >= $1::date AND k.active AND s.left_on IS NULL
        AND c.expires_on <= $1::date + (SELECT coalesce(max(d), 0) FROM unnest(k.reminder_days) d)
        AND NOT EXISTS (SELECT 1 FROM certifications n WHERE n.staff_member_id = c.staff_member_id AND n.kind_code = c.kind_code AND n.revoked_at IS NULL
                          AND n.id <> c.id AND (n.issued_on, n.id) > (c.issued_on, c.id))
      ORDER BY c.id`,
    [today],
  );
  let sent = 0;
  for (const c of rows) {
    const days = dueReminder(c.expires_on, today, c.reminder_days);
    if (days === null) continue;
    const { result: claimed } = await runCommand(ctx.db.pool, systemActor('certification-reminders'), async (tx) => {
      const ins = await tx.query('INSERT INTO certification_reminders (certification_id, days_before, sent_at, sent_to) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [c.id, days, now, c.email]);
      if (!ins.rowCount) return { result: false, audits: [] };
      return { result: true, audits: [{ action: 'certification.reminder', entity: 'certification', entityId: c.id, after: { daysBefore: days, expiresOn: c.expires_on, emailed: Boolean(c.email) } }] };
    });
    if (!claimed || !c.email) continue;
    const m = await ctx.messages.send({
      channel: 'email',
      to: c.email,
      subject: `${c.kind_name} certification expires on ${c.expires_on}`,
      body: `${c.staff_name}, your ${c.kind_name} certification${c.certificate_no ? ` (${c.certificate_no})` : ''} is valid through ${c.expires_on}, ${days} days from now or less. Please arrange the renewal and give the new certificate to your supervisor so it can be recorded.`,
      purpose: 'certification.reminder',
      related: `certification:${c.id}`,
    });
    await ctx.db.pool.query('UPDATE certification_reminders SET message_id = $3 WHERE certification_id = $1 AND days_before = $2', [c.id, days, m.id]);
    sent++;
  }
  return sent;
}

/**
 * Takes certification-backed capabilities (CIT) off units whose crews' certifications have lapsed
 * (and back when they are valid again), by the scheduler's date. One command per changed unit.
 */
export async function applyCertificationExpiry(ctx: AppContext, now: Date): Promise<number> {
  const today = localDateOf(now, ctx.config.timeZone);
  const { rows } = await ctx.db.pool.query<{ unit_id: number }>('SELECT DISTINCT unit_id FROM unit_crew ORDER BY unit_id');
  let changed = 0;
  for (const { unit_id } of rows) {
    const { result } = await runCommand(ctx.db.pool, systemActor('certification-expiry'), async (tx) => {
      const changes = await recomputeUnitCapabilities(tx, [unit_id], today, `certifications on ${today}`);
      return { result: changes.length, audits: changes.map((c) => c.audit), event: changes[0]?.event };
    });
    changed += result;
  }
  return changed;
}

// Hourly: a certificate lapses at the end of its day; the first run after midnight notices it.
export const certificationJobs = (ctx: AppContext): Job[] => [
  { name: 'certification-reminders', everyMs: 60 * 60_000, run: async (now) => void (await sendCertificationReminders(ctx, now)) },
  { name: 'certification-expiry', everyMs: 60 * 60_000, run: async (now) => void (await applyCertificationExpiry(ctx, now)) },
];
