import type pg from 'pg';
import {
  incidentType,
  dispositionName,
  type CreateIncidentBody,
  type IncidentSummary,
  type UpdateIncidentBody,
  type Unit,
} from '@openpsap/contract';
import { AppError, conflict, invalid, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { getCallRow, toCall } from '../calls/calls.queries';
import { getUnitsByIds, insertStatusHistory, setUnitStatus, toUnit } from '../units/units.queries';
import { incidentRooms } from './incident-rooms';
import type { Located } from './locate';
import {
  activeAssignments,
  getIncidentRow,
  getIncidentSummary,
  insertNarrative,
  refreshIncidentStatus,
  toSummary,
  type IncidentRow,
} from './incidents.queries';

// The agency's yearly counter is one row every create for that agency must lock until COMMIT.
// It is taken in the final round trip, together with the ledger append and the COMMIT, so the
// lock is never held while this process does other work; the number is patched into the row, the
// audit and the event there. Until then the row carries a unique placeholder.
const NUMBER_TOKEN = '__PSAP_INCIDENT_NUMBER__';
const PENDING_NUMBER = 'pending';

function numberingSql(agencyId: number, year: number, incidentId: number): string {
  const [a, y, i] = [agencyId, year, incidentId].map((n) => {
    if (!Number.isSafeInteger(n)) throw new Error('numbering needs integers');
    return String(n);
  });
  return `WITH n AS (
      INSERT INTO incident_counters (agency_id, year, last) VALUES (${a}, ${y}, 1)
      ON CONFLICT (agency_id, year) DO UPDATE SET last = incident_counters.last + 1 RETURNING last
    ), u AS (
      UPDATE incidents SET number = '${y}-' || CASE WHEN n.last < 1000000 THEN lpad(n.last::text, 6, '0') ELSE n.last::text END
      FROM n WHERE incidents.id = ${i} RETURNING incidents.number
    )
    SELECT set_config('psap.late', u.number, true) FROM u`;
}

/** The calendar year at `at` in the agency's time zone: numbering restarts on local New Year. */
function yearIn(timeZone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(at));
}

async function lockOpenIncident(tx: pg.PoolClient, id: number): Promise<IncidentRow> {
  const row = await getIncidentRow(tx, id, true);
  if (!row) throw notFound(`incident ${id}`);
  if (row.status === 'Closed') throw conflict(`incident ${row.number} is closed; reopen it first`);
  return row;
}

async function summaryOf(tx: pg.PoolClient, id: number): Promise<IncidentSummary> {
  return (await getIncidentSummary(tx, id))!;
}

/**
 * Creates an incident, directly or from a call. It takes the next number in its agency's
 * yearly series (2026-000123); the agency follows from the type unless one is named.
 */
export async function createIncident(pool: pg.Pool, actor: Actor, body: CreateIncidentBody, located?: Located) {
  const type = incidentType(body.type)!;
  const place = located ?? { location: body.location, zones: { police: null, fire: null, ems: null }, geocoded: null };
  return runCommand(pool, actor, async (tx, now) => {
    const { rows: agencies } = await tx.query<{ id: number; code: string; time_zone: string; disciplines: string[] }>(
      'SELECT id, code, time_zone, disciplines FROM agencies WHERE ($1::int IS NULL OR id = $1) ORDER BY id',
      [body.agencyId ?? null],
    );
    const agency = body.agencyId ? agencies[0] : agencies.find((a) => a.disciplines.includes(type.discipline)) ?? agencies[0];
    if (!agency) throw body.agencyId ? invalid('agencyId', `no agency with id ${body.agencyId}`) : new AppError(409, 'conflict', 'no agency is set up to take incidents');

    let receivedAt = now;
    let callRow = null;
    if (body.callId !== undefined) {
      callRow = await getCallRow(tx, body.callId, true);
      if (!callRow) throw invalid('callId', `no call with id ${body.callId}`);
      if (callRow.incident_id !== null) throw conflict(`call ${body.callId} is already attached to incident ${callRow.incident_id}`);
      receivedAt = callRow.presented_at;
    }

    // The insert, narrative and call link in one statement. The number comes last (see below).
    const loc = place.location;
    const z = place.zones;
    const year = yearIn(agency.time_zone, now);
    const { rows } = await tx.query<IncidentRow>(
      `WITH i AS (
         INSERT INTO incidents (agency_id, number, type_code, priority, status, location_text, lat, lon, location_verified, received_at, created_at, created_by, police_zone, fire_zone, ems_zone)
         VALUES ($1, $2 || '-' || txid_current()::text, $3, $4, 'Pending', $5, $6, $7, $8, $9, $10, $11, $16, $17, $18)
         RETURNING *
       ), narrative AS (
         INSERT INTO incident_narrative (incident_id, at, author_user_id, author_label, kind, text)
         SELECT i.id, $10, $11, $12, 'narrative', $13 FROM i WHERE $13::text IS NOT NULL
       ), call AS (
         UPDATE calls SET incident_id = i.id FROM i WHERE calls.id = $14
       )
       SELECT i.*, $15::text AS agency_code FROM i`,
      [agency.id, PENDING_NUMBER, type.code, body.priority ?? type.defaultPriority, loc.text ?? null, loc.lat ?? null, loc.lon ?? null, loc.verified ?? false, receivedAt, now, actor.userId, actor.label, body.narrative ?? null, callRow?.id ?? null, agency.code, z.police, z.fire, z.ems],
    );
    const row = { ...rows[0]!, number: NUMBER_TOKEN };
    const id = row.id;
    const incident = toSummary(row, []);
    return {
      result: incident,
      audits: [{ action: 'incident.create', entity: 'incident', entityId: id, after: { ...incident, narrative: body.narrative ?? null, callId: body.callId ?? null, geocoded: place.geocoded } }],
      event: { type: 'incident.created', agencyId: agency.id, incidentId: id, callId: callRow?.id ?? null, rooms: incidentRooms({ id, agencyId: agency.id }, callRow ? ['centre'] : []), data: { incident, callId: callRow?.id ?? null } },
      late: { token: NUMBER_TOKEN, sql: numberingSql(agency.id, year, id) },
    };
  });
}

/** Changes type, priority and/or location in one step, recording each change's before and after. */
export async function updateIncident(pool: pg.Pool, actor: Actor, id: number, body: UpdateIncidentBody, located?: Located) {
  return runCommand(pool, actor, async (tx) => {
    const row = await lockOpenIncident(tx, id);
    const before = toSummary(row, []);
    const changes: { field: 'type' | 'priority' | 'location'; from: unknown; to: unknown }[] = [];
    if (body.type !== undefined && body.type !== row.type_code) changes.push({ field: 'type', from: row.type_code, to: body.type });
    if (body.priority !== undefined && body.priority !== row.priority) changes.push({ field: 'priority', from: row.priority, to: body.priority });
    const newLoc = body.location === undefined ? undefined : located?.location ?? body.location;
    if (newLoc !== undefined) {
      const to = { text: newLoc.text ?? null, lat: newLoc.lat ?? null, lon: newLoc.lon ?? null, verified: newLoc.verified ?? false };
      const from = before.location;
      if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: 'location', from, to });
    }
    if (changes.length === 0) return { result: await summaryOf(tx, id), audits: [] };
    const loc = newLoc;
    const z = located?.zones ?? { police: null, fire: null, ems: null };
    await tx.query(
      `UPDATE incidents SET type_code = coalesce($2, type_code), priority = coalesce($3, priority),
         location_text = CASE WHEN $4 THEN $5 ELSE location_text END, lat = CASE WHEN $4 THEN $6 ELSE lat END,
         lon = CASE WHEN $4 THEN $7 ELSE lon END, location_verified = CASE WHEN $4 THEN $8 ELSE location_verified END,
         police_zone = CASE WHEN $4 THEN $9 ELSE police_zone END, fire_zone = CASE WHEN $4 THEN $10 ELSE fire_zone END,
         ems_zone = CASE WHEN $4 THEN $11 ELSE ems_zone END,
         version = version + 1
       WHERE id = $1`,
      [id, body.type ?? null, body.priority ?? null, loc !== undefined, loc?.text ?? null, loc?.lat ?? null, loc?.lon ?? null, loc?.verified ?? false, z.police, z.fire, z.ems],
    );
    const incident = await summaryOf(tx, id);
    return {
      result: incident,
      audits: [{ action: 'incident.update', entity: 'incident', entityId: id, before: Object.fromEntries(changes.map((c) => [c.field, c.from])), after: Object.fromEntries(changes.map((c) => [c.field, c.to])) }],
      event: { type: 'incident.updated', agencyId: row.agency_id, incidentId: id, rooms: incidentRooms({ id, agencyId: row.agency_id }), data: { incident, changes } },
    };
  });
}

/** Adds a narrative line; allowed on closed incidents too, for supplements after the fact. */
export async function addNarrative(pool: pg.Pool, actor: Actor, id: number, text: string) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await getIncidentRow(tx, id, true);
    if (!row) throw notFound(`incident ${id}`);
    const entry = await insertNarrative(tx, { incidentId: id, at: now, authorUserId: actor.userId, authorLabel: actor.label, kind: 'narrative', text });
    await tx.query('UPDATE incidents SET version = version + 1 WHERE id = $1', [id]);
    const incident = await summaryOf(tx, id);
    return {
      result: entry,
      audits: [{ action: 'incident.narrative', entity: 'incident', entityId: id, after: entry }],
      event: { type: 'incident.narrative-added', agencyId: row.agency_id, incidentId: id, rooms: incidentRooms({ id, agencyId: row.agency_id }), data: { incident, entry } },
    };
  });
}

/** Attaches another call (a second caller, an alarm company) to an existing incident. */
export async function attachCall(pool: pg.Pool, actor: Actor, id: number, callId: number) {
  return runCommand(pool, actor, async (tx) => {
    const row = await getIncidentRow(tx, id, true);
    if (!row) throw notFound(`incident ${id}`);
    const call = await getCallRow(tx, callId, true);
    if (!call) throw invalid('callId', `no call with id ${callId}`);
    if (call.incident_id === id) throw conflict(`call ${callId} is already attached to incident ${row.number}`);
    if (call.incident_id !== null) throw conflict(`call ${callId} is attached to another incident (${call.incident_id})`);
    await tx.query('UPDATE calls SET incident_id = $2 WHERE id = $1', [callId, id]);
    const attached = toCall({ ...call, incident_id: id });
    return {
      result: attached,
      audits: [{ action: 'call.attach', entity: 'call', entityId: callId, before: { incidentId: null }, after: { incidentId: id } }],
      event: { type: 'call.attached', agencyId: row.agency_id, incidentId: id, callId, rooms: incidentRooms({ id, agencyId: row.agency_id }, ['centre']), data: { call: attached, incidentId: id, incidentNumber: row.number } },
    };
  });
}

/** Closes with an APCO disposition; units still on it are cleared and become available. */
export async function closeIncident(pool: pg.Pool, actor: Actor, id: number, disposition: string, narrative?: string) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await lockOpenIncident(tx, id);
    const active = (await activeAssignments(tx, [id])).get(id) ?? [];
    const unitIds = active.map((a) => a.unitId).sort((a, b) => a - b);
    if (unitIds.length) await tx.query('SELECT id FROM units WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [unitIds]);
    for (const a of active) {
      await tx.query("UPDATE assignments SET cleared_at = $2, cleared_reason = 'incident closed' WHERE id = $1", [a.id, now]);
      await setUnitStatus(tx, a.unitId, 'Cleared', 'Available', now, null);
      await insertStatusHistory(tx, { unitId: a.unitId, status: 'Cleared', primary: 'Available', incidentId: id, at: now, actorUserId: actor.userId, note: 'incident closed' });
    }
    if (narrative) await insertNarrative(tx, { incidentId: id, at: now, authorUserId: actor.userId, authorLabel: actor.label, kind: 'narrative', text: narrative });
    await insertNarrative(tx, { incidentId: id, at: now, authorUserId: actor.userId, authorLabel: actor.label, kind: 'system', text: `Closed: ${disposition} ${dispositionName(disposition)}` });
    await tx.query("UPDATE incidents SET status = 'Closed', disposition_code = $2, closed_at = $3, version = version + 1 WHERE id = $1", [id, disposition, now]);
    const incident = await summaryOf(tx, id);
    const clearedUnits: Unit[] = (await getUnitsByIds(tx, unitIds)).map(toUnit);
    return {
      result: incident,
      audits: [{ action: 'incident.close', entity: 'incident', entityId: id, before: { status: row.status }, after: { status: 'Closed', disposition, clearedUnitIds: unitIds } }],
      event: {
        type: 'incident.closed',
        agencyId: row.agency_id,
        incidentId: id,
        rooms: incidentRooms({ id, agencyId: row.agency_id }, [...unitIds.map((u) => `unit:${u}`), ...new Set(clearedUnits.map((u) => `agency:${u.agencyId}`))]),
        data: { incident, disposition, clearedUnits },
      },
    };
  });
}

/** Reopens a closed incident (new information, a unit called back); it returns to Pending. */
export async function reopenIncident(pool: pg.Pool, actor: Actor, id: number, reason?: string) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await getIncidentRow(tx, id, true);
    if (!row) throw notFound(`incident ${id}`);
    if (row.status !== 'Closed') throw conflict(`incident ${row.number} is not closed`);
    await tx.query(
      "UPDATE incidents SET status = 'Pending', disposition_code = NULL, closed_at = NULL, reopened_count = reopened_count + 1, version = version + 1 WHERE id = $1",
      [id],
    );
    await refreshIncidentStatus(tx, id);
    await insertNarrative(tx, { incidentId: id, at: now, authorUserId: actor.userId, authorLabel: actor.label, kind: 'system', text: `Reopened${reason ? `: ${reason}` : ''} (was ${row.disposition_code} ${dispositionName(row.disposition_code ?? '') ?? ''})`.trim() });
    const incident = await summaryOf(tx, id);
    return {
      result: incident,
      audits: [{ action: 'incident.reopen', entity: 'incident', entityId: id, before: { status: 'Closed', disposition: row.disposition_code }, after: { status: incident.status, reason: reason ?? null } }],
      event: { type: 'incident.reopened', agencyId: row.agency_id, incidentId: id, rooms: incidentRooms({ id, agencyId: row.agency_id }), data: { incident, reason: reason ?? null } },
    };
  });
}
