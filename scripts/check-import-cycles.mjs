#!/usr/bin/env node
// Fails when TypeScript files import each other in a cycle. Cycles hide the direction of a
// design (who depends on whom) and break module initialisation order, so none are allowed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const roots = ['packages/contract/src', 'packages/geo/src', 'apps/server/src', 'apps/web/src'].map((p) => join(root, p));
const WORKSPACES = { '@openpsap/contract': 'packages/contract/src/index.ts', '@openpsap/geo': 'packages/geo/src/index.ts' };

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

function resolveImport(from, spec) {
  if (WORKSPACES[spec]) return join(root, WORKSPACES[spec]);
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  const swapped = base.replace(/\.js$/, '.ts'); // ESM-style "./x.js" names the TypeScript file x.ts
  for (const c of [swapped, base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

const files = roots.flatMap((r) => walk(r));
const graph = new Map();
for (const f of files) {
  const src = readFileSync(f, 'utf8');
  const deps = new Set();
  // Type-only imports vanish at run time but still tangle the design; count them too.
  for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const target = resolveImport(f, m[1] ?? m[2]);
    if (target) deps.add(target);
  }
  graph.set(f, deps);
}

const state = new Map();
const stack = [];
const cycles = [];
function visit(n) {
  state.set(n, 1);
  stack.push(n);
  for (const d of graph.get(n) ?? []) {
    if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].map((p) => relative(root, p)));
    else if (!state.has(d)) visit(d);
  }
  stack.pop();
  state.set(n, 2);
}
for (const f of files) if (!state.has(f)) visit(f);
if (cycles.length) {
  process.stderr.write(`import cycles (${cycles.length}):\n${cycles.map((c) => '  ' + c.join(' -> ')).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`no import cycles among ${files.length} files\n`);
