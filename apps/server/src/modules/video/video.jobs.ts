import type { AppContext } from '../../http/app-context';
import type { Job } from '../../scheduler/scheduler';
import { cameraHealthJob } from './camera-health';
import { sharedViewingFor } from '../camera-shares/shared-viewing';
import { videoFor } from './video-service';

/** Background jobs of live video: camera health probes, and closing views a stopped server left open. */
export function videoJobs(ctx: AppContext): Job[] {
  return [
    cameraHealthJob(ctx),
    { name: 'video-views', everyMs: 60_000, run: async (now) => {
      await videoFor(ctx).closeStale(now);
      await sharedViewingFor(ctx).closeStale(now);
    } },
  ];
}
