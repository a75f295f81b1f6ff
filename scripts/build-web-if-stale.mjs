// Builds apps/web when its output is missing or older than any source it depends on, so
// `npm start` and `npm test` always serve the current web app without a manual build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const stamp = join(root, 'apps/web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function buildWebIfStale() {
  const sources = [join(root, 'apps/web/src'), join(root, 'packages/contract/src')];
  const inputs = Math.max(...sources.map(newest), statSync(join(root, 'apps/web/index.html')).mtimeMs, statSync(join(root, 'apps/web/vite.config.ts')).mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= inputs) return false;
  process.stderr.write('[psap] building the web app…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(root, 'apps/web'), stdio: 'inherit' });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildWebIfStale();
