import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CameraSighting, IncidentSummary, RtccCameras, SessionUser, VideoView } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import { CameraSharesPanel } from './CameraSharesPanel';
import { LiveTile } from './LiveTile';
import { ShareCameraForm } from './ShareCameraForm';
import { RtccMap } from './RtccMap';
import { compass, liveNote, orderCameras } from './camera-lists';

const REFRESH_MS = 10_000;
// Cameras this close are listed right after those that see the incident, whatever they face.
const NEAR_M = 300;

/**
 * Live video: pick an incident, see the cameras that can see it first (with distance), state the
 * reason, start views into the grid of tiles. The server decides every start (role, reason,
 * incident, the owner's consent) and its refusals are shown as they come.
 */
export function LiveVideoTab({ user, active, incidentId, onIncident }: { user: SessionUser; active: boolean; incidentId: number | null; onIncident: (id: number | null) => void }) {
  const canWatch = user.role === 'rtcc-analyst';
  const [cams, setCams] = useState<RtccCameras | null>(null);
  const [incidents, setIncidents] = useState<IncidentSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [seeing, setSeeing] = useState<CameraSighting[]>([]);
  const [views, setViews] = useState<VideoView[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; kind: 'error' | 'info' } | null>(null);
  const [filter, setFilter] = useState('');
  const [selectedCameraId, setSelectedCameraId] = useState<number | null>(null);
  const [starting, setStarting] = useState<number | null>(null);
  const [sharing, setSharing] = useState<VideoView | null>(null);
  // Share pressed again starts a fresh form, even for the same view.
  const [shareForm, setShareForm] = useState(0);
  const [sharesChanged, setSharesChanged] = useState(0);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const load = useCallback(async () => {
    try {
      const [c, i] = await Promise.all([api<RtccCameras>('GET', '/api/v1/video/cameras'), api<IncidentSummary[]>('GET', '/api/v1/incidents?status=open&limit=200')]);
      setCams(c);
      setIncidents(i);
      setLoadError(null);
    } catch (e) {
      setLoadError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
    const t = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(t);
  }, [load]);

  // Views still running from before a reload come back as tiles.
  useEffect(() => {
    if (canWatch) void api<VideoView[]>('GET', '/api/v1/video/views').then(setViews, () => undefined);
  }, [canWatch]);

  const incident = useMemo(() => incidents?.find((i) => i.id === incidentId) ?? null, [incidents, incidentId]);
  const lat = incident?.location.lat ?? null;
  const lon = incident?.location.lon ?? null;
  useEffect(() => {
    if (lat === null || lon === null) {
      setSeeing([]);
      return;
    }
    let stale = false;
    void api<CameraSighting[]>('GET', `/api/v1/cameras/seeing?lat=${lat}&lon=${lon}&nearM=${NEAR_M}`).then((s) => !stale && setSeeing(s), () => !stale && setSeeing([]));
    return () => {
      stale = true;
    };
  }, [lat, lon, cams?.cameras.length]);

  const seeingIds = useMemo(() => new Set(seeing.filter((s) => s.sees).map((s) => s.camera.id)), [seeing]);
  const ordered = useMemo(() => {
    const all = orderCameras(cams?.cameras ?? [], seeing);
    const f = filter.trim().toLowerCase();
    return f ? all.filter((x) => x.camera.name.toLowerCase().includes(f) || x.sighting?.sees) : all;
  }, [cams, seeing, filter]);

  const start = async (cameraId: number) => {
    setMessage(null);
    if (incidentId === null) {
      setMessage({ text: 'Pick the incident this view is for first.', kind: 'error' });
      document.getElementById('rtcc-incident')?.focus();
      return;
    }
    if (reason.trim().length < 5) {
      setReasonError('State the reason for watching (at least 5 characters).');
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    setStarting(cameraId);
    try {
      const v = await api<VideoView>('POST', `/api/v1/cameras/${cameraId}/views`, { reason: reason.trim(), incidentId });
      setViews((vs) => [...vs.filter((x) => x.id !== v.id), v]);
      setMessage({ text: `Started ${v.cameraName}.`, kind: 'info' });
    } catch (e) {
      const name = cams?.cameras.find((c) => c.id === cameraId)?.name ?? `camera ${cameraId}`;
      const why = e instanceof ApiError && e.status === 403 ? `Refused: ${e.message}` : e instanceof ApiError && e.status === 503 ? `Not started: ${e.message}` : (e as Error).message;
      setMessage({ text: `${name} — ${why}`, kind: 'error' });
    } finally {
      setStarting(null);
    }
  };

  const stop = async (v: VideoView) => {
    await api<VideoView>('POST', `/api/v1/video/views/${v.id}/stop`);
    setViews((vs) => vs.filter((x) => x.id !== v.id));
  };

  const selectCamera = (id: number) => {
    setSelectedCameraId(id);
    const b = listRef.current?.querySelector<HTMLElement>(`[data-camera-id="${id}"] button`) ?? listRef.current?.querySelector<HTMLElement>(`[data-camera-id="${id}"]`);
    b?.scrollIntoView({ block: 'nearest' });
    b?.focus();
  };

  if (loadError && !cams) return <p role="alert" className="panel error">Cannot load cameras: {loadError}</p>;
  if (!cams || !incidents) return <p className="panel muted">Loading cameras and incidents…</p>;

  return (
    <div className="rtcc-live">
      <aside className="rtcc-side">
        <section className="panel" aria-labelledby="rtcc-for-h">
          <h2 id="rtcc-for-h">Incident and reason</h2>
          <label htmlFor="rtcc-incident">Incident</label>
          <select id="rtcc-incident" value={incidentId ?? ''} onChange={(e) => onIncident(e.target.value ? Number(e.target.value) : null)}>
            <option value="">— pick an open incident —</option>
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>{i.number} · {i.typeName}{i.location.text ? ` · ${i.location.text}` : ''}</option>
            ))}
          </select>
          {incidents.length === 0 && <p className="muted small">No open incidents.</p>}
          {canWatch ? (
            <>
              <label htmlFor="rtcc-reason">Reason for watching (required)</label>
              <textarea id="rtcc-reason" ref={reasonRef} rows={2} maxLength={500} value={reason} aria-required="true" aria-invalid={reasonError ? 'true' : undefined} aria-describedby={reasonError ? 'rtcc-reason-err' : undefined}
                placeholder="e.g. suspect vehicle last seen heading north" onChange={(e) => setReason(e.target.value)} />
              {reasonError && <p id="rtcc-reason-err" className="error small" role="alert">{reasonError}</p>}
              <p className="muted small">Each view is recorded with this reason and the incident, and private owners see it in their access log.</p>
            </>
          ) : (
            <p className="muted small">Live video is for RTCC analysts; you see the cameras and who is relayed.</p>
          )}
          {message && <p className={message.kind === 'error' ? 'error rtcc-message' : 'muted rtcc-message'} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}
        </section>
        <section className="panel rtcc-cameras" aria-labelledby="rtcc-cams-h">
          <h2 id="rtcc-cams-h">Cameras <span className="muted">· streams {cams.streams.inUse}/{cams.streams.max}</span></h2>
          <label htmlFor="rtcc-filter" className="sr-only">Filter cameras by name</label>
          <input id="rtcc-filter" type="search" placeholder="Filter by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
          {incident && (
            <p className="small muted">{seeingIds.size ? `${seeingIds.size} camera${seeingIds.size > 1 ? 's' : ''} can see ${incident.number}` : incident.location.lat === null ? `${incident.number} has no map position` : `No camera sees ${incident.number}`}</p>
          )}
          {ordered.length === 0 ? <p className="muted small">No cameras in the registry.</p> : (
            <ul className="rtcc-cam-list" ref={listRef} aria-label="Cameras, those that can see the incident first">
              {ordered.map(({ camera: c, sighting }) => {
                const note = liveNote(c);
                return (
                  <li key={c.id} data-camera-id={c.id} className={`${sighting?.sees ? 'sees' : sighting ? 'near' : ''}${selectedCameraId === c.id ? ' selected' : ''}`}>
                    <div className="rtcc-cam-name">
                      <strong>{c.name}</strong>
                      {sighting && <span className="mono small" aria-label={`${Math.round(sighting.distanceM)} metres ${compass(sighting.bearingDeg)} of the camera${sighting.sees ? '' : ', not facing it'}`}>{Math.round(sighting.distanceM)} m {compass(sighting.bearingDeg)}{sighting.sees ? '' : ' · not facing'}</span>}
                    </div>
                    <span className={`badge ${note.kind}`}>{note.text}</span>
                    {c.relayed && <span className="badge warn" title="Being relayed now">relayed</span>}
                    {canWatch && (
                      <button type="button" className="small-btn" disabled={starting === c.id || !c.hasStream} onClick={() => void start(c.id)} aria-label={`Watch ${c.name}`}>
                        {starting === c.id ? 'Starting…' : 'Watch'}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </aside>
      <RtccMap cameras={cams.cameras} incident={incident} seeing={seeingIds} selectedCameraId={selectedCameraId} active={active} onSelectCamera={selectCamera} />
      <section className="panel rtcc-tiles" aria-labelledby="rtcc-tiles-h">
        <h2 id="rtcc-tiles-h">Live views ({views.filter((v) => v.state !== 'ended').length})</h2>
        {views.length === 0 ? (
          <p className="muted small">{canWatch ? 'No live views. Pick an incident, state the reason, then Watch a camera.' : 'No live views.'}</p>
        ) : (
          <div className="rtcc-grid">
            {views.map((v) => <LiveTile key={v.id} view={v} onStop={stop} onDismiss={(id) => setViews((vs) => vs.filter((x) => x.id !== id))} onShare={canWatch ? (x) => (setSharing(x), setShareForm((n) => n + 1)) : undefined} />)}
          </div>
        )}
        {sharing && <ShareCameraForm key={shareForm} view={sharing} onDone={() => setSharing(null)} onCreated={() => setSharesChanged((n) => n + 1)} />}
        <CameraSharesPanel incidentId={incidentId} refreshKey={sharesChanged} />
      </section>
    </div>
  );
}
