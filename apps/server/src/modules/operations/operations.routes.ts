import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';

const startedAt = new Date();

/**
 * The system's health for a supervisor: the server processes sharing the database (each holds one
 * LISTEN connection named psap-event-hub), this process, the database and its standbys, and the
 * positions and queue in numbers. What it cannot reach it reports as down instead of failing.
 */
export function registerOperationsRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/operations/status', {
    schema: { tags: ['operations'], summary: 'Server processes, database and replication health, positions and queue in numbers' },
    config: { access: { permission: 'supervisor.read' } },
  }, async () => {
    const pool = ctx.db.pool;
    const mem = process.memoryUsage();
    const self = { pid: process.pid, startedAt: startedAt.toISOString(), rssMb: Math.round(mem.rss / 2 ** 20), eventHead: ctx.hub.headSeq, poolConnections: pool.totalCount, poolWaiting: pool.waitingCount, node: process.version };
    try {
      const [servers, db, standbys, floor] = await Promise.all([
        pool.query<{ addr: string | null; since: Date }>("SELECT client_addr::text AS addr, backend_start AS since FROM pg_stat_activity WHERE application_name = 'psap-event-hub' AND datname = current_database() ORDER BY backend_start"),
        pool.query<{ version: string; recovery: boolean; size: string; connections: string; max: string; head: string; oldest: number | null }>(
          `SELECT current_setting('server_version') AS version, pg_is_in_recovery() AS recovery, pg_database_size(current_database())::text AS size,
                  (SELECT count(*) FROM pg_stat_activity)::text AS connections, current_setting('max_connections') AS max,
                  (SELECT coalesce(max(seq), 0) FROM events)::text AS head,
                  (SELECT extract(epoch FROM now() - min(xact_start))::float8 FROM pg_stat_activity WHERE state <> 'idle' AND xact_start IS NOT NULL) AS oldest`,
        ),
        pool.query<{ name: string; state: string; sync: string; lag: number | null }>("SELECT application_name AS name, state, sync_state AS sync, extract(epoch FROM replay_lag)::float8 AS lag FROM pg_stat_replication ORDER BY application_name"),
        pool.query<{ positions: string; pending: string; active: string }>(
          `SELECT (SELECT count(DISTINCT user_id) FROM sessions WHERE revoked_at IS NULL AND expires_at > now() AND last_seen_at > now() - interval '30 minutes')::text AS positions,
                  (SELECT count(*) FROM incidents WHERE status = 'Pending')::text AS pending,
                  (SELECT count(*) FROM incidents WHERE status IN ('Dispatched', 'EnRoute', 'OnScene'))::text AS active`,
        ),
      ]);
      const d = db.rows[0]!;
      return {
        checkedAt: new Date().toISOString(),
        self,
        servers: servers.rows.map((s) => ({ address: s.addr ?? 'local socket', connectedSince: s.since.toISOString() })),
        database: {
          up: true,
          version: d.version,
          role: d.recovery ? 'standby' : 'primary',
          sizeMb: Math.round(Number(d.size) / 2 ** 20),
          connections: Number(d.connections),
          maxConnections: Number(d.max),
          eventHead: Number(d.head),
          hubLag: Math.max(0, Number(d.head) - ctx.hub.headSeq),
          longestTransactionSeconds: d.oldest === null ? null : Math.round(d.oldest * 10) / 10,
          standbys: standbys.rows.map((s) => ({ name: s.name, state: s.state, sync: s.sync, replayLagSeconds: s.lag })),
        },
        floor: { positions: Number(floor.rows[0]!.positions), pending: Number(floor.rows[0]!.pending), active: Number(floor.rows[0]!.active) },
      };
    } catch (e) {
      return { checkedAt: new Date().toISOString(), self, servers: [], database: { up: false, error: (e as Error).message }, floor: null };
    }
  });
}
