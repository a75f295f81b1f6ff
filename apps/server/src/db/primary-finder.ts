import pg from 'pg';

// node-postgres takes one host per connection string; libpq's list of hosts with
// target_session_attrs=read-write is how PostgreSQL high availability is usually configured, so
// DATABASE_URL accepts that form and this finds the writable server among the hosts, again
// whenever a connection fails or lands on a standby (a failover promoted another one).

interface HostPort {
  host: string;
  port: string;
}

/** The hosts of a libpq-style URL: "h1:5432,h2:5433" in the authority or ?host=a,b&port=p,q. */
export function hostsOf(url: string): { hosts: HostPort[]; singleHostUrl: (h: HostPort) => string; readWrite: boolean } | null {
  const m = /^(postgres(?:ql)?):\/\/(?:([^@/?]*)@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!m) return null;
  const [, scheme, userinfo, authority, database, query] = m;
  const params = new URLSearchParams(query ?? '');
  const qHosts = params.get('host')?.split(',') ?? [];
  const qPorts = params.get('port')?.split(',') ?? [];
  const aHosts = (authority ?? '').split(',').filter(Boolean);
  let hosts: HostPort[];
  if (qHosts.length > 1 || (qHosts.length === 1 && aHosts.length <= 1)) {
    hosts = qHosts.map((h, i) => ({ host: h, port: qPorts[i] ?? qPorts[0] ?? '5432' }));
  } else {
    hosts = aHosts.map((a, i) => {
      const hp = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(a);
      return { host: hp?.[1]?.replace(/^\[|\]$/g, '') ?? a, port: hp?.[2] ?? qPorts[i] ?? qPorts[0] ?? '5432' };
    });
  }
  if (hosts.length < 2) return null;
  const readWrite = (params.get('target_session_attrs') ?? 'any') !== 'any';
  params.delete('host');
  params.delete('port');
  params.delete('target_session_attrs');
  const rest = params.toString();
  const singleHostUrl = (h: HostPort) => {
    const q = new URLSearchParams({ host: h.host, port: h.port }).toString();
    return `${scheme}://${userinfo ? `${userinfo}@` : ''}localhost/${database ?? ''}?${q}${rest ? `&${rest}` : ''}`;
  };
  return { hosts, singleHostUrl, readWrite };
}

/** Keeps track of which of several hosts is the primary, for the pool and the listeners. */
export class PrimaryFinder {
  private index = 0;
  private searching: Promise<boolean> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Pass to pg.Pool as `Client`: each new connection goes to the current primary. */
  readonly Client: typeof pg.Client;
  /** Client settings whose connection string is read at connect time (spread copies the current one). */
  readonly clientConfig: pg.ClientConfig;

  constructor(private readonly urls: string[], private readonly readWrite: boolean, private readonly log: (m: string) => void) {
    const finder = this;
    this.clientConfig = {};
    Object.defineProperty(this.clientConfig, 'connectionString', { get: () => finder.currentUrl, enumerable: true });
    class PrimaryClient extends pg.Client {
      constructor(config?: pg.ClientConfig) {
        super({ ...config, connectionString: finder.currentUrl });
        // A connection lost while checked out (or during the check below) must not become an
        // unhandled 'error' that ends the process; its queries fail and the pool drops it.
        this.on('error', () => finder.suspect());
      }
      // Both of pg's forms: the pool passes a callback, other callers await the promise.
      override connect(callback?: any): any {
        const done = (async () => {
          try {
            await super.connect();
          } catch (e) {
            finder.suspect();
            throw e;
          }
          if (!finder.readWrite) return;
          const { rows } = await this.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
          if (rows[0]?.standby) {
            finder.suspect();
            await this.end().catch(() => undefined);
            throw new Error('connected to a standby; looking for the writable primary');
          }
        })();
        if (!callback) return done;
        done.then(() => callback(null, this), (e: Error) => callback(e));
        return undefined;
      }
    }
    this.Client = PrimaryClient as typeof pg.Client;
  }

  get currentUrl(): string {
    return this.urls[this.index]!;
  }

  /** A connection failed or was read-only: look for the primary (once at a time, again until found). */
  suspect(): void {
    if (this.stopped) return;
    this.searching ??= this.find().finally(() => {
      this.searching = null;
    });
  }

  /** Tries every host in order and keeps the first that accepts writes. */
  async find(): Promise<boolean> {
    for (let k = 0; k < this.urls.length; k++) {
      const i = (this.index + k) % this.urls.length;
      const c = new pg.Client({ connectionString: this.urls[i], connectionTimeoutMillis: 2_000 });
      c.on('error', () => undefined); // a host dying mid-probe fails the probe, not the process
      try {
        await c.connect();
        const { rows } = await c.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
        if (!this.readWrite || !rows[0]?.standby) {
          if (i !== this.index) this.log(`database primary is now host ${i + 1} of ${this.urls.length}`);
          this.index = i;
          return true;
        }
      } catch {
        // down or unreachable: try the next
      } finally {
        await c.end().catch(() => undefined);
      }
    }
    // None writable yet (a standby not promoted so far): look again shortly.
    if (!this.stopped && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = null;
        this.suspect();
      }, 1_000);
      this.retry.unref();
    }
    return false;
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }
}

/** A finder for a DATABASE_URL naming several hosts; null for the usual single host. */
export function primaryFinderFor(url: string, log: (m: string) => void): PrimaryFinder | null {
  const parsed = hostsOf(url);
  if (!parsed) return null;
  return new PrimaryFinder(parsed.hosts.map(parsed.singleHostUrl), parsed.readWrite, log);
}
