import type { SignalMessage } from '@openpsap/contract';

export interface CallerPeerEvents {
  onPhase(phase: 'connecting' | 'waiting' | 'live' | 'reconnecting' | 'ended', detail?: string): void;
}

/**
 * The phone's side of a live video: one peer connection per watching console, offered by the
 * phone, with signalling over the centre's WebSocket. Reconnects the socket after a drop; the
 * server then announces the consoles again and fresh offers are made.
 */
export class CallerPeer {
  private ws: WebSocket | null = null;
  private pcs = new Map<string, RTCPeerConnection>();
  private stopped = false;
  private lastLocationSent = 0;

  constructor(
    private readonly url: string,
    private stream: MediaStream,
    private readonly iceServers: RTCIceServer[],
    private readonly events: CallerPeerEvents,
  ) {}

  start(): void {
    this.connect();
  }

  private send(m: SignalMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  private connect(): void {
    this.events.onPhase(this.ws ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onmessage = (ev) => void this.onMessage(JSON.parse(String(ev.data)) as SignalMessage);
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      for (const pc of this.pcs.values()) pc.close();
      this.pcs.clear();
      if (this.stopped) return;
      // 4000: ended; 44xx: the link no longer works. Anything else is a dropped network.
      if (ev.code === 4000 || ev.code >= 4400) {
        this.stopped = true;
        this.events.onPhase('ended', ev.reason);
        return;
      }
      this.events.onPhase('reconnecting');
      window.setTimeout(() => !this.stopped && this.connect(), 2000);
    };
  }

  private updatePhase(): void {
    const live = [...this.pcs.values()].some((pc) => pc.connectionState === 'connected');
    this.events.onPhase(live ? 'live' : 'waiting');
  }

  private async onMessage(m: SignalMessage): Promise<void> {
    switch (m.type) {
      case 'hello':
        this.updatePhase();
        break;
      case 'viewer-joined':
        await this.offerTo(m.viewerId);
        break;
      case 'viewer-left':
        this.pcs.get(m.viewerId)?.close();
        this.pcs.delete(m.viewerId);
        this.updatePhase();
        break;
      case 'answer':
        if (m.from) await this.pcs.get(m.from)?.setRemoteDescription({ type: 'answer', sdp: m.sdp });
        break;
      case 'ice':
        if (m.from && m.candidate) await this.pcs.get(m.from)?.addIceCandidate(m.candidate as RTCIceCandidateInit).catch(() => undefined);
        break;
      case 'ended':
        this.stopped = true;
        this.events.onPhase('ended', m.reason);
        break;
      default:
        break;
    }
  }

  private async offerTo(viewerId: string): Promise<void> {
    this.pcs.get(viewerId)?.close();
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.pcs.set(viewerId, pc);
    for (const track of this.stream.getTracks()) pc.addTrack(track, this.stream);
    pc.onicecandidate = (e) => e.candidate && this.send({ type: 'ice', to: viewerId, candidate: e.candidate.toJSON() });
    pc.onconnectionstatechange = () => this.updatePhase();
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.send({ type: 'offer', to: viewerId, sdp: offer.sdp ?? '' });
  }

  /** Swaps the camera (front/back) on every connection without renegotiating. */
  async replaceStream(next: MediaStream): Promise<void> {
    const track = next.getVideoTracks()[0];
    for (const pc of this.pcs.values()) for (const s of pc.getSenders()) if (s.track?.kind === 'video' && track) await s.replaceTrack(track);
    this.stream = next;
  }

  /** Sends the phone's position to the consoles, at most every 5 seconds. */
  sendLocation(lat: number, lon: number, accuracyM: number | null): void {
    if (Date.now() - this.lastLocationSent < 5000) return;
    this.lastLocationSent = Date.now();
    this.send({ type: 'location', lat, lon, accuracyM });
  }

  stop(): void {
    this.stopped = true;
    for (const pc of this.pcs.values()) pc.close();
    this.pcs.clear();
    this.ws?.close();
  }
}
