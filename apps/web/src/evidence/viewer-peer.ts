import type { SignalMessage } from '@openpsap/contract';

export interface ViewerEvents {
  onStream(stream: MediaStream | null): void;
  onState(state: 'connecting' | 'waiting-caller' | 'connecting-video' | 'live' | 'caller-left' | 'reconnecting' | 'ended', detail?: string): void;
  onLocation(l: { lat: number; lon: number; accuracyM: number | null; at: Date }): void;
  onRecorder(recorder: boolean): void;
}

/**
 * The console's side of a caller's live video: answers the phone's offer, shows its stream.
 * Signalling runs over the centre's own WebSocket; the video goes browser to browser.
 */
export class ViewerPeer {
  private ws: WebSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  private early: RTCIceCandidateInit[] = [];
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly iceServers: RTCIceServer[],
    private readonly events: ViewerEvents,
  ) {}

  start(): void {
    this.connect();
  }

  private send(m: SignalMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  private connect(): void {
    this.events.onState(this.ws ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onmessage = (ev) => void this.onMessage(JSON.parse(String(ev.data)) as SignalMessage);
    ws.onclose = (ev) => {
      if (this.ws !== ws || this.stopped) return;
      this.closePc();
      if (ev.code === 4000 || ev.code >= 4400) {
        this.stopped = true;
        this.events.onState('ended', ev.reason);
        return;
      }
      this.events.onState('reconnecting');
      window.setTimeout(() => !this.stopped && this.connect(), 2000);
    };
  }

  private closePc(): void {
    this.pc?.close();
    this.pc = null;
    this.early = [];
    this.events.onStream(null);
  }

  private async onMessage(m: SignalMessage): Promise<void> {
    switch (m.type) {
      case 'hello':
        this.events.onRecorder(Boolean(m.recorder));
        this.events.onState('waiting-caller');
        break;
      case 'caller-joined':
        this.events.onState('connecting-video');
        break;
      case 'caller-left':
        this.closePc();
        this.events.onState('caller-left');
        break;
      case 'offer': {
        this.closePc();
        const pc = new RTCPeerConnection({ iceServers: this.iceServers });
        this.pc = pc;
        pc.ontrack = (e) => this.events.onStream(e.streams[0] ?? new MediaStream([e.track]));
        pc.onicecandidate = (e) => e.candidate && this.send({ type: 'ice', candidate: e.candidate.toJSON() });
        pc.onconnectionstatechange = () => {
          if (pc.connectionState === 'connected') this.events.onState('live');
          else if (pc.connectionState === 'failed') this.events.onState('caller-left', 'the video connection failed');
        };
        await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
        for (const c of this.early.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        this.send({ type: 'answer', sdp: answer.sdp ?? '' });
        break;
      }
      case 'ice':
        if (!m.candidate) break;
        if (this.pc?.remoteDescription) await this.pc.addIceCandidate(m.candidate as RTCIceCandidateInit).catch(() => undefined);
        else this.early.push(m.candidate as RTCIceCandidateInit);
        break;
      case 'location':
        this.events.onLocation({ lat: m.lat, lon: m.lon, accuracyM: m.accuracyM, at: new Date() });
        break;
      case 'recorder':
        this.events.onRecorder(m.recorder);
        break;
      case 'ended':
        this.stopped = true;
        this.closePc();
        this.events.onState('ended', m.reason);
        break;
      default:
        break;
    }
  }

  stop(): void {
    this.stopped = true;
    this.closePc();
    this.ws?.close();
  }
}
