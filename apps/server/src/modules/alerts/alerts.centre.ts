import type { AppContext } from '../../http/app-context';
import type { CapCentre } from './alerts.cap';
import { localAlertPublisher, type AlertPublisher } from './alerts.publisher';

/** The centre as its CAP messages name it, from where the public reaches this server. */
export function capCentreOf(ctx: AppContext): CapCentre {
  const base = ctx.publicUrl.replace(/\/+$/, '');
  let host = 'localhost';
  try {
    host = new URL(base).hostname || host;
  } catch {
    // a malformed public URL still lets alerts go out under "localhost"
  }
  return { host, senderName: ctx.config.alerts.centreName ?? `9-1-1 Center (${host})`, publicBase: base, timeZone: ctx.config.timeZone };
}

/** Only the local stand-in exists until the centre holds IPAWS-OPEN credentials. */
export function alertPublisherOf(_ctx: AppContext): AlertPublisher {
  return localAlertPublisher;
}
