#!/usr/bin/env node
// Derives the demo's city cameras (data/jurisdictions/baltimore/cameras.csv) from Open Baltimore's
// CitiWatch CCTV locations (c. 2015) in ../shared/data/baltimore. Committed output; rerun only when
// the source changes. Loaded at first start by the same importer as `psap import cameras`.
// Usage: node scripts/derive-baltimore-cameras.mjs [path/to/shared]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCsv } from './csv.mjs';

const shared = resolve(process.argv[2] ?? '../shared');
const input = join(shared, 'data/baltimore/baltimore_cctv_locations_2015.csv');
const output = resolve('data/jurisdictions/baltimore/cameras.csv');

// A field is quoted only when it must be, to keep the file small and diffs readable.
const cell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
// 1e-7 degrees (about a centimetre), as the importer rounds: the demo and the original load alike.
const deg = (n) => String(Math.round(n * 1e7) / 1e7);

const lines = ['id,name,project,lat,lon'];
let skipped = 0;
for (const r of parseCsv(readFileSync(input, 'utf8'))) {
  const m = /\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)/.exec(r['Location 1'] ?? '');
  if (!m || !r.cameraNumber) {
    skipped++;
    continue;
  }
  lines.push([r.cameraNumber.trim(), r.cameraLocation.trim(), r.cameraProject.trim(), deg(Number(m[1])), deg(Number(m[2]))].map(cell).join(','));
}
writeFileSync(output, `${lines.join('\n')}\n`);
console.log(`${output}: ${lines.length - 1} cameras${skipped ? `, ${skipped} rows without a point skipped` : ''}`);
