import type { SessionUser } from '@openpsap/contract';
import { api, ApiError } from '../api/client';

export interface CurrentSession {
  user: SessionUser;
  mfa: 'none' | 'pending';
  locked: boolean;
  idleLockMinutes: number;
}

/** The current session, or null when nobody is signed in. */
export async function loadSession(): Promise<CurrentSession | null> {
  try {
    return await api<CurrentSession>('GET', '/api/v1/auth/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}
