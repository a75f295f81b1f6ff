// CARE scheduler benchmark: how long one run of the CARE job takes when every senior enrolled in
// the city shares the same window (the worst case: 08:00-10:00 for all), through the real job on
// the embedded PostgreSQL with the demo jurisdiction.
//
//   npm run bench -- care [--seniors 1000] [--json]
//
// Runs, on a controlled clock: 07:59 (lays out the day rows), 08:00 (a reminder each), 10:00 (every
// window missed: an alert each, contacts texted), 10:30 (every alert escalates to a WELFARE
// incident), then 10:31 (nothing left to do). The job runs every 30 s in production, so a run must
// stay well under that.
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/server/src/config/config';
import { startServer } from '../apps/server/src/server/start-server';
import { ManualClock } from '../apps/server/src/scheduler/clock';
import { createEnrolment } from '../apps/server/src/modules/care/care-enrolment.commands';
import { systemActor } from '../apps/server/src/events/actor';
import { CreateCareEnrolmentBodySchema } from '@openpsap/contract';

const { values } = parseArgs({ options: { seniors: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false } } });
const N = Number(values.seniors);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-bench-care-'));
  const config = loadConfig({}, { PSAP_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '' });
  // Wednesday 2 December 2026, 05:00 EST: enrolled before the day's window, so the day counts.
  const clock = new ManualClock(new Date('2026-12-02T10:00:00Z'));
  const server = await startServer(config, { role: 'test', log: () => undefined, logger: false, listen: false, webDir: null, clock, scheduler: false });
  try {
    const { ctx } = server;
    const pool = ctx.db.pool;
    const engine = await ctx.geo!.whenReady();
    const { rows } = await pool.query<{ label: string }>(
      `SELECT concat_ws(' ', from_left + 2 * ((abs(to_left - from_left) / 4)), nullif(prefix, ''), name, nullif(suffix_type, '')) AS label
         FROM street_segments WHERE from_left > 0 AND to_left > from_left AND name <> '' AND road_class = 'Paved Road'
        ORDER BY md5(id::text) LIMIT $1`,
      [N],
    );
    const t0 = performance.now();
    for (const [i, r] of rows.entries()) {
      const best = engine.geocoder.geocode(r.label, { limit: 1 })[0];
      const body = CreateCareEnrolmentBodySchema.parse({
        personName: `Senior ${i + 1}`,
        phone: `410-555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
        language: i % 5 === 0 ? 'es' : 'en',
        address: r.label,
        windowStart: '08:00',
        windowEnd: '10:00',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        contacts: [{ name: `Contact ${i + 1}`, relation: 'daughter', phone: '443-555-0100' }],
        notes: 'Key with the neighbour',
        active: true,
        escalationMinutes: 30,
      });
      await createEnrolment(ctx, systemActor('bench'), body, best && best.score >= 0.85 ? { lat: best.lat, lon: best.lon } : null);
    }
    const enrolS = (performance.now() - t0) / 1000;
    const runs: Array<{ at: string; what: string; ms: number }> = [];
    for (const [at, what] of [
      ['2026-12-02T12:59:00Z', 'plan the day (07:59)'],
      ['2026-12-02T13:00:00Z', 'reminders (08:00)'],
      ['2026-12-02T15:00:00Z', 'missed: alerts and contacts (10:00)'],
      ['2026-12-02T15:30:00Z', 'escalate: welfare incidents (10:30)'],
      ['2026-12-02T15:31:00Z', 'nothing due (10:31)'],
    ] as const) {
      clock.set(new Date(at));
      const s = performance.now();
      await ctx.scheduler!.runOnce('care');
      runs.push({ at, what, ms: Math.round(performance.now() - s) });
      const { rows: err } = await pool.query("SELECT last_error FROM job_runs WHERE job = 'care'");
      if (err[0]?.last_error) throw new Error(`job failed: ${err[0].last_error}`);
    }
    const counts = (await pool.query(`SELECT (SELECT count(*)::int FROM outbound_messages WHERE purpose = 'care.reminder') AS reminders,
        (SELECT count(*)::int FROM care_alerts) AS alerts, (SELECT count(*)::int FROM incidents WHERE type_code = 'WELFARE') AS welfare`)).rows[0];
    const result = { seniors: rows.length, enrolSeconds: Math.round(enrolS * 10) / 10, runs, counts, machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'cpu'}`, node: process.version };
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`CARE job, ${result.seniors} seniors with the same window (${result.machine}, Node ${result.node})`);
      console.log(`  enrolment through the command: ${result.enrolSeconds} s`);
      for (const r of runs) console.log(`  ${r.what.padEnd(40)} ${String(r.ms).padStart(7)} ms  (${(r.ms / result.seniors).toFixed(2)} ms per senior)`);
      console.log(`  reminders ${counts.reminders}, alerts ${counts.alerts}, welfare incidents ${counts.welfare}`);
    }
  } finally {
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
