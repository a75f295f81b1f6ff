import type { ServerConfig } from '../config/config';
import type { Database } from '../db/database';
import type { EventHub } from '../realtime/event-hub';

/** What every route and command needs from the running process. */
export interface AppContext {
  config: ServerConfig;
  db: Database;
  hub: EventHub;
  log: (msg: string) => void;
}
