// Statistics benchmark: a year of imported history at a large centre's scale, on a fresh embedded
// PostgreSQL, then the report queries over the whole year.
//
//   npm run bench -- statistics [--incidents 1000000] [--runs 3] [--json]
//
// Generates with generate_series (one INSERT ... SELECT per table): N stat_incidents over 2025 in
// America/New_York (police 55 %, EMS 30 %, fire 15 %), 1-4 units each (2.5 N unit responses), one
// 9-1-1 call per incident plus 0.2 N calls with no incident (half of them abandoned). Then times,
// median of --runs: intervalSummaries and answerTimes for the year (what `psap report intervals` and
// `psap report answer-times` run), the dashboard's volumes, percentiles by group, utilisation and
// workload, and the annual report's data for the year (the year and the one before).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/server/src/config/config';
import { startServer } from '../apps/server/src/server/start-server';
import { statsContext } from '../apps/server/src/modules/statistics/statistics-context';
import { answerTimes, intervalSummaries, percentilesBy, unitUtilisation, volumes, workload } from '../apps/server/src/modules/statistics/statistics.queries';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, incidents: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const N = Number(values.incidents);
const RUNS = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;
const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * CPU seconds spent by this cluster's PostgreSQL processes (children of the postmaster) and by this
 * process. On a machine shared with other work the wall-clock figure stretches with the load; the
 * CPU the work itself took does not, so both are reported.
 */
let postmaster = 0;
function cpuSeconds(): number {
  const ticks = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  };
  // Parallel workers that have exited are counted in the postmaster's reaped-children time.
  let total = ticks(readFileSync('/proc/self/stat', 'utf8')).cpu + ticks(readFileSync(`/proc/${postmaster}/stat`, 'utf8')).reaped;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const t = ticks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (t.ppid === postmaster) total += t.cpu;
    } catch {
      // gone
    }
  }
  return total / 100;
}

async function main() {
  // --data-dir keeps the generated year between runs (generation is skipped when it is there).
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'psap-bench-statistics-'));
  const config = loadConfig({}, { PSAP_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', PSAP_SEED_DEMO: '0' });
  const server = await startServer(config, { role: 'test', log: () => undefined, logger: false, listen: false, webDir: null, geography: false, scheduler: false });
  const pool = server.ctx.db.pool;
  const sc = statsContext(pool, 'America/New_York');
  postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  try {
    const g0 = performance.now();
    const { rowCount: have } = await pool.query(`SELECT 1 FROM stat_datasets WHERE code = 'bench'`);
    if (!have) await generate(pool);
    const generateS = round((performance.now() - g0) / 1000);
    const { rows: counts } = await pool.query(`SELECT (SELECT count(*) FROM stat_incidents)::int AS incidents, (SELECT count(*) FROM stat_unit_responses)::int AS units, (SELECT count(*) FROM stat_calls)::int AS calls`);
    log(`${have ? 'kept' : 'generated'} ${JSON.stringify(counts[0])} in ${generateS} s`);
    await benchQueries(sc, counts[0], generateS);
  } finally {
    await server.close();
  }
}

async function generate(pool: import('pg').Pool) {
  const g0 = performance.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await fill(client, g0);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  await pool.query('VACUUM ANALYZE stat_incidents, stat_unit_responses, stat_calls');
}

async function fill(pool: import('pg').PoolClient, g0: number) {
    await pool.query(`INSERT INTO stat_datasets (code, name, profile, profile_json, time_zone) VALUES ('bench', 'Benchmark year', 'bench', '{}', 'America/New_York')`);
    // Seconds into the year spread evenly, with per-interval delays from a cheap hash of i, so the
    // data are the same on every run.
    await pool.query(`
      INSERT INTO stat_incidents (dataset, source_id, agency, discipline, type_code, priority, zone, lat, lon, received_at, answered_at, created_at,
                                  first_dispatch_at, first_enroute_at, first_onscene_at, closed_at, dispatcher)
      SELECT 'bench', i::text,
             CASE WHEN d < 55 THEN 'BPD' ELSE 'BCFD' END,
             CASE WHEN d < 55 THEN 'police' WHEN d < 85 THEN 'ems' ELSE 'fire' END,
             CASE WHEN d < 55 THEN (ARRAY['LARCENY','ASSAULT','BURGLARY','SUSP','NOISE','TRAFFIC'])[1 + i % 6]
                  WHEN d < 85 THEN (ARRAY['CARDIAC','FALL','SICK','BREATH'])[1 + i % 4] ELSE (ARRAY['FSTRU','ALRF','FVEH'])[1 + i % 3] END,
             (1 + i % 5)::text, 'Z' || (i % 40), 39.2 + (i % 997) / 5000.0, -76.7 + (i % 991) / 5000.0,
             t, t + make_interval(secs => 3 + h % 25),
             t + make_interval(secs => 3 + h % 25 + 20 + h % 97),
             t + make_interval(secs => 3 + h % 25 + 20 + h % 97 + 10 + h % 181),
             t + make_interval(secs => 3 + h % 25 + 20 + h % 97 + 10 + h % 181 + 30 + h % 83),
             CASE WHEN h % 50 = 0 THEN NULL ELSE t + make_interval(secs => 3 + h % 25 + 20 + h % 97 + 10 + h % 181 + 30 + h % 83 + 120 + h % 487) END,
             t + make_interval(secs => 1800 + h % 5400),
             'disp' || (i % 30)
      FROM (SELECT i, (i::bigint * 7919) % 100 AS d, (i::bigint * 2654435761) % 1000003 AS h,
                   '2025-01-01 00:00'::timestamp AT TIME ZONE 'America/New_York' + make_interval(secs => i * (31536000.0 / ${N})) AS t
            FROM generate_series(1, ${N}) AS i) s`);
    log(`incidents ${round((performance.now() - g0) / 1000)} s`);
    await pool.query(`
      INSERT INTO stat_unit_responses (dataset, incident_source_id, unit, seq, unit_type, dispatched_at, enroute_at, onscene_at, cleared_at)
      SELECT 'bench', s.source_id, 'U' || ((s.source_id::int * 13 + k * 7) % 400), 1, CASE WHEN k = 1 THEN 'engine' ELSE 'medic' END,
             s.first_dispatch_at + make_interval(secs => (k - 1) * 20),
             CASE WHEN k = 1 THEN s.first_enroute_at ELSE s.first_enroute_at + make_interval(secs => (k - 1) * 25) END,
             CASE WHEN k = 1 THEN s.first_onscene_at ELSE s.first_onscene_at + make_interval(secs => (k - 1) * 60) END,
             s.closed_at
      FROM stat_incidents s CROSS JOIN LATERAL generate_series(1, 1 + (s.source_id::int % 4)) AS k
      WHERE s.dataset = 'bench'`);
    log(`unit responses ${round((performance.now() - g0) / 1000)} s`);
    await pool.query(`
      INSERT INTO stat_calls (dataset, source_id, incident_source_id, agency, presented_at, answered_at, released_at, taker)
      SELECT 'bench', 'C' || source_id, source_id, agency, received_at, answered_at, closed_at, 'taker' || (source_id::int % 25)
      FROM stat_incidents WHERE dataset = 'bench'
      UNION ALL
      SELECT 'bench', 'X' || i, NULL, NULL, t, CASE WHEN i % 2 = 0 THEN t + make_interval(secs => 2 + i % 40) END, t + make_interval(secs => 45), 'taker' || (i % 25)
      FROM (SELECT i, '2025-01-01 00:00'::timestamp AT TIME ZONE 'America/New_York' + make_interval(secs => i * (31536000.0 / ${Math.round(N / 5)})) AS t
            FROM generate_series(1, ${Math.round(N / 5)}) AS i) x`);
    log(`calls ${round((performance.now() - g0) / 1000)} s`);
}

async function benchQueries(sc: ReturnType<typeof statsContext>, counts: Record<string, number>, generateS: number) {

    const year = { from: '2025-01-01', to: '2025-12-31', dataset: 'bench' };
    const figures: { name: string; runs: number[]; cpu: number[] }[] = [];
    const time = async (name: string, fn: () => Promise<unknown>) => {
      const runs: number[] = [];
      const cpu: number[] = [];
      let out: unknown;
      for (let i = 0; i < RUNS; i++) {
        const c = cpuSeconds();
        const s = performance.now();
        out = await fn();
        runs.push(performance.now() - s);
        cpu.push((cpuSeconds() - c) * 1000);
      }
      figures.push({ name, runs, cpu });
      log(`${name}: ${runs.map((r) => Math.round(r)).join(', ')} ms wall, ${cpu.map((r) => Math.round(r)).join(', ')} ms cpu`);
      return out;
    };
    const summaries = (await time('intervalSummaries (year)', () => intervalSummaries(sc, year))) as Awaited<ReturnType<typeof intervalSummaries>>;
    await time('answerTimes (year)', () => answerTimes(sc, year));
    await time('volumes by month, hour, day of week, type, agency, priority', () => Promise.all((['month', 'hour', 'dow', 'type', 'agency', 'priority'] as const).map((by) => volumes(sc, year, by))));
    await time('percentilesBy response x agency, zone, priority', () => Promise.all((['agency', 'zone', 'priority'] as const).map((by) => percentilesBy(sc, year, 'response', by))));
    await time('unitUtilisation (year)', () => unitUtilisation(sc, year));
    await time('workload (year)', () => workload(sc, year));
    try {
      const { annualReportData } = await import('../apps/server/src/modules/statistics/annual-report');
      await time('annual report data (year and the one before)', () => annualReportData(sc, { year: 2025, dataset: 'bench', now: new Date('2026-02-01T12:00:00Z') }));
    } catch (e) {
      log(`annual report data not timed: ${(e as Error).message}`);
    }
    const first3 = figures.slice(0, 2).reduce((a, f) => a + median(f.runs), 0);
    const all = figures.reduce((a, f) => a + median(f.runs), 0);
    const result = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: round(totalmem() / 2 ** 30), load1: round(loadavg()[0]!) },
      rows: counts,
      generateSeconds: generateS,
      figures: figures.map((f) => ({ name: f.name, medianMs: Math.round(median(f.runs)), runsMs: f.runs.map(Math.round), cpuMedianMs: Math.round(median(f.cpu)) })),
      totalCpuMs: Math.round(figures.reduce((a, f) => a + median(f.cpu), 0)),
      intervalsAndAnswerMs: Math.round(first3),
      totalMs: Math.round(all),
      sample: summaries.filter((s) => s.discipline === null).map((s) => ({ interval: s.interval, count: s.count, excluded: s.excluded, p90: s.p90 })),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const f of result.figures) process.stdout.write(`${f.name.padEnd(62)} ${String(f.medianMs).padStart(7)} ms  (${f.runsMs.join(', ')}), CPU ${f.cpuMedianMs} ms\n`);
      process.stdout.write(`${'total, medians'.padEnd(62)} ${String(result.totalMs).padStart(7)} ms\n`);
    }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
