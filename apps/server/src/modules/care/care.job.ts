import type { AppContext } from '../../http/app-context';
import type { Job } from '../../scheduler/scheduler';
import { escalateDueAlerts } from './care-escalation.commands';
import { notifyContacts, openMissedAlerts, planDays, sendReminders } from './care-schedule.commands';

// Every 30 s: a reminder goes out within half a minute of a window opening, an alert within half
// a minute of it closing.
const EVERY_MS = 30_000;

/**
 * The CARE scheduler job. Everything it does is decided from the database and the `now` it is
 * given, in order: lay out today's and yesterday's days, remind, open alerts for missed windows,
 * tell contacts, escalate. A step that fails does not stop the later ones; the job reports the
 * failures together (job_runs.last_error) and the next run retries whatever is still due.
 */
export function careJob(ctx: AppContext): Job {
  return {
    name: 'care',
    everyMs: EVERY_MS,
    async run(now: Date) {
      const failures: string[] = [];
      const steps: [string, () => Promise<unknown>][] = [
        ['plan', () => planDays(ctx, now)],
        ['remind', () => sendReminders(ctx, now)],
        ['missed', () => openMissedAlerts(ctx, now)],
        ['contacts', () => notifyContacts(ctx, now)],
        ['escalate', () => escalateDueAlerts(ctx, now)],
      ];
      for (const [name, step] of steps) {
        try {
          await step();
        } catch (e) {
          failures.push(`${name}: ${(e as Error).message}`);
        }
      }
      if (failures.length) throw new Error(`CARE job steps failed: ${failures.join('; ')}`);
    },
  };
}
