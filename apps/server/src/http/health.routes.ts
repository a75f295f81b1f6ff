import type { AppContext } from './app-context';
import type { Api } from './route-types';

export function registerHealthRoutes(api: Api, ctx: AppContext, state: { ready: boolean }): void {
  // Liveness: the process answers. A load balancer restarts it only if this fails.
  api.get('/healthz', { config: { access: { public: true } }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  // Readiness: the database answers and the event hub is following; otherwise send traffic elsewhere.
  api.get('/readyz', { config: { access: { public: true } }, schema: { hide: true } }, async (_req, reply) => {
    try {
      const started = performance.now();
      const { rows } = await ctx.db.pool.query<{ event_seq: number }>('SELECT event_seq FROM ledger WHERE id = 1');
      const dbMs = Math.round((performance.now() - started) * 10) / 10;
      const lag = (rows[0]?.event_seq ?? 0) - ctx.hub.headSeq;
      const ready = state.ready && lag < 1000;
      reply.code(ready ? 200 : 503);
      return { status: ready ? 'ready' : 'not-ready', database: 'ok', databaseMs: dbMs, eventSeq: ctx.hub.headSeq, eventLag: lag };
    } catch (e) {
      reply.code(503);
      return { status: 'not-ready', database: (e as Error).message };
    }
  });
}
