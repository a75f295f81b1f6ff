#!/usr/bin/env node
// Type-checks every workspace with its own tsconfig (the web app has DOM types, the server not),
// then checks that no module imports itself through others.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
let failed = 0;
for (const project of ['packages/contract', 'packages/geo', 'apps/server', 'apps/web', '.']) {
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, project), '--noEmit'], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`type errors in ${project}\n`);
    failed++;
  }
}
const cycles = spawnSync(process.execPath, [join(root, 'scripts/check-import-cycles.mjs')], { stdio: 'inherit' });
if (cycles.status !== 0) failed++;
process.exit(failed ? 1 : 0);
