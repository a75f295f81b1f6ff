import type { AppContext } from '../http/app-context';
import type { Job } from '../scheduler/scheduler';
import { runRetention } from './retention';

// Hourly, though rules count back from the start of the day: the first run of each day does the
// day's erasing, later ones find nothing, and a server restarted often still runs it every day.
const EVERY_MS = 60 * 60_000;

/** The daily retention job: erases what each rule says has been kept long enough, as of the scheduler's now. */
export function retentionJob(ctx: AppContext): Job {
  return {
    name: 'retention',
    everyMs: EVERY_MS,
    async run(now: Date) {
      const purged = await runRetention(ctx, now);
      const total = Object.values(purged).reduce((a, b) => a + b, 0);
      if (total > 0) ctx.log(`retention: erased ${Object.entries(purged).filter(([, n]) => n > 0).map(([id, n]) => `${n} (${id})`).join(', ')}`);
    },
  };
}
