import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { formatElapsed } from '../shared/time';
import { registerSupervisorTab } from './supervisor-tabs';

interface Overview {
  positions: { username: string; displayName: string; role: string; since: string; lastSeen: string; locked: boolean }[];
  agencies: { agency: string; pendingByPriority: Record<string, number>; longestWaitSeconds: number; units: Record<string, number>; outOfService: { callSign: string; status: string; sinceSeconds: number }[] }[];
}

/** The supervisor's floor view: who is signed in, what waits and for how long, what is out of service. */
function FloorOverview() {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () => api<Overview>('GET', '/api/v1/supervisor/overview').then((d) => !stop && (setData(d), setError(null)), (e: Error) => !stop && setError(e.message));
    void load();
    const t = window.setInterval(load, 5000);
    return () => {
      stop = true;
      window.clearInterval(t);
    };
  }, []);
  if (error) return <p role="alert" className="panel error">{error}</p>;
  if (!data) return <p className="panel muted">Loading…</p>;
  return (
    <div className="supervisor">
      <p className="muted small">Updated every 5 s.</p>
      <section className="panel" aria-labelledby="pos-h">
        <h2 id="pos-h">Positions ({data.positions.length} signed in)</h2>
        <table>
          <thead><tr><th>User</th><th>Role</th><th>Signed in</th><th>Last active</th><th></th></tr></thead>
          <tbody>
            {data.positions.map((p) => (
              <tr key={p.username}><td>{p.displayName} <span className="muted mono">{p.username}</span></td><td>{p.role}</td><td>{new Date(p.since).toLocaleTimeString([], { hour12: false })}</td><td>{formatElapsed(Date.now() - Date.parse(p.lastSeen))} ago</td><td>{p.locked && <span className="badge warn">locked</span>}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      {data.agencies.map((a) => (
        <section key={a.agency} className="panel" aria-label={`Agency ${a.agency}`}>
          <h2>{a.agency}</h2>
          <p>
            Pending: {Object.keys(a.pendingByPriority).length === 0 ? 'none' : Object.entries(a.pendingByPriority).map(([p, n]) => `P${p}: ${n}`).join(' · ')}
            {a.longestWaitSeconds > 0 && <> · longest wait <strong className="mono">{formatElapsed(a.longestWaitSeconds * 1000)}</strong></>}
          </p>
          <p>Units: {a.units.Available ?? 0} available · {a.units.ConditionallyAvailable ?? 0} conditionally · {a.units.NotAvailable ?? 0} busy or out</p>
          <h3>Out of service ({a.outOfService.length})</h3>
          {a.outOfService.length === 0 ? <p className="muted small">None.</p> : (
            <ul className="oos">{a.outOfService.map((u) => <li key={u.callSign}><span className="mono">{u.callSign}</span> {u.status} · {formatElapsed(u.sinceSeconds * 1000)}</li>)}</ul>
          )}
        </section>
      ))}
    </div>
  );
}

registerSupervisorTab({ id: 'floor', label: 'Floor', order: 10, component: FloorOverview });
