import type { OutsideAlertCollection, OutsideAlertFeature, OutsideAlertProps } from '@openpsap/contract';
import { api } from '../api/client';

export type { OutsideAlertCollection, OutsideAlertFeature, OutsideAlertProps };

export interface PersonInArea {
  kind: 'special-needs' | 'care';
  id: number;
  name: string;
  address: string;
  phone: string | null;
  phoneOf: string | null;
  need: string;
  checkInDue: boolean | null;
  welfareIncident: { id: number; number: string } | null;
}

export const loadActiveOutsideAlerts = () => api<OutsideAlertCollection>('GET', '/api/v1/outside-alerts/active');

export const loadPeopleInArea = (alertId: number, purpose: string) =>
  api<{ alert: OutsideAlertFeature; hasArea: boolean; people: PersonInArea[] }>('GET', `/api/v1/outside-alerts/${alertId}/people`, undefined, { purpose });

export const createWelfareCheck = (alertId: number, p: Pick<PersonInArea, 'kind' | 'id'>) =>
  api<{ created: boolean; incidentId: number; number: string }>('POST', `/api/v1/outside-alerts/${alertId}/welfare-checks`, { kind: p.kind, personId: p.id });

// Outside alerts arrive by the poll job; screens re-read them this often (the server polls feeds every 2 min by default).
export const OUTSIDE_ALERTS_REFRESH_MS = 30_000;

export const SEVERITY_COLOURS: Record<string, string> = { Extreme: '#d66bff', Severe: '#ff6b6b', Moderate: '#ffa94d', Minor: '#ffd43b', Unknown: '#adb5bd' };

export interface FeedStatus {
  pollSeconds: number;
  lastRunAt: string | null;
  lastError: string | null;
  feeds: { url: string; polledAt: string | null; ok: boolean | null; stored: number; known: number; problems: string[] }[];
}

export const loadFeedStatus = () => api<FeedStatus>('GET', '/api/v1/outside-alerts/feeds');

const changeListeners = new Set<() => void>();

/** Screens showing outside alerts re-read them when told (the console calls this on 'outside-alert.received'). */
export function onOutsideAlertsChanged(fn: () => void): () => void {
  changeListeners.add(fn);
  return () => changeListeners.delete(fn);
}

export function outsideAlertsChanged(): void {
  for (const fn of changeListeners) fn();
}
