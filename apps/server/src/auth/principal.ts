import type { Role, SessionUser } from '@openpsap/contract';
import type { Actor } from '../events/actor';

/** The authenticated caller of a request or socket. */
export interface Principal {
  user: SessionUser;
  via: 'session' | 'token';
  sessionHash: string | null;
  tokenId: number | null;
}

export function actorOf(p: Principal, ip: string | null): Actor {
  return { userId: p.user.id, label: p.user.username, role: p.user.role as Role, ip };
}
