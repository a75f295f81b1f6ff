// Import speed of CAD history (`psap import calls`) on a fresh embedded PostgreSQL: the SF Fire
// sample (7,704 unit rows, 3,560 incidents) and Montgomery County's calls (99,492 rows, one
// incident and one call each), each read first as a dry run (reading and checking only), then
// imported, then imported again (the re-run updating every row in place).
//
//   npm run bench -- statistics-import [--runs 3] [--json]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/server/src/config/config';
import { startServer } from '../apps/server/src/server/start-server';
import { systemActor } from '../apps/server/src/events/actor';
import { importCalls } from '../apps/server/src/modules/statistics/import/calls.importer';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const CFS = resolve(import.meta.dirname, '../../shared/data/cfs');
const FILES = [
  { name: 'sf-fire', profile: 'sf-fire', file: join(CFS, 'sf_fire_calls_sample_nikitaAD.csv') },
  { name: 'montco', profile: 'montgomery-county', file: join(CFS, 'montco_pa_911_2015-12_2016-08.csv') },
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'psap-bench-statistics-import-'));
  const config = loadConfig({}, { PSAP_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', PSAP_SEED_DEMO: '0' });
  const server = await startServer(config, { role: 'test', log: () => undefined, logger: false, listen: false, webDir: null, geography: false, scheduler: false });
  const out: Record<string, unknown>[] = [];
  try {
    const ctx = { pool: server.ctx.db.pool, actor: systemActor('bench') };
    for (const f of FILES) {
      const phases: Record<string, number[]> = { 'dry run': [], 'first import': [], 're-import': [] };
      let rows = 0;
      let heapMb = 0;
      for (let run = 0; run < RUNS; run++) {
        const dataset = `bench-${f.name}-${run}`;
        for (const [phase, dryRun] of [['dry run', true], ['first import', false], ['re-import', false]] as const) {
          global.gc?.();
          const s = performance.now();
          const r = await importCalls(ctx, f.file, { profile: f.profile, dataset, dryRun });
          phases[phase]!.push((performance.now() - s) / 1000);
          rows = r.read;
          heapMb = Math.max(heapMb, process.memoryUsage().heapUsed / 1e6);
        }
      }
      for (const [phase, secs] of Object.entries(phases)) {
        const s = median(secs);
        out.push({ file: f.name, phase, rows, seconds: Math.round(s * 100) / 100, rowsPerSecond: Math.round(rows / s), runs: secs.length });
      }
      out.push({ file: f.name, phase: 'largest heap seen', heapMb: Math.round(heapMb) });
    }
  } finally {
    await server.close();
  }
  if (values.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else for (const o of out) process.stdout.write(`${JSON.stringify(o)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
