import type pg from 'pg';
import { isIdKey, type Db, type PersonalDataSource } from '../personal-data';
import { matchedLabels, SubjectSql } from '../subject-match';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Erases registrations. A person who went missing leaves an incident behind; the incident is the
 * centre's record of its work and stays, but the link to the profile and the BOLO's photo go.
 */
async function erasePeople(tx: pg.PoolClient, ids: number[]) {
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM hmh_people WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [ids]);
  const found = rows.map((r) => r.id);
  if (!found.length) return { people: 0, destinations: 0, reports: 0 };
  const reports = await tx.query<{ id: number }>('SELECT id FROM hmh_missing_reports WHERE person_id = ANY($1::int[])', [found]);
  const reportIds = reports.rows.map((r) => String(r.id));
  await tx.query(`UPDATE bolos SET photo_url = NULL WHERE source = 'hmh' AND source_id = ANY($1::text[])`, [reportIds]);
  const destinations = await tx.query('DELETE FROM hmh_destinations WHERE person_id = ANY($1::int[])', [found]);
  await tx.query('DELETE FROM hmh_missing_reports WHERE person_id = ANY($1::int[])', [found]);
  await tx.query('DELETE FROM hmh_people WHERE id = ANY($1::int[])', [found]);
  return { people: found.length, destinations: destinations.rowCount ?? 0, reports: reportIds.length };
}

/** Help Me Home: people who may wander, with photo, description, likely destinations and caregivers. */
export const source: PersonalDataSource = {
  id: 'help-me-home',
  label: 'Help Me Home registry',
  purpose: 'People who may wander or get lost, registered by their family or the centre so that responders can recognise them and bring them home quickly.',
  order: 15,
  auditEntity: 'hmh-person',
  isKey: isIdKey,

  async find(db: Db, q) {
    const sql = new SubjectSql(q)
      .name('name', "first_name || ' ' || last_name || ' ' || coalesce(preferred_name, '')")
      .address('home address', 'home_address')
      .each('caregivers', (c) => c.name('caregiver name', "el->>'name'").phone('caregiver phone', "el->>'phone'"));
    if (sql.empty) return [];
    const { text, labels } = sql.query('id, state, first_name, last_name, home_address, created_at', 'hmh_people', 'id');
    const { rows } = await db.query(text, sql.params);
    return rows.map((r) => ({
      key: String(r.id),
      summary: `${r.first_name} ${r.last_name} · ${r.state} · ${r.home_address} · registered ${(r.created_at as Date).toISOString().slice(0, 10)}`,
      matchedOn: matchedLabels(r, labels),
    }));
  },

  async export(db, keys) {
    const ids = keys.filter(isIdKey).map(Number);
    if (!ids.length) return [];
    const { rows } = await db.query(
      `SELECT id, state, first_name, last_name, preferred_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob, sex, height_cm, weight_kg, hair, eyes, build, features,
              usual_clothing, medical_notes, behaviours, calming, communication, tracking_device, home_address, caregivers, photo IS NOT NULL AS has_photo,
              special_needs_id, created_at, updated_at
         FROM hmh_people WHERE id = ANY($1::int[]) ORDER BY id`,
      [ids],
    );
    const dest = await db.query('SELECT person_id, label, address FROM hmh_destinations WHERE person_id = ANY($1::int[]) ORDER BY id', [ids]);
    const reports = await db.query(
      `SELECT m.person_id, m.reported_at, m.last_seen_text, m.last_seen_at, m.clothing, m.found_at, m.found_note, a.code || ' ' || i.number AS incident
         FROM hmh_missing_reports m JOIN incidents i ON i.id = m.incident_id JOIN agencies a ON a.id = i.agency_id WHERE m.person_id = ANY($1::int[]) ORDER BY m.id`,
      [ids],
    );
    return rows.map((r) => ({
      ref: `help-me-home:${r.id}`,
      state: r.state,
      name: { first: r.first_name, last: r.last_name, preferred: r.preferred_name },
      dateOfBirth: r.dob,
      description: { sex: r.sex, heightCm: r.height_cm, weightKg: r.weight_kg, hair: r.hair, eyes: r.eyes, build: r.build, features: r.features, usualClothing: r.usual_clothing },
      forResponders: { medicalNotes: r.medical_notes, behaviours: r.behaviours, calming: r.calming, communication: r.communication, trackingDevice: r.tracking_device },
      homeAddress: r.home_address,
      caregivers: r.caregivers,
      likelyDestinations: dest.rows.filter((d) => d.person_id === r.id).map((d) => ({ label: d.label, address: d.address })),
      photo: r.has_photo ? 'A photo is held; it is given on request in person.' : null,
      fromSpecialNeedsNotice: r.special_needs_id,
      timesReportedMissing: reports.rows
        .filter((m) => m.person_id === r.id)
        .map((m) => ({ reportedAt: iso(m.reported_at), lastSeen: m.last_seen_text, lastSeenAt: iso(m.last_seen_at), clothing: m.clothing, foundAt: iso(m.found_at), foundNote: m.found_note, incident: m.incident })),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    }));
  },

  async erase(tx, keys) {
    return erasePeople(tx, keys.filter(isIdKey).map(Number));
  },

  retention: [
    {
      id: 'help-me-home.inactive',
      description: 'Registrations taken off the registry (moved away, in care): erased {days} days after they were last changed.',
      defaultDays: 365,
      async count(db, days, now) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hmh_people WHERE state = 'inactive' AND updated_at < $1::timestamptz - make_interval(days => $2::int)`, [now, days]);
        return rows[0]!.n;
      },
      async purge(tx, days, now, limit) {
        const { rows } = await tx.query<{ id: number }>(
          `SELECT id FROM hmh_people WHERE state = 'inactive' AND updated_at < $1::timestamptz - make_interval(days => $2::int) ORDER BY id LIMIT ${Number(limit)}`,
          [now, days],
        );
        return (await erasePeople(tx, rows.map((r) => r.id))).people;
      },
    },
  ],
};
