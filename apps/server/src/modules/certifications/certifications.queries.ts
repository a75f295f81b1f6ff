import type pg from 'pg';
import { certificationStatus, type CertificationStatus } from './certification-status';

type Queryable = pg.Pool | pg.PoolClient;

export interface KindRow { code: string; name: string; validityMonths: number | null; reminderDays: number[]; unitCapability: string | null; active: boolean; note: string | null }

export async function listKinds(db: Queryable): Promise<KindRow[]> {
  const { rows } = await db.query<KindRow>(
    'SELECT code, name, validity_months AS "validityMonths", reminder_days AS "reminderDays", unit_capability AS "unitCapability", active, note FROM certification_kinds ORDER BY code',
  );
  return rows;
}

export async function getKind(db: Queryable, code: string): Promise<KindRow | null> {
  return (await listKinds(db)).find((k) => k.code === code) ?? null;
}

interface CertificationRow {
  id: number; staffMemberId: number; staffName: string; organisation: string; jobTitle: string | null; email: string | null;
  kind: string; kindName: string; reminderDays: number[]; issuedOn: string; expiresOn: string | null; certificateNo: string | null; issuer: string | null;
  hasDocument: boolean; revokedAt: string | null; revokedReason: string | null; createdAt: string;
  /** False when a newer certification of the same kind for the same person exists. */
  current: boolean;
  unitCallSign: string | null;
}

export type Certification = CertificationRow & { status: CertificationStatus; daysLeft: number | null };

const SELECT = `
  SELECT c.id, c.staff_member_id AS "staffMemberId", s.display_name AS "staffName", s.organisation, s.job_title AS "jobTitle", s.email,
         c.kind_code AS kind, k.name AS "kindName", k.reminder_days AS "reminderDays", c.issued_on::text AS "issuedOn", c.expires_on::text AS "expiresOn",
         c.certificate_no AS "certificateNo", c.issuer, c.document_file IS NOT NULL AS "hasDocument", c.revoked_at AS "revokedAt", c.revoked_reason AS "revokedReason",
         c.created_at AS "createdAt",
         NOT EXISTS (SELECT 1 FROM certifications n WHERE n.staff_member_id = c.staff_member_id AND n.kind_code = c.kind_code AND n.revoked_at IS NULL AND n.id <> c.id
                       AND (n.issued_on, n.id) > (c.issued_on, c.id)) AS current,
         u.call_sign AS "unitCallSign"
    FROM certifications c
    JOIN staff_members s ON s.id = c.staff_member_id
    JOIN certification_kinds k ON k.code = c.kind_code
    LEFT JOIN unit_crew uc ON uc.staff_member_id = c.staff_member_id
    LEFT JOIN units u ON u.id = uc.unit_id`;

/** Certifications with their status on `today`, filtered as the table and the reports ask. */
export async function listCertifications(db: Queryable, today: string, f: { staffMemberId?: number; kind?: string; status?: CertificationStatus; withinDays?: number; current?: boolean; id?: number } = {}): Promise<Certification[]> {
  const { rows } = await db.query<CertificationRow>(
    `${SELECT} WHERE ($1::int IS NULL OR c.staff_member_id = $1) AND ($2::text IS NULL OR c.kind_code = $2) AND ($3::int IS NULL OR c.id = $3)
     ORDER BY c.expires_on NULLS LAST, s.display_name, c.id`,
    [f.staffMemberId ?? null, f.kind ?? null, f.id ?? null],
  );
  return rows
    .map((r) => ({ ...r, ...certificationStatus(r, today, Math.max(...(r.reminderDays.length ? r.reminderDays : [60]))) }))
    .filter((c) => (f.current === undefined || c.current === f.current) && (!f.status || c.status === f.status))
    .filter((c) => f.withinDays === undefined || (c.daysLeft !== null && c.daysLeft >= 0 && c.daysLeft <= f.withinDays && c.status !== 'revoked'));
}

export interface StaffOption { id: number; name: string; employeeNo: string | null; organisation: string; jobTitle: string | null; email: string | null; unit: { id: number; callSign: string } | null; left: boolean }

/** The staff register as pickers need it (CTOs, holders of certificates, crews). */
export async function staffOptions(db: Queryable): Promise<StaffOption[]> {
  const { rows } = await db.query<Omit<StaffOption, 'unit'> & { unitId: number | null; callSign: string | null }>(
    `SELECT s.id, s.display_name AS name, s.employee_no AS "employeeNo", s.organisation, s.job_title AS "jobTitle", s.email, s.left_on IS NOT NULL AS left,
            uc.unit_id AS "unitId", u.call_sign AS "callSign"
       FROM staff_members s LEFT JOIN unit_crew uc ON uc.staff_member_id = s.id LEFT JOIN units u ON u.id = uc.unit_id
      ORDER BY s.organisation, s.display_name`,
  );
  return rows.map(({ unitId, callSign, ...r }) => ({ ...r, unit: unitId ? { id: unitId, callSign: callSign! } : null }));
}
