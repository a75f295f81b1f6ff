import type pg from 'pg';
import { CALL_SOURCES, EidoDocumentSchema, incidentType, type CallSource, type EidoImportResult, type LocationInput } from '@openpsap/contract';
import { conflict } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import type { GeoEngine } from '../../geo/geo-engine';
import { createIncident } from '../incidents/incidents.commands';
import { incidentRooms } from '../incidents/incident-rooms';
import { getIncidentSummary, insertNarrative } from '../incidents/incidents.queries';
import { insertCall } from '../calls/calls.queries';
import { locate } from '../incidents/locate';
import { readPidf } from './eido-pidf';
import { eidoRefused, zodProblems } from './eido-problems';

// A transfer that names no type we know still has to reach a dispatcher, who then classifies it.
const FALLBACK_TYPE = 'ASSIST';
const CLOCK_SKEW_MS = 5 * 60_000;

type Doc = ReturnType<typeof EidoDocumentSchema.parse>;
type Problem = { path: string; message: string };

interface ImportPlan {
  type: string;
  priority: number | undefined;
  location: LocationInput;
  calls: { presentedAt: Date; answeredAt: Date | null; callbackNumber: string | null; source: CallSource }[];
  notes: { at: Date; author: string; text: string }[];
  provenance: string;
  warnings: string[];
}

function numberFromUri(uri: string): string | null {
  const m = /^(?:tel:|sips?:)(\+?[0-9][0-9().-]{2,30})(?:[@;]|$)/i.exec(uri.trim());
  return m ? m[1]!.replace(/[^0-9+]/g, '') : null;
}

/** Reads what we use from a validated EIDO, or every problem with its JSON path. */
function plan(doc: Doc, now: Date): { plan: ImportPlan | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, { kind: string; index: number }>();
  const lists = ['locationComponent', 'notesComponent', 'callComponent', 'callbackComponent', 'agencyComponent', 'emergencyResourceComponent'] as const;
  for (const list of lists) (doc[list] ?? []).forEach((c: { $id: string }, index: number) => byId.set(c.$id, { kind: list, index }));
  const resolve = (ref: string, kind: (typeof lists)[number], path: string) => {
    const hit = byId.get(ref);
    if (!hit || hit.kind !== kind) {
      problems.push({ path, message: `refers to "${ref}", which is not the $id of any ${kind} in this EIDO` });
      return null;
    }
    return hit.index;
  };

  // Type: the EIDO incident type registry uses the APCO codes our incidents use.
  const inc = doc.incidentComponent;
  const candidates = [inc?.incidentTypeInternalCode, inc?.incidentTypeCommonRegistryText].filter((c): c is string => !!c);
  const known = candidates.map((c) => incidentType(c.trim().toUpperCase())).find(Boolean);
  const type = known?.code ?? FALLBACK_TYPE;
  if (!known) warnings.push(candidates.length ? `incident type ${candidates.join(' / ')} is not an APCO code we know; taken as ${FALLBACK_TYPE} for a dispatcher to classify` : `the EIDO names no incident type; taken as ${FALLBACK_TYPE} for a dispatcher to classify`);
  const p = inc?.incidentCommonPriorityNumber;
  const priority = p !== undefined && p >= 1 && p <= 5 ? p : undefined;
  if (p !== undefined && priority === undefined) warnings.push(`priority ${p} is outside 1-5; the type's default is used`);

  // Location: the incident's own, else one of type Incident, else the first given by value.
  const locs = doc.locationComponent ?? [];
  let chosen: number[] = [];
  (inc?.locationReference ?? []).forEach((r, i) => {
    const at = resolve(r.$ref, 'locationComponent', `$.incidentComponent.locationReference[${i}].$ref`);
    if (at !== null) chosen.push(at);
  });
  if (!chosen.length) chosen = locs.map((l, i) => (l.locationTypeDescriptionRegistryText === 'Incident' ? i : -1)).filter((i) => i >= 0);
  if (!chosen.length) chosen = locs.map((l, i) => (l.locationByValue ? i : -1)).filter((i) => i >= 0);
  let location: LocationInput | null = null;
  for (const i of chosen) {
    const l = locs[i]!;
    let text = l.locationDescriptionText?.trim() || null;
    let lat: number | null = null;
    let lon: number | null = null;
    if (l.locationByValue) {
      const read = readPidf(l.locationByValue);
      if (read.problem) {
        problems.push({ path: `$.locationComponent[${i}].locationByValue`, message: `is not a readable PIDF-LO: ${read.problem}` });
        continue;
      }
      lat = read.location!.lat;
      lon = read.location!.lon;
      text = read.location!.civicText ?? text;
    }
    if (l.locationByReferenceUrl) warnings.push(`location ${l.$id} is given by reference (${l.locationByReferenceUrl}); it was not fetched`);
    if (text || lat !== null) {
      location = { ...(text ? { text: text.slice(0, 500) } : {}), ...(lat !== null && lon !== null ? { lat, lon } : {}) };
      break;
    }
  }
  if (!location) {
    location = { text: `location not given in the EIDO from ${doc.issuingElementIdentification}`.slice(0, 500) };
    warnings.push('the EIDO gives no location by value; ask the sending centre');
  }

  // Calls: the sending centre's calls travel with the incident, with their callback numbers.
  const callbacks = doc.callbackComponent ?? [];
  const calls = (doc.callComponent ?? []).map((c, i) => {
    const presentedAt = new Date(c.callStartTimestamp ?? c.lastUpdateTimeStamp);
    let answeredAt = c.answerDate ? new Date(c.answerDate) : null;
    if (presentedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ path: `$.callComponent[${i}].callStartTimestamp`, message: 'is in the future' });
    if (answeredAt && answeredAt < presentedAt) {
      warnings.push(`call ${c.$id}: answerDate is before callStartTimestamp; the answer time was left out`);
      answeredAt = null;
    }
    let callbackNumber: string | null = null;
    if (c.callBackReference) {
      const at = resolve(c.callBackReference.$ref, 'callbackComponent', `$.callComponent[${i}].callBackReference.$ref`);
      if (at !== null) callbackNumber = (callbacks[at]!.callBackInformationUri ?? []).map(numberFromUri).find(Boolean) ?? null;
    }
    const local = (c as { localCallType?: unknown }).localCallType;
    const source: CallSource = typeof local === 'string' && (CALL_SOURCES as readonly string[]).includes(local) ? (local as CallSource) : c.standardPrimaryCallType === 'non-emergency' ? 'non-emergency' : '911';
    return { presentedAt, answeredAt: answeredAt && answeredAt.getTime() <= now.getTime() + CLOCK_SKEW_MS ? answeredAt : null, callbackNumber: callbackNumber?.slice(0, 32) ?? null, source };
  });

  // Notes, in the order the incident lists them, then any others.
  const allNotes = doc.notesComponent ?? [];
  const order: number[] = [];
  (inc?.notesReference ?? []).forEach((r, i) => {
    const at = resolve(r.$ref, 'notesComponent', `$.incidentComponent.notesReference[${i}].$ref`);
    if (at !== null && !order.includes(at)) order.push(at);
  });
  allNotes.forEach((_, i) => !order.includes(i) && order.push(i));
  const notes = order
    .map((i) => allNotes[i]!)
    .filter((n) => n.notesActionComments.trim())
    .map((n) => ({ at: new Date(n.lastUpdateTimeStamp), author: String((n.updatedByAgentReference as { $ref?: unknown } | undefined)?.$ref ?? doc.updatedByAgencyReference.$ref).slice(0, 200), text: n.notesActionComments.trim().slice(0, 8000) }));
  if (candidates.length && !known) notes.unshift({ at: now, author: doc.issuingElementIdentification.slice(0, 200), text: `Sender's incident type: ${[inc?.incidentTypeInternalText, ...candidates].filter(Boolean).join(' / ')}` });

  const units = (doc.emergencyResourceComponent ?? []).map((r) => `${r.emergencyResourceName ?? r.$id}${r.primaryUnitStatusRegistryText ? ` (${(r as { secondaryUnitStatusRegistryText?: string[] }).secondaryUnitStatusRegistryText?.[0] ?? r.primaryUnitStatusRegistryText})` : ''}`);
  const provenance = [
    `Received by EIDO transfer from ${doc.updatedByAgencyReference.$ref} (${doc.issuingElementIdentification}), their incident ${inc?.internalIncidentId ?? doc.$id}`,
    units.length ? `; their units: ${units.join(', ')}` : '',
  ].join('').slice(0, 8000);

  return { plan: problems.length ? null : { type, priority, location, calls, notes, provenance, warnings }, problems };
}

/**
 * Takes an incident transferred by another centre (CAD-to-CAD) as a new incident of ours: type,
 * priority, location (geocoded when only civic), notes as narrative, the sender's calls, and
 * where it came from. Everything is checked before anything is written.
 */
export async function importEido(pool: pg.Pool, actor: Actor, engine: GeoEngine | null, body: unknown): Promise<EidoImportResult> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw eidoRefused([{ path: '$', message: 'must be an EIDO JSON object' }]);
  const parsed = EidoDocumentSchema.safeParse(body);
  if (!parsed.success) throw eidoRefused(zodProblems(parsed.error));
  const doc = parsed.data;
  const { plan: p, problems } = plan(doc, new Date());
  if (!p) throw eidoRefused(problems);

  const already = await pool.query<{ incident_id: number }>('SELECT incident_id FROM incident_sources WHERE source_id = $1 LIMIT 1', [doc.$id]);
  if (already.rows[0]) throw conflict(`EIDO ${doc.$id} was already imported as incident id ${already.rows[0].incident_id}`);

  const located = locate(engine, p.location);
  const { result: incident } = await createIncident(pool, actor, { type: p.type as never, priority: p.priority as never, location: p.location }, located);

  const callIds: number[] = [];
  await runCommand(pool, actor, async (tx, now) => {
    for (const c of p.calls) {
      const row = await insertCall(tx, { source: c.source, presentedAt: c.presentedAt, answeredAt: c.answeredAt, callbackNumber: c.callbackNumber, callerName: null, locationText: null, lat: null, lon: null, verified: false, notes: `from EIDO ${doc.$id}`.slice(0, 4000), createdBy: actor.userId, now });
      await tx.query('UPDATE calls SET incident_id = $1 WHERE id = $2', [incident.id, row.id]);
      callIds.push(row.id);
    }
    for (const n of p.notes) await insertNarrative(tx, { incidentId: incident.id, at: n.at, authorUserId: null, authorLabel: n.author, kind: 'narrative', text: n.text });
    const entry = await insertNarrative(tx, { incidentId: incident.id, at: now, authorUserId: actor.userId, authorLabel: actor.label, kind: 'system', text: p.provenance });
    await tx.query(
      'INSERT INTO incident_sources (incident_id, kind, source_id, issuing_element, sending_agency, received_at, received_by, document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [incident.id, 'eido', doc.$id, doc.issuingElementIdentification, doc.updatedByAgencyReference.$ref, now, actor.userId, JSON.stringify(body)],
    );
    const summary = (await getIncidentSummary(tx, incident.id))!;
    return {
      result: null,
      audits: [{ action: 'eido.import', entity: 'incident', entityId: incident.id, after: { sourceId: doc.$id, issuingElement: doc.issuingElementIdentification, callIds, notes: p.notes.length, warnings: p.warnings } }],
      event: { type: 'incident.narrative-added', agencyId: summary.agencyId, incidentId: incident.id, rooms: incidentRooms(summary), data: { incident: summary, entry } },
    };
  });
  const loc = located.location;
  return {
    incidentId: incident.id,
    number: (await getIncidentSummary(pool, incident.id))!.number,
    type: p.type,
    callIds,
    notes: p.notes.length,
    location: { text: loc.text ?? null, lat: loc.lat ?? null, lon: loc.lon ?? null, geocoded: located.geocoded !== null },
    warnings: p.warnings,
  };
}
