import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const PSAP_BIN = fileURLToPath(new URL('../../bin/psap.mjs', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface PsapProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `psap <args>` as a real child process, as an operator would. */
export function startPsap(args: string[], env: Record<string, string>): PsapProcess {
  const child = spawn(process.execPath, [PSAP_BIN, ...args], { env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** Waits for /readyz to answer 200, or fails with the process output. */
export async function waitReady(url: string, p: PsapProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`psap exited with ${p.child.exitCode}:\n${p.output()}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`psap not ready after ${timeoutMs} ms:\n${p.output()}`);
}

/** Runs `psap <args>` to completion and returns its exit code and output. */
export async function runPsap(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const p = startPsap(args, env);
  const code = await p.exited;
  return { code, out: p.output() };
}
