import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context';
import type { Api } from './route-types';

// Prometheus text exposition, written by hand: a handful of series does not need a client library.
// Request durations by route (the route's pattern, never the raw URL, so ids do not explode the
// series), the event log's head and how far behind it this process's hub is, WebSocket clients,
// the database pool, the pending queue, memory and event-loop delay.

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  counts: number[];
  sum: number;
  n: number;
}

const durations = new Map<string, Series>();
const loop = monitorEventLoopDelay({ resolution: 20 });
loop.enable();

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Counts every answered request by method, route pattern and status class. */
export function registerRequestMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    const key = `method="${req.method}",route="${label(route)}",status="${Math.floor(reply.statusCode / 100)}xx"`;
    let s = durations.get(key);
    if (!s) durations.set(key, (s = { counts: BUCKETS.map(() => 0), sum: 0, n: 0 }));
    const seconds = reply.elapsedTime / 1000;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.counts[i]!++;
    s.sum += seconds;
    s.n++;
  });
}

async function render(app: FastifyInstance, ctx: AppContext): Promise<string> {
  const out: string[] = [];
  const gauge = (name: string, help: string, value: number) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${Number.isFinite(value) ? value : 'NaN'}`);
  out.push('# HELP psap_http_request_duration_seconds Time from request to answer, by route pattern.', '# TYPE psap_http_request_duration_seconds histogram');
  for (const [key, s] of durations) {
    BUCKETS.forEach((b, i) => out.push(`psap_http_request_duration_seconds_bucket{${key},le="${b}"} ${s.counts[i]}`));
    out.push(`psap_http_request_duration_seconds_bucket{${key},le="+Inf"} ${s.n}`, `psap_http_request_duration_seconds_sum{${key}} ${s.sum}`, `psap_http_request_duration_seconds_count{${key}} ${s.n}`);
  }
  const pool = ctx.db.pool;
  gauge('psap_db_pool_connections', 'Connections the pool holds.', pool.totalCount);
  gauge('psap_db_pool_idle', 'Idle connections in the pool.', pool.idleCount);
  gauge('psap_db_pool_waiting', 'Requests waiting for a connection (above 0 for long: the pool or the database is the bottleneck).', pool.waitingCount);
  let dbHead = NaN;
  let pending = NaN;
  let dbUp = 0;
  try {
    const r = await pool.query<{ head: string; pending: string }>("SELECT (SELECT coalesce(max(seq), 0) FROM events) AS head, (SELECT count(*) FROM incidents WHERE status = 'Pending') AS pending");
    dbHead = Number(r.rows[0]!.head);
    pending = Number(r.rows[0]!.pending);
    dbUp = 1;
  } catch {
    // the database is unreachable: say so rather than fail the scrape
  }
  gauge('psap_db_up', '1 when the database answered this scrape.', dbUp);
  gauge('psap_events_head', 'Newest event in the database log.', dbHead);
  gauge('psap_event_hub_head', 'Newest event this server has taken in.', ctx.hub.headSeq);
  gauge('psap_event_hub_lag_events', 'Events committed that this server has not taken in yet.', Math.max(0, dbHead - ctx.hub.headSeq));
  gauge('psap_websocket_clients', 'Open WebSocket connections (consoles, field views).', (app as unknown as { websocketServer?: { clients: Set<unknown> } }).websocketServer?.clients.size ?? 0);
  gauge('psap_incidents_pending', 'Incidents waiting for a unit.', pending);
  const mem = process.memoryUsage();
  gauge('process_resident_memory_bytes', 'Resident memory of this server.', mem.rss);
  gauge('nodejs_heap_used_bytes', 'JavaScript heap in use.', mem.heapUsed);
  gauge('nodejs_eventloop_delay_p99_seconds', 'Event-loop delay, 99th percentile since the last scrape.', loop.percentile(99) / 1e9);
  loop.reset();
  const cpu = process.cpuUsage();
  out.push('# HELP process_cpu_seconds_total CPU time of this server.', '# TYPE process_cpu_seconds_total counter', `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`);
  return `${out.join('\n')}\n`;
}

/** GET /api/v1/metrics for Prometheus: scraped with an API token of a supervisor or an administrator. */
export function registerMetricsRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/metrics', {
    schema: { tags: ['operations'], summary: 'Prometheus metrics of this server (text exposition format)', hide: true },
    config: { access: { permission: 'system.metrics' } },
  }, async (_req, reply) => {
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return render(api as unknown as FastifyInstance, ctx);
  });
}
