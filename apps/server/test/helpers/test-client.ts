import WebSocket from 'ws';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** An HTTP client that keeps its session cookie, like a browser tab. */
export class TestClient {
  cookie: string | null = null;
  token: string | null = null;

  constructor(readonly baseUrl: string) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.cookie) h.cookie = this.cookie;
    if (this.token) h.authorization = `Bearer ${this.token}`;
    return h;
  }

  async request<T = any>(method: string, path: string, body?: unknown, raw?: { contentType?: string; text?: string }): Promise<TestResponse<T>> {
    const init: RequestInit = { method, headers: this.headers() };
    if (raw?.text !== undefined) {
      init.body = raw.text;
      (init.headers as Record<string, string>)['content-type'] = raw.contentType ?? 'application/json';
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(this.baseUrl + path, init);
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /psap_session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `psap_session=${m[1]}` : null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Opens the event stream as this client. */
  stream(query = ''): StreamClient {
    return new StreamClient(`${this.baseUrl.replace(/^http/, 'ws')}/api/v1/stream${query ? `?${query}` : ''}`, this.headers());
  }
}

/** A WebSocket subscriber that records every message, for asserting order and completeness. */
export class StreamClient {
  readonly ws: WebSocket;
  readonly messages: any[] = [];
  readonly events: any[] = [];
  closeCode: number | null = null;
  unexpected: { status: number } | null = null;
  private waiters: (() => void)[] = [];

  constructor(url: string, headers: Record<string, string>) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      this.messages.push(m);
      if (m.type === 'event') this.events.push(m.event);
      this.notify();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
    this.ws.on('unexpected-response', (_req, res) => {
      this.unexpected = { status: res.statusCode ?? 0 };
      this.notify();
    });
    this.ws.on('error', () => this.notify());
  }

  private notify() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `pred` holds, failing with what was received if it does not within the time. */
  async until(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages.slice(-5))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  get cursor(): number {
    let c = 0;
    for (const m of this.messages) {
      if (m.type === 'event') c = m.event.seq;
      if ((m.type === 'caught-up' || m.type === 'heartbeat') && m.cursor > c) c = m.cursor;
    }
    return c;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((r) => {
      this.ws.once('close', () => r());
      this.ws.close();
    });
  }

  /** Drops the connection without a close handshake, as a lost network does. */
  drop(): void {
    this.ws.terminate();
  }
}
