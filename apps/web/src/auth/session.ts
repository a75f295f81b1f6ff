import type { SessionUser } from '@openpsap/contract';
import { api } from '../api/client';

export interface CurrentSession {
  user: SessionUser;
  mfa: 'none' | 'pending';
  locked: boolean;
  idleLockMinutes: number;
}

/** The current session, or null when nobody is signed in. */
export async function loadSession(): Promise<CurrentSession | null> {
  const r = await api<{ signedIn: boolean; session?: CurrentSession }>('GET', '/api/v1/auth/status');
  return r.signedIn && r.session ? r.session : null;
}
