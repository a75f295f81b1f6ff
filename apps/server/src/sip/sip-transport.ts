import dgram from 'node:dgram';
import net from 'node:net';
import { MAX_BODY_BYTES, MAX_HEADER_BYTES } from './sip-message';

/** Where a message came from, and so where its responses go. */
export interface SipPeer {
  transport: 'udp' | 'tcp';
  address: string;
  port: number;
  /** The connection a TCP message arrived on; responses go back on it. */
  socket?: net.Socket;
}

export type InboundHandler = (raw: Buffer, peer: SipPeer) => void;

const TCP_IDLE_MS = 5 * 60_000;
const MAX_TCP_CONNECTIONS = 512;

/**
 * UDP and TCP on one port. On TCP, Content-Length decides where a message ends (RFC 3261 18.3);
 * a stream that cannot be framed (headers too long, body too large, no length) is closed, which
 * is all a stream-oriented peer can be told. Nothing a peer sends can stop the listener.
 */
export class SipTransport {
  private udp: dgram.Socket | null = null;
  private tcp: net.Server | null = null;
  private readonly conns = new Map<string, net.Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly wantedPort: number,
    private readonly onMessage: InboundHandler,
    private readonly log: (m: string) => void,
  ) {}

  async start(): Promise<void> {
    // With port 0 the UDP socket picks the port and TCP must get the same one; retry if taken.
    for (let attempt = 0; ; attempt++) {
      const udp = dgram.createSocket(this.host.includes(':') ? 'udp6' : 'udp4');
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(this.wantedPort, this.host, () => {
          udp.off('error', reject);
          resolve();
        });
      });
      const port = udp.address().port;
      const tcp = net.createServer((s) => this.accept(s));
      const ok = await new Promise<boolean>((resolve, reject) => {
        tcp.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' && this.wantedPort === 0 && attempt < 10 ? resolve(false) : reject(e)));
        tcp.listen(port, this.host, () => resolve(true));
      }).catch((e) => {
        udp.close();
        throw e;
      });
      if (!ok) {
        udp.close();
        continue;
      }
      udp.on('message', (msg, rinfo) => this.deliver(msg, { transport: 'udp', address: rinfo.address, port: rinfo.port }));
      udp.on('error', (e) => this.log(`sip udp: ${e.message}`));
      tcp.on('error', (e) => this.log(`sip tcp: ${e.message}`));
      this.udp = udp;
      this.tcp = tcp;
      this.port = port;
      return;
    }
  }

  async stop(): Promise<void> {
    for (const s of this.conns.values()) s.destroy();
    this.conns.clear();
    await new Promise<void>((r) => (this.tcp ? this.tcp.close(() => r()) : r()));
    await new Promise<void>((r) => (this.udp ? this.udp.close(() => r()) : r()));
    this.tcp = null;
    this.udp = null;
  }

  /** Sends on the connection a message came in on (TCP) or from our port (UDP). */
  send(peer: SipPeer, data: Buffer): void {
    if (peer.transport === 'udp') {
      this.udp?.send(data, peer.port, peer.address, (e) => e && this.log(`sip udp send to ${peer.address}:${peer.port}: ${e.message}`));
      return;
    }
    const s = peer.socket && !peer.socket.destroyed ? peer.socket : this.conns.get(key(peer.address, peer.port));
    if (s && !s.destroyed) {
      s.write(data);
      return;
    }
    // The caller's connection is gone: open one to its address (RFC 3261 18.2.2).
    const c = net.connect({ host: peer.address, port: peer.port });
    c.on('error', (e) => this.log(`sip tcp to ${peer.address}:${peer.port}: ${e.message}`));
    this.accept(c);
    c.write(data);
  }

  private deliver(raw: Buffer, peer: SipPeer): void {
    try {
      this.onMessage(raw, peer);
    } catch (e) {
      this.log(`sip: message from ${peer.address}:${peer.port} not handled: ${(e as Error).message}`);
    }
  }

  private accept(s: net.Socket): void {
    if (this.conns.size >= MAX_TCP_CONNECTIONS) {
      s.destroy();
      return;
    }
    const address = s.remoteAddress ?? '';
    const port = s.remotePort ?? 0;
    const k = key(address, port);
    this.conns.set(k, s);
    s.setTimeout(TCP_IDLE_MS, () => s.destroy());
    s.on('close', () => {
      if (this.conns.get(k) === s) this.conns.delete(k);
    });
    s.on('error', () => undefined);
    let buf: Buffer = Buffer.alloc(0);
    s.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        // Keep-alive CRLFs between messages (RFC 5626) are not messages.
        let skip = 0;
        while (skip < buf.length && (buf[skip] === 0x0d || buf[skip] === 0x0a)) skip++;
        if (skip) buf = buf.subarray(skip);
        if (!buf.length) return;
        const frame = nextFrame(buf);
        if (frame === 'more') {
          if (buf.length > MAX_HEADER_BYTES + MAX_BODY_BYTES) s.destroy();
          return;
        }
        if (frame === 'bad') {
          this.log(`sip tcp from ${address}:${port}: stream cannot be framed; connection closed`);
          s.destroy();
          return;
        }
        const msg = buf.subarray(0, frame);
        buf = buf.subarray(frame);
        this.deliver(Buffer.from(msg), { transport: 'tcp', address, port, socket: s });
      }
    });
  }
}

function key(address: string, port: number): string {
  return `${address}|${port}`;
}

/** Length of the first complete message in a stream buffer, 'more' to wait, 'bad' to give up. */
export function nextFrame(buf: Buffer): number | 'more' | 'bad' {
  const text = buf.toString('latin1', 0, Math.min(buf.length, MAX_HEADER_BYTES + 4));
  let end = text.indexOf('\r\n\r\n');
  let sep = 4;
  if (end < 0) {
    const lf = text.indexOf('\n\n');
    if (lf >= 0) (end = lf), (sep = 2);
  }
  if (end < 0) return buf.length > MAX_HEADER_BYTES ? 'bad' : 'more';
  const m = /(?:^|\n)(?:content-length|l)[ \t]*:[ \t]*(\d+)/i.exec(text.slice(0, end));
  const len = m ? Number(m[1]) : 0;
  if (len > MAX_BODY_BYTES) return 'bad';
  const total = end + sep + len;
  return buf.length >= total ? total : 'more';
}
