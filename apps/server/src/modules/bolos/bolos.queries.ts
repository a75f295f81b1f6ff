import type pg from 'pg';
import type { Bolo, BoloListQuery, BoloState } from '@openpsap/contract';

type Db = pg.Pool | pg.PoolClient;

// An alert's BOLO lasts as long as the alert: its expiry is the alert's, changed by CAP Updates.
const EXPIRES = `CASE WHEN al.id IS NOT NULL AND al.state IN ('issued', 'updated') THEN al.expires_at ELSE b.expires_at END`;

const SELECT = `SELECT b.id, b.kind, b.subject, b.title, b.body, b.caution, b.description, b.incident_id, b.alert_id, b.source, b.photo_url,
  b.person_name, b.person_age, b.person_sex, b.person_height, b.person_build, b.person_clothing,
  b.vehicle_plate, b.vehicle_plate_state, b.vehicle_make, b.vehicle_model, b.vehicle_colour, b.vehicle_year, b.vehicle_direction,
  b.issued_at, b.issued_by, b.updated_at, ${EXPIRES} AS expires_at, b.expired_at, b.cancelled_at, b.cancel_reason,
  CASE WHEN i.id IS NULL THEN NULL ELSE ag.code || ' ' || i.number END AS incident_label
  FROM bolos b
  LEFT JOIN alerts al ON al.id = b.alert_id
  LEFT JOIN incidents i ON i.id = b.incident_id
  LEFT JOIN agencies ag ON ag.id = i.agency_id`;

const str = (v: unknown) => (v as string | null) ?? null;

export function toBolo(r: Record<string, unknown>): Bolo {
  const subject = r.subject as Bolo['subject'];
  const state: BoloState = r.cancelled_at === null ? 'active' : r.expired_at !== null ? 'expired' : 'cancelled';
  return {
    id: r.id as number,
    kind: r.kind as string,
    subject,
    state,
    title: r.title as string,
    body: r.body as string,
    caution: str(r.caution),
    description: str(r.description),
    person: subject === 'person' ? { name: str(r.person_name), age: str(r.person_age), sex: str(r.person_sex), height: str(r.person_height), build: str(r.person_build), clothing: str(r.person_clothing) } : null,
    vehicle:
      subject === 'vehicle'
        ? { plate: str(r.vehicle_plate), plateState: str(r.vehicle_plate_state), make: str(r.vehicle_make), model: str(r.vehicle_model), colour: str(r.vehicle_colour), year: (r.vehicle_year as number | null) ?? null, direction: str(r.vehicle_direction) }
        : null,
    incidentId: r.incident_id === null ? null : Number(r.incident_id),
    incidentLabel: str(r.incident_label),
    alertId: (r.alert_id as number | null) ?? null,
    source: str(r.source),
    photoUrl: str(r.photo_url),
    issuedAt: (r.issued_at as Date).toISOString(),
    issuedBy: r.issued_by as string,
    updatedAt: (r.updated_at as Date).toISOString(),
    expiresAt: (r.expires_at as Date | null)?.toISOString() ?? null,
    cancelledAt: (r.cancelled_at as Date | null)?.toISOString() ?? null,
    cancelReason: str(r.cancel_reason),
  };
}

export async function getBolo(db: Db, id: number): Promise<Bolo | null> {
  const { rows } = await db.query(`${SELECT} WHERE b.id = $1`, [id]);
  return rows[0] ? toBolo(rows[0]) : null;
}

/** Plates are compared without spaces, dashes or case: "ABC-1234" is "abc 1234". */
export const plateKey = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

export async function listBolos(db: Db, q: Pick<BoloListQuery, 'state' | 'subject' | 'q' | 'limit'>): Promise<Bolo[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  if (q.state === 'active') where.push('b.cancelled_at IS NULL');
  else if (q.state === 'expired') where.push('b.expired_at IS NOT NULL');
  else if (q.state === 'cancelled') where.push('b.cancelled_at IS NOT NULL AND b.expired_at IS NULL');
  if (q.subject) where.push(`b.subject = ${arg(q.subject)}`);
  if (q.q) {
    const like = arg(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const plate = plateKey(q.q);
    where.push(
      `(concat_ws(' ', b.title, b.body, b.description, b.caution, b.person_name, b.person_clothing, b.vehicle_make, b.vehicle_model, b.vehicle_colour, b.vehicle_plate) ILIKE ${like}` +
        (plate ? ` OR regexp_replace(upper(coalesce(b.vehicle_plate, '')), '[^A-Z0-9]', '', 'g') LIKE ${arg(`%${plate}%`)}` : '') +
        ')',
    );
  }
  const { rows } = await db.query(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.issued_at DESC, b.id DESC LIMIT ${arg(q.limit)}`, args);
  return rows.map(toBolo);
}

/** Every agency's room: a BOLO goes to all units on the street, whatever their discipline. */
export async function boloRooms(db: Db, incidentId: number | null): Promise<string[]> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM agencies ORDER BY id');
  return ['centre', ...rows.map((r) => `agency:${r.id}`), ...(incidentId ? [`incident:${incidentId}`] : [])];
}
