import { toCsv } from './csv';
import type { Certification } from './certifications.queries';

/** Each person's current certifications, one entry per person. */
export function byPerson(list: Certification[]) {
  const people = new Map<number, { staffMemberId: number; name: string; organisation: string; unitCallSign: string | null; certifications: { id: number; kind: string; status: string; expiresOn: string | null; daysLeft: number | null }[] }>();
  for (const c of list) {
    const p = people.get(c.staffMemberId) ?? { staffMemberId: c.staffMemberId, name: c.staffName, organisation: c.organisation, unitCallSign: c.unitCallSign, certifications: [] };
    p.certifications.push({ id: c.id, kind: c.kind, status: c.status, expiresOn: c.expiresOn, daysLeft: c.daysLeft });
    people.set(c.staffMemberId, p);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Counts per kind and status: how many hold each certification, and how many are lapsing. */
export function byKind(list: Certification[]) {
  const kinds = new Map<string, { kind: string; name: string; valid: number; expiring: number; expired: number; revoked: number }>();
  for (const c of list) {
    const k = kinds.get(c.kind) ?? { kind: c.kind, name: c.kindName, valid: 0, expiring: 0, expired: 0, revoked: 0 };
    k[c.status]++;
    kinds.set(c.kind, k);
  }
  return [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export function certificationsCsv(list: Certification[], by: 'person' | 'kind' | undefined): string {
  if (by === 'kind') {
    const rows = byKind(list);
    return toCsv(['kind', 'name', 'valid', 'expiring', 'expired', 'revoked'], rows.map((k) => [k.kind, k.name, k.valid, k.expiring, k.expired, k.revoked]));
  }
  const sorted = by === 'person' ? [...list].sort((a, b) => a.staffName.localeCompare(b.staffName) || a.kind.localeCompare(b.kind)) : list;
  return toCsv(
    ['name', 'organisation', 'unit', 'kind', 'issued_on', 'expires_on', 'days_left', 'status', 'certificate_no', 'issuer'],
    sorted.map((c) => [c.staffName, c.organisation, c.unitCallSign, c.kind, c.issuedOn, c.expiresOn, c.daysLeft, c.status, c.certificateNo, c.issuer]),
  );
}
