import type { ServerConfig } from '../config/config';
import type { Database } from '../db/database';
import type { EventHub } from '../realtime/event-hub';
import type { GeoService } from '../geo/geo-service';
import type { MessageGateway } from '../messaging/message-gateway';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';

/** What every route and command needs from the running process. */
export interface AppContext {
  config: ServerConfig;
  db: Database;
  hub: EventHub;
  /** The jurisdiction's geography (geocoder, router, zones); null when a test runs without it. */
  geo: GeoService | null;
  /** SMS and e-mail to the public (a local stand-in unless configured). */
  messages: MessageGateway;
  clock: Clock;
  /** Background jobs; set once the server is up. */
  scheduler: Scheduler | null;
  /** Where the public reaches this server, for links sent by SMS or e-mail. */
  publicUrl: string;
  log: (msg: string) => void;
}
