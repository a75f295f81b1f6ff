import type pg from 'pg';
import type { Clock } from './clock';

/** A background job: given the clock's now, does whatever is due. Must be safe to run again. */
export interface Job {
  name: string;
  everyMs: number;
  run(now: Date): Promise<void>;
}

/**
 * Runs jobs on an interval, each under a row lock in job_runs so that with several servers only
 * one works a job at a time. Jobs decide what is due from database state, never from memory, so a
 * restart (or a crash in the middle) neither misses nor repeats anything.
 */
export class Scheduler {
  private timers: NodeJS.Timeout[] = [];
  private running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
    private readonly jobs: Job[],
    private readonly log: (msg: string) => void,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      // A database outage (failover, restart) skips a turn; it must not end the process.
      const t = setInterval(() => void this.runOnce(job.name).catch((e: Error) => this.log(`job ${job.name} could not start: ${e.message}`)), job.everyMs);
      t.unref();
      this.timers.push(t);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.running.values());
  }

  /** Runs one job now (tests call this after moving the clock). Resolves when it has finished. */
  async runOnce(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job || this.stopped) return;
    const prev = this.running.get(name);
    if (prev) return prev;
    const p = this.exclusive(job).finally(() => this.running.delete(name));
    this.running.set(name, p);
    return p;
  }

  private async exclusive(job: Job): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('INSERT INTO job_runs (job) VALUES ($1) ON CONFLICT DO NOTHING', [job.name]);
      await client.query('BEGIN');
      // SKIP LOCKED: if another server is running this job, this one simply skips its turn.
      const { rowCount } = await client.query('SELECT 1 FROM job_runs WHERE job = $1 FOR UPDATE SKIP LOCKED', [job.name]);
      if (!rowCount) {
        await client.query('ROLLBACK');
        return;
      }
      const now = this.clock.now();
      let error: string | null = null;
      try {
        await job.run(now);
      } catch (e) {
        error = (e as Error).message;
        this.log(`job ${job.name} failed: ${error}`);
      }
      await client.query('UPDATE job_runs SET last_run_at = $2, last_error = $3 WHERE job = $1', [job.name, now, error]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.log(`job ${job.name} could not run: ${(e as Error).message}`);
    } finally {
      client.release();
    }
  }
}
