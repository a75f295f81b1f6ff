import { useEffect, useRef, useState } from 'react';
import type { CallerVideoSession } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { endLiveVideo, liveSession, signalUrl } from './evidence-api';
import { LiveRecording } from './recording-uploader';
import { ViewerPeer, type ViewerEvents } from './viewer-peer';

type ViewState = Parameters<ViewerEvents['onState']>[0];

const STATE_TEXT: Record<ViewState, string> = {
  connecting: 'Connecting…',
  'waiting-caller': 'Waiting for the caller to start the camera…',
  'connecting-video': 'Caller connected; starting video…',
  live: 'Live',
  'caller-left': 'The caller\'s phone disconnected; waiting for it to come back…',
  reconnecting: 'Connection lost; reconnecting…',
  ended: 'The video has ended.',
};

/**
 * Live video from a caller's phone inside the incident. When the agency records and this console
 * is the recording one, the received video is recorded and uploaded as evidence as it arrives.
 */
export function LiveVideoViewer({ sessionId, onClose, say }: { sessionId: number; onClose: () => void; say: (t: string, k?: 'info' | 'error') => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [session, setSession] = useState<CallerVideoSession | null>(null);
  const [state, setState] = useState<ViewState>('connecting');
  const [location, setLocation] = useState<{ lat: number; lon: number; accuracyM: number | null; at: Date } | null>(null);
  const [recorder, setRecorder] = useState(false);
  const [recorded, setRecorded] = useState(0);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const recording = useRef<LiveRecording | null>(null);

  useEffect(() => {
    let peer: ViewerPeer | null = null;
    let stale = false;
    liveSession(sessionId).then(
      (s) => {
        if (stale) return;
        setSession(s);
        if (s.link.location) setLocation({ ...s.link.location, at: new Date(s.link.location.at ?? Date.now()) });
        peer = new ViewerPeer(signalUrl(sessionId), s.iceServers, {
          onStream: setStream,
          onState: (st, detail) => {
            setState(st);
            if (st === 'ended' && detail) say(`Live video: ${detail}`);
          },
          onLocation: setLocation,
          onRecorder: setRecorder,
        });
        peer.start();
      },
      (e: ApiError) => !stale && say(e.message, 'error'),
    );
    return () => {
      stale = true;
      peer?.stop();
    };
  }, [sessionId, say]);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);

  // Record while this console is the recorder and video flows; each stretch of video is one part.
  useEffect(() => {
    if (!recorder || !stream || !session?.link.record) return;
    const rec = new LiveRecording(sessionId, setRecorded);
    recording.current = rec;
    rec.start(stream).catch((e: Error) => say(`Recording did not start: ${e.message}`, 'error'));
    return () => {
      recording.current = null;
      rec.finish().then(
        (done) => done?.evidenceId && say(`Recording saved as evidence ${done.evidenceId} (SHA-256 ${done.sha256?.slice(0, 12)}…)`),
        (e: Error) => say(`Recording could not be saved: ${e.message}`, 'error'),
      );
    };
  }, [recorder, stream, session, sessionId, say]);

  async function end() {
    try {
      await endLiveVideo(sessionId);
    } catch (e) {
      say((e as ApiError).message, 'error');
    }
  }

  return (
    <div className="live-video" aria-label="Live video from the caller's phone">
      {/* State, recording and location above the picture: the panel is narrow, and these must be
          seen without scrolling past the video. */}
      <p className={`live-state ${state}`} role="status">{STATE_TEXT[state]}</p>
      {session?.link.record && recorder && stream && <p className="small"><span className="rec-dot" aria-hidden="true">●</span> Recording as evidence · {(recorded / 1024 / 1024).toFixed(1)} MB sent</p>}
      {session?.link.record && !recorder && <p className="small muted">Recorded by another console watching this call.</p>}
      {location ? (
        <p className="small">
          Caller's location: <span className="mono">{location.lat.toFixed(5)}, {location.lon.toFixed(5)}</span>
          {location.accuracyM !== null ? ` ±${Math.round(location.accuracyM)} m` : ''} <span className="muted">({location.at.toLocaleTimeString()})</span>
        </p>
      ) : <p className="small muted">The caller did not share a location.</p>}
      <video ref={video} autoPlay playsInline muted aria-label="Live video from the caller's phone" />
      <div className="inline-controls">
        {state !== 'ended' && <button type="button" onClick={() => void end()}>End video</button>}
        <button type="button" className="secondary" onClick={onClose}>Close viewer</button>
      </div>
    </div>
  );
}
