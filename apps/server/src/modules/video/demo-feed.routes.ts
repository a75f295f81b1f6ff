import { spawn } from 'node:child_process';
import { z } from 'zod';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { AppError, notFound } from '../../errors/app-error';
import { findFfmpeg } from './ffmpeg-binary';

/**
 * Test-pattern cameras for the demo. A machine running the demo has no street camera, yet the RTCC
 * is about live video: `psap serve` with the demo seed serves a few MJPEG feeds, each made by an
 * ffmpeg test source only while someone reads it. They reach the browser the way a real MJPEG
 * camera does: through the relay, the access rule and HLS. Only this machine may read them.
 */
export const DEMO_FEED_COUNT = 6;
// Moving pictures, so a viewer can tell a live tile from a frozen one; all cost under 0.1 core.
const PATTERNS = [
  'testsrc=size=640x360:rate=10',
  'testsrc2=size=640x360:rate=10',
  'life=size=640x360:rate=10:mold=10:ratio=0.2:death_color=#1a2a3a:life_color=#88ccff',
  'testsrc2=size=640x360:rate=10,hue=h=120',
  'testsrc=size=640x360:rate=10,negate',
  'life=size=640x360:rate=10:mold=25:ratio=0.3:death_color=#2a1a1a:life_color=#ffcc88',
];
const MAX_READERS = DEMO_FEED_COUNT * 2;
const FeedParams = z.object({ file: z.string().regex(new RegExp(`^[1-${DEMO_FEED_COUNT}]\\.mjpg$`), `a feed from 1.mjpg to ${DEMO_FEED_COUNT}.mjpg`) }).strict();

const enabled = new WeakSet<AppContext>();

/** Turns the feeds on (the demo seed does, once the server listens). Off by default and in tests. */
export function enableDemoFeeds(ctx: AppContext): void {
  enabled.add(ctx);
}

/** The address of feed `n` as the relay on this machine reads it. */
export function demoFeedUrl(loopbackBase: string, n: number): string {
  return `${loopbackBase}/api/v1/demo-feeds/${n}.mjpg`;
}

const isLoopback = (ip: string | undefined) => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

export function registerDemoFeedRoutes(api: Api, ctx: AppContext): void {
  const readers = new Set<ReturnType<typeof spawn>>();
  api.addHook('onClose', async () => {
    for (const p of readers) p.kill('SIGKILL');
  });

  api.get('/api/v1/demo-feeds/:file', {
    schema: { tags: ['video'], summary: 'A demo test-pattern camera (MJPEG), for the relay on this machine only, when the demo is on', params: FeedParams },
    // No session: the reader is the relay's ffmpeg. Loopback only, and only when the demo is on.
    config: { access: { public: true } },
  }, async (req, reply) => {
    if (!enabled.has(ctx)) throw notFound('demo feed');
    if (!isLoopback(req.ip)) throw new AppError(403, 'forbidden', 'demo feeds are read only by the relay on this machine');
    if (readers.size >= MAX_READERS) throw new AppError(503, 'unavailable', 'every demo feed reader is in use');
    const pattern = PATTERNS[Number(req.params.file[0]) - 1]!;
    const p = spawn(findFfmpeg(ctx.config.video.ffmpegPath), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', pattern, '-f', 'mpjpeg', '-q:v', '7', '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
    readers.add(p);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace;boundary=ffmpeg', 'cache-control': 'no-store' });
    p.stdout!.pipe(res);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      readers.delete(p);
      p.kill('SIGKILL');
      res.end();
    };
    // The response's close (not the request's) says the reader went away.
    res.on('close', finish);
    p.on('exit', finish);
    p.on('error', finish);
  });
}
