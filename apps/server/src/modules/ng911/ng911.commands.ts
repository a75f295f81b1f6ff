import type pg from 'pg';
import type { CallLocation, CallText, LocationShape, LocationStatus, Ng911Call, SupplementalLocationBody } from '@openpsap/contract';
import { conflict, notFound } from '../../errors/app-error';
import type { Actor } from '../../events/actor';
import { runCommand } from '../../events/run-command';
import { getCallRow, insertCall, toCall } from '../calls/calls.queries';
import { dialogForCall, insertLocation, textById, toNg911Call } from './ng911.queries';

const CALL_ROOMS = ['centre'];

/** A location as read from PIDF-LO or posted, ready to store. */
export interface IncomingLocation {
  shape: LocationShape;
  lat: number | null;
  lon: number | null;
  uncertaintyM: number | null;
  confidence: number | null;
  method: string | null;
  text: string;
}

export interface PresentInput {
  kind: 'invite' | 'message';
  line: 'sos' | 'admin' | 'text';
  arrivedAt: Date;
  sipCallId: string;
  remoteTag: string | null;
  localTag: string;
  requestUri: string;
  callerUri: string | null;
  remoteTarget: string | null;
  transport: 'udp' | 'tcp';
  peer: string;
  callbackNumber: string | null;
  callerName: string | null;
  emergencyCallId: string | null;
  emergencyIncidentId: string | null;
  locations: IncomingLocation[];
  locationStatus: LocationStatus;
  locationProblem: string | null;
  additionalData: Ng911Call['additionalData'];
  /** Text of the first MESSAGE of a text conversation. */
  firstText: string | null;
}

/**
 * Puts an NG9-1-1 call (or a new text conversation) in the queue: the call row with the first
 * device location as its unverified location, the SIP dialog, every location reported, and one
 * `call.created` event so every console shows it at once.
 */
export async function presentSipCall(pool: pg.Pool, actor: Actor, p: PresentInput) {
  return runCommand(pool, actor, async (tx, now) => {
    const presentedAt = p.arrivedAt.getTime() <= now.getTime() ? p.arrivedAt : now;
    const pinned = p.locations.find((l) => l.lat !== null && l.lon !== null);
    const words = p.locations.find((l) => l.shape.type === 'civic')?.text ?? pinned?.text ?? null;
    const row = await insertCall(tx, {
      source: p.line === 'admin' ? 'non-emergency' : p.line === 'text' ? 'text' : '911',
      presentedAt,
      answeredAt: null,
      callbackNumber: p.callbackNumber,
      callerName: p.callerName,
      locationText: words?.slice(0, 500) ?? null,
      lat: pinned?.lat ?? null,
      lon: pinned?.lon ?? null,
      verified: false,
      notes: null,
      createdBy: null,
      now,
    });
    const call = toCall(row);
    await tx.query(
      `INSERT INTO sip_dialogs (call_id, kind, line, sip_call_id, remote_tag, local_tag, request_uri, caller_uri, remote_target, transport, peer,
         emergency_call_id, emergency_incident_id, location_status, location_problem, additional_data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [call.id, p.kind, p.line, p.sipCallId.slice(0, 300), p.remoteTag?.slice(0, 200) ?? null, p.localTag, p.requestUri.slice(0, 300), p.callerUri, p.remoteTarget?.slice(0, 300) ?? null, p.transport, p.peer,
        p.emergencyCallId, p.emergencyIncidentId, p.locationStatus, p.locationProblem?.slice(0, 1000) ?? null, JSON.stringify(p.additionalData), now],
    );
    for (const l of p.locations) {
      await insertLocation(tx, { callId: call.id, kind: 'device', shape: l.shape, lat: l.lat, lon: l.lon, uncertaintyM: l.uncertaintyM, confidence: l.confidence, method: l.method, source: 'sip-value', label: null, at: now, createdBy: null });
    }
    if (p.firstText) {
      await tx.query('INSERT INTO call_texts (call_id, direction, body, at) VALUES ($1, $2, $3, $4)', [call.id, 'in', p.firstText.slice(0, 4000), now]);
    }
    return {
      result: call,
      audits: [{ action: 'call.present-sip', entity: 'call', entityId: call.id, after: { source: call.source, line: p.line, locationStatus: p.locationStatus, locations: p.locations.length } }],
      event: { type: 'call.created', agencyId: null, callId: call.id, rooms: CALL_ROOMS, data: { call } },
    };
  });
}

/**
 * Adds a location to a call beside the verified one: an update from the caller's network or a
 * supplemental fix. The call's own location changes only when it has none yet and this is the
 * device location (a reference read after presentation), never over a dispatcher's entry.
 */
export async function addCallLocation(pool: pg.Pool, actor: Actor, callId: number, kind: CallLocation['kind'], source: CallLocation['source'], l: IncomingLocation, label: string | null = null) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await getCallRow(tx, callId, true);
    if (!row) throw notFound(`call ${callId}`);
    const location = await insertLocation(tx, { callId, kind, shape: l.shape, lat: l.lat, lon: l.lon, uncertaintyM: l.uncertaintyM, confidence: l.confidence, method: l.method, source, label, at: now, createdBy: actor.userId });
    if (kind === 'device' && row.lat === null && row.location_text === null) {
      await tx.query('UPDATE calls SET lat = $2, lon = $3, location_text = $4 WHERE id = $1', [callId, l.lat, l.lon, l.text.slice(0, 500)]);
    }
    return {
      result: location,
      audits: [{ action: 'call.location-add', entity: 'call', entityId: callId, after: { kind, source, shape: l.shape.type } }],
      event: { type: 'call.location-added', agencyId: null, callId, rooms: CALL_ROOMS, data: { callId, location } },
    };
  });
}

/** A supplemental device location posted over HTTP by a provider's service. */
export async function addSupplementalLocation(pool: pg.Pool, actor: Actor, callId: number, body: SupplementalLocationBody) {
  const shape: LocationShape = body.uncertaintyM ? { type: 'circle', center: { lat: body.lat, lon: body.lon }, radius: body.uncertaintyM } : { type: 'point', center: { lat: body.lat, lon: body.lon } };
  return addCallLocation(pool, actor, callId, 'supplemental', 'http', {
    shape, lat: body.lat, lon: body.lon, uncertaintyM: body.uncertaintyM ?? null, confidence: body.confidence ?? null, method: body.method ?? null, text: 'Supplemental location',
  }, body.label ?? null);
}

/** The location status of an NG9-1-1 call changed (a reference read or failed). */
export async function setLocationStatus(pool: pg.Pool, actor: Actor, callId: number, status: LocationStatus, problem: string | null, extra?: { additionalData?: Ng911Call['additionalData'] }) {
  return runCommand(pool, actor, async (tx) => {
    const d = await dialogForCall(tx, callId, true);
    if (!d) throw notFound(`NG9-1-1 call ${callId}`);
    const additional = extra?.additionalData ?? d.additional_data;
    await tx.query('UPDATE sip_dialogs SET location_status = $2, location_problem = $3, additional_data = $4 WHERE id = $1', [d.id, status, problem?.slice(0, 1000) ?? null, JSON.stringify(additional)]);
    return {
      result: toNg911Call({ ...d, location_status: status, location_problem: problem, additional_data: additional }, []),
      audits: [{ action: 'call.location-status', entity: 'call', entityId: callId, before: { status: d.location_status }, after: { status } }],
      event: { type: 'call.ng911-updated', agencyId: null, callId, rooms: CALL_ROOMS, data: { callId, locationStatus: status, locationProblem: problem, state: d.state } },
    };
  });
}

/** The SIP side of a call moved on: connected (200 OK sent) or ended (CANCEL, BYE, failure). */
export async function setDialogState(pool: pg.Pool, actor: Actor, callId: number, state: 'connected' | 'ended', reason: string | null) {
  return runCommand(pool, actor, async (tx, now) => {
    const d = await dialogForCall(tx, callId, true);
    if (!d) throw notFound(`NG9-1-1 call ${callId}`);
    await tx.query('UPDATE sip_dialogs SET state = $2, end_reason = COALESCE($3, end_reason), ended_at = CASE WHEN $2 = \'ended\' THEN $4 ELSE ended_at END WHERE id = $1', [d.id, state, reason, now]);
    return {
      result: null,
      audits: [{ action: 'call.sip-state', entity: 'call', entityId: callId, before: { state: d.state }, after: { state, reason } }],
      event: { type: 'call.ng911-updated', agencyId: null, callId, rooms: CALL_ROOMS, data: { callId, locationStatus: d.location_status, locationProblem: d.location_problem, state } },
    };
  });
}

/** Next CSeq for a request the centre sends in this dialog. */
export async function nextLocalCseq(pool: pg.Pool, callId: number): Promise<number> {
  const { rows } = await pool.query<{ local_cseq: number }>('UPDATE sip_dialogs SET local_cseq = local_cseq + 1 WHERE call_id = $1 RETURNING local_cseq', [callId]);
  return rows[0]?.local_cseq ?? 1;
}

/** A message from the caller, on a call already presented. */
export async function addIncomingText(pool: pg.Pool, actor: Actor, callId: number, body: string) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await getCallRow(tx, callId, true);
    if (!row) throw notFound(`call ${callId}`);
    const { rows } = await tx.query<{ id: number }>('INSERT INTO call_texts (call_id, direction, body, at) VALUES ($1, $2, $3, $4) RETURNING id', [callId, 'in', body.slice(0, 4000), now]);
    const text: CallText = { id: Number(rows[0]!.id), callId, direction: 'in', body: body.slice(0, 4000), at: now.toISOString(), sentBy: null, deliveryStatus: null };
    return {
      result: text,
      audits: [{ action: 'call.text-in', entity: 'call', entityId: callId, after: { textId: text.id } }],
      event: { type: 'call.text', agencyId: null, callId, rooms: CALL_ROOMS, data: { text } },
    };
  });
}

/**
 * A reply from the console. It is committed first; the SIP side sends it when it sees the
 * committed event (whichever server process holds the SIP listener) and records the result.
 */
export async function sendReply(pool: pg.Pool, actor: Actor, callId: number, body: string) {
  return runCommand(pool, actor, async (tx, now) => {
    const row = await getCallRow(tx, callId, true);
    if (!row) throw notFound(`call ${callId}`);
    const d = await dialogForCall(tx, callId);
    if (!d) throw conflict(`call ${callId} did not come in over SIP, so a text cannot be sent back to the caller`);
    if (d.state === 'ended' || row.released_at) throw conflict(`call ${callId} has ended; the caller can no longer receive texts on it`);
    const { rows } = await tx.query<{ id: number }>('INSERT INTO call_texts (call_id, direction, body, at, sent_by) VALUES ($1, $2, $3, $4, $5) RETURNING id', [callId, 'out', body, now, actor.userId]);
    const text = (await textById(tx, Number(rows[0]!.id)))!;
    return {
      result: text,
      audits: [{ action: 'call.text-out', entity: 'call', entityId: callId, after: { textId: text.id } }],
      event: { type: 'call.text', agencyId: null, callId, rooms: CALL_ROOMS, data: { text } },
    };
  });
}

/** Records how the caller's side answered a reply (200, 404, 408 for no answer, ...). */
export async function recordDelivery(pool: pg.Pool, actor: Actor, textId: number, status: number) {
  return runCommand(pool, actor, async (tx, now) => {
    await tx.query('UPDATE call_texts SET delivery_status = $2, delivered_at = $3 WHERE id = $1', [textId, status, now]);
    const text = await textById(tx, textId);
    if (!text) throw notFound(`text ${textId}`);
    return {
      result: text,
      audits: [{ action: 'call.text-delivery', entity: 'call', entityId: text.callId, after: { textId, status } }],
      event: { type: 'call.text', agencyId: null, callId: text.callId, rooms: CALL_ROOMS, data: { text, delivery: true } },
    };
  });
}
