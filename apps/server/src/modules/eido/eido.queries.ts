import type pg from 'pg';
import type { Assignment, IncidentSummary, NarrativeEntry } from '@openpsap/contract';
import { allAssignments, getIncidentSummary, listNarrative } from '../incidents/incidents.queries';

type Queryable = pg.Pool | pg.PoolClient;

export interface EidoCallRow {
  id: number;
  source: string;
  presentedAt: Date;
  answeredAt: Date | null;
  releasedAt: Date | null;
  callbackNumber: string | null;
  callerName: string | null;
}

/** Everything an EIDO of one incident is made from, read at one moment. */
export interface EidoSource {
  incident: IncidentSummary;
  agency: { id: number; code: string; name: string; disciplines: string[] };
  narrative: NarrativeEntry[];
  assignments: (Assignment & { unitType: string; agencyCode: string })[];
  calls: EidoCallRow[];
  lastChangeAt: Date;
  transferredFrom: { sourceId: string; issuingElement: string; sendingAgency: string | null } | null;
  /** Alarms from monitoring companies that reported this incident. */
  alarms: { id: number; company: string; account: string; eventType: string; zone: string | null; permitNumber: string | null; comments: string | null; address: string; contacts: unknown[]; receivedAt: Date }[];
}

export async function loadEidoSource(db: Queryable, incidentId: number): Promise<EidoSource | null> {
  const incident = await getIncidentSummary(db, incidentId);
  if (!incident) return null;
  const [narrative, assignments, agency, units, calls, last, source, alarms] = await Promise.all([
    listNarrative(db, incidentId),
    allAssignments(db, incidentId),
    db.query('SELECT id, code, name, disciplines FROM agencies WHERE id = $1', [incident.agencyId]),
    db.query<{ id: number; unit_type: string; code: string }>(
      'SELECT u.id, u.unit_type, a.code FROM units u JOIN agencies a ON a.id = u.agency_id WHERE u.id IN (SELECT unit_id FROM assignments WHERE incident_id = $1)',
      [incidentId],
    ),
    db.query('SELECT id, source, presented_at, answered_at, released_at, callback_number, caller_name FROM calls WHERE incident_id = $1 ORDER BY presented_at, id', [incidentId]),
    db.query<{ at: Date | null }>('SELECT max(at) AS at FROM events WHERE incident_id = $1', [incidentId]),
    db.query('SELECT source_id, issuing_element, sending_agency FROM incident_sources WHERE incident_id = $1', [incidentId]),
    db.query(
      `SELECT e.id, co.name AS company, e.account, e.event_type, e.zone, e.permit_number, e.comments, e.address, e.contacts, e.received_at
         FROM alarm_events e JOIN alarm_companies co ON co.id = e.company_id JOIN calls c ON c.id = e.call_id WHERE c.incident_id = $1 ORDER BY e.id`,
      [incidentId],
    ),
  ]);
  const unitInfo = new Map(units.rows.map((u) => [u.id, u]));
  const a = agency.rows[0];
  const s = source.rows[0];
  return {
    incident,
    agency: { id: a.id, code: a.code, name: a.name, disciplines: a.disciplines },
    narrative,
    assignments: assignments.map((x) => ({ ...x, unitType: unitInfo.get(x.unitId)?.unit_type ?? 'unit', agencyCode: unitInfo.get(x.unitId)?.code ?? a.code })),
    calls: calls.rows.map((c) => ({ id: c.id, source: c.source, presentedAt: c.presented_at, answeredAt: c.answered_at, releasedAt: c.released_at, callbackNumber: c.callback_number, callerName: c.caller_name })),
    lastChangeAt: last.rows[0]?.at ?? new Date(incident.createdAt),
    transferredFrom: s ? { sourceId: s.source_id, issuingElement: s.issuing_element, sendingAgency: s.sending_agency } : null,
    alarms: alarms.rows.map((r) => ({ id: r.id, company: r.company, account: r.account, eventType: r.event_type, zone: r.zone, permitNumber: r.permit_number, comments: r.comments, address: r.address, contacts: r.contacts, receivedAt: r.received_at })),
  };
}
