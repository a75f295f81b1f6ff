import { useEffect, useState } from 'react';
import type { CallText, Ng911Call } from '@openpsap/contract';
import { api } from '../api/client';
import type { FloorStore } from '../state/floor-store';

const NG911_EVENTS = new Set(['call.created', 'call.location-added', 'call.ng911-updated', 'call.released', 'call.attached']);

/**
 * NG9-1-1 details (line, location status, shapes) of the open calls, keyed by call id. Read once,
 * then again whenever the floor's stream says a call arrived or its location changed.
 */
export function useNg911Calls(store: FloorStore, enabled: boolean): Map<number, Ng911Call> {
  const [calls, setCalls] = useState<Map<number, Ng911Call>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let pending = false;
    let again = false;
    const load = async () => {
      if (pending) {
        again = true;
        return;
      }
      pending = true;
      try {
        do {
          again = false;
          const list = await api<Ng911Call[]>('GET', '/api/v1/ng911/calls');
          if (!stopped) setCalls(new Map(list.map((c) => [c.callId, c])));
        } while (again && !stopped);
      } catch {
        // The next event reads again; the queue still shows the call itself.
      } finally {
        pending = false;
      }
    };
    void load();
    const off = store.onEvent((e) => {
      if (NG911_EVENTS.has(e.type)) void load();
    });
    return () => {
      stopped = true;
      off();
    };
  }, [store, enabled]);
  return calls;
}

export const loadTexts = (callId: number) => api<CallText[]>('GET', `/api/v1/calls/${callId}/texts`);
export const sendText = (callId: number, body: string) => api<CallText>('POST', `/api/v1/calls/${callId}/texts`, { body });
export const loadNg911Call = (callId: number) => api<Ng911Call>('GET', `/api/v1/calls/${callId}/ng911`);
