#!/usr/bin/env node
// `npm test`: everything CI checks, from a clean clone, in one command.
//   1. Debian's Chromium for the browser tests, and GStreamer's RTSP server and ffmpeg for the
//      live-video tests (installed with apt when missing and allowed).
//   2. Type checks of every package.
//   3. The web app build (the browser tests drive the real build).
//   4. All tests on the embedded PostgreSQL.
//   5. The server tests again on the machine's own PostgreSQL 15+ (Debian's postgresql-15),
//      started here in a temporary directory, so "the same tests pass on both" stays true.
// Extra arguments go to vitest (e.g. `npm test -- --project server`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { buildWebIfStale } from './build-web-if-stale.mjs';

const root = resolve(import.meta.dirname, '..');
const extra = process.argv.slice(2);
const say = (m) => process.stderr.write(`\n[test] ${m}\n`);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}
const mustPass = (status) => status === 0 || process.exit(status);

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  const root = userInfo().uid === 0;
  say(`Chromium not found at ${path}; installing Debian's chromium package`);
  const apt = (args) => (root ? spawnSync('apt-get', args, { stdio: 'inherit' }) : spawnSync('sudo', ['-n', 'apt-get', ...args], { stdio: 'inherit' }));
  let r = apt(['install', '-y', '--no-install-recommends', 'chromium']);
  if (r.status !== 0) {
    apt(['update']);
    r = apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (r.status !== 0 || !existsSync(path)) {
    process.stderr.write('Chromium is needed for the browser tests: install it with `apt-get install chromium` (or set CHROMIUM_PATH).\n');
    process.exit(1);
  }
}

/**
 * Debian tools the tests run for real: the live-video tests need an RTSP camera (GStreamer's RTSP
 * server with a test pattern) and ffmpeg (the npm package @ffmpeg-installer/linux-x64, else
 * Debian's); the CAP tests validate alerts against the OASIS schema with xmllint (libxml2-utils).
 */
function ensureDebianTestTools() {
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const gstOk = () =>
    spawnSync(python, ['-c', "import gi; gi.require_version('Gst', '1.0'); gi.require_version('GstRtspServer', '1.0'); from gi.repository import Gst; Gst.init(None); assert Gst.ElementFactory.find('x264enc') and Gst.ElementFactory.find('rtph264pay')"], { stdio: 'ignore' }).status === 0;
  const ffmpegOk = () => existsSync(join(root, 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg')) || spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
  const wanted = [];
  if (!gstOk()) wanted.push('gir1.2-gst-rtsp-server-1.0', 'gstreamer1.0-plugins-base', 'gstreamer1.0-plugins-good', 'gstreamer1.0-plugins-ugly', 'python3-gi');
  if (!ffmpegOk()) wanted.push('ffmpeg');
  const xmllintOk = () => spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!xmllintOk()) wanted.push('libxml2-utils');
  // Several servers on one database and the failover test run on Debian's PostgreSQL 15 with a standby.
  if (!existsSync('/usr/lib/postgresql/15/bin/pg_basebackup')) wanted.push('postgresql-15');
  const sippOk = () => spawnSync('sipp', ['-v'], { stdio: 'ignore' }).error === undefined;
  if (!sippOk()) wanted.push('sip-tester');
  if (!wanted.length) return;
  say(`installing Debian packages for the video and CAP tests: ${wanted.join(' ')}`);
  const asRoot = userInfo().uid === 0;
  const apt = (args) => (asRoot ? spawnSync('apt-get', args, { stdio: 'inherit' }) : spawnSync('sudo', ['-n', 'apt-get', ...args], { stdio: 'inherit' }));
  let r = apt(['install', '-y', '--no-install-recommends', ...wanted]);
  if (r.status !== 0) {
    apt(['update']);
    r = apt(['install', '-y', '--no-install-recommends', ...wanted]);
  }
  if (r.status !== 0 || !gstOk() || !ffmpegOk() || !xmllintOk() || !sippOk()) {
    process.stderr.write(`The video and CAP tests need: apt-get install ${wanted.join(' ')}\n`);
    process.exit(1);
  }
}

function findSystemPostgres() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).map(Number).filter((v) => v >= 15).sort((a, b) => a - b);
  for (const v of versions) {
    const bin = join(base, String(v), 'bin');
    if (existsSync(join(bin, 'postgres')) && existsSync(join(bin, 'initdb'))) return { version: v, bin };
  }
  return null;
}

/** Starts a throwaway cluster of the system PostgreSQL on a Unix socket; returns its URL and a stop function. */
function startSystemPostgres(pg) {
  const dir = mkdtempSync(join(tmpdir(), 'psap-pg15-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  const asPg = (args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)]);
  if (asRoot) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    }
  }
  const [c1, a1] = asPg([join(pg.bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  execFileSync(c1, a1, { stdio: 'ignore' });
  const [c2, a2] = asPg([join(pg.bin, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-w', '-o', `-c listen_addresses= -c unix_socket_directories=${dir} -c max_connections=200 -c fsync=on`, 'start']);
  execFileSync(c2, a2, { stdio: 'ignore' });
  const [c3, a3] = asPg([join(pg.bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']);
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=5432`,
    stop: () => {
      spawnSync(c3, a3, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

ensureChromium();
ensureDebianTestTools();
say('type checks');
mustPass(run(process.execPath, [join(root, 'scripts/typecheck.mjs')]));
say('web app build');
buildWebIfStale();
say('all tests on the embedded PostgreSQL');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
mustPass(run(process.execPath, [vitest, 'run', ...extra], { DATABASE_URL: '' }));

const onlyOtherProjects = extra.includes('--project') && !extra.includes('server');
const pg = process.env.PSAP_SKIP_SYSTEM_PG ? null : findSystemPostgres();
if (onlyOtherProjects) {
  // nothing else to run
} else if (!pg) {
  say('no PostgreSQL 15+ server found under /usr/lib/postgresql; skipped the second pass (install postgresql-15 to run it)');
} else {
  say(`server tests again on the system PostgreSQL ${pg.version}`);
  const server = startSystemPostgres(pg);
  const rest = extra.filter((a, i) => a !== '--project' && extra[i - 1] !== '--project');
  const status = run(process.execPath, [vitest, 'run', '--project', 'server', ...rest], { DATABASE_URL: server.url });
  server.stop();
  mustPass(status);
}
say('all green');
