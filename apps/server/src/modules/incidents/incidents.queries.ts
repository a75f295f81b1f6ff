import type pg from 'pg';
import { incidentType, type Assignment, type IncidentStatus, type IncidentSummary, type NarrativeEntry } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export interface IncidentRow {
  id: number;
  agency_id: number;
  agency_code: string;
  number: string;
  type_code: string;
  priority: number;
  status: IncidentStatus;
  location_text: string | null;
  lat: number | null;
  lon: number | null;
  location_verified: boolean;
  police_zone: string | null;
  fire_zone: string | null;
  ems_zone: string | null;
  disposition_code: string | null;
  received_at: Date;
  created_at: Date;
  closed_at: Date | null;
  reopened_count: number;
  version: number;
}

interface AssignmentRow {
  id: number;
  incident_id: number;
  unit_id: number;
  call_sign: string;
  unit_status: string;
  current_incident_id: number | null;
  dispatched_at: Date;
  acknowledged_at: Date | null;
  enroute_at: Date | null;
  onscene_at: Date | null;
  patient_contact_at: Date | null;
  transporting_at: Date | null;
  hospital_at: Date | null;
  cleared_at: Date | null;
}

const INCIDENT_SELECT = `SELECT i.id, i.agency_id, a.code AS agency_code, i.number, i.type_code, i.priority, i.status, i.location_text, i.lat, i.lon,
  i.location_verified, i.police_zone, i.fire_zone, i.ems_zone, i.disposition_code, i.received_at, i.created_at, i.closed_at, i.reopened_count, i.version
  FROM incidents i JOIN agencies a ON a.id = i.agency_id`;

const ASSIGNMENT_SELECT = `SELECT s.id, s.incident_id, s.unit_id, u.call_sign, u.status AS unit_status, u.current_incident_id, s.dispatched_at, s.acknowledged_at,
  s.enroute_at, s.onscene_at, s.patient_contact_at, s.transporting_at, s.hospital_at, s.cleared_at
  FROM assignments s JOIN units u ON u.id = s.unit_id`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id,
    incidentId: r.incident_id,
    unitId: r.unit_id,
    callSign: r.call_sign,
    // A cleared assignment reports Cleared even if the unit has since moved on.
    status: r.cleared_at ? 'Cleared' : r.unit_status,
    dispatchedAt: r.dispatched_at.toISOString(),
    acknowledgedAt: iso(r.acknowledged_at),
    enrouteAt: iso(r.enroute_at),
    onsceneAt: iso(r.onscene_at),
    patientContactAt: iso(r.patient_contact_at),
    transportingAt: iso(r.transporting_at),
    hospitalAt: iso(r.hospital_at),
    clearedAt: iso(r.cleared_at),
  };
}

export function toSummary(r: IncidentRow, active: Assignment[]): IncidentSummary {
  return {
    id: r.id,
    number: r.number,
    agencyId: r.agency_id,
    agencyCode: r.agency_code,
    type: r.type_code,
    typeName: incidentType(r.type_code)?.name ?? r.type_code,
    priority: r.priority,
    status: r.status,
    location: { text: r.location_text, lat: r.lat, lon: r.lon, verified: r.location_verified },
    zones: { police: r.police_zone, fire: r.fire_zone, ems: r.ems_zone },
    disposition: r.disposition_code,
    createdAt: r.created_at.toISOString(),
    closedAt: iso(r.closed_at),
    reopenedCount: r.reopened_count,
    version: r.version,
    units: active,
  };
}

export async function getIncidentRow(db: Queryable, id: number, forUpdate = false): Promise<IncidentRow | null> {
  if (forUpdate) await db.query('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<IncidentRow>(`${INCIDENT_SELECT} WHERE i.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function activeAssignments(db: Queryable, incidentIds: number[]): Promise<Map<number, Assignment[]>> {
  const out = new Map<number, Assignment[]>();
  if (incidentIds.length === 0) return out;
  const { rows } = await db.query<AssignmentRow>(`${ASSIGNMENT_SELECT} WHERE s.incident_id = ANY($1::bigint[]) AND s.cleared_at IS NULL ORDER BY s.id`, [incidentIds]);
  for (const r of rows) {
    const list = out.get(r.incident_id) ?? [];
    list.push(toAssignment(r));
    out.set(r.incident_id, list);
  }
  return out;
}

export async function allAssignments(db: Queryable, incidentId: number): Promise<Assignment[]> {
  const { rows } = await db.query<AssignmentRow>(`${ASSIGNMENT_SELECT} WHERE s.incident_id = $1 ORDER BY s.id`, [incidentId]);
  return rows.map(toAssignment);
}

export async function getIncidentSummary(db: Queryable, id: number): Promise<IncidentSummary | null> {
  const row = await getIncidentRow(db, id);
  if (!row) return null;
  const active = await activeAssignments(db, [id]);
  return toSummary(row, active.get(id) ?? []);
}

export async function listIncidents(
  db: Queryable,
  f: { open: boolean | null; agencyId: number | null; number: string | null; limit: number; before: number | null },
): Promise<IncidentSummary[]> {
  const { rows } = await db.query<IncidentRow>(
    `${INCIDENT_SELECT}
      WHERE ($1::boolean IS NULL OR (i.status <> 'Closed') = $1) AND ($2::int IS NULL OR i.agency_id = $2)
        AND ($3::text IS NULL OR i.number = $3) AND ($5::bigint IS NULL OR i.id < $5)
      ORDER BY ${'CASE WHEN i.status = \'Closed\' THEN 1 ELSE 0 END'}, i.id DESC LIMIT $4`,
    [f.open, f.agencyId, f.number, f.limit, f.before],
  );
  const active = await activeAssignments(db, rows.map((r) => r.id));
  return rows.map((r) => toSummary(r, active.get(r.id) ?? []));
}

export async function listNarrative(db: Queryable, incidentId: number): Promise<NarrativeEntry[]> {
  const { rows } = await db.query(
    'SELECT id, at, author_label, kind, text FROM incident_narrative WHERE incident_id = $1 ORDER BY id',
    [incidentId],
  );
  return rows.map((r) => ({ id: r.id, at: (r.at as Date).toISOString(), author: r.author_label, kind: r.kind, text: r.text }));
}

export async function insertNarrative(
  tx: pg.PoolClient,
  n: { incidentId: number; at: Date; authorUserId: number | null; authorLabel: string; kind: 'narrative' | 'system'; text: string },
): Promise<NarrativeEntry> {
  const { rows } = await tx.query(
    'INSERT INTO incident_narrative (incident_id, at, author_user_id, author_label, kind, text) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [n.incidentId, n.at, n.authorUserId, n.authorLabel, n.kind, n.text],
  );
  return { id: rows[0].id, at: n.at.toISOString(), author: n.authorLabel, kind: n.kind, text: n.text };
}

/**
 * Recomputes an open incident's status from its active assignments: the furthest stage any
 * working unit has reached. Returns the new status.
 */
export async function refreshIncidentStatus(tx: pg.PoolClient, incidentId: number): Promise<IncidentStatus> {
  const { rows } = await tx.query<{ status: IncidentStatus }>(
    `UPDATE incidents i SET status = CASE WHEN i.status = 'Closed' THEN 'Closed' ELSE (
        SELECT CASE WHEN bool_or(onscene_at IS NOT NULL) THEN 'OnScene' WHEN bool_or(enroute_at IS NOT NULL) THEN 'EnRoute'
                    WHEN count(*) > 0 THEN 'Dispatched' ELSE 'Pending' END
          FROM assignments WHERE incident_id = i.id AND cleared_at IS NULL) END,
        version = version + 1
      WHERE i.id = $1 RETURNING status`,
    [incidentId],
  );
  return rows[0]!.status;
}

export async function incidentCalls(db: Queryable, incidentId: number) {
  const { rows } = await db.query(
    'SELECT id, source, callback_number, caller_name, presented_at FROM calls WHERE incident_id = $1 ORDER BY presented_at',
    [incidentId],
  );
  return rows.map((r) => ({ id: r.id as number, source: r.source as string, callbackNumber: r.callback_number as string | null, callerName: r.caller_name as string | null, presentedAt: (r.presented_at as Date).toISOString() }));
}

/** Open incidents within `radiusM` of a point from the last hours: likely the same emergency. */
export async function nearbyOpenIncidents(db: Queryable, lat: number, lon: number, excludeId: number | null, radiusM = 300) {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const { rows } = await db.query(
    `SELECT id, number, type_code, priority, status, location_text, lat, lon, created_at FROM incidents
      WHERE status <> 'Closed' AND lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4 AND ($5::bigint IS NULL OR id <> $5)
        AND created_at > now() - interval '6 hours'
      ORDER BY created_at DESC LIMIT 50`,
    [lat - dLat, lat + dLat, lon - dLon, lon + dLon, excludeId],
  );
  const rad = Math.PI / 180;
  return rows
    .map((r) => {
      const x = (r.lon - lon) * rad * Math.cos(lat * rad);
      const y = (r.lat - lat) * rad;
      return { r, d: Math.sqrt(x * x + y * y) * 6_371_008.8 };
    })
    .filter(({ d }) => d <= radiusM)
    .sort((a, b) => a.d - b.d)
    .map(({ r, d }) => ({
      id: r.id as number,
      number: r.number as string,
      type: r.type_code as string,
      typeName: incidentType(r.type_code)?.name ?? r.type_code,
      priority: r.priority as number,
      status: r.status as string,
      locationText: r.location_text as string | null,
      distanceM: Math.round(d),
      createdAt: (r.created_at as Date).toISOString(),
    }));
}
