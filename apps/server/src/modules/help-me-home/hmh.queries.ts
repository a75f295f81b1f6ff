import type pg from 'pg';
import type { HmhPerson, MissingPersonProfile } from '@openpsap/contract';
import { ageOn, describe } from './hmh-describe';

type Db = pg.Pool | pg.PoolClient;

const PERSON_COLUMNS = `p.id, p.state, p.first_name, p.last_name, p.preferred_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob, p.sex,
  p.height_cm, p.weight_kg, p.hair, p.eyes, p.build, p.features, p.usual_clothing, p.medical_notes, p.behaviours, p.calming,
  p.communication, p.tracking_device, p.home_address, p.home_lat, p.home_lon, p.caregivers, p.photo IS NOT NULL AS has_photo, p.updated_at`;

export interface PersonRow {
  id: number;
  state: HmhPerson['state'];
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  dob: string | null;
  sex: string | null;
  height_cm: number | null;
  weight_kg: number | null;
  hair: string | null;
  eyes: string | null;
  build: string | null;
  features: string | null;
  usual_clothing: string | null;
  medical_notes: string | null;
  behaviours: string | null;
  calming: string | null;
  communication: string | null;
  tracking_device: string | null;
  home_address: string;
  home_lat: number | null;
  home_lon: number | null;
  caregivers: HmhPerson['caregivers'];
  has_photo: boolean;
  updated_at: Date;
}

export const fullName = (r: { first_name: string; last_name: string; preferred_name: string | null }) =>
  `${r.first_name} ${r.last_name}${r.preferred_name ? ` ("${r.preferred_name}")` : ''}`;

export function describeRow(r: PersonRow, on = new Date()): string {
  return describe({ age: ageOn(r.dob, on), sex: r.sex, heightCm: r.height_cm, weightKg: r.weight_kg, hair: r.hair, eyes: r.eyes, build: r.build, features: r.features });
}

export async function getPersonRow(db: Db, id: number, lock = false): Promise<PersonRow | null> {
  const { rows } = await db.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM hmh_people p WHERE p.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function getPerson(db: Db, id: number): Promise<HmhPerson | null> {
  const r = await getPersonRow(db, id);
  if (!r) return null;
  const [dest, missing] = await Promise.all([
    db.query('SELECT id, label, address, lat, lon FROM hmh_destinations WHERE person_id = $1 ORDER BY id', [id]),
    db.query(
      `SELECT m.id, m.incident_id, i.agency_id, a.code || ' ' || i.number AS number, m.reported_at, m.last_seen_text,
              (SELECT b.id FROM bolos b WHERE b.source = 'hmh' AND b.source_id = m.id::text ORDER BY b.id DESC LIMIT 1) AS bolo_id,
              (SELECT d.id FROM alert_drafts d WHERE d.source = 'hmh' AND d.source_id = m.id::text ORDER BY d.id DESC LIMIT 1) AS draft_id
         FROM hmh_missing_reports m JOIN incidents i ON i.id = m.incident_id JOIN agencies a ON a.id = i.agency_id
        WHERE m.person_id = $1 AND m.found_at IS NULL`,
      [id],
    ),
  ]);
  const m = missing.rows[0];
  return {
    id: r.id,
    state: r.state,
    firstName: r.first_name,
    lastName: r.last_name,
    preferredName: r.preferred_name,
    dateOfBirth: r.dob,
    age: ageOn(r.dob, new Date()),
    sex: r.sex,
    heightCm: r.height_cm,
    weightKg: r.weight_kg,
    hair: r.hair,
    eyes: r.eyes,
    build: r.build,
    features: r.features,
    usualClothing: r.usual_clothing,
    medicalNotes: r.medical_notes,
    behaviours: r.behaviours,
    calming: r.calming,
    communication: r.communication,
    trackingDevice: r.tracking_device,
    homeAddress: r.home_address,
    homeLat: r.home_lat,
    homeLon: r.home_lon,
    caregivers: r.caregivers,
    destinations: dest.rows,
    hasPhoto: r.has_photo,
    missing: m ? { reportId: m.id, incidentId: m.incident_id, incidentNumber: m.number, reportedAt: m.reported_at.toISOString(), lastSeen: m.last_seen_text, boloId: m.bolo_id, alertDraftId: m.draft_id } : null,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function personPhoto(db: Db, id: number): Promise<Buffer | null> {
  const { rows } = await db.query<{ photo: Buffer | null }>('SELECT photo FROM hmh_people WHERE id = $1', [id]);
  return rows[0]?.photo ?? null;
}

/** The Help Me Home profiles attached to an incident, as every responder on it sees them. */
export async function missingProfilesForIncident(db: Db, incidentId: number): Promise<MissingPersonProfile[]> {
  const { rows } = await db.query<PersonRow & { report_id: number; clothing: string | null; found_at: Date | null }>(
    `SELECT ${PERSON_COLUMNS}, m.id AS report_id, m.clothing, m.found_at FROM hmh_missing_reports m JOIN hmh_people p ON p.id = m.person_id
      WHERE m.incident_id = $1 ORDER BY m.id`,
    [incidentId],
  );
  const out: MissingPersonProfile[] = [];
  for (const r of rows) {
    const dest = await db.query('SELECT label, address, lat, lon FROM hmh_destinations WHERE person_id = $1 ORDER BY id', [r.id]);
    out.push({
      personId: r.id,
      reportId: r.report_id,
      name: fullName(r),
      age: ageOn(r.dob, new Date()),
      description: describeRow(r),
      clothing: r.clothing ?? r.usual_clothing,
      medicalNotes: r.medical_notes,
      behaviours: r.behaviours,
      calming: r.calming,
      communication: r.communication,
      trackingDevice: r.tracking_device,
      caregivers: r.caregivers.map((c) => `${c.name}${c.relationship ? ` (${c.relationship})` : ''} ${c.phone}`).join('; '),
      destinations: dest.rows,
      photoUrl: r.has_photo ? `/api/v1/hmh/people/${r.id}/photo` : null,
      found: r.found_at !== null,
    });
  }
  return out;
}
