import type { IncidentSummary, Unit } from '@openpsap/contract';

/** A timer that has run out, for the alert tray. The id changes when the situation changes, so an
 * acknowledgement covers this occurrence only. */
export interface TimerAlert {
  id: string;
  severity: 'warning' | 'urgent';
  text: string;
  since: number;
  incidentId: number | null;
  unitId: number | null;
}

// Seconds an incident may wait for a first unit, by priority.
export const PENDING_LIMIT_S: Record<number, number> = { 1: 60, 2: 120, 3: 300, 4: 600, 5: 1800 };
const TURNOUT_LIMIT_S = 120;
// How long a unit may stay on scene before the dispatcher checks on it (police alone on a call
// is the classic officer-safety check).
const ON_SCENE_LIMIT_S: Record<string, number> = { patrol: 20 * 60, sergeant: 20 * 60, k9: 20 * 60, traffic: 20 * 60 };
const ON_SCENE_DEFAULT_S = 45 * 60;
const TRANSPORT_LIMIT_S = 30 * 60;
const HOSPITAL_LIMIT_S = 30 * 60;

/** Every timer that has run out now; computed fresh each second from the floor state. */
export function runOutTimers(incidents: Iterable<IncidentSummary>, units: Iterable<Unit>, now: number): TimerAlert[] {
  const out: TimerAlert[] = [];
  for (const i of incidents) {
    if (i.status !== 'Pending') continue;
    const limit = PENDING_LIMIT_S[i.priority] ?? 300;
    const age = (now - Date.parse(i.createdAt)) / 1000;
    if (age >= limit) {
      out.push({ id: `pending:${i.id}:${i.version}`, severity: i.priority <= 2 ? 'urgent' : 'warning', text: `${i.number} P${i.priority} ${i.typeName} waiting for a unit`, since: Date.parse(i.createdAt) + limit * 1000, incidentId: i.id, unitId: null });
    }
  }
  for (const u of units) {
    const inStatus = (now - Date.parse(u.statusChangedAt)) / 1000;
    const key = `${u.id}:${u.statusChangedAt}`;
    const push = (rule: string, limit: number, text: string, severity: TimerAlert['severity']) => {
      if (inStatus >= limit) out.push({ id: `${rule}:${key}`, severity, text, since: Date.parse(u.statusChangedAt) + limit * 1000, incidentId: u.incidentId, unitId: u.id });
    };
    if (u.status === 'Dispatched' || u.status === 'AcknowledgedTransmission') push('turnout', TURNOUT_LIMIT_S, `${u.callSign} not en route ${Math.floor(TURNOUT_LIMIT_S / 60)} min after dispatch`, 'warning');
    if (u.status === 'OnScene' || u.status === 'PatientContact') {
      const limit = ON_SCENE_LIMIT_S[u.type] ?? ON_SCENE_DEFAULT_S;
      push('onscene', limit, `${u.callSign} on scene ${Math.floor(limit / 60)} min: check on the unit`, u.type in ON_SCENE_LIMIT_S ? 'urgent' : 'warning');
    }
    if (u.status === 'Transporting') push('transport', TRANSPORT_LIMIT_S, `${u.callSign} transporting ${TRANSPORT_LIMIT_S / 60} min`, 'warning');
    if (u.status === 'Hospital') push('hospital', HOSPITAL_LIMIT_S, `${u.callSign} at hospital ${HOSPITAL_LIMIT_S / 60} min`, 'warning');
  }
  return out.sort((a, b) => (a.severity === b.severity ? a.since - b.since : a.severity === 'urgent' ? -1 : 1));
}
