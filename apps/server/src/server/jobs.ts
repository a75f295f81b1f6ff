import type { AppContext } from '../http/app-context';
import type { Job } from '../scheduler/scheduler';
import { careJob } from '../modules/care/care.job';
import { sendReconfirmReminders } from '../modules/special-needs/special-needs.commands';
import { retentionJob } from '../privacy/retention.job';
import { evidenceRetentionJob } from '../evidence/evidence-retention.job';
import { expireFootageRequests } from '../modules/footage/footage.commands';
import { videoJobs } from '../modules/video/video.jobs';
import { alertsExpiryJob } from '../modules/alerts/alerts.job';
import { capFeedJob } from '../modules/outside-alerts/outside-alerts.poll';
import { boloExpiryJob } from '../modules/bolos/bolos.job';
import { i3LogJob } from '../modules/i3-log/i3-log.job';
import { alarmUpdatesJob } from '../modules/alarm-intake/alarm-updates.job';
import { certificationJobs } from '../modules/certifications/certifications.job';

/** Every background job of the centre's programs. Each decides what is due from database state. */
export function allJobs(ctx: AppContext): Job[] {
  return [
    careJob(ctx),
    // Yearly re-confirmation of special-needs notices: hourly is plenty for a 30-day notice.
    { name: 'special-needs-reminders', everyMs: 60 * 60_000, run: async (now) => void (await sendReconfirmReminders(ctx, now)) },
    retentionJob(ctx),
    // Evidence: unfinished uploads cleaned up, orphaned recordings kept, items past retention erased.
    evidenceRetentionJob(ctx),
    // Footage requests lapse after days; a quarter of an hour late is of no consequence.
    { name: 'footage-expiry', everyMs: 15 * 60_000, run: async (now) => void (await expireFootageRequests(ctx, now)) },
    ...videoJobs(ctx),
    alertsExpiryJob(ctx),
    capFeedJob(ctx),
    boloExpiryJob(ctx),
    // NENA i3 log and alarm companies' updates follow the ledger by cursor (exactly once).
    i3LogJob(ctx),
    alarmUpdatesJob(ctx),
    // Certification reminders (60/30/7 days) and CIT capability following expiries.
    ...certificationJobs(ctx),
  ];
}
