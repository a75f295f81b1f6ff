import type pg from 'pg';
import type { Alert, AlertKind, AlertMessage, AlertState, CriterionAnswer, PublicAlert } from '@openpsap/contract';
import { publicDescription } from './alerts.cap';
import { criteriaSetById } from './alerts.criteria';

type Db = pg.Pool | pg.PoolClient;

const COLUMNS = `a.id, a.kind, a.state, a.incident_id, a.hmh_person_id, a.source_draft_id, a.event, a.same_code, a.headline, a.description,
  a.instruction, a.wea_short, a.wea_long, a.area_desc, a.polygon, a.circle_lat, a.circle_lon, a.circle_km, a.same_geocodes, a.expires_at,
  (a.photo IS NOT NULL) AS has_photo, a.last_seen, a.vehicle, a.criteria_set, a.criteria, a.drafted_by, a.drafted_by_label, a.drafted_at,
  a.submitted_at, a.approved_by_label, a.issued_at, a.returned_note, a.cancelled_at, a.cancel_reason, a.bolo_id, a.updated_at`;

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

export function toAlert(r: Record<string, unknown>, messages: AlertMessage[]): Alert {
  return {
    id: r.id as number,
    kind: r.kind as AlertKind,
    state: r.state as AlertState,
    incidentId: (r.incident_id as number | null) ?? null,
    hmhPersonId: (r.hmh_person_id as number | null) ?? null,
    sourceDraftId: (r.source_draft_id as number | null) ?? null,
    event: r.event as string,
    sameCode: r.same_code as string,
    headline: r.headline as string,
    description: r.description as string,
    instruction: r.instruction as string,
    weaShort: r.wea_short as string,
    weaLong: r.wea_long as string,
    lastSeen: r.last_seen as string,
    vehicle: r.vehicle as string,
    area: {
      areaDesc: r.area_desc as string,
      polygon: (r.polygon as Array<[number, number]> | null) ?? null,
      circle: r.circle_lat === null ? null : { lat: r.circle_lat as number, lon: r.circle_lon as number, radiusKm: r.circle_km as number },
      sameGeocodes: r.same_geocodes as string[],
    },
    expiresAt: iso(r.expires_at),
    hasPhoto: r.has_photo as boolean,
    criteriaSet: criteriaSetById(r.criteria_set as string),
    criteria: r.criteria as Record<string, CriterionAnswer>,
    draftedBy: r.drafted_by_label as string,
    draftedById: (r.drafted_by as number | null) ?? null,
    draftedAt: iso(r.drafted_at)!,
    submittedAt: iso(r.submitted_at),
    approvedBy: (r.approved_by_label as string | null) ?? null,
    issuedAt: iso(r.issued_at),
    returnedNote: (r.returned_note as string | null) ?? null,
    cancelledAt: iso(r.cancelled_at),
    cancelReason: (r.cancel_reason as string | null) ?? null,
    boloId: (r.bolo_id as number | null) ?? null,
    messages,
    updatedAt: iso(r.updated_at)!,
  };
}

export async function alertMessages(db: Db, alertId: number): Promise<Array<AlertMessage & { sender: string; xml: string }>> {
  const { rows } = await db.query('SELECT id, identifier, sender, sent, msg_type, "references", xml, created_by FROM alert_messages WHERE alert_id = $1 ORDER BY id', [alertId]);
  return rows.map((m) => ({ id: m.id, identifier: m.identifier, sender: m.sender, sent: m.sent, msgType: m.msg_type, references: m.references, createdBy: m.created_by, xml: m.xml }));
}

export async function getAlert(db: Db, id: number, lock = false): Promise<Alert | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM alerts a WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) return null;
  const messages = (await alertMessages(db, id)).map(({ sender: _s, xml: _x, ...m }) => m);
  return toAlert(rows[0], messages);
}

/** Alerts still being worked on first, then the latest issued; the composer's list. */
export async function listAlerts(db: Db, limit: number): Promise<Alert[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM alerts a
      ORDER BY (a.state IN ('draft', 'awaiting-approval')) DESC, a.updated_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => toAlert(r, []));
}

/** Drafts made elsewhere (Help Me Home's report-missing) that have not yet been opened in the composer. */
export async function pendingImports(db: Db): Promise<Array<{ id: number; kind: string; headline: string; incidentId: number | null; createdAt: string }>> {
  const { rows } = await db.query(
    `SELECT d.id, d.kind, d.headline, d.incident_id, d.created_at FROM alert_drafts d
      WHERE d.state = 'draft' AND d.kind IN ('amber', 'silver', 'severe-weather')
        AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.source_draft_id = d.id)
      ORDER BY d.id DESC LIMIT 50`,
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, headline: r.headline, incidentId: r.incident_id, createdAt: r.created_at.toISOString() }));
}

/** Public URLs are absolute so a CAP message or feed entry can be read anywhere. */
export function publicUrls(base: string, id: number) {
  return { capUrl: `${base}/api/v1/public/alerts/${id}/cap.xml`, photoUrl: `${base}/api/v1/public/alerts/${id}/photo`, pageUrl: `${base}/alerts#alert-${id}` };
}

/** Issued alerts the public should still act on: not cancelled and not past their expiry. */
export async function activePublicAlerts(db: Db, now: Date, base: string): Promise<PublicAlert[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM alerts a WHERE a.state IN ('issued', 'updated') AND (a.expires_at IS NULL OR a.expires_at > $1) ORDER BY a.issued_at DESC`,
    [now],
  );
  return rows.map((r) => toPublic(toAlert(r, []), base));
}

export function toPublic(a: Alert, base: string): PublicAlert {
  const urls = publicUrls(base, a.id);
  return {
    id: a.id,
    kind: a.kind,
    state: a.state,
    event: a.event,
    headline: a.headline,
    description: publicDescription(a),
    instruction: a.instruction,
    areaDesc: a.area.areaDesc,
    circle: a.area.circle,
    issuedAt: a.issuedAt!,
    updatedAt: a.updatedAt,
    expiresAt: a.expiresAt,
    photoUrl: a.hasPhoto ? urls.photoUrl : null,
    capUrl: urls.capUrl,
  };
}
