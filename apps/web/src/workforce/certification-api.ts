// Shapes of the certifications API as the supervisor's Certifications tab reads them.
export const CERT_PURPOSE = 'certification records';

export interface CertificationKind { code: string; name: string; validityMonths: number | null; reminderDays: number[]; unitCapability: string | null; active: boolean; note: string | null }

export interface Certification {
  id: number; staffMemberId: number; staffName: string; organisation: string; kind: string; kindName: string;
  issuedOn: string; expiresOn: string | null; certificateNo: string | null; issuer: string | null; hasDocument: boolean;
  status: 'valid' | 'expiring' | 'expired' | 'revoked'; daysLeft: number | null; current: boolean; unitCallSign: string | null;
}
