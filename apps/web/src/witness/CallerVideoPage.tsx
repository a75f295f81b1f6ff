import { useEffect, useRef, useState } from 'react';
import type { CallerVideoInfo } from '@openpsap/contract';
import { LanguageSwitch, useLang, words } from '../public/i18n';
import { CallerPeer } from './caller-peer';
import { UploadRefused } from './chunked-upload';
import { callerLink, currentPosition, endCall, giveConsent, signalUrl } from './witness-api';
import { CALLER_WORDS } from './witness-words';

type Phase = 'loading' | 'bad' | 'expired' | 'unreachable' | 'consent' | 'declined' | 'starting' | 'no-camera' | 'connecting' | 'waiting' | 'live' | 'reconnecting' | 'ended';

function camera(facing: 'environment' | 'user'): Promise<MediaStream> {
  // Video only: the caller is usually still on the phone with the call-taker.
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: facing, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
}

/** The caller's page for live video: consent first, then the camera, streamed to the consoles. */
export function CallerVideoPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const [lang, setLang] = useLang();
  const w = words(CALLER_WORDS, lang);
  const [phase, setPhase] = useState<Phase>('loading');
  const [info, setInfo] = useState<CallerVideoInfo | null>(null);
  const [shareLocation, setShareLocation] = useState(false);
  const [locationOn, setLocationOn] = useState(false);
  const [facing, setFacing] = useState<'environment' | 'user'>('environment');
  const preview = useRef<HTMLVideoElement>(null);
  const peer = useRef<CallerPeer | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const watch = useRef<number | null>(null);

  useEffect(() => {
    callerLink(token).then(
      (i) => {
        setInfo(i);
        setPhase(i.state === 'ended' ? 'ended' : 'consent');
        if (!new URLSearchParams(window.location.search).has('lang')) setLang(i.language);
      },
      (e: UploadRefused) => setPhase(e.status === 404 ? 'bad' : e.status === 410 ? 'expired' : 'unreachable'),
    );
    return () => stopAll();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  function stopAll() {
    peer.current?.stop();
    peer.current = null;
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
    watch.current = null;
  }

  async function start() {
    if (!info) return;
    setPhase('starting');
    let s: MediaStream;
    try {
      s = await camera(facing);
    } catch {
      setPhase('no-camera');
      return;
    }
    stream.current = s;
    if (preview.current) preview.current.srcObject = s;
    const where = shareLocation ? await currentPosition() : null;
    try {
      await giveConsent(token, where);
    } catch (e) {
      stopAll();
      setPhase((e as UploadRefused).status === 410 ? 'expired' : 'unreachable');
      return;
    }
    const p = new CallerPeer(signalUrl(token), s, info.iceServers, {
      onPhase: (ph) => {
        setPhase(ph);
        if (ph === 'ended') stopAll();
      },
    });
    peer.current = p;
    p.start();
    if (where && 'geolocation' in navigator) {
      setLocationOn(true);
      watch.current = navigator.geolocation.watchPosition((pos) => p.sendLocation(pos.coords.latitude, pos.coords.longitude, Math.round(pos.coords.accuracy)), () => undefined, { enableHighAccuracy: true });
    }
  }

  async function switchCamera() {
    const next = facing === 'environment' ? 'user' : 'environment';
    try {
      const s = await camera(next);
      await peer.current?.replaceStream(s);
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = s;
      if (preview.current) preview.current.srcObject = s;
      setFacing(next);
    } catch {
      // only one camera: keep the one that works
    }
  }

  async function stop() {
    stopAll();
    setPhase('ended');
    await endCall(token).catch(() => undefined);
  }

  const streaming = phase === 'connecting' || phase === 'waiting' || phase === 'live' || phase === 'reconnecting' || phase === 'starting';
  const status: Partial<Record<Phase, string>> = { starting: w.starting, connecting: w.waitingViewer, waiting: w.waitingViewer, live: w.live, reconnecting: w.reconnecting };
  return (
    <main className="public-page caller-video-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      {phase === 'loading' && <p>{w.loading}</p>}
      {phase === 'bad' && <p className="witness-problem" role="alert">{w.badLink}</p>}
      {phase === 'expired' && <p className="witness-problem" role="alert">{w.expired}</p>}
      {phase === 'unreachable' && <p className="witness-problem" role="alert">{w.unreachable}</p>}
      {/* A "no" or a blocked camera is not final while the link works: the caller may change their mind or fix the permission. */}
      {phase === 'declined' && (
        <>
          <p role="status">{w.declined}</p>
          <div className="stack"><button type="button" className="secondary" onClick={() => setPhase('consent')}>{w.changedMind}</button></div>
        </>
      )}
      {phase === 'no-camera' && (
        <>
          <p className="witness-problem" role="alert">{w.noCamera}</p>
          <div className="stack"><button type="button" onClick={() => setPhase('consent')}>{w.tryAgain}</button></div>
        </>
      )}
      {phase === 'ended' && <p className="witness-done" role="status">{w.ended}</p>}
      {info && phase === 'consent' && (
        <>
          <p>{w.intro(info.centreName)}</p>
          <p className="consent-text">{info.record ? w.recorded : w.notRecorded}</p>
          <div className="checks">
            <label>
              <input type="checkbox" checked={shareLocation} onChange={(e) => setShareLocation(e.target.checked)} />
              {w.consentLocation}
            </label>
          </div>
          <div className="stack">
            <button type="button" onClick={() => void start()}>{w.start}</button>
            <button type="button" className="secondary" onClick={() => setPhase('declined')}>{w.decline}</button>
          </div>
        </>
      )}
      <div className="caller-preview" hidden={!streaming}>
        <video ref={preview} autoPlay muted playsInline aria-label={w.preview} />
        <p className={`caller-status ${phase}`} role="status">{status[phase] ?? ''}</p>
        {info?.record && <p className="hint">{w.recorded}</p>}
        {locationOn && <p className="hint">{w.locationOn}</p>}
        <div className="stack">
          <button type="button" className="secondary" onClick={() => void switchCamera()}>{w.switchCamera}</button>
          <button type="button" className="danger" onClick={() => void stop()}>{w.stop}</button>
        </div>
      </div>
    </main>
  );
}
