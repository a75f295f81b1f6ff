import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { buildApp, type RouteInfo } from '../http/app';
import type { AppContext } from '../http/app-context';
import { EventHub } from '../realtime/event-hub';
import { seedDemoIfEmpty, writeCredentialsFile, type SeedResult } from '../seed/demo-seed';
import { loadDemoJurisdictionIfEmpty, placeDemoStations } from '../seed/demo-jurisdiction';
import { GeoService } from '../geo/geo-service';
import { seedDefaultPlansIfEmpty } from '../modules/response-plans/response-plans.commands';
import { loadDemoAnalysisDataIfEmpty } from '../modules/hotspots/demo-analysis-data';
import { enableDemoFeeds } from '../modules/video/demo-feed.routes';
import { placeDemoFeedCameras } from '../seed/demo-camera-feeds';
import { systemActor } from '../events/actor';
import { LocalMessageGateway } from '../messaging/local-message-gateway';
import { HttpSmsGateway } from '../messaging/http-sms-gateway';
import { systemClock, type Clock } from '../scheduler/clock';
import { Scheduler } from '../scheduler/scheduler';
import { allJobs } from './jobs';
import { SipService } from '../sip/sip-service';

export const DEFAULT_WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface StartOptions {
  role: 'serve' | 'test';
  log: (msg: string) => void;
  logger: boolean | Record<string, unknown>;
  webDir?: string | null;
  /** Listen on config.host:config.port; tests inject requests instead, or listen on port 0. */
  listen: boolean;
  /** Use this database instead of opening one (tests share one cluster). */
  db?: Database;
  /** Build the geography engine (tests that do not need it save the seconds). Default true. */
  geography?: boolean;
  /** Where to cache contraction hierarchies; default <data dir>/cache. */
  cacheDir?: string;
  /** The clock schedules run on (tests pass a ManualClock). */
  clock?: Clock;
  /** Run background jobs on their timers (tests run them by hand). Default true. */
  scheduler?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  routes: RouteInfo[];
  url: string | null;
  seed: SeedResult | null;
  close(): Promise<void>;
}

/**
 * Brings one server process up in order: database (embedded unless DATABASE_URL), migrations,
 * first-start seed, event hub, HTTP. Closes in the reverse order so no write is cut mid-way.
 */
export async function startServer(config: ServerConfig, opts: StartOptions): Promise<RunningServer> {
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: opts.role === 'test' ? 'test' : 'serve', log: opts.log }));
  let geo: GeoService | null = null;
  try {
    const m = await migrate(db.pool, opts.log);
    if (m.applied.length) opts.log(`database schema at ${m.current}`);
    let seed: SeedResult | null = null;
    if (await seedDefaultPlansIfEmpty(db.pool, systemActor('seed'))) opts.log('default response plans loaded');
    if (config.seedDemo) await loadDemoJurisdictionIfEmpty(db.pool, opts.log);
    geo = opts.geography === false ? null : new GeoService(db.pool, db.clientConfig, { cacheDir: opts.cacheDir ?? join(config.dataDir, 'cache'), log: opts.log });
    await geo?.start();
    if (config.seedDemo) {
      seed = await seedDemoIfEmpty(db.pool);
      if (seed.seeded && geo) {
        await placeDemoStations(db.pool, geo.current.geocoder, opts.log);
        await geo.rebuild();
      }
      if (seed.seeded && opts.role === 'serve') {
        const file = writeCredentialsFile(config.dataDir, seed.credentials);
        opts.log(`demo jurisdiction loaded; demo users (also in ${file}):\n${seed.credentials.map((c) => `  ${c.role.padEnd(18)} ${c.username.padEnd(11)} ${c.password}`).join('\n')}`);
      }
    }
    const hub = new EventHub(db.pool, db.clientConfig, opts.log);
    await hub.start();
    const liveGeo = geo;
    const messages = config.messaging.gateway === 'http' ? new HttpSmsGateway(db.pool, config.messaging.url!, config.messaging.apiKey) : new LocalMessageGateway(db.pool);
    const ctx: AppContext = {
      config,
      db,
      hub,
      geo: liveGeo,
      messages,
      clock: opts.clock ?? systemClock,
      scheduler: null,
      publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
      log: opts.log,
    };
    const { app, state, routes } = await buildApp(ctx, { logger: opts.logger, webDir: opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir });
    let url: string | null = null;
    if (opts.listen) {
      await app.listen({ port: config.port, host: config.host });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.port;
      url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      ctx.publicUrl = url;
      // The demo's test-pattern cameras are read by the relay over loopback, so they need a server
      // reachable there: listening on loopback or on every address.
      const loopback = ['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1'].includes(config.host);
      if (config.seedDemo && opts.role === 'serve' && loopback) {
        enableDemoFeeds(ctx);
        const base = config.host === '::1' ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`;
        // Demo decoration only: a failure here must not keep the centre's server from starting.
        try {
          const { created } = await placeDemoFeedCameras(db.pool, base, liveGeo ? (await liveGeo.whenReady()).geocoder : null);
          if (created) opts.log(`demo cameras with test-pattern video added (${created}); the RTCC can watch them`);
        } catch (e) {
          opts.log(`demo cameras not placed: ${(e as Error).message}`);
        }
      }
    } else {
      await app.ready();
    }
    const scheduler = new Scheduler(db.pool, ctx.clock, allJobs(ctx), opts.log);
    ctx.scheduler = scheduler;
    if (opts.scheduler !== false) scheduler.start();
    const sip = config.sip.enabled ? new SipService(ctx, config.sip) : null;
    await sip?.start();
    state.ready = true;
    // The demo's analysis dataset (100k historical calls, a few seconds) loads after the server is
    // up, so it does not delay a first start; closing waits for it rather than cut it off.
    const analysisDemo = config.seedDemo && opts.role === 'serve' ? loadDemoAnalysisDataIfEmpty(db.pool, opts.log).catch((e: Error) => opts.log(`analysis demo data not loaded: ${e.message}`)) : null;
    let closing: Promise<void> | null = null;
    return {
      app,
      ctx,
      routes,
      url,
      seed,
      close: () => {
        closing ??= (async () => {
          state.ready = false;
          await analysisDemo;
          await sip?.stop();
          await scheduler.stop();
          await app.close();
          await hub.stop();
          await liveGeo?.stop();
          if (!opts.db) await db.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    await geo?.stop();
    if (!opts.db) await db.close();
    throw e;
  }
}
