import type pg from 'pg';
import { addMonths, localDateOf } from '../training/training-dates';
import { defaultExpiry } from './certification-status';

/**
 * The demo roster's CIT units get an officer each in the staff register, crewed on the unit and
 * holding a CIT certification, so the capability the response plans ask for stays backed by a
 * certificate. Issue dates are spread over the last 35 months, so a couple are expiring in the demo.
 */
export async function seedDemoCitOfficers(tx: pg.PoolClient, now: Date, timeZone = 'America/New_York'): Promise<number> {
  const { rows: units } = await tx.query<{ id: number; call_sign: string; unit_type: string; agency: string }>(
    "SELECT u.id, u.call_sign, u.unit_type, a.code AS agency FROM units u JOIN agencies a ON a.id = u.agency_id WHERE 'CIT' = ANY(u.capabilities) ORDER BY u.id",
  );
  const { rows: kind } = await tx.query<{ validity_months: number | null }>("SELECT validity_months FROM certification_kinds WHERE code = 'CIT'");
  if (!kind[0]) return 0;
  const today = localDateOf(now, timeZone);
  for (const [i, u] of units.entries()) {
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO staff_members (employee_no, display_name, organisation, job_title) VALUES ($1, $2, $3, $4) RETURNING id',
      [`DEMO-${u.call_sign}`, `${u.unit_type === 'sergeant' ? 'Sgt.' : 'Ofc.'} ${u.call_sign} (demo)`, u.agency, u.unit_type === 'sergeant' ? 'Police sergeant' : 'Police officer'],
    );
    await tx.query('INSERT INTO unit_crew (staff_member_id, unit_id, assigned_at) VALUES ($1, $2, $3)', [rows[0]!.id, u.id, now]);
    // 13 and 36 share no factor: every month back to 35 is used once, so one lapses within a month.
    const issuedOn = addMonths(today, -((i * 13) % 36));
    await tx.query(
      "INSERT INTO certifications (staff_member_id, kind_code, issued_on, expires_on, certificate_no, issuer) VALUES ($1, 'CIT', $2, $3, $4, 'Demo CIT academy')",
      [rows[0]!.id, issuedOn, defaultExpiry(issuedOn, kind[0].validity_months), `CIT-DEMO-${String(i + 1).padStart(3, '0')}`],
    );
  }
  return units.length;
}
