#!/usr/bin/env node
// `npm start`: build the web app if needed, then run `psap serve` with any extra arguments.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildWebIfStale } from './build-web-if-stale.mjs';

const root = resolve(import.meta.dirname, '..');
buildWebIfStale();
const child = spawn(process.execPath, [join(root, 'apps/server/bin/psap.mjs'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
// psap stops the database in order on SIGINT/SIGTERM; pass the signal on and wait for it.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
