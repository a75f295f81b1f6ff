import { feetInches } from '@openpsap/contract';

/** Age in whole years on a date, from a YYYY-MM-DD birth date. */
export function ageOn(dateOfBirth: string | null, on: Date): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return age;
}


export interface Describable {
  age: number | null;
  sex: string | null;
  heightCm: number | null;
  weightKg: number | null;
  hair: string | null;
  eyes: string | null;
  build: string | null;
  features: string | null;
}

/** One line a dispatcher can read over the radio: "82-year-old female, 5'4" (163 cm), 60 kg (132 lb), grey hair, ..." */
export function describe(p: Describable): string {
  const who = [p.age !== null ? `${p.age}-year-old` : null, p.sex && p.sex !== 'unknown' ? p.sex : 'person'].filter(Boolean).join(' ');
  const parts = [
    who,
    p.heightCm ? `${feetInches(p.heightCm)} (${p.heightCm} cm)` : null,
    p.weightKg ? `${p.weightKg} kg (${Math.round(p.weightKg * 2.20462)} lb)` : null,
    p.hair ? `${p.hair} hair` : null,
    p.eyes ? `${p.eyes} eyes` : null,
    p.build,
    p.features,
  ];
  return parts.filter(Boolean).join(', ');
}
