import type { ServerConfig } from '../config/config';
import type { Database } from '../db/database';
import type { EventHub } from '../realtime/event-hub';
import type { GeoService } from '../geo/geo-service';

/** What every route and command needs from the running process. */
export interface AppContext {
  config: ServerConfig;
  db: Database;
  hub: EventHub;
  /** The jurisdiction's geography (geocoder, router, zones); null when a test runs without it. */
  geo: GeoService | null;
  log: (msg: string) => void;
}
