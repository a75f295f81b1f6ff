import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CautionList } from '../shared/CautionList';
import { BoloList } from '../shared/BoloList';
import { MissingPersonCard } from '../shared/MissingPersonCard';
import { ASSIGNED_TRANSITIONS, type AnyStreamEvent, type Bolo, type IncidentDetail, type RouteResult, type SessionUser, type Unit } from '@openpsap/contract';
import { api } from '../api/client';
import { StreamClient, type StreamState } from '../realtime/stream-client';
import { dispatchTone } from '../shared/sound';
import { clock, formatElapsed, useNow } from '../shared/time';
import { OfflineQueue } from './offline-queue';
import { RouteMap } from './RouteMap';

const BUTTONS: { status: string; label: string }[] = [
  { status: 'AcknowledgedTransmission', label: 'Acknowledge' },
  { status: 'EnRoute', label: 'En route' },
  { status: 'OnScene', label: 'On scene' },
  { status: 'Transporting', label: 'Transporting' },
  { status: 'Hospital', label: 'At hospital' },
  { status: 'Available', label: 'Available' },
];

function allowed(current: string, next: string, assigned: boolean): boolean {
  if (next === 'Available') return current !== 'InService';
  if (!assigned) return false;
  const from = ASSIGNED_TRANSITIONS[next as keyof typeof ASSIGNED_TRANSITIONS];
  return from ? (from as readonly string[]).includes(current) : false;
}

/**
 * The responder's screen (phone or tablet): the current assignment with address, cautions,
 * narrative and the route; big status buttons; position sent from the device as AVL; a tone when
 * a dispatch arrives; status presses queued and sent in order when the connection returns.
 */
export function FieldView({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  const now = useNow();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [route, setRoute] = useState<RouteResult | null>(null);
  const [connection, setConnection] = useState<StreamState>('connecting');
  const [pendingCount, setPendingCount] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [optimistic, setOptimistic] = useState<string | null>(null);
  const [fresh, setFresh] = useState(false);
  const [geo, setGeo] = useState<string>('locating…');
  const [bolos, setBolos] = useState<Bolo[]>([]);
  const unitRef = useRef<Unit | null>(null);
  unitRef.current = unit;
  const queue = useMemo(() => new OfflineQueue((n, p) => {
    setPendingCount(n);
    if (p) setProblem(p);
  }), []);

  const loadUnit = useCallback(async () => {
    if (user.unitId === null) return;
    const u = await api<Unit>('GET', `/api/v1/units/${user.unitId}`);
    setUnit(u);
  }, [user.unitId]);

  useEffect(() => {
    setPendingCount(queue.size);
    void loadUnit().catch((e: Error) => setProblem(e.message));
    let stream: StreamClient | null = null;
    void api<{ head: number }>('GET', '/api/v1/stream/head').then(({ head }) => {
      stream = new StreamClient(
        (e: AnyStreamEvent) => {
          const mine = user.unitId;
          if (e.type === 'incident.units-dispatched' && e.data.units.some((u) => u.id === mine)) {
            dispatchTone();
            setFresh(true);
            setUnit(e.data.units.find((u) => u.id === mine)!);
          } else if (e.type === 'unit.status-changed' && e.data.unit.id === mine) {
            setUnit(e.data.unit);
            setOptimistic(null);
          } else if (e.type === 'incident.closed' && e.data.clearedUnits.some((u) => u.id === mine)) {
            setUnit(e.data.clearedUnits.find((u) => u.id === mine)!);
          }
          if (e.type === 'bolo.issued') {
            dispatchTone();
            setBolos((list) => [e.data.bolo, ...list.filter((b) => b.id !== e.data.bolo.id)]);
          } else if (e.type === 'bolo.updated') setBolos((list) => list.map((b) => (b.id === e.data.bolo.id ? e.data.bolo : b)));
          else if (e.type === 'bolo.cancelled') setBolos((list) => list.filter((b) => b.id !== e.data.bolo.id));
          if (e.incidentId !== null && e.incidentId === unitRef.current?.incidentId) void refreshDetail(e.incidentId);
        },
        (s) => {
          setConnection(s);
          if (s === 'live') {
            void queue.flush();
            void loadUnit();
            void api<Bolo[]>('GET', '/api/v1/bolos').then(setBolos, () => undefined);
          }
        },
        head,
      );
      stream.start();
    });
    const onOnline = () => void queue.flush();
    window.addEventListener('online', onOnline);
    const retry = window.setInterval(() => void queue.flush(), 5000);
    return () => {
      stream?.stop();
      window.removeEventListener('online', onOnline);
      window.clearInterval(retry);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user.unitId, queue, loadUnit]);

  const refreshDetail = useCallback(async (id: number) => {
    try {
      setDetail(await api<IncidentDetail>('GET', `/api/v1/incidents/${id}`));
    } catch {
      // keep the last good copy while offline
    }
  }, []);

  useEffect(() => {
    if (unit?.incidentId) void refreshDetail(unit.incidentId);
    else {
      setDetail(null);
      setRoute(null);
    }
  }, [unit?.incidentId, refreshDetail]);

  // The route from where the unit is (AVL, else its station) to the incident.
  useEffect(() => {
    const from = unit?.position ?? unit?.homeStationPosition;
    const to = detail?.location;
    if (!from || !to || to.lat === null || to.lon === null) return setRoute(null);
    void api<RouteResult>('GET', `/api/v1/route?from=${from.lat},${from.lon}&to=${to.lat},${to.lon}`).then(setRoute, () => setRoute(null));
  }, [detail?.id, detail?.location.lat, detail?.location.lon, unit?.position?.lat, unit?.position?.lon, unit?.homeStationPosition]);

  // The device's position as AVL, at most every 10 s.
  useEffect(() => {
    if (!('geolocation' in navigator) || user.unitId === null) return setGeo('no location on this device');
    let last = 0;
    const id = navigator.geolocation.watchPosition(
      (p) => {
        setGeo(`±${Math.round(p.coords.accuracy)} m`);
        if (Date.now() - last < 10_000) return;
        last = Date.now();
        void api('POST', `/api/v1/units/${user.unitId}/position`, {
          lat: p.coords.latitude,
          lon: p.coords.longitude,
          ...(p.coords.heading !== null && !Number.isNaN(p.coords.heading) ? { heading: p.coords.heading } : {}),
          ...(p.coords.speed !== null ? { speed: p.coords.speed } : {}),
          at: new Date(p.timestamp).toISOString(),
        }).catch(() => undefined);
      },
      (err) => setGeo(err.code === err.PERMISSION_DENIED ? 'location not allowed' : 'no fix'),
      { enableHighAccuracy: true, maximumAge: 5000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [user.unitId]);

  if (user.unitId === null) {
    return <main className="mdt"><p className="panel">You are not signed on to a unit. Ask a supervisor to assign one.</p></main>;
  }
  const status = optimistic ?? unit?.status ?? '…';
  const assigned = Boolean(unit?.incidentId);
  const press = (s: string) => {
    if (!unit) return;
    setOptimistic(s === 'Available' ? 'InService' : s);
    setFresh(false);
    queue.add(unit.callSign, s);
  };

  return (
    <main className="mdt">
      <header className="mdt-top">
        <strong className="mono">{unit?.callSign ?? '…'}</strong>
        <span className={`chip s-${status}`}>{status}</span>
        <span className={`conn conn-${connection}`} role="status">{connection === 'live' ? 'Live' : connection === 'reconnecting' ? 'Offline: changes are kept' : connection}</span>
        {pendingCount > 0 && <span className="badge warn">{pendingCount} to send</span>}
        <span className="muted small">GPS {geo}</span>
        <button type="button" className="link" onClick={onSignOut}>Sign out</button>
      </header>
      {problem && <p className="error panel" role="alert">{problem}</p>}
      {fresh && detail && <div className="banner dispatch" role="alert">New dispatch: {detail.number} {detail.typeName}</div>}
      {detail && assigned ? (
        <section className="panel assignment" aria-label="Current assignment">
          <h1><span className={`pri-badge p${detail.priority}`}>P{detail.priority}</span> {detail.typeName}</h1>
          <p className="address">{detail.location.text ?? 'Location not given'}</p>
          <p className="muted small">{detail.number} · {detail.zones.police ? `district ${detail.zones.police}` : ''} · {formatElapsed(now - Date.parse(detail.createdAt))} ago{route ? ` · ${Math.round(route.seconds / 60)} min, ${(route.meters / 1000).toFixed(1)} km` : ''}</p>
          <CautionList cautions={detail.cautions} purpose={`incident ${detail.agencyCode} ${detail.number}`} compact />
          {detail.missingPersons.map((m) => <MissingPersonCard key={m.reportId} profile={m} purpose={`incident ${detail.agencyCode} ${detail.number}`} />)}
          <RouteMap route={route} lat={detail.location.lat} lon={detail.location.lon} />
          <p className="small">With: {detail.units.map((u) => `${u.callSign} (${u.status})`).join(', ')}</p>
          <ol className="narrative small">
            {detail.narrative.map((n) => <li key={n.id}><span className="mono muted">{clock(n.at)}</span> {n.text}</li>)}
          </ol>
        </section>
      ) : (
        <section className="panel"><p className="muted">No assignment. Status {status}.</p></section>
      )}
      <BoloList bolos={bolos} />
      <nav className="status-buttons" aria-label="Status">
        {BUTTONS.map((b) => (
          <button key={b.status} type="button" className={`status-btn sb-${b.status}`} disabled={!unit || !allowed(status, b.status, assigned)} onClick={() => press(b.status)}>
            {b.label}
          </button>
        ))}
      </nav>
    </main>
  );
}
