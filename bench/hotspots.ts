// Hot-spot and camera-evaluation benchmark on the demo's analysis data: 99,461 real Montgomery
// County PA 9-1-1 calls (data/jurisdictions/montco), on a fresh embedded PostgreSQL.
//
//   npm run bench -- hotspots [--runs 21] [--json]
//
// Measures: loading the analysis data (what it adds to a first start); one hot-spot request through
// HTTP as the map asks for it (session check, query, GeoJSON, audit row, JSON on the wire), split
// into the database's part, building the hexagons and the audit write; hot spots over all calls and
// over filtered subsets, through the same command the API runs (query, hexagons, audit row); the
// live path (the same calls copied into the incidents table and binned in the server); and one
// placebo evaluation per PennDOT camera site at 2016-04-17, which also says how often the method
// claims an effect where none was installed.
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HotspotQuerySchema } from '@openpsap/contract';
import { loadConfig } from '../apps/server/src/config/config';
import { startServer } from '../apps/server/src/server/start-server';
import { systemActor } from '../apps/server/src/events/actor';
import { loadDemoAnalysisDataIfEmpty } from '../apps/server/src/modules/hotspots/demo-analysis-data';
import { runHotspots } from '../apps/server/src/modules/hotspots/hotspots.commands';
import { runCameraEvaluation } from '../apps/server/src/modules/camera-evaluation/camera-evaluation.commands';
import { hotspots as countHotspots } from '../apps/server/src/modules/hotspots/hotspots.queries';
import { sourceInfo } from '../apps/server/src/modules/hotspots/call-sources.queries';
import { createUser } from '../apps/server/src/modules/users/users.commands';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' }, json: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)]!;
const round = (x: number) => Math.round(x * 10) / 10;

async function timed<T>(n: number, fn: () => Promise<T>): Promise<{ medianMs: number; p95Ms: number; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    last = await fn();
    ms.push(performance.now() - s);
  }
  return { medianMs: round(median(ms)), p95Ms: round(p95(ms)), last };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-bench-hotspots-'));
  const config = loadConfig({}, { PSAP_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', PSAP_SEED_DEMO: '0' });
  const server = await startServer(config, { role: 'test', log: () => undefined, logger: false, listen: false, webDir: null, geography: false, scheduler: false });
  try {
    const { ctx } = server;
    const pool = ctx.db.pool;
    const actor = systemActor('bench');
    const s0 = performance.now();
    await loadDemoAnalysisDataIfEmpty(pool, () => undefined);
    const loadS = round((performance.now() - s0) / 100) / 10;
    const { rows: n } = await pool.query(`SELECT (SELECT count(*)::int FROM analysis_calls) AS calls, (SELECT count(*)::int FROM analysis_sites) AS sites`);

    const hot = (q: Record<string, unknown>) => () => runHotspots(ctx, actor, HotspotQuerySchema.parse(q));

    // The request the map makes first (all calls, medium hexagons), through the HTTP stack in-process.
    const password = 'bench-password-123';
    await createUser(pool, actor, { username: 'benchanalyst', role: 'rtcc-analyst', password });
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'benchanalyst', password } });
    const cookie = /psap_session=[^;]+/.exec(String(login.headers['set-cookie'] ?? ''))![0];
    const url = '/api/v1/hotspots?source=montco&resolution=8&from=2015-12-10&to=2016-08-24';
    const http = await timed(RUNS, async () => {
      const r = await server.app.inject({ method: 'GET', url, headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`GET ${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r.body.length;
    });
    // The same answer without HTTP and audit, with the time spent waiting on PostgreSQL counted apart.
    let sqlMs = 0;
    const timedPool = { query: async (...a: Parameters<typeof pool.query>) => { const s = performance.now(); try { return await (pool.query as (...x: unknown[]) => Promise<unknown>)(...a); } finally { sqlMs += performance.now() - s; } } } as unknown as typeof pool;
    const info = await sourceInfo(pool, 'montco', ctx.config.timeZone);
    const sqlRuns: number[] = [];
    const counted = await timed(RUNS, async () => {
      sqlMs = 0;
      const r = await countHotspots(timedPool, info, { categories: [], types: [], from: '2015-12-10', to: '2016-08-24', days: null, hourFrom: null, hourTo: null }, 8, 2000);
      sqlRuns.push(sqlMs);
      return r;
    });
    const request = {
      label: 'GET /api/v1/hotspots, all calls, resolution 8 (HTTP in-process)',
      cells: counted.last.meta.cells,
      responseBytes: http.last,
      httpMedianMs: http.medianMs,
      httpP95Ms: http.p95Ms,
      countsAndHexagonsMedianMs: counted.medianMs,
      databaseMedianMs: round(median(sqlRuns)),
    };
    const cases: [string, Record<string, unknown>][] = [
      ['all calls, resolution 8', { source: 'montco', resolution: 8 }],
      ['all calls, resolution 10 (busiest 5,000 cells drawn)', { source: 'montco', resolution: 10, limit: 5000 }],
      ['Traffic, Jan-Mar 2016, resolution 9', { source: 'montco', categories: ['Traffic'], from: '2016-01-01', to: '2016-03-31', resolution: 9 }],
      ['two EMS types, weekday nights, resolution 7', { source: 'montco', types: ['EMS: CARDIAC EMERGENCY', 'EMS: FALL VICTIM'], days: '1,2,3,4,5', hourFrom: 22, hourTo: 5, resolution: 7 }],
    ];
    const hotspots = [];
    for (const [label, q] of cases) {
      const r = await timed(RUNS, hot(q));
      hotspots.push({ label, calls: r.last.meta.total, cells: r.last.meta.cells, drawn: r.last.meta.drawn, medianMs: r.medianMs, p95Ms: r.p95Ms });
    }

    // The live path: the same calls as incidents (bench database only), binned in the server.
    const { rows: agency } = await pool.query<{ id: number }>(`INSERT INTO agencies (code, name, disciplines, time_zone, priority_labels) VALUES ('BENCH', 'Bench', '{police}', 'America/New_York', '{}') RETURNING id`);
    await pool.query(
      `INSERT INTO incidents (agency_id, number, type_code, priority, status, location_text, lat, lon, received_at, created_at)
       SELECT $1, 'B-' || row_number() OVER (), CASE category WHEN 'Traffic' THEN 'MVA' WHEN 'Fire' THEN 'FOTHER' ELSE 'SICK' END, 3, 'Pending', 'bench', lat, lon, received_at, received_at
         FROM analysis_calls WHERE dataset = 'montco'`,
      [agency[0]!.id],
    );
    const live = await timed(RUNS, hot({ source: 'live', resolution: 8, from: '2015-12-10', to: '2016-08-24' }));
    hotspots.push({ label: 'live incidents (same calls), resolution 8', calls: live.last.meta.total, cells: live.last.meta.cells, drawn: live.last.meta.drawn, medianMs: live.medianMs, p95Ms: live.p95Ms });

    // One placebo evaluation per camera site: PennDOT's cameras were all in place before the
    // calls begin, so a change "found" at 2016-04-17 is a false alarm.
    const { rows: sites } = await pool.query<{ id: number }>(`SELECT id FROM analysis_sites WHERE dataset = 'montco' ORDER BY id`);
    const evalMs: number[] = [];
    const verdicts: Record<string, number> = {};
    for (const s of sites) {
      const t = performance.now();
      const e = await runCameraEvaluation(ctx, actor, { source: 'montco', site: `site:${s.id}`, date: '2016-04-17', weeks: 16, gapDays: 0, radiusM: 400, comparison: { kind: 'ring', outerRadiusM: 1500 }, categories: ['Traffic'] });
      evalMs.push(performance.now() - t);
      verdicts[e.verdict] = (verdicts[e.verdict] ?? 0) + 1;
    }
    const nearest = await pool.query<{ id: number }>(`SELECT id FROM analysis_sites WHERE dataset = 'montco' ORDER BY id LIMIT 6`);
    const [first, ...others] = nearest.rows.map((r) => `site:${r.id}`);
    const sitesMode = await timed(RUNS, () =>
      runCameraEvaluation(ctx, actor, { source: 'montco', site: first!, date: '2016-04-17', weeks: 16, gapDays: 0, radiusM: 400, comparison: { kind: 'sites', sites: others }, categories: ['Traffic'] }),
    );
    const estimated = sites.length - (verdicts.insufficient ?? 0);
    const result = {
      calls: n[0].calls,
      sites: n[0].sites,
      loadAnalysisDataSeconds: loadS,
      request,
      hotspots,
      evaluation: {
        ringMedianMs: round(median(evalMs)),
        ringP95Ms: round(p95(evalMs)),
        fiveComparisonSitesMedianMs: sitesMode.medianMs,
        placeboVerdicts: verdicts,
        falseAlarmRate: estimated ? round((100 * ((verdicts.decrease ?? 0) + (verdicts.increase ?? 0))) / estimated) : null,
      },
      runs: RUNS,
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'cpu'}`,
      node: process.version,
    };
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`Hot spots and evaluations on ${result.calls} calls, ${result.sites} camera sites (${result.machine}, Node ${result.node}, ${RUNS} runs each)`);
      console.log(`  loading the analysis data: ${loadS} s`);
      console.log(`  ${request.label}: median ${request.httpMedianMs} ms, p95 ${request.httpP95Ms} ms, ${Math.round(request.responseBytes / 1024)} KiB for ${request.cells} cells; of which counting in PostgreSQL ${request.databaseMedianMs} ms, counts + hexagons ${request.countsAndHexagonsMedianMs} ms`);
      for (const h of hotspots) console.log(`  ${h.label.padEnd(52)} ${String(h.calls).padStart(6)} calls ${String(h.cells).padStart(6)} cells  median ${h.medianMs} ms  p95 ${h.p95Ms} ms`);
      console.log(`  evaluation, ring comparison: median ${result.evaluation.ringMedianMs} ms, p95 ${result.evaluation.ringP95Ms} ms; five comparison sites: median ${result.evaluation.fiveComparisonSitesMedianMs} ms`);
      console.log(`  placebo verdicts at 2016-04-17: ${JSON.stringify(verdicts)} (false alarms ${result.evaluation.falseAlarmRate}% of those estimated)`);
    }
  } finally {
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
