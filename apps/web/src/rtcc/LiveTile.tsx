import { useEffect, useRef, useState } from 'react';
import Hls from 'hls.js';
import type { VideoView } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import { formatElapsed, useNow } from '../shared/time';

/** How often the tile tells the server the view is still watched (and learns if it was ended). */
const HEARTBEAT_MS = 3000;

/**
 * One live view: the relayed HLS in a muted player, its reason and incident, and a stop button.
 * When the server ends the view (consent revoked, stream lost, ...) the player stops and the tile
 * says why until the analyst dismisses it.
 */
export function LiveTile({ view: initial, onStop, onDismiss, onShare }: { view: VideoView; onStop: (v: VideoView) => Promise<void>; onDismiss: (id: string) => void; onShare?: (v: VideoView) => void }) {
  const [view, setView] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const now = useNow(1000);
  const ended = view.state === 'ended';

  // Heartbeat: keeps the view open on the server and brings news of its end.
  useEffect(() => {
    if (ended) return;
    let stop = false;
    const beat = () =>
      api<VideoView>('POST', `/api/v1/video/views/${view.id}/heartbeat`).then(
        (v) => !stop && setView(v),
        (e: ApiError) => !stop && e.status === 404 && setView((v) => ({ ...v, state: 'ended', endedWhy: 'the view is no longer known to the server' })),
      );
    const t = window.setInterval(beat, HEARTBEAT_MS);
    return () => {
      stop = true;
      window.clearInterval(t);
    };
  }, [view.id, ended]);

  // The player, for as long as the view runs.
  useEffect(() => {
    const el = video.current;
    if (!el || ended) return;
    let hls: Hls | null = null;
    const checkEnded = () => void api<VideoView>('GET', `/api/v1/video/views/${view.id}`).then(setView, () => undefined);
    el.muted = true;
    if (Hls.isSupported()) {
      hls = new Hls({
        // The first playlist request waits for the camera's first segment on the server.
        manifestLoadingTimeOut: 20_000,
        manifestLoadingMaxRetry: 3,
        levelLoadingTimeOut: 10_000,
        liveSyncDurationCount: 2,
        liveMaxLatencyDurationCount: 6,
        backBufferLength: 10,
      });
      hls.on(Hls.Events.ERROR, (_e, data) => {
        // A refused playlist or segment usually means the server ended the view: ask why now.
        if (data.response?.code === 403 || data.response?.code === 404) checkEnded();
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls?.recoverMediaError();
        else {
          setProblem('Video interrupted; retrying…');
          checkEnded();
          window.setTimeout(() => hls?.startLoad(), 2000);
        }
      });
      hls.on(Hls.Events.FRAG_BUFFERED, () => setProblem(null));
      hls.loadSource(view.playlistUrl);
      hls.attachMedia(el);
    } else if (el.canPlayType('application/vnd.apple.mpegurl')) {
      el.src = view.playlistUrl;
    } else {
      setProblem('This browser cannot play live video (no Media Source support).');
    }
    void el.play().catch(() => undefined);
    return () => {
      hls?.destroy();
      el.removeAttribute('src');
      el.load();
    };
  }, [view.id, view.playlistUrl, ended]);

  const stop = async () => {
    setStopping(true);
    try {
      await onStop(view);
    } catch (e) {
      setProblem((e as Error).message);
      setStopping(false);
    }
  };

  const label = `${view.cameraName}, incident ${view.incidentNumber}`;
  return (
    <article className={`rtcc-tile${ended ? ' ended' : ''}`} aria-label={`Live view: ${label}`} data-view-id={view.id} data-state={view.state}>
      <header>
        <strong>{view.cameraName}</strong>
        <span className="muted mono">{view.incidentNumber}</span>
        <span className={`badge ${ended ? 'danger' : view.state === 'live' ? 'ok' : 'warn'}`}>{ended ? 'Ended' : view.state === 'live' ? 'Live' : 'Starting'}</span>
        {!ended && <span className="mono muted" title="Watching for">{formatElapsed(now - Date.parse(view.startedAt))}</span>}
      </header>
      {ended ? (
        <div className="rtcc-ended" role="alert">
          <p><strong>View ended:</strong> {view.endedWhy}</p>
          <button type="button" className="secondary" onClick={() => onDismiss(view.id)}>Dismiss</button>
        </div>
      ) : (
        <video ref={video} className="rtcc-video" muted playsInline autoPlay aria-label={`Live video from ${view.cameraName}`} />
      )}
      <footer>
        <span className="small muted" title="Reason stated">Reason: {view.reason}</span>
        {problem && !ended && <span className="small error" role="status">{problem}</span>}
        {!ended && view.stream.state === 'restarting' && <span className="small error" role="status">Camera stream interrupted, reconnecting…</span>}
        {!ended && onShare && (
          <button type="button" className="small-btn secondary" onClick={() => onShare(view)} aria-label={`Share ${view.cameraName} with an agency or a unit`}>
            Share
          </button>
        )}
        {!ended && (
          <button type="button" className="small-btn" onClick={() => void stop()} disabled={stopping} aria-label={`Stop view of ${view.cameraName}`}>
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
        )}
      </footer>
    </article>
  );
}
