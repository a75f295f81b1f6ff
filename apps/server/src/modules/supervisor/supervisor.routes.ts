import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';

/** The floor at a glance for a supervisor: who is signed in, what waits, what is out of service. */
export function registerSupervisorRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/supervisor/overview', {
    schema: { tags: ['supervisor'], summary: 'Positions (signed-in staff), pending counts and longest waits per agency, units out of service' },
    config: { access: { permission: 'supervisor.read' } },
  }, async () => {
    const idle = ctx.config.auth.idleLockMinutes;
    const [positions, pending, units] = await Promise.all([
      ctx.db.pool.query(
        `SELECT DISTINCT ON (u.id) u.username, u.display_name, u.role, s.created_at, s.last_seen_at, s.ip,
                s.last_seen_at < now() - make_interval(mins => $1) AS locked
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.revoked_at IS NULL AND s.expires_at > now() AND s.mfa_state = 'none'
          ORDER BY u.id, s.last_seen_at DESC`,
        [idle],
      ),
      ctx.db.pool.query(
        `SELECT a.code AS agency, i.priority, count(*)::int AS n, min(i.created_at) AS oldest
           FROM incidents i JOIN agencies a ON a.id = i.agency_id WHERE i.status = 'Pending'
          GROUP BY a.code, i.priority ORDER BY a.code, i.priority`,
      ),
      ctx.db.pool.query(
        `SELECT a.code AS agency, u.call_sign, u.unit_type, u.status, u.primary_status, u.status_changed_at
           FROM units u JOIN agencies a ON a.id = u.agency_id WHERE u.active ORDER BY a.code, u.call_sign`,
      ),
    ]);
    const now = Date.now();
    const agencies = new Map<string, { agency: string; pendingByPriority: Record<string, number>; longestWaitSeconds: number; units: Record<string, number>; outOfService: { callSign: string; status: string; sinceSeconds: number }[] }>();
    const agency = (code: string) => {
      let a = agencies.get(code);
      if (!a) agencies.set(code, (a = { agency: code, pendingByPriority: {}, longestWaitSeconds: 0, units: { Available: 0, ConditionallyAvailable: 0, NotAvailable: 0 }, outOfService: [] }));
      return a;
    };
    for (const r of pending.rows) {
      const a = agency(r.agency);
      a.pendingByPriority[String(r.priority)] = r.n;
      a.longestWaitSeconds = Math.max(a.longestWaitSeconds, Math.round((now - (r.oldest as Date).getTime()) / 1000));
    }
    for (const u of units.rows) {
      const a = agency(u.agency);
      a.units[u.primary_status] = (a.units[u.primary_status] ?? 0) + 1;
      if (u.primary_status === 'NotAvailable' && !['Dispatched', 'AcknowledgedTransmission', 'EnRoute', 'Delayed', 'Staging', 'OnScene', 'PatientContact', 'Transporting', 'Hospital'].includes(u.status)) {
        a.outOfService.push({ callSign: u.call_sign, status: u.status, sinceSeconds: Math.round((now - (u.status_changed_at as Date).getTime()) / 1000) });
      }
    }
    return {
      positions: positions.rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, since: (r.created_at as Date).toISOString(), lastSeen: (r.last_seen_at as Date).toISOString(), locked: r.locked })),
      agencies: [...agencies.values()],
    };
  });
}
