import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The NG9-1-1 test material; tests read it where it lies and copy nothing into the repository. */
const HERE = dirname(fileURLToPath(import.meta.url));
export const SHARED_SIP = join(HERE, '../../../../../shared/standards/sip-ng911/SIPp_scenarios');
export const SHARED_PIDF = join(HERE, '../../../../../shared/standards/pidf-lo/Ng911Lib-testfiles/PidfFiles');

const dir = mkdtempSync(join(tmpdir(), 'psap-sipp-'));
let n = 0;

/**
 * A shared scenario made runnable once: the closing `<recv response="999" timeout=...>` (a wait
 * that always ends in failure) and optional receives left dangling after the last send are dropped.
 */
export function sharedScenario(relPath: string): string {
  let xml = readFileSync(join(SHARED_SIP, relPath), 'latin1');
  xml = xml.replace(/^\s*<recv response="999"[^>]*>\s*<\/recv>\s*$/gm, '');
  const lastSend = xml.lastIndexOf('</send>');
  const tail = xml.slice(lastSend);
  if (!/<recv (?![^>]*optional="true")[^>]*>/.test(tail)) {
    xml = xml.slice(0, lastSend) + tail.replace(/^\s*<recv [^>]*optional="true"[^>]*>\s*<\/recv>\s*$/gm, '');
  }
  return xml;
}

/** Replaces the PIDF-LO document of a scenario's INVITE with another (from the PIDF-LO test files, or garbage). */
export function withPidf(scenario: string, pidf: string): string {
  const start = scenario.indexOf('<?xml version="1.0" encoding="utf-8"?>');
  const end = scenario.indexOf('</presence>', start);
  if (start < 0 || end < 0) throw new Error('scenario has no PIDF-LO body to replace');
  const doc = pidf.replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '');
  return scenario.slice(0, start) + doc.trim() + scenario.slice(end + '</presence>'.length);
}

export function pidfFile(name: string): string {
  return readFileSync(join(SHARED_PIDF, name), 'utf8');
}

/** The INVITE <send> of a scenario, to build other dialogs (CANCEL, re-INVITE) around it. */
export function inviteSend(scenario: string): string {
  const m = /<send>\s*<!\[CDATA\[[\s\S]*?INVITE [\s\S]*?\]\]>\s*<\/send>/.exec(scenario);
  if (!m) throw new Error('no INVITE in scenario');
  return m[0];
}

export function writeScenario(xml: string): string {
  const file = join(dir, `scenario-${++n}.xml`);
  writeFileSync(file, xml, 'latin1');
  return file;
}

export interface SippRun {
  code: number | null;
  output: string;
}

/** Runs sipp once (one call) against the listener; resolves when it exits. */
export function runSipp(file: string, o: { port: number; transport?: 'udp' | 'tcp'; callId: string; timeoutS?: number; localPort?: number }): Promise<SippRun> {
  const args = [
    `127.0.0.1:${o.port}`, '-sf', file, '-m', '1', '-i', '127.0.0.1', '-t', o.transport === 'tcp' ? 't1' : 'u1',
    '-cid_str', o.callId, '-timeout', `${o.timeoutS ?? 30}s`, '-timeout_error', '-nostdin', '-trace_err',
    ...(o.localPort ? ['-p', String(o.localPort)] : []),
  ];
  return new Promise((resolve) => {
    const p = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    p.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    p.on('close', (code) => {
      let errors = '';
      try {
        const errFile = readFileSync(join(dir, `${file.split('/').pop()!.replace(/\.xml$/, '')}_${p.pid}_errors.log`), 'utf8');
        errors = `\n--- errors log ---\n${errFile.slice(-3000)}`;
      } catch {
        /* no errors logged */
      }
      resolve({ code, output: output + errors });
    });
  });
}

/** Polls until `fn` returns a value (not undefined/null/false), or fails after `ms`. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
