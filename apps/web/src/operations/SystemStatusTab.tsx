import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { formatElapsed } from '../shared/time';
import { registerSupervisorTab } from '../supervisor/supervisor-tabs';

interface Status {
  checkedAt: string;
  self: { pid: number; startedAt: string; rssMb: number; eventHead: number; poolConnections: number; poolWaiting: number; node: string };
  servers: { address: string; connectedSince: string }[];
  database:
    | { up: true; version: string; role: string; sizeMb: number; connections: number; maxConnections: number; eventHead: number; hubLag: number; longestTransactionSeconds: number | null; standbys: { name: string; state: string; sync: string; replayLagSeconds: number | null }[] }
    | { up: false; error: string };
  floor: { positions: number; pending: number; active: number } | null;
}

const since = (iso: string) => formatElapsed(Date.now() - Date.parse(iso));

/** Whether the system itself is well: servers, database, replication, and the floor in numbers. */
function SystemStatus() {
  const [data, setData] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () => api<Status>('GET', '/api/v1/operations/status').then((d) => !stop && (setData(d), setError(null)), (e: Error) => !stop && setError(`status not reachable: ${e.message}`));
    void load();
    const t = window.setInterval(load, 5000);
    return () => {
      stop = true;
      window.clearInterval(t);
    };
  }, []);
  if (!data && error) return <p role="alert" className="panel error">{error}</p>;
  if (!data) return <p className="panel muted">Loading…</p>;
  const db = data.database;
  return (
    <div className="supervisor system-status">
      <section className="panel" aria-labelledby="ops-floor-h">
        <h2 id="ops-floor-h">Floor</h2>
        {data.floor && <p><strong>{data.floor.positions}</strong> positions signed in · <strong>{data.floor.pending}</strong> incidents waiting · <strong>{data.floor.active}</strong> being worked</p>}
        {error && <p role="alert" className="error">{error}</p>}
        <p className="muted small">Updated every 5 s · last check {new Date(data.checkedAt).toLocaleTimeString([], { hour12: false })}</p>
      </section>
      <section className="panel" aria-labelledby="ops-servers-h">
        <h2 id="ops-servers-h">Server processes ({data.servers.length})</h2>
        {data.servers.length === 0 ? <p className="muted">No server listening for events: consoles are not updated live.</p> : (
          <table>
            <thead><tr><th>Address</th><th>Connected for</th></tr></thead>
            <tbody>{data.servers.map((s, i) => <tr key={`${s.address}-${i}`}><td className="mono">{s.address}</td><td>{since(s.connectedSince)}</td></tr>)}</tbody>
          </table>
        )}
        <p className="small">This server: process {data.self.pid}, up {since(data.self.startedAt)}, {data.self.rssMb} MB, event {data.self.eventHead}, {data.self.poolConnections} database connections{data.self.poolWaiting > 0 && <span className="badge warn"> {data.self.poolWaiting} waiting</span>}</p>
      </section>
      <section className="panel" aria-labelledby="ops-db-h">
        <h2 id="ops-db-h">Database</h2>
        {!db.up ? <p role="alert" className="error">Down: {db.error}</p> : (
          <>
            <p>
              <span className={`badge ${db.role === 'primary' ? 'ok' : 'warn'}`}>{db.role}</span> PostgreSQL {db.version} · {db.sizeMb} MB · {db.connections} of {db.maxConnections} connections
              {db.longestTransactionSeconds !== null && db.longestTransactionSeconds > 5 && <span className="badge warn"> a transaction open for {db.longestTransactionSeconds} s</span>}
            </p>
            <p>Event log at {db.eventHead}{db.hubLag > 0 ? <span className="badge warn"> this server {db.hubLag} behind</span> : ' · this server is up to date'}</p>
            <h3>Standbys ({db.standbys.length})</h3>
            {db.standbys.length === 0 ? <p className="muted small">No standby is streaming from this database: losing its disk loses the record since the last backup.</p> : (
              <table>
                <thead><tr><th>Standby</th><th>State</th><th>Commit</th><th>Replay lag</th></tr></thead>
                <tbody>{db.standbys.map((s) => <tr key={s.name}><td className="mono">{s.name}</td><td>{s.state}</td><td>{s.sync}</td><td>{s.replayLagSeconds === null ? '—' : `${s.replayLagSeconds.toFixed(2)} s`}</td></tr>)}</tbody>
              </table>
            )}
          </>
        )}
      </section>
    </div>
  );
}

registerSupervisorTab({ id: 'system-status', label: 'System status', order: 90, component: SystemStatus });
