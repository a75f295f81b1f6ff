import { api, ApiError } from '../api/client';

export interface QueuedStatus {
  id: string;
  unit: string;
  status: string;
  /** When the responder pressed the button: the status time the centre records. */
  at: string;
}

const KEY = 'psap.mdt.queue';

function load(): QueuedStatus[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedStatus[];
  } catch {
    return [];
  }
}

/**
 * Status changes pressed while the connection is down, kept in the browser's storage (a reload or
 * a dead battery loses nothing) and sent in the order pressed, each with the time it was pressed.
 * A change the server refuses (the dispatcher already moved the unit on) is dropped and reported;
 * a change that fails for the network stays and is retried.
 */
export class OfflineQueue {
  private items: QueuedStatus[] = load();
  private flushing = false;

  constructor(private readonly onChange: (n: number, problem: string | null) => void) {}

  get size(): number {
    return this.items.length;
  }

  add(unit: string, status: string): void {
    this.items.push({ id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, unit, status, at: new Date().toISOString() });
    this.save();
    void this.flush();
  }

  private save(): void {
    localStorage.setItem(KEY, JSON.stringify(this.items));
    this.onChange(this.items.length, null);
  }

  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.items.length) {
        const next = this.items[0]!;
        try {
          await api('POST', `/api/v1/units/${encodeURIComponent(next.unit)}/status`, { status: next.status, at: next.at });
        } catch (e) {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429) {
            this.items.shift();
            this.save();
            this.onChange(this.items.length, `${next.status} was not recorded: ${e.message}`);
            continue;
          }
          return; // offline or server unavailable: keep it, try again later
        }
        this.items.shift();
        this.save();
      }
    } finally {
      this.flushing = false;
    }
  }
}
