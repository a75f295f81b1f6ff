/**
 * Polling the configured CAP feeds (PSAP_CAP_FEEDS): each URL is an Atom index (NWS style) whose
 * entries link to CAP messages, a single CAP 1.1/1.2 message, or a wrapper carrying several. What
 * reads is stored through the same code as `psap cap import`; what does not is reported per feed.
 *
 *   pollCapFeeds(ctx, now): Promise<FeedReport[]>
 *   capFeedJob(ctx): Job
 *   lastFeedReports(ctx): FeedReport[]
 */
import type { AppContext } from '../../http/app-context';
import { systemActor } from '../../events/actor';
import type { Job } from '../../scheduler/scheduler';
import { capDocumentKind, parseCap, parseCapAll } from '../../cap/cap-reader';
import { parseCapAtomIndex } from '../../cap/cap-atom-index';
import { loadCapSource } from '../../cap/cap-source';
import { storableProblem, storeExternalAlert } from '../../cap/external-alerts.store';
import type { CapAlert } from '../../cap/cap-model';

export const CAP_FEED_JOB = 'cap-feeds';
const actor = systemActor(CAP_FEED_JOB);
// An index of a whole country lists hundreds; a poll is bounded so a huge index cannot stall the job.
const MAX_ENTRIES_PER_POLL = 300;
const FETCH_TIMEOUT_MS = 20_000;

export interface FeedReport {
  url: string;
  polledAt: string;
  ok: boolean;
  /** Messages newly stored in this poll. */
  stored: number;
  /** Messages read and already stored (or skipped because their link was stored before). */
  known: number;
  /** Plain-words reasons, one per message or document that could not be taken. */
  problems: string[];
}

const reportsByServer = new WeakMap<AppContext, Map<string, FeedReport>>();

export function lastFeedReports(ctx: AppContext): FeedReport[] {
  return [...(reportsByServer.get(ctx)?.values() ?? [])];
}

async function storeOne(ctx: AppContext, alert: CapAlert | null, why: string, text: string, url: string | null, r: FeedReport): Promise<void> {
  if (!alert) {
    r.problems.push(`${url ?? r.url}: ${why}`);
    return;
  }
  const problem = storableProblem(alert);
  if (problem) {
    r.problems.push(`${url ?? r.url}: ${problem}`);
    return;
  }
  const res = await storeExternalAlert(ctx.db.pool, actor, { alert, xml: text, sourceUrl: url });
  if (res.inserted) r.stored++;
  else r.known++;
}

async function pollOne(ctx: AppContext, feedUrl: string, now: Date): Promise<FeedReport> {
  const r: FeedReport = { url: feedUrl, polledAt: now.toISOString(), ok: true, stored: 0, known: 0, problems: [] };
  const src = await loadCapSource(feedUrl, { timeoutMs: FETCH_TIMEOUT_MS });
  if (!src.ok) {
    r.problems.push(src.reason);
    r.ok = false;
    return r;
  }
  const base = src.url ?? feedUrl;
  const kind = capDocumentKind(src.text);
  if (kind === 'alert' || kind === 'other') {
    const { alert, problems } = parseCap(src.text);
    await storeOne(ctx, alert, problems.map((p) => p.message).join('; '), src.text, base, r);
  } else if (kind === 'container') {
    for (const one of parseCapAll(src.text).alerts) await storeOne(ctx, one.alert, one.problems.map((p) => p.message).join('; '), src.text, base, r);
  } else {
    const { entries, problems } = parseCapAtomIndex(src.text);
    r.problems.push(...problems.map((p) => `${feedUrl}: ${p.message}`));
    const links: string[] = [];
    for (const e of entries.slice(0, MAX_ENTRIES_PER_POLL)) {
      try {
        if (e.link) links.push(new URL(e.link, base).href);
        else r.problems.push(`${feedUrl}: entry ${e.id || e.title} has no link to its CAP message`);
      } catch {
        r.problems.push(`${feedUrl}: entry ${e.id || e.title} has a link that is not a URL`);
      }
    }
    // Each CAP message has its own link; one already stored is not fetched again every poll.
    const { rows } = await ctx.db.pool.query<{ source_url: string }>('SELECT DISTINCT source_url FROM external_alerts WHERE source_url = ANY($1::text[])', [links]);
    const seen = new Set(rows.map((x) => x.source_url));
    for (const link of links) {
      if (seen.has(link)) {
        r.known++;
        continue;
      }
      const msg = await loadCapSource(link, { timeoutMs: FETCH_TIMEOUT_MS });
      if (!msg.ok) {
        r.problems.push(msg.reason);
        continue;
      }
      const kindOf = capDocumentKind(msg.text);
      if (kindOf === 'container') {
        for (const one of parseCapAll(msg.text).alerts) await storeOne(ctx, one.alert, one.problems.map((p) => p.message).join('; '), msg.text, link, r);
      } else {
        const { alert, problems: ps } = parseCap(msg.text);
        await storeOne(ctx, alert, ps.map((p) => p.message).join('; '), msg.text, link, r);
      }
    }
    if (entries.length > MAX_ENTRIES_PER_POLL) r.problems.push(`${feedUrl}: ${entries.length} entries; the first ${MAX_ENTRIES_PER_POLL} were read this time`);
  }
  r.ok = r.problems.length === 0;
  return r;
}

/**
 * Polls every configured feed once. A feed that fails (down, slow, not CAP) is reported and the
 * others still polled; nothing here throws for what a sender sends.
 */
export async function pollCapFeeds(ctx: AppContext, now: Date): Promise<FeedReport[]> {
  const out: FeedReport[] = [];
  let reports = reportsByServer.get(ctx);
  if (!reports) reportsByServer.set(ctx, (reports = new Map()));
  for (const url of ctx.config.capFeeds.urls) {
    let r: FeedReport;
    try {
      r = await pollOne(ctx, url, now);
    } catch (e) {
      r = { url, polledAt: now.toISOString(), ok: false, stored: 0, known: 0, problems: [`${url}: ${(e as Error).message}`] };
    }
    for (const p of r.problems) ctx.log(`CAP feed: ${p}`);
    reports.set(url, r);
    out.push(r);
  }
  return out;
}

/** The job: the problems of a poll end up in job_runs.last_error, where operators look. */
export function capFeedJob(ctx: AppContext): Job {
  return {
    name: CAP_FEED_JOB,
    everyMs: ctx.config.capFeeds.pollSeconds * 1000,
    run: async (now) => {
      const reports = await pollCapFeeds(ctx, now);
      const failed = reports.filter((r) => !r.ok);
      if (failed.length) throw new Error(failed.map((r) => `${r.url}: ${r.problems.slice(0, 3).join('; ')}`).join(' | ').slice(0, 2000));
    },
  };
}
