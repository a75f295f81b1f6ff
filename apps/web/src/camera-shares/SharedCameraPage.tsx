import { useCallback, useEffect, useRef, useState } from 'react';
import Hls from 'hls.js';
import type { SharedCamera, SharedView } from '@openpsap/contract';
import { LanguageSwitch, useLang, words } from '../public/i18n';
import { LinkRefused, openSharedView, sharedCamera, sharedViewState, stopSharedView } from './shared-camera-api';
import { SHARED_CAMERA_WORDS } from './shared-camera-words';

/** How often the page tells the server it is still open (and learns if the video was stopped). */
const HEARTBEAT_MS = 3000;

type LinkState = { kind: 'loading' } | { kind: 'bad' } | { kind: 'revoked' } | { kind: 'expired' } | { kind: 'unreachable' } | { kind: 'ready'; info: SharedCamera };
type VideoState = { kind: 'starting' } | { kind: 'playing'; view: SharedView } | { kind: 'stopped'; why: string } | { kind: 'refused'; why: string };

const linkState = (e: LinkRefused): LinkState =>
  e.status === 404 ? { kind: 'bad' } : e.status === 410 ? (/revoked/.test(e.message) ? { kind: 'revoked' } : { kind: 'expired' }) : { kind: 'unreachable' };

/**
 * A live camera shared with another agency or a unit, on a phone: the camera plays at once through
 * the centre's relay, and stops (saying why) when the link is revoked or expires or the owner's
 * consent ends. The server decides every second; this page only shows what it decides.
 */
export function SharedCameraPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const [lang, setLang] = useLang();
  const w = words(SHARED_CAMERA_WORDS, lang);
  const [link, setLink] = useState<LinkState>({ kind: 'loading' });
  const [video, setVideo] = useState<VideoState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const player = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    sharedCamera(token).then((info) => setLink({ kind: 'ready', info }), (e: LinkRefused) => setLink(linkState(e)));
  }, [token]);

  const ready = link.kind === 'ready';

  // Open a view once the link is known good (and again on "Watch again").
  useEffect(() => {
    if (!ready) return;
    let gone = false;
    let viewId: string | null = null;
    setVideo({ kind: 'starting' });
    openSharedView(token).then(
      (v) => {
        viewId = v.id;
        if (gone) stopSharedView(token, v.id);
        else setVideo({ kind: 'playing', view: v });
      },
      (e: LinkRefused) => {
        if (gone) return;
        if (e.status === 404 || e.status === 410) setLink(linkState(e));
        else setVideo({ kind: 'refused', why: e.message });
      },
    );
    const leave = () => viewId && stopSharedView(token, viewId);
    window.addEventListener('pagehide', leave);
    return () => {
      gone = true;
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [ready, token, attempt]);

  const playingId = video.kind === 'playing' ? video.view.id : null;
  const playlistUrl = video.kind === 'playing' ? video.view.playlistUrl : null;

  const check = useCallback(() => {
    if (!playingId) return;
    sharedViewState(token, playingId).then(
      (v) => v.state === 'ended' && setVideo({ kind: 'stopped', why: v.endedWhy ?? '' }),
      (e: LinkRefused) => e.status === 404 && setVideo({ kind: 'stopped', why: e.message }),
    );
  }, [token, playingId]);

  useEffect(() => {
    if (!playingId) return;
    const t = window.setInterval(check, HEARTBEAT_MS);
    return () => window.clearInterval(t);
  }, [playingId, check]);

  useEffect(() => {
    const el = player.current;
    if (!el || !playlistUrl) return;
    let hls: Hls | null = null;
    el.muted = true;
    if (Hls.isSupported()) {
      hls = new Hls({ manifestLoadingTimeOut: 20_000, manifestLoadingMaxRetry: 3, levelLoadingTimeOut: 10_000, liveSyncDurationCount: 2, liveMaxLatencyDurationCount: 6, backBufferLength: 10 });
      hls.on(Hls.Events.ERROR, (_e, data) => {
        // A refused playlist means the server stopped the video: ask why at once.
        if (data.response?.code === 403 || data.response?.code === 404) check();
        if (data.fatal && data.type === Hls.ErrorTypes.MEDIA_ERROR) hls?.recoverMediaError();
        else if (data.fatal) window.setTimeout(() => hls?.startLoad(), 2000);
      });
      hls.loadSource(playlistUrl);
      hls.attachMedia(el);
    } else if (el.canPlayType('application/vnd.apple.mpegurl')) {
      // Safari on iPhone plays HLS itself.
      el.src = playlistUrl;
    }
    void el.play().catch(() => undefined);
    return () => {
      hls?.destroy();
      el.removeAttribute('src');
      el.load();
    };
  }, [playlistUrl, check]);

  const until = (iso: string) => new Date(iso).toLocaleTimeString(lang === 'es' ? 'es-US' : 'en-US', { hour: 'numeric', minute: '2-digit' });
  return (
    <main className="public-page shared-camera-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      {link.kind === 'loading' && <p>{w.loading}</p>}
      {link.kind === 'bad' && <p className="shared-camera-problem" role="alert">{w.bad}</p>}
      {link.kind === 'revoked' && <p className="shared-camera-problem" role="alert">{w.revoked}</p>}
      {link.kind === 'expired' && <p className="shared-camera-problem" role="alert">{w.expired}</p>}
      {link.kind === 'unreachable' && <p className="shared-camera-problem" role="alert">{w.unreachable}</p>}
      {link.kind === 'ready' && (
        <>
          <p>{link.info.centreName} · {w.sharedWith(link.info.recipient)}</p>
          <div className="shared-camera-frame" data-state={video.kind}>
            {video.kind === 'playing' ? (
              <>
                <video ref={player} className="shared-camera-video" muted playsInline autoPlay aria-label={w.video(link.info.cameraName)} />
                <span className="badge ok shared-camera-live">{w.live}</span>
              </>
            ) : video.kind === 'starting' ? (
              <p role="status">{w.starting}</p>
            ) : (
              <div role="alert">
                <p><strong>{video.kind === 'stopped' ? w.stopped : w.refused}:</strong> {video.why}</p>
                <button type="button" onClick={() => setAttempt((n) => n + 1)}>{w.watchAgain}</button>
              </div>
            )}
          </div>
          <dl className="shared-facts">
            <dt>{w.camera}</dt><dd>{link.info.cameraName}</dd>
            <dt>{w.incident}</dt><dd>{link.info.incidentNumber}</dd>
            <dt>{w.reason}</dt><dd>{link.info.reason}</dd>
            <dt>{w.sharedBy}</dt><dd>{link.info.sharedBy}</dd>
            <dt>{w.until}</dt><dd>{until(link.info.expiresAt)}</dd>
          </dl>
          <p className="hint">{w.logged}</p>
        </>
      )}
    </main>
  );
}
