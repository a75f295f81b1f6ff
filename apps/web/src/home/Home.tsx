import { useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS, type IncidentSummary, type Role, type SessionUser, type Unit } from '@openpsap/contract';
import { api } from '../api/client';
import { StreamClient, type StreamState } from '../realtime/stream-client';
import { applyEvent, emptyFloor, type FloorState } from './floor-state';

const STREAM_ROLES: Role[] = ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst'];

function statusClass(primary: string): string {
  return primary === 'Available' ? 'st-available' : primary === 'ConditionallyAvailable' ? 'st-conditional' : 'st-busy';
}

function Age({ since }: { since: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  const s = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const text = s < 3600 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
  return <span className="mono">{text}</span>;
}

/** The signed-in overview: open incidents, the unit board and the live feed, all kept current by the stream. */
export function Home({ user, onLocked, onSignedOut }: { user: SessionUser; onLocked: () => void; onSignedOut: () => void }) {
  const [floor, setFloor] = useState<FloorState>(emptyFloor);
  const [state, setState] = useState<StreamState>('connecting');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const live = STREAM_ROLES.includes(user.role);

  useEffect(() => {
    if (!live) return;
    let stream: StreamClient | null = null;
    let cancelled = false;
    (async () => {
      try {
        // Note the head first, load the snapshot, then stream from that head: nothing falls between.
        const { head } = await api<{ head: number }>('GET', '/api/v1/stream/head');
        const [incidents, units] = await Promise.all([api<IncidentSummary[]>('GET', '/api/v1/incidents?status=open'), api<Unit[]>('GET', '/api/v1/units')]);
        if (cancelled) return;
        setFloor({ incidents: new Map(incidents.map((i) => [i.id, i])), units: new Map(units.map((u) => [u.id, u])), feed: [] });
        setLoaded(true);
        stream = new StreamClient(
          (e) => setFloor((s) => applyEvent(s, e)),
          (s) => {
            setState(s);
            if (s === 'locked') onLocked();
            if (s === 'signed-out') onSignedOut();
          },
          head,
        );
        stream.start();
      } catch (e) {
        setLoadError((e as Error).message);
      }
    })();
    return () => {
      cancelled = true;
      stream?.stop();
    };
  }, [live, onLocked, onSignedOut]);

  const incidents = useMemo(() => [...floor.incidents.values()].sort((a, b) => a.priority - b.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt)), [floor.incidents]);
  const units = useMemo(() => [...floor.units.values()].sort((a, b) => a.agencyCode.localeCompare(b.agencyCode) || a.callSign.localeCompare(b.callSign, undefined, { numeric: true })), [floor.units]);
  const available = units.filter((u) => u.primaryStatus === 'Available').length;

  async function signOut() {
    await api('POST', '/api/v1/auth/logout').catch(() => undefined);
    onSignedOut();
  }

  return (
    <div className="home">
      <header className="topbar">
        <strong>OpenPSAP</strong>
        <span>
          {user.displayName} · {ROLE_LABELS[user.role]}
        </span>
        {live && (
          <span className={`conn conn-${state}`} role="status" aria-live="polite">
            {state === 'live' ? 'Live' : state === 'reconnecting' ? 'Reconnecting…' : state === 'connecting' ? 'Connecting…' : state}
          </span>
        )}
        <a href="/api/v1/docs">API</a>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      {!live && <p className="panel">Signed in as {ROLE_LABELS[user.role]}. Dispatch data is not part of this role.</p>}
      {loadError && (
        <p role="alert" className="error panel">
          {loadError}
        </p>
      )}
      {live && !loaded && !loadError && <p className="panel muted">Loading the floor…</p>}
      {live && loaded && (
        <div className="grid">
          <section className="panel" aria-labelledby="open-h">
            <h2 id="open-h">Open incidents ({incidents.length})</h2>
            {incidents.length === 0 ? (
              <p className="muted">No open incidents.</p>
            ) : (
              <table>
                <thead>
                  <tr><th>P</th><th>Number</th><th>Type</th><th>Location</th><th>Status</th><th>Units</th><th>Age</th></tr>
                </thead>
                <tbody>
                  {incidents.map((i) => (
                    <tr key={i.id} className={`p${i.priority}`}>
                      <td>{i.priority}</td>
                      <td className="mono">{i.number}</td>
                      <td>{i.type} {i.typeName}</td>
                      <td>{i.location.text ?? `${i.location.lat?.toFixed(5)}, ${i.location.lon?.toFixed(5)}`}</td>
                      <td>{i.status}</td>
                      <td>{i.units.map((u) => u.callSign).join(' ')}</td>
                      <td><Age since={i.createdAt} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" aria-labelledby="units-h">
            <h2 id="units-h">Units ({available} of {units.length} available)</h2>
            <ul className="unit-board">
              {units.map((u) => (
                <li key={u.id} className={statusClass(u.primaryStatus)} title={`${u.callSign} ${u.status}`}>
                  <span className="mono">{u.callSign}</span> <small>{u.status}</small>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="feed-h">
            <h2 id="feed-h">Live feed</h2>
            {floor.feed.length === 0 ? <p className="muted">Waiting for activity…</p> : (
              <ol className="feed">
                {floor.feed.map((f) => (
                  <li key={f.seq}>
                    <span className="mono muted">{new Date(f.at).toLocaleTimeString()}</span> {f.text}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
