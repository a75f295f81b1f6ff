import { z } from 'zod';

/** CAP feeds from other senders (the National Weather Service, the state) polled for active alerts. */
export interface CapFeedSettings {
  /** Atom indexes or single CAP messages, http(s) only; empty = nothing is polled. */
  urls: string[];
  pollSeconds: number;
}

const feedList = z
  .string()
  .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
  .superRefine((urls, ctx) => {
    for (const u of urls) {
      let ok = false;
      try {
        const p = new URL(u);
        ok = (p.protocol === 'http:' || p.protocol === 'https:') && !!p.hostname;
      } catch {
        ok = false;
      }
      if (!ok) ctx.addIssue({ code: 'custom', message: `PSAP_CAP_FEEDS must list http(s) URLs separated by commas; "${u}" is not one` });
    }
  });

/** The environment variables of CAP feed polling, merged into the server's configuration source. */
export const CAP_FEED_ENV = {
  PSAP_CAP_FEEDS: feedList.default([]),
  PSAP_CAP_POLL_SECONDS: z.coerce
    .number({ error: 'PSAP_CAP_POLL_SECONDS must be a whole number' })
    .int('PSAP_CAP_POLL_SECONDS must be a whole number')
    .min(15, 'PSAP_CAP_POLL_SECONDS must be at least 15')
    .max(3600, 'PSAP_CAP_POLL_SECONDS must be at most 3600')
    .default(120),
};

const CapFeedEnvSchema = z.object(CAP_FEED_ENV);

export function capFeedSettings(c: z.infer<typeof CapFeedEnvSchema>): CapFeedSettings {
  return { urls: c.PSAP_CAP_FEEDS, pollSeconds: c.PSAP_CAP_POLL_SECONDS };
}
