import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, type Command } from '../command';

const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../../bench');

/** Runs one of the repository's benchmarks (bench/<name>.ts) with the same arguments. */
function runBench(name: string, args: string[]): number {
  const file = join(BENCH_DIR, `${name}.ts`);
  if (!existsSync(file)) throw new Error(`benchmark ${name} is not in this installation (${file})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
  return r.status ?? 1;
}

export const benchRoutingCommand: Command = {
  path: ['bench', 'routing'],
  summary: 'routing benchmark on an OSM extract: preprocessing, one-to-many ranking vs Dijkstra',
  usage: 'psap bench routing --osm FILE.osm.pbf [--json] [--queries N] [--sources N]',
  options: { osm: { type: 'string' }, json: { type: 'boolean' }, queries: { type: 'string' }, sources: { type: 'string' }, passes: { type: 'string' }, seed: { type: 'string' } },
  flagHelp: [['--osm FILE', 'the extract (e.g. ../shared/data/osm/r5_porto_portugal.osm.pbf)'], ['--json', 'one JSON object'], ['--queries N / --sources N', 'incidents and units per incident (200 / 200)']],
  async run({ values }) {
    if (!values.osm) throw new UsageError('--osm FILE is required');
    const args = Object.entries(values).flatMap(([k, v]) => (v === true ? [`--${k}`] : typeof v === 'string' ? [`--${k}`, v] : []));
    return runBench('routing', args);
  },
};

export const benchGeocodeCommand: Command = {
  path: ['bench', 'geocode'],
  summary: 'geocoder benchmark on Baltimore City: address, intersection, as-you-type and reverse latency',
  usage: 'psap bench geocode [--json]',
  options: { json: { type: 'boolean' } },
  flagHelp: [['--json', 'one JSON object']],
  async run({ values }) {
    return runBench('geocode', values.json ? ['--json'] : []);
  },
};
