import type pg from 'pg';
import type { CallLocation, CallText, LocationShape, LocationStatus, Ng911Call } from '@openpsap/contract';

type Queryable = pg.Pool | pg.PoolClient;

export interface DialogRow {
  id: number;
  call_id: number;
  kind: 'invite' | 'message';
  line: 'sos' | 'admin' | 'text';
  sip_call_id: string;
  remote_tag: string | null;
  local_tag: string;
  request_uri: string;
  caller_uri: string | null;
  remote_target: string | null;
  transport: 'udp' | 'tcp';
  peer: string;
  emergency_call_id: string | null;
  emergency_incident_id: string | null;
  location_status: LocationStatus;
  location_problem: string | null;
  additional_data: Ng911Call['additionalData'];
  state: 'ringing' | 'connected' | 'ended';
  end_reason: string | null;
  local_cseq: number;
  created_at: Date;
  ended_at: Date | null;
}

interface LocationRow {
  id: number;
  call_id: number;
  kind: CallLocation['kind'];
  shape: LocationShape;
  lat: number | null;
  lon: number | null;
  uncertainty_m: number | null;
  confidence: number | null;
  method: string | null;
  source: CallLocation['source'];
  label: string | null;
  received_at: Date;
}

interface TextRow {
  id: number;
  call_id: number;
  direction: 'in' | 'out';
  body: string;
  at: Date;
  sent_by_name: string | null;
  delivery_status: number | null;
}

export function toCallLocation(r: LocationRow): CallLocation {
  return {
    id: Number(r.id),
    callId: Number(r.call_id),
    kind: r.kind,
    shape: r.shape,
    lat: r.lat,
    lon: r.lon,
    uncertaintyM: r.uncertainty_m,
    confidence: r.confidence,
    method: r.method,
    source: r.source,
    label: r.label,
    receivedAt: r.received_at.toISOString(),
  };
}

export function toCallText(r: TextRow): CallText {
  return { id: Number(r.id), callId: Number(r.call_id), direction: r.direction, body: r.body, at: r.at.toISOString(), sentBy: r.sent_by_name, deliveryStatus: r.delivery_status };
}

const DIALOG_COLUMNS = `id, call_id, kind, line, sip_call_id, remote_tag, local_tag, request_uri, caller_uri, remote_target, transport, peer,
  emergency_call_id, emergency_incident_id, location_status, location_problem, additional_data, state, end_reason, local_cseq, created_at, ended_at`;

export async function dialogForCall(db: Queryable, callId: number, forUpdate = false): Promise<DialogRow | null> {
  const { rows } = await db.query<DialogRow>(`SELECT ${DIALOG_COLUMNS} FROM sip_dialogs WHERE call_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [callId]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id), call_id: Number(rows[0].call_id) } : null;
}

/** The open call this SIP Call-ID belongs to, or else the caller's open text conversation. */
export async function openConversation(db: Queryable, sipCallId: string, callerUri: string | null): Promise<DialogRow | null> {
  const { rows } = await db.query<DialogRow>(
    `SELECT ${DIALOG_COLUMNS.split(',').map((c) => `d.${c.trim()}`).join(', ')} FROM sip_dialogs d JOIN calls c ON c.id = d.call_id
      WHERE d.state <> 'ended' AND c.released_at IS NULL AND (d.sip_call_id = $1 OR ($2::text IS NOT NULL AND d.kind = 'message' AND d.caller_uri = $2))
      ORDER BY (d.sip_call_id = $1) DESC, d.id DESC LIMIT 1`,
    [sipCallId, callerUri],
  );
  return rows[0] ? { ...rows[0], id: Number(rows[0].id), call_id: Number(rows[0].call_id) } : null;
}

export async function insertLocation(
  tx: pg.PoolClient,
  l: { callId: number; kind: CallLocation['kind']; shape: LocationShape; lat: number | null; lon: number | null; uncertaintyM: number | null; confidence: number | null; method: string | null; source: CallLocation['source']; label: string | null; at: Date; createdBy: number | null },
): Promise<CallLocation> {
  const { rows } = await tx.query<LocationRow>(
    `INSERT INTO call_locations (call_id, kind, shape, lat, lon, uncertainty_m, confidence, method, source, label, received_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     RETURNING id, call_id, kind, shape, lat, lon, uncertainty_m, confidence, method, source, label, received_at`,
    [l.callId, l.kind, JSON.stringify(l.shape), l.lat, l.lon, l.uncertaintyM, l.confidence, l.method?.slice(0, 200) ?? null, l.source, l.label?.slice(0, 200) ?? null, l.at, l.createdBy],
  );
  return toCallLocation(rows[0]!);
}

export async function locationsForCall(db: Queryable, callId: number): Promise<CallLocation[]> {
  const { rows } = await db.query<LocationRow>(
    'SELECT id, call_id, kind, shape, lat, lon, uncertainty_m, confidence, method, source, label, received_at FROM call_locations WHERE call_id = $1 ORDER BY id',
    [callId],
  );
  return rows.map(toCallLocation);
}

const TEXT_SELECT = `SELECT t.id, t.call_id, t.direction, t.body, t.at, u.display_name AS sent_by_name, t.delivery_status
  FROM call_texts t LEFT JOIN users u ON u.id = t.sent_by`;

export async function textsForCall(db: Queryable, callId: number): Promise<CallText[]> {
  const { rows } = await db.query<TextRow>(`${TEXT_SELECT} WHERE t.call_id = $1 ORDER BY t.id`, [callId]);
  return rows.map(toCallText);
}

export async function textById(db: Queryable, id: number): Promise<CallText | null> {
  const { rows } = await db.query<TextRow>(`${TEXT_SELECT} WHERE t.id = $1`, [id]);
  return rows[0] ? toCallText(rows[0]) : null;
}

export function toNg911Call(d: DialogRow, locations: CallLocation[]): Ng911Call {
  return {
    callId: d.call_id,
    line: d.line,
    requestUri: d.request_uri,
    callerUri: d.caller_uri,
    emergencyCallId: d.emergency_call_id,
    emergencyIncidentId: d.emergency_incident_id,
    locationStatus: d.location_status,
    locationProblem: d.location_problem,
    additionalData: d.additional_data,
    state: d.state,
    endReason: d.end_reason,
    locations,
  };
}

/** NG9-1-1 details of the calls still open (for the queue), newest first. */
export async function openNg911Calls(db: Queryable, limit: number): Promise<Ng911Call[]> {
  const { rows } = await db.query<DialogRow>(
    `SELECT ${DIALOG_COLUMNS.split(',').map((c) => `d.${c.trim()}`).join(', ')} FROM sip_dialogs d JOIN calls c ON c.id = d.call_id
      WHERE c.incident_id IS NULL AND c.released_at IS NULL ORDER BY d.id DESC LIMIT $1`,
    [limit],
  );
  const out: Ng911Call[] = [];
  for (const r of rows) {
    const d = { ...r, id: Number(r.id), call_id: Number(r.call_id) };
    out.push(toNg911Call(d, await locationsForCall(db, d.call_id)));
  }
  return out;
}
