// Recommendation benchmark: "a structure fire at a random address in the city: which units?"
// on the demo jurisdiction (Baltimore City streets, 150-unit roster), through the same service
// the API uses (plan selection, candidate units from PostgreSQL, snapping, many-to-one drive times).
//
//   npm run bench -- recommend [--queries 500] [--type FSTRU] [--json]
//
// Also reports how long the geography engine takes to build: cold (contraction) and warm (cache).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/server/src/config/config';
import { buildGeoEngine } from '../apps/server/src/geo/geo-engine';
import { recommendFor } from '../apps/server/src/modules/recommendation/recommendation.service';
import { startServer } from '../apps/server/src/server/start-server';

const { values } = parseArgs({ options: { queries: { type: 'string', default: '500' }, type: { type: 'string', default: 'FSTRU' }, json: { type: 'boolean', default: false } } });
const QUERIES = Number(values.queries);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-bench-rec-'));
  const config = loadConfig({}, { PSAP_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '' });
  const t0 = performance.now();
  const server = await startServer(config, { role: 'test', log: () => undefined, logger: false, listen: false, webDir: null });
  const firstStartS = (performance.now() - t0) / 1000;
  try {
    const pool = server.ctx.db.pool;
    const t1 = performance.now();
    await buildGeoEngine(pool, { cacheDir: null, log: () => undefined });
    const coldBuildS = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    const engine = await buildGeoEngine(pool, { cacheDir: join(dataDir, 'cache'), log: () => undefined });
    const warmBuildS = (performance.now() - t2) / 1000;

    // Incident locations: addresses drawn from the street ranges, placed by the geocoder.
    const { rows } = await pool.query<{ label: string }>(
      `SELECT concat_ws(' ', from_left + 2 * ((abs(to_left - from_left) / 4)), nullif(prefix, ''), name, nullif(suffix_type, '')) AS label
         FROM street_segments WHERE from_left > 0 AND to_left > from_left AND name <> '' AND road_class = 'Paved Road'
        ORDER BY md5(id::text) LIMIT $1`,
      [QUERIES],
    );
    const points = rows.map((r) => engine.geocoder.geocode(r.label, { limit: 1 })[0]).filter((c) => c && c.score > 0.8).map((c) => ({ lat: c!.lat, lon: c!.lon }));
    const times: number[] = [];
    const engineMs: number[] = [];
    let unfilled = 0;
    for (const at of points) {
      const s = performance.now();
      const r = await recommendFor(pool, engine, { type: values.type!, at, alarmLevel: 1, incidentId: null });
      times.push(performance.now() - s);
      engineMs.push(r.computedMs);
      if (r.unfilled.length) unfilled++;
    }
    const result = {
      benchmark: 'recommend',
      type: values.type,
      queries: points.length,
      units_on_roster: (await pool.query('SELECT count(*)::int AS n FROM units')).rows[0].n,
      recommend_ms_p50: round(pct(times, 50)),
      recommend_ms_p99: round(pct(times, 99)),
      ranking_only_ms_p50: round(pct(engineMs, 50)),
      ranking_only_ms_p99: round(pct(engineMs, 99)),
      queries_with_unfilled_requirements: unfilled,
      first_start_s: round(firstStartS),
      geography_cold_build_s: round(coldBuildS),
      geography_warm_build_s: round(warmBuildS),
      graph_nodes: engine.stats.graphNodes,
      rss_mb: Math.round(process.memoryUsage().rss / 1e6),
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(36)} ${v}\n`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
